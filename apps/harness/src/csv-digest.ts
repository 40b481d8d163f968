import { createHash } from "node:crypto";
import { closeSync, fstatSync } from "node:fs";
import { CsvError, MAX_FILE_BYTES, openRegularFile, readAt } from "@arena/datasets";

/** How much of a file is hashed at a time. */
const CHUNK_BYTES = 1 << 20;

/** What identifies one version of a file without reading it: a change of content changes one of these. */
function versionOf(fd: number): string {
  const st = fstatSync(fd, { bigint: true });
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}

/** The last digest per path, with the version it was computed for. */
const digests = new Map<string, { version: string; sha256: string }>();

/**
 * The sha256 (hex) of a CSV file's content, read in chunks of 1 MiB (the file is never held whole). The
 * digest is computed again only when the file's inode, size, modification or change time differ from
 * the last time, so asking before every run costs one `fstat`. Only regular files are read (see
 * `openRegularFile`); anything else throws the loaders' CsvError.
 */
export function csvDigest(path: string, maxBytes = MAX_FILE_BYTES): string {
  const fail = (reason: string) => new CsvError(path, reason);
  const { fd, size } = openRegularFile(path, maxBytes, fail);
  try {
    const version = versionOf(fd);
    const known = digests.get(path);
    if (known?.version === version) return known.sha256;
    const hash = createHash("sha256");
    const chunk = new Uint8Array(Math.max(1, Math.min(CHUNK_BYTES, size)));
    for (let at = 0; at < size; ) {
      const got = readAt(fd, chunk.subarray(0, Math.min(chunk.length, size - at)), at, fail);
      if (got === 0) break;
      hash.update(chunk.subarray(0, got));
      at += got;
    }
    const sha256 = hash.digest("hex");
    digests.set(path, { version, sha256 });
    if (digests.size > 16) digests.delete(digests.keys().next().value as string);
    return sha256;
  } finally {
    closeSync(fd);
  }
}
