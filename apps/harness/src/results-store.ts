import {
  appendFileSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { writeAtomic } from "./write-atomic.ts";

/**
 * What the store needs to know of a record line: its run id (and, when the record has them, its config
 * hash and status), or why it cannot be read.
 */
export type LineReader = (
  line: string,
) => { ok: true; runId: string; configHash?: string; status?: string } | { ok: false; reason: string };

/** A readable line of the file. */
export interface StoredLine {
  /** 1-based line number in the file as read. */
  line: number;
  text: string;
  runId: string;
  configHash?: string;
  status?: string;
}

/** A line that cannot be read: a corrupted line, or a torn last line (a write cut short). */
export interface RejectedLine {
  line: number;
  text: string;
  reason: string;
  torn: boolean;
}

/** The file as it is, read without changing anything. */
export interface ResultsSnapshot {
  path: string;
  /** Readable lines, in file order. */
  records: StoredLine[];
  /** Unreadable lines: moved to `results.rejected.jsonl` when the store opens. */
  rejected: RejectedLine[];
  /** The last line is a complete record that only lacks its newline. */
  unterminated: boolean;
}

export interface OpenOptions {
  /**
   * Readable lines to move to `results.replaced.jsonl` before anything is appended: the records of
   * runs about to be run again (failed before, or made with other settings).
   */
  replace?: (line: StoredLine) => boolean;
}

export interface OpenedStore {
  store: ResultsStore;
  /** Run ids of the records left in the file. */
  done: Set<string>;
  /** The records left in the file, in order. */
  records: StoredLine[];
  /** How many lines moved to results.replaced.jsonl. */
  replaced: number;
  /** Human-readable notes: lines moved aside (with their line numbers), duplicated run ids. */
  warnings: string[];
}

/** The file unreadable lines move to, beside results.jsonl. */
export const REJECTED_FILE = "results.rejected.jsonl";
/** The file the records of runs run again move to, beside results.jsonl. */
export const REPLACED_FILE = "results.replaced.jsonl";

/** Appends lines to a side file and waits until they are on disk. */
function appendDurably(path: string, lines: string[]): void {
  if (lines.length === 0) return;
  appendFileSync(path, lines.map((l) => `${l}\n`).join(""));
  const fd = openSync(path, "r+");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Rewrites `path` with `lines` (see write-atomic.ts: the old file or the new one, never half a file). */
function rewriteDurably(path: string, lines: readonly StoredLine[]): void {
  writeAtomic(path, lines.map((r) => `${r.text}\n`).join(""));
}

/**
 * `DIR/results.jsonl`, append-only, one line per finished run, written by one writer (the main thread)
 * and flushed to disk line by line, so a crash or `kill -9` loses at most the line being written.
 *
 * Nothing is ever dropped silently: on open, unreadable lines (a corrupted line anywhere, a torn last
 * line left by a crash) move to `results.rejected.jsonl` with a warning naming their line numbers, and
 * the records the caller is about to replace (`replace`) move to `results.replaced.jsonl`. Both side
 * files are appended and synced first; then results.jsonl is rewritten without those lines (a temporary
 * file and a rename), so a crash in between can duplicate a line in a side file but never lose one.
 */
export class ResultsStore {
  readonly path: string;
  private fd: number;

  private constructor(path: string, fd: number) {
    this.path = path;
    this.fd = fd;
  }

  /** Reads `DIR/results.jsonl` (absent: empty) without writing anything. */
  static read(dir: string, readLine: LineReader): ResultsSnapshot {
    const path = join(dir, "results.jsonl");
    const snapshot: ResultsSnapshot = { path, records: [], rejected: [], unterminated: false };
    if (!existsSync(path)) return snapshot;
    let text = readFileSync(path, "utf8");
    if (text.startsWith("\uFEFF")) text = text.slice(1);
    const lines = text.split("\n");
    // After the last "\n" comes either "" (the file ends with a newline) or an unterminated tail.
    const last = lines.length - 1;
    lines.forEach((raw, i) => {
      const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
      if (line.trim() === "") return;
      const r = readLine(line);
      if (r.ok) {
        snapshot.records.push({
          line: i + 1,
          text: line,
          runId: r.runId,
          ...(r.configHash === undefined ? {} : { configHash: r.configHash }),
          ...(r.status === undefined ? {} : { status: r.status }),
        });
        if (i === last) snapshot.unterminated = true;
      } else snapshot.rejected.push({ line: i + 1, text: line, reason: r.reason, torn: i === last });
    });
    return snapshot;
  }

  /**
   * Opens `DIR/results.jsonl` for appending (creating DIR), after moving unreadable lines to
   * results.rejected.jsonl and the lines `replace` selects to results.replaced.jsonl.
   */
  static open(dir: string, readLine: LineReader, options: OpenOptions = {}): OpenedStore {
    mkdirSync(dir, { recursive: true });
    const snap = ResultsStore.read(dir, readLine);
    const { path } = snap;
    const warnings: string[] = [];
    const replaced = options.replace ? snap.records.filter(options.replace) : [];
    const moved = new Set(replaced);
    const kept = snap.records.filter((r) => !moved.has(r));

    for (const r of snap.rejected) {
      warnings.push(
        r.torn
          ? `${path}: moved a torn last line (${r.text.length} characters, ${r.reason}) to ${REJECTED_FILE}; its run will be run again`
          : `${path}:${r.line}: unreadable line (${r.reason}) moved to ${REJECTED_FILE}; its run will be run again`,
      );
    }
    if (snap.rejected.length > 0 || replaced.length > 0) {
      appendDurably(
        join(dir, REJECTED_FILE),
        snap.rejected.map((r) => r.text),
      );
      appendDurably(
        join(dir, REPLACED_FILE),
        replaced.map((r) => r.text),
      );
      rewriteDurably(path, kept);
      if (replaced.length > 0) {
        warnings.push(
          `${path}: moved ${replaced.length} record${replaced.length === 1 ? "" : "s"} of runs to run again to ${REPLACED_FILE}`,
        );
      }
    } else if (snap.unterminated) {
      // A complete record that only lacks its newline: keep it and finish the line.
      const fd = openSync(path, "a");
      writeSync(fd, "\n");
      fsyncSync(fd);
      closeSync(fd);
    }

    const done = new Set<string>();
    for (const r of kept) {
      if (done.has(r.runId)) warnings.push(`${path}:${r.line}: run ${r.runId} appears more than once`);
      done.add(r.runId);
    }
    const fd = openSync(path, "a");
    return { store: new ResultsStore(path, fd), done, records: kept, replaced: replaced.length, warnings };
  }

  /**
   * Puts the lines of `DIR/results.jsonl` in `rank` order (stable; lines without a rank keep their
   * order, after the others), rewritten through a temporary file and a rename. Runs are appended as they
   * finish, which is not the plan's order; this gives the file one order whatever the workers did.
   * Nothing is written when the file is in that order already or has a line `readLine` cannot read.
   * Call it with no store open on the file. Returns whether the file was rewritten.
   */
  static reorder(dir: string, readLine: LineReader, rank: (runId: string) => number | undefined): boolean {
    const snap = ResultsStore.read(dir, readLine);
    if (snap.rejected.length > 0 || snap.unterminated) return false;
    const key = (r: StoredLine) => rank(r.runId) ?? Number.POSITIVE_INFINITY;
    // Equal keys (the unranked) go by line number: they keep their file order.
    const sorted = [...snap.records].sort((a, b) => key(a) - key(b) || a.line - b.line);
    if (sorted.every((r, i) => r === snap.records[i])) return false;
    rewriteDurably(snap.path, sorted);
    return true;
  }

  /** Appends one line (the caller serialises; no newline inside) and waits until it is on disk. */
  append(line: string): void {
    if (line.includes("\n")) throw new Error("ResultsStore.append: a record line must not contain a newline");
    const buf = Buffer.from(`${line}\n`, "utf8");
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
    fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}
