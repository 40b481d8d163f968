import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";

/** The largest file the loaders read unless told otherwise (`maxBytes`): 256 MiB. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/**
 * The largest `maxBytes` allowed: a file is decoded into one string, and V8's longest string has
 * 2^29 − 24 characters.
 */
export const MAX_FILE_BYTES_LIMIT = 2 ** 29 - 24;

/** What a `stat` says a path is, in words: "a directory", "a FIFO (named pipe)", … */
export function fileKind(st: Stats): string {
  if (st.isFile()) return "a regular file";
  if (st.isDirectory()) return "a directory";
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "a special file";
}

/** A regular file opened for reading: its descriptor and its size when opened. */
export interface OpenedFile {
  readonly fd: number;
  readonly size: number;
}

/**
 * Opens a regular file of at most `maxBytes` bytes, or throws the error `fail(reason)` makes (a CsvError,
 * a DataFileError). Anything else is refused before a byte is read, so a directory, a FIFO without a
 * writer, `/dev/zero` or `/dev/urandom` never hangs or fills memory: the file is opened non-blocking (an
 * open FIFO does not wait for a writer), and the opened descriptor is checked (fstat), so nothing can be
 * swapped in between the check and the read. The caller closes `fd`.
 */
export function openRegularFile(path: string, maxBytes: number, fail: (reason: string) => Error): OpenedFile {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw fail(`cannot read the file (${(e as Error).message})`);
  }
  try {
    let st: Stats;
    try {
      st = fstatSync(fd);
    } catch (e) {
      throw fail(`cannot read the file (${(e as Error).message})`);
    }
    if (!st.isFile()) throw fail(`${fileKind(st)}, not a regular file; only regular files are read`);
    if (st.size > maxBytes) {
      throw fail(`the file has ${st.size} bytes, more than the limit of ${maxBytes} (maxBytes)`);
    }
    return { fd, size: st.size };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/** Reads into `into` from byte `position` until it is full or the file ends; the bytes read. */
export function readAt(
  fd: number,
  into: Uint8Array,
  position: number,
  fail: (reason: string) => Error,
): number {
  let got = 0;
  try {
    while (got < into.length) {
      const k = readSync(fd, into, got, into.length - got, position + got);
      if (k === 0) break;
      got += k;
    }
  } catch (e) {
    throw fail(`cannot read the file (${(e as Error).message})`);
  }
  return got;
}

/**
 * The bytes of a regular file of at most `maxBytes` bytes, or the error `fail(reason)` makes; see
 * `openRegularFile` for what is refused before a byte is read. A file that grows past its size while
 * being read is refused too.
 */
export function readRegularFile(path: string, maxBytes: number, fail: (reason: string) => Error): Uint8Array {
  const { fd, size } = openRegularFile(path, maxBytes, fail);
  try {
    // One byte more than the size, to notice a file that grows while it is read.
    const bytes = new Uint8Array(size + 1);
    const got = readAt(fd, bytes, 0, fail);
    if (got > size) throw fail(`the file grew while it was read (it had ${size} bytes when opened)`);
    return bytes.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}
