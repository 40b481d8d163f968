import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import {
  CsvError,
  classCounts,
  classLabels,
  dataFilePath,
  fromCsv,
  fromSeriesCsv,
  getProblem,
} from "../src/index.ts";

const dir = mkdtempSync(join(tmpdir(), "arena-fromcsv-"));

describe("fromCsv", () => {
  it("makes a user's CSV a ProblemEntry like the built-ins", () => {
    const path = join(dir, "flowers.csv");
    const rows = ["w,h,kind"];
    for (let i = 0; i < 60; i++) rows.push(`${i % 7},${(i * 3) % 11},${["rose", "tulip", "lily"][i % 3]}`);
    writeFileSync(path, `${rows.join("\r\n")}\r\n`);
    const entry = fromCsv(path, { task: "classification" });
    expect([entry.name, entry.task, entry.metric]).toEqual(["flowers", "classification", "accuracy"]);
    expect([entry.inputShape, entry.outputShape]).toEqual([[2], [3]]);
    const p = entry.load(new Rng(1), { validation: 0.2, test: 0.2 });
    expect(p.classes).toEqual(["lily", "rose", "tulip"]);
    expect([p.train.n, p.validation.n, p.test.n]).toEqual([36, 12, 12]);
    expect(Array.from(classCounts(classLabels(p.test), 3))).toEqual([4, 4, 4]);
    expect(p.model).toEqual({
      kind: "mlp",
      layers: [2, 16, 3],
      activation: "tanh",
      output: "softmax",
      loss: "cross-entropy",
    });
    expect(() => entry.load(new Rng(1), { validaton: 0.1 })).toThrow(
      'flowers: unknown key "validaton"; known keys: validation, test, scale, trainSize',
    );
  });

  it("regression tables scale the targets and report rmseScale", () => {
    const entry = fromCsv(dataFilePath("diabetes.csv"), {
      task: "regression",
      label: "target",
      name: "my-diabetes",
    });
    const p = entry.load(new Rng(5), { scaleTargets: "none" });
    expect(p.name).toBe("my-diabetes");
    expect(p.info?.rmseScale).toBe(1);
    expect(Math.max(...p.train.y)).toBeGreaterThan(300);
    // Same data and seed as the built-in: identical splits.
    const builtin = getProblem("diabetes").load(new Rng(5), { scaleTargets: "none" });
    expect(p.test.x).toEqual(builtin.test.x);
  });

  it("a bad file fails at once with a CsvError", () => {
    const path = join(dir, "bad.csv");
    writeFileSync(path, "a,b,y\n1,2,0\n3,,1\n");
    expect(() => fromCsv(path, { task: "classification" })).toThrow(CsvError);
    expect(() => fromCsv(path, { task: "classification" })).toThrow(`${path}:3:2: empty cell`);
  });

  it("fromSeriesCsv forecasts one column", () => {
    const path = join(dir, "temps.csv");
    const lines = ["day,temp"];
    for (let t = 0; t < 120; t++) lines.push(`${t},${(20 + 5 * Math.sin(t / 5)).toFixed(3)}`);
    writeFileSync(path, `${lines.join("\n")}\n`);
    const entry = fromSeriesCsv(path, { column: "temp" });
    const p = entry.load(new Rng(1), { inputLength: 8 });
    expect(p.train.xShape).toEqual([8, 1]);
    expect(p.task).toBe("regression");
    expect(p.train.n + p.validation.n + p.test.n).toBe(120 - 8);
  });
});
