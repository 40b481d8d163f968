import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  truncateSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";

/** What the store needs to know of a record line: its run id, or why it cannot be read. */
export type LineReader = (line: string) => { ok: true; runId: string } | { ok: false; reason: string };

export interface OpenedStore {
  store: ResultsStore;
  /** Run ids already in the file: a rerun skips them. */
  done: Set<string>;
  /** Human-readable notes: a torn tail dropped, unreadable lines kept but ignored. */
  warnings: string[];
}

/**
 * `DIR/results.jsonl`, append-only, one line per finished run, written by one writer (the main thread)
 * and flushed to disk line by line, so a crash or `kill -9` loses at most the line being written. On
 * open, a torn last line (no trailing newline) is cut off the file with a warning; the run it belonged
 * to is simply run again.
 */
export class ResultsStore {
  readonly path: string;
  private fd: number;

  private constructor(path: string, fd: number) {
    this.path = path;
    this.fd = fd;
  }

  static open(dir: string, readLine: LineReader): OpenedStore {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, "results.jsonl");
    const done = new Set<string>();
    const warnings: string[] = [];
    if (existsSync(path)) {
      const text = readFileSync(path, "utf8");
      const lastNewline = text.lastIndexOf("\n");
      const tail = text.slice(lastNewline + 1);
      if (tail.length > 0) {
        const r = readLine(tail);
        if (r.ok) {
          // A complete record that only lacks its newline: keep it and finish the line.
          done.add(r.runId);
          const fd = openSync(path, "a");
          writeSync(fd, "\n");
          fsyncSync(fd);
          closeSync(fd);
        } else {
          truncateSync(path, Buffer.byteLength(text.slice(0, lastNewline + 1), "utf8"));
          warnings.push(
            `${path}: dropped a torn last line (${tail.length} characters, ${r.reason}); its run will be run again`,
          );
        }
      }
      const lines = text.slice(0, lastNewline + 1).split("\n");
      lines.forEach((line, i) => {
        if (line.trim() === "") return;
        const r = readLine(line);
        if (r.ok) {
          if (done.has(r.runId)) warnings.push(`${path}:${i + 1}: run ${r.runId} appears more than once`);
          done.add(r.runId);
        } else {
          warnings.push(`${path}:${i + 1}: unreadable line ignored (${r.reason}); its run will be run again`);
        }
      });
    }
    const fd = openSync(path, "a");
    return { store: new ResultsStore(path, fd), done, warnings };
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
