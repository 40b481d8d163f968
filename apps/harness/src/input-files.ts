import { accessSync, constants, realpathSync, type Stats, statfsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileKind, readRegularFile } from "@arena/datasets";
import { quote, UsageError } from "./usage-error.ts";

/**
 * The files and folders a user points the `arena` command at, checked before anything is read or
 * written, so that a bad path is a one-line usage error (exit 2) instead of a hang, a crash or a
 * half-written folder:
 *
 * - an input (a suite, a results file for `report`/`merge`/`dashboard`, a report.json) must be a regular
 *   file within a size limit. The check is a `stat` before any `open`, so a FIFO with no writer, a
 *   device such as /dev/zero or /dev/urandom, a socket or a directory is refused without blocking;
 *   files of /proc, /sys and /dev (and of procfs, sysfs and similar pseudo file systems mounted
 *   elsewhere), whose reported size says nothing about what a read returns, are refused too. The open
 *   itself is non-blocking and reads at most the limit plus one byte, in case the file changed.
 * - an output folder (`--out`, `report DIR`) must be a folder or creatable as one: not a file, not under
 *   /proc, /sys or /dev, writable, with a path within the system's limits; nothing is created here.
 */

const MiB = 1024 * 1024;

/** The largest suite file read (64 MiB): a suite is a few kilobytes; this only stops runaway input. */
export const SUITE_MAX_BYTES = 64 * MiB;

/**
 * The largest results file read (512 MiB minus 64 bytes, about a hundred thousand records with full
 * traces): a results file is read as one string, and V8 cannot hold a string longer than 2^29 − 24
 * characters, so a larger file could not be read at all.
 */
export const RESULTS_MAX_BYTES = 512 * MiB - 64;

/** The largest report.json read (64 MiB). */
export const REPORT_MAX_BYTES = 64 * MiB;

/** The longest path accepted, in bytes (Linux's PATH_MAX). */
export const MAX_PATH_BYTES = 4096;

/** The longest single file or folder name accepted, in bytes (NAME_MAX). */
export const MAX_NAME_BYTES = 255;

/** Folders of special files: never read from, never written to. */
const SYSTEM_ROOTS = ["/proc", "/sys", "/dev"];

/** Pseudo file systems (statfs magic numbers) whose files are not data files. */
const PSEUDO_FILE_SYSTEMS: Record<number, string> = {
  40864: "procfs",
  1650812274: "sysfs",
  7377: "devpts",
  1684170528: "debugfs",
  1953653091: "tracefs",
  1935894131: "securityfs",
  2613483: "cgroupfs",
  1667723888: "cgroup2fs",
  3405662737: "bpffs",
  1650812272: "configfs",
  1634035564: "pstorefs",
  3730735588: "efivarfs",
};

/** An errno, in words. */
function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  const words: Record<string, string> = {
    ENOENT: "no such file or folder",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    ENOTDIR: "a part of the path is not a folder",
    EISDIR: "it is a folder",
    ENAMETOOLONG: "the path is too long",
    ELOOP: "too many symbolic links",
    EROFS: "read-only file system",
    EIO: "input/output error",
    ENXIO: "no such device",
    EAGAIN: "it would block",
  };
  if (code && words[code]) return `${words[code]} (${code})`;
  return code ?? (e instanceof Error ? e.message : String(e));
}

/** `1.5 MiB`, `64 MiB`, `12 bytes`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < MiB) return `${(n / 1024).toFixed(1).replace(/\.0$/, "")} KiB`;
  if (n < 1024 * MiB) return `${(n / MiB).toFixed(1).replace(/\.0$/, "")} MiB`;
  return `${(n / (1024 * MiB)).toFixed(2).replace(/\.?0+$/, "")} GiB`;
}

/** The system folder `path` (absolute) lies in, if any. */
function systemRoot(path: string): string | undefined {
  return SYSTEM_ROOTS.find((root) => path === root || path.startsWith(`${root}/`));
}

/** The pseudo file system `path` lies on, if any (undefined when unknown or not a pseudo file system). */
function pseudoFileSystem(path: string): string | undefined {
  try {
    return PSEUDO_FILE_SYSTEMS[statfsSync(path).type];
  } catch {
    return undefined;
  }
}

/** `realpath`, or the path itself when it cannot be resolved. */
function realOr(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}

/**
 * Checks the text of a path given on the command line or in a file: a non-empty string, no NUL
 * character, within the system's length limits (also once made absolute). Returns the absolute path.
 */
export function checkPathText(path: unknown, what: string): string {
  if (typeof path !== "string") throw new UsageError(`${what}: expected a path, got ${typeof path}`);
  if (path === "") throw new UsageError(`${what} is empty; give a path`);
  if (path.includes("\0")) throw new UsageError(`${what} ${quote(path)} contains a NUL character`);
  const abs = resolve(path);
  for (const p of [path, abs]) {
    const bytes = Buffer.byteLength(p);
    if (bytes > MAX_PATH_BYTES) {
      throw new UsageError(
        `${what} ${quote(path)} is ${bytes} bytes long${p === abs && p !== path ? " as an absolute path" : ""}; paths are limited to ${MAX_PATH_BYTES} bytes`,
      );
    }
  }
  for (const name of abs.split("/")) {
    const bytes = Buffer.byteLength(name);
    if (bytes > MAX_NAME_BYTES) {
      throw new UsageError(
        `${what} ${quote(path)} has a name of ${bytes} bytes (${quote(name, 40)}); names are limited to ${MAX_NAME_BYTES} bytes`,
      );
    }
  }
  return abs;
}

/** What {@link readInputFile} is reading, for its messages and limit. */
export interface InputKind {
  /** e.g. "suite file", "results file". */
  what: string;
  maxBytes: number;
}

