/**
 * A strict RFC 4180 reader for the tests: fields separated by commas, lines by "\n", a quoted field may
 * hold commas, line breaks and doubled quotes. Throws on a stray quote, so a quoting mistake of the
 * writer fails the test instead of being read leniently. (The harness's end-to-end test reads its exports
 * with csv-parse, an independent implementation.)
 */
export function readCsv(text: string): string[][] {
  if (!text.endsWith("\n")) throw new Error("the file does not end with a line break");
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error("unterminated quoted field");
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      const end = text.slice(i).search(/[,\n]/);
      field = text.slice(i, i + end);
      if (field.includes('"') || field.includes("\r")) throw new Error(`unquoted field ${field}`);
      i += end;
    }
    row.push(field);
    const sep = text[i++];
    if (sep === "\n") {
      rows.push(row);
      row = [];
    } else if (sep !== ",") throw new Error(`expected a comma or a line break after ${field}`);
  }
  return rows;
}

/** A CSV field read back as a number: `Inf`, `-Inf`, `NaN` included; undefined when empty. */
export function numberOf(field: string): number | undefined {
  if (field === "") return undefined;
  if (field === "Inf") return Number.POSITIVE_INFINITY;
  if (field === "-Inf") return Number.NEGATIVE_INFINITY;
  const x = Number(field);
  if (Number.isNaN(x) && field !== "NaN") throw new Error(`not a number: ${field}`);
  return x;
}

/** The rows of a CSV text as objects keyed by its header. */
export function csvObjects(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...rows] = readCsv(text);
  return {
    header,
    rows: rows.map((r) => {
      if (r.length !== header.length)
        throw new Error(`row of ${r.length} fields, header of ${header.length}`);
      return Object.fromEntries(header.map((h, i) => [h, r[i]]));
    }),
  };
}
