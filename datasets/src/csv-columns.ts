import { CsvError } from "./csv-error.ts";

/** Finds a column by "first"/"last"/name/index, or throws a CsvError listing the columns. */
export function findColumn(
  header: readonly string[],
  which: string | number,
  file: string,
  what: string,
): number {
  const list = header.map((h) => JSON.stringify(h)).join(", ");
  if (typeof which === "number") {
    if (which >= 0 && which < header.length) return which;
    throw new CsvError(
      file,
      `${what} column index ${which} is outside 0..${header.length - 1}; columns: ${list}`,
      {
        line: 1,
      },
    );
  }
  const byName = header.indexOf(which);
  const byPos = which === "last" ? header.length - 1 : which === "first" ? 0 : -1;
  if (byPos >= 0 && byName >= 0 && byName !== byPos) {
    throw new CsvError(
      file,
      `${what} "${which}" is ambiguous: column ${byName + 1} is named "${which}"; pass the index ${byName} or ${byPos}`,
      { line: 1 },
    );
  }
  if (byPos >= 0) return byPos;
  if (byName >= 0) return byName;
  throw new CsvError(file, `no ${what} column "${which}"; columns: ${list}`, { line: 1 });
}

/** Which columns of a table are the label and the features (0-based, in file order). */
export interface TableColumns {
  readonly label: number;
  readonly features: readonly number[];
}

/**
 * The label column, and the feature columns: every other column not ignored. A label, an ignored column
 * that does not exist, an ignored label, or no feature left is a CsvError.
 */
export function tableColumns(
  header: readonly string[],
  choice: { readonly label: string | number; readonly ignore: readonly string[] },
  file: string,
): TableColumns {
  const label = findColumn(header, choice.label, file, "label");
  const ignored = new Set<number>();
  for (const name of choice.ignore) {
    const j = header.indexOf(name);
    if (j < 0) {
      throw new CsvError(
        file,
        `cannot ignore column "${name}": no such column; columns: ${header.join(", ")}`,
        { line: 1 },
      );
    }
    if (j === label)
      throw new CsvError(file, `the label column "${name}" cannot also be ignored`, { line: 1 });
    ignored.add(j);
  }
  const features: number[] = [];
  for (let j = 0; j < header.length; j++) if (j !== label && !ignored.has(j)) features.push(j);
  if (features.length === 0) {
    throw new CsvError(file, `no feature columns left besides the label "${header[label]}"`, { line: 1 });
  }
  return { label, features };
}
