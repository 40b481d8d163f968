/**
 * `memory-csv`: writes a numeric CSV of R rows × C feature columns and a class label, seeded, for the
 * memory benchmark (`memory-bench.ts`). Features are standard normal to 4 decimals; the label (3 classes)
 * is the tercile of a fixed linear score plus noise, so the learners have something to learn and no two
 * rows are duplicates in practice. The file is written in blocks of rows, so writing it takes little
 * memory itself.
 *
 * Usage: `npx tsx src/memory-csv.ts --rows 200000 --cols 20 --out /tmp/mem-200k.csv`
 */

import { closeSync, openSync, writeSync } from "node:fs";
import { Rng } from "@arena/rng";
import { isMain } from "./index.ts";
import { parseCli, UsageError } from "./runner/parse-cli.ts";

/** The shape and seed of a generated CSV. */
export interface MemoryCsvShape {
  readonly rows: number;
  readonly cols: number;
  readonly seed?: string;
}

/** Rows per write: big enough that writes are few, small enough that the block is a few MB at most. */
const BLOCK_ROWS = 2048;

/** The CSV's header line: `x1,…,xC,label`. */
function headerLine(cols: number): string {
  return `${Array.from({ length: cols }, (_, j) => `x${j + 1}`).join(",")},label\n`;
}

/** One row: C normal features and the class of their weighted sum (weights from the "weights" stream). */
function rowLine(rng: Rng, weights: Float64Array, cells: string[]): string {
  let score = 0;
  for (let j = 0; j < weights.length; j++) {
    const v = rng.normal();
    score += weights[j] * v;
    cells[j] = v.toFixed(4);
  }
  score += 0.3 * rng.normal();
  // The score has unit variance (weights are normalised), so ±0.43 splits it into three near-equal classes.
  cells[weights.length] = score < -0.43 ? "a" : score < 0.43 ? "b" : "c";
  return `${cells.join(",")}\n`;
}

/** Writes the CSV to `path`; returns the number of bytes written. */
export function writeMemoryCsv(path: string, shape: MemoryCsvShape): number {
  const rng = new Rng(shape.seed ?? "memory-csv");
  const weights = new Float64Array(shape.cols);
  rng.fork("weights").fillNormal(weights);
  const norm = Math.hypot(...weights);
  for (let j = 0; j < weights.length; j++) weights[j] /= norm;
  const rows = rng.fork("rows");
  const cells: string[] = new Array(shape.cols + 1);
  const fd = openSync(path, "w");
  let bytes = 0;
  try {
    bytes += writeSync(fd, headerLine(shape.cols));
    for (let r = 0; r < shape.rows; r += BLOCK_ROWS) {
      const end = Math.min(shape.rows, r + BLOCK_ROWS);
      let block = "";
      for (let i = r; i < end; i++) block += rowLine(rows, weights, cells);
      bytes += writeSync(fd, block);
    }
  } finally {
    closeSync(fd);
  }
  return bytes;
}

if (isMain(import.meta.url)) {
  const { rows, cols, out } = parseCli(
    {
      rows: { type: "string", default: "1000" },
      cols: { type: "string", default: "20" },
      out: { type: "string" },
    },
    "options: --rows <n> (default 1000)  --cols <n> (default 20)  --out <file.csv>",
    (values) => {
      const rows = Number(values.rows);
      const cols = Number(values.cols);
      if (!(Number.isInteger(rows) && rows >= 1 && Number.isInteger(cols) && cols >= 1))
        throw new UsageError(
          `--rows and --cols must be integers >= 1, got "${values.rows}" and "${values.cols}"`,
        );
      return { rows, cols, out: values.out ?? `/tmp/memory-${rows}x${cols}.csv` };
    },
  );
  const bytes = writeMemoryCsv(out, { rows, cols });
  console.log(`${out}: ${rows} rows × ${cols} features + label, ${(bytes / 1e6).toFixed(1)} MB`);
}
