import { CsvError } from "./csv-error.ts";
import { isNumberText } from "./csv-number.ts";

/** The most distinct labels a classification table may have unless `maxClasses` says otherwise. */
export const MAX_CLASSES = 1000;

/**
 * Numeric class labels look continuous (a regression target read as classes) when more than this many
 * distinct values occur and they are more than half the rows; `maxClasses` set explicitly accepts them.
 */
export const CONTINUOUS_LABEL_VALUES = 20;

/**
 * A label column as its distinct texts, in order of first appearance, and one text id per row: a
 * table of many rows and few classes keeps a few strings, not one per row.
 */
export class LabelTexts {
  readonly texts: string[] = [];
  private readonly index = new Map<string, number>();

  /** The id of `text`, new if it has not been seen. */
  id(text: string): number {
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.texts.length;
      this.texts.push(text);
      this.index.set(text, i);
    }
    return i;
  }
}

/** Where the label column is, for the messages. */
interface LabelColumn {
  readonly file: string;
  readonly columnName: string;
  readonly column: number;
}

/**
 * Maps label texts to class indices. If every label is a number the classes are ordered numerically (so
 * "2" < "10" and "1.0" is the same class as "1"), otherwise by code point; a class is named by its
 * first spelling in the file. Labels that look like a numeric target are refused (see `parseCsv`).
 * `texts` are the distinct labels in order of first appearance and `ids[r]` row r's, as `LabelTexts`
 * collects them.
 */
export function encodeClasses(
  texts: readonly string[],
  ids: Int32Array,
  where: LabelColumn,
  maxClasses: number | undefined,
): { labels: Int32Array; classes: string[] } {
  const numeric = texts.every(isNumberText);
  const keyOf = numeric ? (s: string) => String(Number(s)) : (s: string) => s;
  const firstSpelling = new Map<string, string>();
  for (const s of texts) {
    const key = keyOf(s);
    if (!firstSpelling.has(key)) firstSpelling.set(key, s);
  }
  const k = firstSpelling.size;
  const n = ids.length;
  const { file, columnName, column } = where;
  const at = { column, columnName };
  if (k > (maxClasses ?? MAX_CLASSES)) {
    throw new CsvError(
      file,
      `${k} distinct labels, more than maxClasses = ${maxClasses ?? MAX_CLASSES}; for a numeric target use task: "regression", or raise maxClasses if these really are ${k} classes`,
      at,
    );
  }
  if (maxClasses === undefined && numeric && k > CONTINUOUS_LABEL_VALUES && k > n / 2) {
    throw new CsvError(
      file,
      `the labels look continuous: all ${n} are numbers and ${k} of them distinct (more than ${CONTINUOUS_LABEL_VALUES}, and more than half the rows); for a numeric target use task: "regression", or set maxClasses (>= ${k}) if these really are ${k} classes`,
      at,
    );
  }
  const keys = [...firstSpelling.keys()].sort(
    numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  );
  if (keys.length < 2) {
    throw new CsvError(file, "only one class; classification needs at least 2", { ...at, value: texts[0] });
  }
  const index = new Map(keys.map((key, i) => [key, i]));
  const classOfText = texts.map((s) => index.get(keyOf(s)) as number);
  const labels = new Int32Array(n);
  for (let r = 0; r < n; r++) labels[r] = classOfText[ids[r]];
  return { labels, classes: keys.map((key) => firstSpelling.get(key) as string) };
}