export const SUITE_FILE: InputKind = { what: "suite file", maxBytes: SUITE_MAX_BYTES };
export const RESULTS_FILE: InputKind = { what: "results file", maxBytes: RESULTS_MAX_BYTES };
export const REPORT_FILE: InputKind = { what: "report file", maxBytes: REPORT_MAX_BYTES };

/**
 * Checks that `path` names a regular data file of at most `kind.maxBytes` bytes, without opening it;
 * returns its absolute path and `stat`. Throws a one-line UsageError otherwise.
 */
export function checkInputFile(path: string, kind: InputKind): { abs: string; stat: Stats } {
  const abs = checkPathText(path, kind.what);
  const cannot = (why: string) => new UsageError(`cannot read ${kind.what} ${quote(path)}: ${why}`);
  let st: Stats;
  try {
    st = statSync(abs);
  } catch (e) {
    throw cannot(errnoText(e));
  }
  if (!st.isFile()) throw cannot(`it is ${fileKind(st)}; give a regular file`);
  const real = realOr(abs);
  const root = systemRoot(real) ?? systemRoot(abs);
  if (root) throw cannot(`it is under ${root}, a folder of special files; copy it to a regular file first`);
  const fs = pseudoFileSystem(real);
  if (fs) throw cannot(`it is on ${fs}, a file system of special files; copy it to a regular file first`);
  if (st.size > kind.maxBytes) {
    throw cannot(
      `it is ${formatBytes(st.size)}, more than the limit of ${formatBytes(kind.maxBytes)} for a ${kind.what}`,
    );
  }
  return { abs, stat: st };
}

/**
 * Reads an input file's bytes after {@link checkInputFile}, through the datasets' reader of regular
 * files (opened non-blocking and checked again on the descriptor, so a file swapped for a FIFO after the
 * check cannot block; read up to the limit, refused when it grows past it).
 */
export function readInputFile(path: string, kind: InputKind): Buffer {
  const { abs } = checkInputFile(path, kind);
  const bytes = readRegularFile(
    abs,
    kind.maxBytes,
    (why) => new UsageError(`cannot read ${kind.what} ${quote(path)}: ${why}`),
  );
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const BOM = [0xef, 0xbb, 0xbf];

/**
 * Reads an input file as text: a UTF-8 byte order mark at the start is dropped. With `strict`, bytes that
 * are not UTF-8 are an error (a UTF-16 file is named as such); otherwise they become U+FFFD.
 */
export function readInputText(path: string, kind: InputKind, strict = false): string {
  const bytes = readInputFile(path, kind);
  const start = bytes.length >= 3 && BOM.every((b, i) => bytes[i] === b) ? 3 : 0;
  const body = bytes.subarray(start);
  if (!strict) return body.toString("utf8");
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    throw new UsageError(
      `cannot read ${kind.what} ${quote(path)}: it is not UTF-8 text${utf16 ? " (it looks like UTF-16; save it as UTF-8)" : ""}`,
    );
  }
}

/** Options of {@link checkOutputDir}. */
export interface OutputDirOptions {
  /** The folder must exist already (e.g. `arena report DIR`). */
  mustExist?: boolean;
}

/**
 * Checks a folder the command is about to write into, creating nothing: the path's text (non-empty,
 * within length limits), not under /proc, /sys or /dev nor on a pseudo file system, and either an
 * existing writable folder or creatable (its nearest existing ancestor is a writable folder). A
 * `results.jsonl` already inside must be a regular file within {@link RESULTS_MAX_BYTES}, since a run
 * resumes from it. Returns the absolute path.
 */
export function checkOutputDir(path: unknown, what: string, options: OutputDirOptions = {}): string {
  const abs = checkPathText(path, what);
  const shown = quote(path as string);
  const bad = (why: string) => new UsageError(`${what} ${shown}: ${why}`);
  const root = systemRoot(abs);
  if (root) throw bad(`cannot write under ${root}, a folder of special files`);
  // The nearest ancestor that exists (the folder itself when it does).
  let existing = abs;
  let st: Stats | undefined;
  for (;;) {
    try {
      st = statSync(existing);
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") throw bad(errnoText(e));
    }
    const parent = dirname(existing);
    if (parent === existing) throw bad("no part of the path exists");
    existing = parent;
  }
  if (existing !== abs && options.mustExist) throw bad("no such folder");
  if (!st.isDirectory()) {
    throw bad(
      existing === abs
        ? `it is ${fileKind(st)}, not a folder`
        : `${quote(existing)} is ${fileKind(st)}, not a folder`,
    );
  }
  const real = realOr(existing);
  const realRoot = systemRoot(real);
  if (realRoot) throw bad(`it leads under ${realRoot}, a folder of special files`);
  const fs = pseudoFileSystem(existing);
  if (fs) throw bad(`it is on ${fs}, a file system of special files`);
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
  } catch (e) {
    throw bad(`${existing === abs ? "the folder" : quote(existing)} is not writable: ${errnoText(e)}`);
  }
  if (existing === abs) {
    const results = join(abs, "results.jsonl");
    let rs: Stats | undefined;
    try {
      rs = statSync(results);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw bad(`results.jsonl: ${errnoText(e)}`);
    }
    if (rs && !rs.isFile()) throw bad(`its results.jsonl is ${fileKind(rs)}, not a regular file`);
    if (rs && rs.size > RESULTS_MAX_BYTES) {
      throw bad(
        `its results.jsonl is ${formatBytes(rs.size)}, more than the limit of ${formatBytes(RESULTS_MAX_BYTES)}; use a new folder`,
      );
    }
  }
  return abs;
}
