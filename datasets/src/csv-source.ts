import { closeSync } from "node:fs";
import { CsvError } from "./csv-error.ts";
import { openRegularFile, readAt } from "./read-file.ts";

/**
 * A CSV's text, read twice in pieces and never held whole: a first pass checks the bytes and counts the
 * line breaks (so the reader can allocate its arrays once, at their final size), a second pass hands the
 * decoded text over piece by piece. Memory is one piece (1 MiB by default), not the file.
 */
export interface CsvSource {
  readonly file: string;
  /**
   * Pass 1: refuses what the whole-text readers refused before any parsing (a file that grew while it
   * was read, invalid UTF-8, naming the line of the first bad byte) and measures the text.
   */
  scan(): TextShape;
  /** Pass 2: the text in order, in pieces; a leading byte-order mark is dropped as `TextDecoder` drops it. */
  pieces(each: (text: string) => void): void;
}

/** What pass 1 found: line breaks, which bound the number of rows. */
export interface TextShape {
  /** Number of "\n" in the text. */
  readonly newlines: number;
  /** Whether the text ends with "\n" (its last line is then empty). */
  readonly endsWithNewline: boolean;
}

/** How much is read and decoded at a time. */
export const CSV_CHUNK_BYTES = 1 << 20;

const LF = 10;

/** A string already in memory, handed over in slices of `chunkChars` (small in tests, to cut rows). */
export function textSource(text: string, file: string, chunkChars = CSV_CHUNK_BYTES): CsvSource {
  return {
    file,
    scan() {
      let newlines = 0;
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) newlines++;
      return { newlines, endsWithNewline: text.endsWith("\n") };
    },
    pieces(each) {
      for (let i = 0; i < text.length; i += chunkChars) each(text.slice(i, i + chunkChars));
    },
  };
}

/** Calls `each` with consecutive byte chunks of a CSV's bytes. */
type ReadChunks = (each: (bytes: Uint8Array) => void) => void;

/** UTF-8 bytes in memory, decoded a chunk at a time. */
export function bytesSource(bytes: Uint8Array, file: string, chunkBytes = CSV_CHUNK_BYTES): CsvSource {
  const read: ReadChunks = (each) => {
    for (let i = 0; i < bytes.length; i += chunkBytes) each(bytes.subarray(i, i + chunkBytes));
  };
  return decodedSource(file, read, () => {});
}

/**
 * A regular file of at most `maxBytes` bytes (see `openRegularFile` for what is refused), open while
 * `use` runs. The two passes read the same descriptor; a file that changes between them is a CsvError.
 */
export function withFileSource<T>(
  path: string,
  maxBytes: number,
  use: (source: CsvSource) => T,
  chunkBytes = CSV_CHUNK_BYTES,
): T {
  const fail = (reason: string) => new CsvError(path, reason);
  const { fd, size } = openRegularFile(path, maxBytes, fail);
  try {
    const buffer = new Uint8Array(Math.max(1, Math.min(chunkBytes, size)));
    const read: ReadChunks = (each) => {
      for (let at = 0; at < size; ) {
        const got = readAt(fd, buffer.subarray(0, Math.min(buffer.length, size - at)), at, fail);
        if (got === 0) return; // the file shrank: what was there is the text, as a whole read would have it
        each(buffer.subarray(0, got));
        at += got;
      }
    };
    // One byte past the size, as a whole read looks for it: a file that grows while it is read is refused.
    const grew = () => {
      if (readAt(fd, new Uint8Array(1), size, fail) > 0) {
        throw fail(`the file grew while it was read (it had ${size} bytes when opened)`);
      }
    };
    return use(decodedSource(path, read, grew));
  } finally {
    closeSync(fd);
  }
}

/** Bytes decoded as UTF-8 (fatal) in both passes; `afterScan` runs once the first pass has read them all. */
function decodedSource(file: string, read: ReadChunks, afterScan: () => void): CsvSource {
  let scanned: TextShape | undefined;
  return {
    file,
    scan() {
      if (scanned) return scanned;
      let newlines = 0;
      let last = -1;
      let valid = true;
      const check = new TextDecoder("utf-8", { fatal: true });
      read((chunk) => {
        for (let i = chunk.indexOf(LF); i >= 0; i = chunk.indexOf(LF, i + 1)) newlines++;
        if (chunk.length > 0) last = chunk[chunk.length - 1];
        if (valid) valid = decodes(check, chunk, true);
      });
      if (valid) valid = decodes(check, new Uint8Array(0), false);
      afterScan();
      if (!valid) throw new CsvError(file, "not valid UTF-8 text", { line: firstBadLine(read) });
      scanned = { newlines, endsWithNewline: last === LF };
      return scanned;
    },
    pieces(each) {
      const decoder = new TextDecoder("utf-8", { fatal: true });
      // Pass 1 found the bytes valid: a decoding error now means they changed in between.
      const decode = (chunk?: Uint8Array) => {
        try {
          return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
        } catch {
          throw changed(file);
        }
      };
      let newlines = 0;
      read((chunk) => {
        for (let i = chunk.indexOf(LF); i >= 0; i = chunk.indexOf(LF, i + 1)) newlines++;
        each(decode(chunk));
      });
      each(decode());
      if (scanned && newlines !== scanned.newlines) throw changed(file);
    },
  };
}

function changed(file: string): CsvError {
  return new CsvError(file, "the file changed while it was read (read it again when it is complete)");
}

/** Whether `chunk` continues valid UTF-8 (`stream`: more bytes may follow). */
function decodes(decoder: TextDecoder, chunk: Uint8Array, stream: boolean): boolean {
  try {
    decoder.decode(chunk, { stream });
    return true;
  } catch {
    return false;
  }
}

/**
 * The line of the first bad byte: the line of the first U+FFFD a lenient decoder produces (where the
 * strict one refused), counted as the whole-text decoder counted it.
 */
function firstBadLine(read: ReadChunks): number | undefined {
  const lenient = new TextDecoder("utf-8");
  let line = 1;
  let found: number | undefined;
  const scanText = (text: string) => {
    if (found !== undefined) return;
    const bad = text.indexOf("\uFFFD");
    const upTo = bad < 0 ? text.length : bad;
    for (let i = text.indexOf("\n"); i >= 0 && i < upTo; i = text.indexOf("\n", i + 1)) line++;
    if (bad >= 0) found = line;
  };
  read((chunk) => scanText(lenient.decode(chunk, { stream: true })));
  scanText(lenient.decode());
  return found;
}
