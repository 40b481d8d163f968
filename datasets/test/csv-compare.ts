import { parseOptions } from "@arena/options";
import { expect } from "vitest";
import { readCsvSeries } from "../src/csv-series-reader.ts";
import { bytesSource, type CsvSource, textSource } from "../src/csv-source.ts";
import { readCsvTable } from "../src/csv-table-reader.ts";
import { CsvError, csvOptions, seriesCsvOptions } from "../src/index.ts";
import { referenceDecode, referenceSeries, referenceTable } from "./csv-reference.ts";

/** What reading gave: a table or series as plain data (typed arrays as bytes), or the CsvError's fields. */
export type Outcome = { ok: true; value: unknown } | { ok: false; error: Record<string, unknown> };

/** Typed arrays as their exact bytes, so -0 and every float bit count. */
function plain(v: unknown): unknown {
  if (ArrayBuffer.isView(v)) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("hex");
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

/** Runs `read`, turning a CsvError into its fields; any other exception propagates. */
export function outcome(read: () => unknown): Outcome {
  try {
    return { ok: true, value: plain(read()) };
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const { message, file, line, column, columnName, value, reason } = e;
    return { ok: false, error: { message, file, line, column, columnName, value, reason } };
  }
}

/** Table options as `parseCsv` resolves them. */
export const tableOptions = (o: Record<string, unknown>) => parseOptions("parseCsv", csvOptions, o);
/** Series options as `parseSeriesCsv` resolves them. */
export const seriesOptions = (o: Record<string, unknown>) =>
  parseOptions("parseSeriesCsv", seriesCsvOptions, o);

/**
 * The sources a text can be streamed from, cut into pieces of `chunk`, each with the text the old reader
 * saw: the text itself, and its UTF-8 bytes (which the old reader decoded whole first: `TextDecoder`
 * drops a leading byte-order mark, and the grid then drops one more).
 */
export function sourcesOf(text: string, file: string, chunk: number): [CsvSource, string][] {
  const bytes = new TextEncoder().encode(text);
  return [
    [textSource(text, file, chunk), text],
    [bytesSource(bytes, file, chunk), referenceDecode(bytes, file)],
  ];
}

/** The old reader's outcome for `text` as a table, and the streaming reader's for every source and chunk. */
export function expectSameTable(
  text: string,
  options: Record<string, unknown>,
  chunks: readonly number[],
  file = "t.csv",
): Outcome {
  const o = tableOptions(options);
  const want = outcome(() => referenceTable(text, o, file));
  for (const chunk of chunks) {
    for (const [source, seen] of sourcesOf(text, file, chunk)) {
      const expected = seen === text ? want : outcome(() => referenceTable(seen, o, file));
      expect(
        outcome(() => readCsvTable(source, o)),
        `chunk ${chunk}: ${JSON.stringify(text)}`,
      ).toEqual(expected);
    }
  }
  return want;
}

/** `expectSameTable` for a series column. */
export function expectSameSeries(
  text: string,
  options: Record<string, unknown>,
  chunks: readonly number[],
  file = "s.csv",
): Outcome {
  const o = seriesOptions(options);
  const want = outcome(() => referenceSeries(text, o, file));
  for (const chunk of chunks) {
    for (const [source, seen] of sourcesOf(text, file, chunk)) {
      const expected = seen === text ? want : outcome(() => referenceSeries(seen, o, file));
      expect(
        outcome(() => readCsvSeries(source, o)),
        `chunk ${chunk}: ${JSON.stringify(text)}`,
      ).toEqual(expected);
    }
  }
  return want;
}

/** The old and the streaming reader over raw bytes (which may be invalid UTF-8). */
export function expectSameBytes(
  bytes: Uint8Array,
  options: Record<string, unknown>,
  chunks: readonly number[],
  file = "b.csv",
): Outcome {
  const o = tableOptions(options);
  const want = outcome(() => referenceTable(referenceDecode(bytes, file), o, file));
  for (const chunk of chunks) {
    expect(
      outcome(() => readCsvTable(bytesSource(bytes, file, chunk), o)),
      `chunk ${chunk}`,
    ).toEqual(want);
  }
  return want;
}
