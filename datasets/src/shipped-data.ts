import { charVocabulary } from "./char-windows.ts";
import {
  type CsvOptions,
  type CsvSeries,
  type CsvTable,
  decodeCsvBytes,
  parseCsvBytes,
  parseSeriesCsv,
} from "./csv.ts";
import { type DataFileName, dataFilePath, readDataFile } from "./data-files.ts";

/**
 * The shipped data files, parsed. Each file is verified (sha256) and parsed once per process and then
 * shared, so the returned arrays must be treated as read-only; the problem loaders copy rows out of them.
 */

const tables = new Map<DataFileName, CsvTable>();

function shippedTable(name: DataFileName, options: CsvOptions): CsvTable {
  let t = tables.get(name);
  if (!t) {
    t = parseCsvBytes(readDataFile(name), options, dataFilePath(name));
    tables.set(name, t);
  }
  return t;
}

/** Fisher's iris: 150 × 4 (cm), classes setosa, versicolor, virginica. */
export function irisTable(): CsvTable {
  return shippedTable("iris.csv", { task: "classification", label: "species" });
}

/** UCI wine: 178 × 13, three cultivars. */
export function wineTable(): CsvTable {
  return shippedTable("wine_data.csv", { task: "classification", label: "class" });
}

/** UCI optdigits training set: 3823 × 64 pixels (0..16), digits 0..9 (30 writers). */
export function optdigitsTrainTable(): CsvTable {
  return shippedTable("optdigits_train.csv", { task: "classification", label: "label" });
}

/** UCI optdigits test set: 1797 × 64 (13 other writers; identical to digits.csv and sklearn's load_digits). */
export function optdigitsTestTable(): CsvTable {
  return shippedTable("optdigits_test.csv", { task: "classification", label: "label" });
}

/** Olivetti faces at 16×16 or 32×32: 400 × side² pixels in [0, 1], persons 0..39 (10 images each). */
export function facesTable(size: 16 | 32): CsvTable {
  return size === 16
    ? shippedTable("faces_olivetti_16.csv", { task: "classification", label: "person" })
    : shippedTable("faces_olivetti_32.csv", { task: "classification", label: "person" });
}

/** Efron et al. diabetes: 442 × 10 raw features, target = disease progression after one year. */
export function diabetesTable(): CsvTable {
  return shippedTable("diabetes.csv", { task: "regression", label: "target" });
}

let airline: CsvSeries | undefined;

/** Box & Jenkins airline passengers: 144 monthly totals (thousands), 1949-01 to 1960-12. */
export function airlineSeries(): CsvSeries {
  if (!airline) {
    const path = dataFilePath("airline_passengers.csv");
    airline = parseSeriesCsv(
      decodeCsvBytes(readDataFile("airline_passengers.csv"), path),
      { column: "passengers" },
      path,
    );
  }
  return airline;
}

let shakespeare: string | undefined;

/** Tiny Shakespeare (Karpathy's char-rnn): 1,115,394 ASCII characters. */
export function shakespeareText(): string {
  if (shakespeare === undefined) {
    shakespeare = decodeCsvBytes(readDataFile("tinyshakespeare.txt"), dataFilePath("tinyshakespeare.txt"));
  }
  return shakespeare;
}

let shakespeareVocab: readonly string[] | undefined;

/** The 65 distinct characters of Tiny Shakespeare, sorted by code point (computed once). */
export function shakespeareVocabulary(): readonly string[] {
  if (!shakespeareVocab) shakespeareVocab = Object.freeze(charVocabulary(shakespeareText()));
  return shakespeareVocab;
}
