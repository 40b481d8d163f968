import { parseOptions } from "@arena/options";
import * as z from "zod";
import { CsvError } from "./csv-error.ts";

/** A CSV field separator: one character other than a quote or a line break. */
export const csvDelimiter = z
  .string()
  .length(1, "expected one character")
  .refine(
    (d) => d !== '"' && d !== "\n" && d !== "\r",
    "expected a character other than a quote or a line break",
  );

const gridOptions = z.strictObject({ delimiter: csvDelimiter });

/** A CSV split into fields: the header and the data rows with their physical line numbers. */
export interface CsvGrid {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** 1-based line number of each data row. */
  readonly lines: Int32Array;
}

/** Fields of one line. Quoted fields follow RFC 4180 ("" inside quotes is one quote) but may not span lines. */
export function splitFields(line: string, delim: string, file: string, lineNo: number): string[] {
  if (!line.includes('"')) return line.split(delim).map((f) => f.trim());
  const fields: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    while (i < n && (line[i] === " " || line[i] === "\t") && line[i] !== delim) i++;
    const col = fields.length + 1;
    if (line[i] === '"') {
      let value = "";
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) {
          throw new CsvError(file, "unterminated quoted field (quoted fields may not span lines)", {
            line: lineNo,
            column: col,
            value: line.slice(i),
          });
        }
        value += line.slice(j, q);
        if (line[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      while (i < n && (line[i] === " " || line[i] === "\t") && line[i] !== delim) i++;
      fields.push(value);
      if (i >= n) return fields;
      if (line[i] !== delim) {
        throw new CsvError(file, "unexpected text after a closing quote", {
          line: lineNo,
          column: col,
          value: line.slice(i, i + 20),
        });
      }
      i++;
      if (i >= n) {
        fields.push("");
        return fields;
      }
    } else {
      const k = line.indexOf(delim, i);
      const raw = line.slice(i, k < 0 ? n : k);
      if (raw.includes('"')) {
        throw new CsvError(
          file,
          'stray quote inside an unquoted field (quote the whole field and double inner quotes "")',
          {
            line: lineNo,
            column: col,
            value: raw,
          },
        );
      }
      fields.push(raw.trim());
      if (k < 0) return fields;
      i = k + 1;
      if (i >= n) {
        fields.push("");
        return fields;
      }
    }
  }
}

/** The header line's column names; empty or duplicate names are a CsvError naming the column. */
export function readHeader(line: string, delimiter: string, file: string): string[] {
  const header = splitFields(line, delimiter, file, 1);
  const seen = new Map<string, number>();
  header.forEach((name, j) => {
    if (name === "") throw new CsvError(file, "empty column name in the header", { line: 1, column: j + 1 });
    const prev = seen.get(name);
    if (prev !== undefined) {
      throw new CsvError(file, `duplicate column name (also column ${prev + 1})`, {
        line: 1,
        column: j + 1,
        value: name,
      });
    }
    seen.set(name, j);
  });
  return header;
}

/**
 * Splits CSV text into a header and rows of fields. Accepts a UTF-8 byte-order mark, LF or CRLF line
 * endings, blank lines at the end, spaces around fields and quoted fields on one line. Rejects, with a
 * CsvError naming file and line: an empty file, a header with empty or duplicate names, a header without
 * data rows, blank lines inside the table, lone CR line breaks and rows whose field count differs from
 * the header's.
 */
export function readCsvGrid(text: string, file: string, delimiter = ","): CsvGrid {
  parseOptions("readCsvGrid", gridOptions, { delimiter });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const raw = body.split("\n");
  let last = raw.length - 1;
  while (last >= 0 && raw[last].trim() === "") last--;
  if (last < 0)
    throw new CsvError(file, "the file is empty (expected a header line and data rows)", { line: 1 });
  const lines: string[] = new Array(last + 1);
  for (let i = 0; i <= last; i++) {
    const l = raw[i];
    const s = l.endsWith("\r") ? l.slice(0, -1) : l;
    if (s.includes("\r")) {
      throw new CsvError(file, "carriage return inside a line (use LF or CRLF line endings)", {
        line: i + 1,
        value: s,
      });
    }
    if (s.trim() === "") {
      throw new CsvError(
        file,
        i === 0 ? "the first line is empty (expected the header)" : "empty line inside the table",
        {
          line: i + 1,
        },
      );
    }
    lines[i] = s;
  }
  const header = readHeader(lines[0], delimiter, file);
  if (lines.length < 2) throw new CsvError(file, "the file has a header but no data rows", { line: 1 });
  const rows: string[][] = new Array(lines.length - 1);
  const lineNumbers = new Int32Array(lines.length - 1);
  for (let i = 1; i < lines.length; i++) {
    const fields = splitFields(lines[i], delimiter, file, i + 1);
    if (fields.length !== header.length) {
      throw new CsvError(file, `row has ${fields.length} fields, the header has ${header.length}`, {
        line: i + 1,
        value: lines[i],
      });
    }
    rows[i - 1] = fields;
    lineNumbers[i - 1] = i + 1;
  }
  return { header, rows, lines: lineNumbers };
}
