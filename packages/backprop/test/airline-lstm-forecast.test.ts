/**
 * Airline passengers (Box & Jenkins series G), windows of the standardised series: an LSTM against the
 * naive forecast "next month = this month", both in the same scaled units.
 *
 * The series trends upwards: the test years (1959-60) lie above anything in the training years
 * (1949-56), where an LSTM fed raw levels saturates and extrapolates badly (test RMSE ≈ 1.2-1.7 against
 * the naive 0.72 over five seeds). So the LSTM works on first differences, the standard remedy (the "I"
 * of ARIMA): each window of 13 scaled values becomes 12 differences, the target becomes the change
 * from the window's last value, and the forecast is that last value plus the predicted change. Because
 * the last value is known exactly, the forecast's error equals the error on the change: the RMSE below
 * is the forecast's RMSE in the problem's scaled units, and the naive forecast is "change = 0".
 */
import { type Dataset, getProblem } from "@arena/datasets";
import { createModel } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { train } from "../src/index.ts";

/** Windows of L levels → windows of L − 1 differences; target − last level. */
function differenced(d: Dataset): Dataset {
  const L = d.xShape[0];
  const x = new Float32Array(d.n * (L - 1));
  const y = new Float32Array(d.n);
  for (let i = 0; i < d.n; i++) {
    for (let t = 1; t < L; t++) x[i * (L - 1) + t - 1] = d.x[i * L + t] - d.x[i * L + t - 1];
    y[i] = d.y[i] - d.x[i * L + L - 1];
  }
  return { n: d.n, x, xShape: [L - 1, 1], y, yShape: [1] };
}

/** RMSE of the naive forecast (the window's last value) in the problem's units. */
function naiveRmse(d: Dataset): number {
  const L = d.xShape[0];
  let s = 0;
  for (let i = 0; i < d.n; i++) s += (d.x[i * L + L - 1] - d.y[i]) ** 2;
  return Math.sqrt(s / d.n);
}

describe("airline passengers", () => {
  it("an LSTM on differenced windows beats the naive last-value forecast on test RMSE", () => {
    const airline = getProblem("airline").load(new Rng(1), { inputLength: 13 });
    const data = { train: differenced(airline.train), validation: differenced(airline.validation) };
    const model = createModel(
      { kind: "lstm", input: 1, hidden: 16, output: 1, readout: "last" },
      new Rng("init/1"),
    );
    const r = train(model, data, {
      optimizer: { kind: "adam", lr: 0.01 },
      rng: new Rng(1),
      batchSize: 8,
      epochs: 300,
      earlyStopping: { patience: 30 },
      diagnostics: false,
    });
    const lstm = model.evaluate(differenced(airline.test)).rmse ?? Number.NaN;
    // The forecast's RMSE recomputed from levels, to check the equivalence claimed above.
    const pred = model.predict(differenced(airline.test).x, airline.test.n);
    const L = 13;
    let s = 0;
    for (let i = 0; i < airline.test.n; i++) {
      const forecast = airline.test.x[i * L + L - 1] + pred[i];
      s += (forecast - airline.test.y[i]) ** 2;
    }
    expect(Math.sqrt(s / airline.test.n)).toBeCloseTo(lstm, 5);
    const naive = naiveRmse(airline.test);
    console.info(
      `airline: LSTM test RMSE ${lstm.toFixed(4)} vs naive ${naive.toFixed(4)} (scaled units; ×${Number(airline.info?.rmseScale).toFixed(1)} gives thousands of passengers); ` +
        `${r.status} at step ${r.steps}, best validation at step ${r.best?.step}`,
    );
    expect(airline.test.n).toBe(24);
    expect(lstm).toBeLessThan(naive);
    expect(lstm).toBeLessThan(0.75 * naive);
  });
});
