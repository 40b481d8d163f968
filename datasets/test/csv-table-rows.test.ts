import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { optionsError } from "../../scripts/options-error.ts";
import { csvRowsEntry, dataFilePath, fromCsv, type Problem, readCsvRows } from "../src/index.ts";
import { csvError } from "./expect-csv-error.ts";

const dir = mkdtempSync(join(tmpdir(), "arena-csv-rows-"));
const wine = dataFilePath("wine_data.csv");

/** Every array of a problem's three splits, for bit-for-bit comparison. */
function arrays(p: Problem): Float32Array[] {
  return [p.train, p.validation, p.test].flatMap((s) => [s.x, s.y]);
}

/** Posts `rows` to a worker thread that stores 42 in its x[0] and answers with what it received. */
async function postedToWorker(rows: unknown): Promise<{ shared: boolean; n: number }> {
  const worker = new Worker(
    `const { parentPort, workerData } = require("node:worker_threads");
     const x = workerData.dataset.x;
     x[0] = 42;
     parentPort.postMessage({ shared: x.buffer instanceof SharedArrayBuffer, n: workerData.dataset.n });`,
    { eval: true, workerData: rows },
  );
  try {
    return await new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
  } finally {
    await worker.terminate();
  }
}

describe("readCsvRows and csvRowsEntry", () => {
  it("make the entry fromCsv makes: same description, same splits bit for bit", () => {
    const opts = { label: "class", task: "classification" } as const;
    const direct = fromCsv(wine, opts);
    const viaRows = csvRowsEntry(readCsvRows(wine, { ...opts, shared: true }));
    expect(viaRows.name).toBe("wine_data");
    expect(viaRows.description).toBe(direct.description);
    const a = direct.load(new Rng(7), { validation: 0.1, test: 0.1 });
    const b = viaRows.load(new Rng(7), { validation: 0.1, test: 0.1 });
    expect(b.classes).toEqual(a.classes);
    expect(b.info).toEqual(a.info);
    expect(arrays(b)).toEqual(arrays(a));
  });

  it("counts duplicates and regression targets as fromCsv does", () => {
    const path = join(dir, "dups.csv");
    const lines = [
      "a,b,t",
      ...Array.from({ length: 40 }, (_, i) => `${i % 30},${(i % 30) % 7},${(i % 30) * 0.5}`),
    ];
    writeFileSync(path, `${lines.join("\n")}\n`);
    const rows = readCsvRows(path, { task: "regression", shared: true, name: "d" });
    expect([rows.rowsRead, rows.dropped, rows.dataset.n, rows.classes]).toEqual([40, 10, 30, null]);
    expect(rows.dataset.y.length).toBe(30);
    const direct = fromCsv(path, { task: "regression", name: "d" });
    expect(csvRowsEntry(rows).description).toBe(direct.description);
    expect(arrays(csvRowsEntry(rows).load(new Rng(3)))).toEqual(arrays(direct.load(new Rng(3))));
  });

  it("with shared, the rows posted to a worker thread are the same memory, not a copy", async () => {
    const rows = readCsvRows(wine, { label: "class", task: "classification", shared: true });
    expect(rows.dataset.x.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(rows.dataset.y.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(await postedToWorker(rows)).toEqual({ shared: true, n: 178 });
    expect(rows.dataset.x[0]).toBe(42); // the worker's write is seen here
    const plain = readCsvRows(wine, { label: "class", task: "classification" });
    expect(plain.dataset.x.buffer).toBeInstanceOf(ArrayBuffer);
    const before = plain.dataset.x[0];
    expect(await postedToWorker(plain)).toEqual({ shared: false, n: 178 });
    expect(plain.dataset.x[0]).toBe(before);
  });

  it("refuses what fromCsv refuses, and rows that are not readCsvRows' result", () => {
    const path = join(dir, "few.csv");
    writeFileSync(path, "x,y\n1,a\n2,b\n");
    expect(csvError(() => readCsvRows(path, { task: "classification" })).reason).toMatch(/too few/);
    expect(optionsError(() => readCsvRows(wine, { task: "classification", shared: 1 } as never))).toMatch(
      /shared/,
    );
    const rows = readCsvRows(wine, { label: "class", task: "classification" });
    const bad = { ...rows, dataset: { ...rows.dataset, n: rows.dataset.n + 1 } };
    expect(() => csvRowsEntry(bad)).toThrow(
      "csvRowsEntry: expected the rows readCsvRows returns (x n × d, y n × classes or n × 1)",
    );
    expect(() => csvRowsEntry(null as never)).toThrow(/expected the rows readCsvRows returns/);
  });
});
