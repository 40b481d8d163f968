import { OptionsError } from "@arena/options";
import * as z from "zod";
import { addingOptions, addingProblem } from "./adding.ts";
import { charWindows } from "./char-windows.ts";
import { copyTask, copyTaskOptions } from "./copy-task.ts";
import { mackeyGlassOptions, mackeyGlassSeries } from "./mackey-glass.ts";
import { pickOptions, share, withSharesRule } from "./options.ts";
import { defineProblem } from "./problem-entry.ts";
import { syntheticSequences } from "./problem-kinds.ts";
import { periodOption, seriesOptions, seriesProblem } from "./series-problem.ts";
import { airlineSeries, shakespeareText, shakespeareVocabulary } from "./shipped-data.ts";
import { SINE_NOISE, sineOptions, sineSeries } from "./sine.ts";
import { chronologicalBounds } from "./split.ts";
import { regressor } from "./table-problem.ts";

/** The registry's series and sequence problems. */

const SHAKESPEARE_VOCABULARY = 65;

const airlineOptions = withSharesRule(
  z.strictObject({
    ...seriesOptions({ inputLength: 12, validation: 1 / 6, test: 1 / 6 }),
    period: periodOption(12),
    transform: z
      .enum(["none", "log"])
      .default("none")
      .describe("log turns the growing seasonal swings into constant ones"),
  }),
);

export const airlineEntry = defineProblem({
  name: "airline",
  task: "regression",
  metric: "rmse",
  description:
    "Monthly international airline passengers 1949–1960 (144 values): forecast the next month from the past 12; last 2 years for validation and test.",
  source: "Box & Jenkins (1976) series G via jbrownlee/Datasets; public literature, no explicit licence",
  options: airlineOptions,
  shapes: (o) => ({ input: [o.inputLength, 1], output: [o.horizon] }),
  model: (o) => regressor(o.inputLength, [8], o.horizon),
  build(_rng, o) {
    const raw = airlineSeries().values;
    const values = o.transform === "log" ? raw.map(Math.log) : raw;
    return seriesProblem(values, o, {
      name: "airline",
      description: "",
      model: regressor(o.inputLength, [8], o.horizon),
      info: { firstMonth: "1949-01", transform: o.transform },
      period: o.period,
    });
  },
});

const sineProblemOptions = withSharesRule(
  sineOptions.safeExtend({
    noise: sineOptions.shape.noise
      .unwrap()
      .default(SINE_NOISE)
      .describe(
        "standard deviation of Gaussian noise added to each value (0: the clean wave, marked testIsTrain)",
      ),
    ...seriesOptions({ inputLength: 20, validation: 0.15, test: 0.15 }),
  }),
);

/**
 * The sine problem. By default the wave carries Gaussian noise (σ = 0.05 for amplitude 1): without noise a
 * period-25 wave has only 25 distinct windows, every one of them in train, so validation and test were
 * bit-identical copies of training windows. With noise each window is new, the chronological validation
 * and test parts are held out and differ from each other, and the noise sets a known floor on the RMSE.
 *
 * `noise: 0` is still accepted; the problem then marks itself `testIsTrain` rather than relying on a
 * non-integer default period. A rational period p/q only stretches the cycle to p steps, and an irrational
 * one gives windows that never repeat bit for bit yet come arbitrarily close, so no period makes a clean
 * wave's test a hold-out; an integer default period also gives `forecast.period` for the seasonal naive
 * forecast. `forecast.period` is the `period` option when it is an integer, and absent otherwise.
 */
export const sineEntry = defineProblem({
  name: "sine",
  task: "regression",
  metric: "rmse",
  description:
    "A sine wave (period 25 steps, random phase) plus Gaussian noise σ = 0.05: predict the next value from the past 20. The noise makes every window new, so validation and test (the last 15 % each, in time order) are held out: a clean period-25 wave has only 25 distinct windows, all of them in train. It also bounds the RMSE from below at about σ (≈ 0.07 in the standardised units reported). noise: 0 gives the clean wave, marked testIsTrain.",
  source: "synthetic",
  options: sineProblemOptions,
  shapes: (o) => ({ input: [o.inputLength, 1], output: [o.horizon] }),
  model: (o) => ({ kind: "rnn", input: 1, hidden: 16, output: o.horizon, readout: "last" }),
  build(rng, o) {
    const series = sineSeries(rng.fork("data"), pickOptions(sineOptions, o));
    return seriesProblem(series, o, {
      name: "sine",
      description: "",
      model: { kind: "rnn", input: 1, hidden: 16, output: o.horizon, readout: "last" },
      period: Number.isInteger(o.period) ? o.period : undefined,
      testIsTrain: o.noise === 0,
    });
  },
});

export const mackeyGlassEntry = defineProblem({
  name: "mackey-glass",
  task: "regression",
  metric: "rmse",
  description:
    "The chaotic Mackey–Glass series (τ = 17, β = 0.2, γ = 0.1, n = 10) integrated by RK4: predict the next sample.",
  source: "synthetic; Mackey & Glass (1977), Science 197:287",
  options: withSharesRule(
    mackeyGlassOptions.safeExtend(seriesOptions({ inputLength: 16, validation: 0.15, test: 0.15 })),
  ),
  shapes: (o) => ({ input: [o.inputLength, 1], output: [o.horizon] }),
  model: (o) => regressor(o.inputLength, [16], o.horizon),
  build(rng, o) {
    const series = mackeyGlassSeries(rng.fork("data"), pickOptions(mackeyGlassOptions, o));
    return seriesProblem(series, o, {
      name: "mackey-glass",
      description: "",
      model: regressor(o.inputLength, [16], o.horizon),
    });
  },
});

export const addingEntry = syntheticSequences({
  name: "adding",
  task: "regression",
  description:
    "The adding problem: (value, marker) sequences of length T, target the sum of the two marked values; long T defeats a plain tanh RNN, an LSTM solves it.",
  source: "synthetic; Hochreiter & Schmidhuber (1997), Experiment 4",
  generatorOptions: addingOptions,
  generate: addingProblem,
  shapes: (o) => ({ input: [o.length, 2], output: [1] }),
  model: () => ({ kind: "lstm", input: 2, hidden: 32, output: 1, readout: "last" }),
  info: (o) =>
    o.variant === "modern"
      ? { baselineMse: 1 / 6, note: "Predicting 1 always gives MSE 1/6 ≈ 0.167 (RMSE 0.408)." }
      : {
          baselineMse: 1 / 24,
          successAbsError: 0.04,
          note: "Predicting 0.5 always gives MSE ≈ 1/24; the paper counts a sequence as solved when |error| < 0.04.",
        },
});

export const copyEntry = syntheticSequences({
  name: "copy",
  task: "classification",
  description:
    "The copy (memory) task: read a pattern of L symbols, wait, then reproduce it after a delimiter; targets at every step. A pattern drawn twice gives identical sequences, so exact duplicates are dropped before splitting (about n²/(2·K^L): some 60 of the default 2000; info.duplicatesDropped).",
  source: "synthetic; Hochreiter & Schmidhuber (1997); Arjovsky, Shah & Bengio (2016)",
  generatorOptions: copyTaskOptions,
  generate: copyTask,
  shapes: (o) => ({
    input: [2 * o.length + o.delay, o.symbols + 2],
    output: [2 * o.length + o.delay, o.symbols + 1],
  }),
  model: (o) => ({
    kind: "lstm",
    input: o.symbols + 2,
    hidden: 64,
    output: o.symbols + 1,
    readout: "every-step",
    loss: "cross-entropy",
  }),
  classes: (o) => ["blank", ...Array.from({ length: o.symbols }, (_, i) => String(i + 1))],
  info: (o) => ({
    baselineCrossEntropy: (o.length * Math.log(o.symbols)) / (2 * o.length + o.delay),
    note: "Accuracy counts every step, blanks included; the memoryless baseline gets the blanks right and guesses the pattern.",
  }),
});

const shakespeareOptions = z.strictObject({
  length: z.number().int().min(1).max(10_000).default(32).describe("characters per window (T)"),
  windows: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(1000)
    .describe("training windows (random starts in the training part of the text)"),
  evalWindows: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(200)
    .describe("windows in each of validation and test"),
  readout: z
    .enum(["every-step", "last"])
    .default("every-step")
    .describe("predict the next character after every step, or only at the end"),
  encoding: z
    .enum(["one-hot", "index"])
    .default("one-hot")
    .describe("input characters one-hot [T, 65] or as vocabulary indices [T, 1]"),
  validation: share(0.05, 0.5, "share of the text (after the training part) for validation windows"),
  test: share(0.05, 0.5, "share of the text (its end) for test windows"),
});

export const shakespeareEntry = defineProblem({
  name: "shakespeare-chars",
  task: "classification",
  metric: "accuracy",
  description:
    "Next-character prediction on Tiny Shakespeare (65 characters): random windows from the start (train), middle and end (validation, test) of the text. A validation or test window whose characters already form a window of an earlier split (short windows of real text recur) is skipped for the next draw (info.duplicatesDropped; none at the default length 32).",
  source: "Tiny Shakespeare from karpathy/char-rnn; public-domain text",
  options: shakespeareOptions,
  shapes: (o) => ({
    input: [o.length, o.encoding === "one-hot" ? SHAKESPEARE_VOCABULARY : 1],
    output: o.readout === "every-step" ? [o.length, SHAKESPEARE_VOCABULARY] : [SHAKESPEARE_VOCABULARY],
  }),
  model: (o) => ({
    kind: "lstm",
    input: o.encoding === "one-hot" ? SHAKESPEARE_VOCABULARY : 1,
    hidden: 128,
    output: SHAKESPEARE_VOCABULARY,
    readout: o.readout,
    loss: "cross-entropy",
  }),
  build(rng, o) {
    const text = shakespeareText();
    const vocab = shakespeareVocabulary();
    if (vocab.length !== SHAKESPEARE_VOCABULARY) {
      throw new Error(
        `shakespeare-chars: expected ${SHAKESPEARE_VOCABULARY} distinct characters, found ${vocab.length}`,
      );
    }
    const { validationStart: a, testStart: b } = chronologicalBounds(text.length, o);
    const T = o.length;
    const tooMany = (label: string, message: string) =>
      new OptionsError("shakespeare-chars", [
        { path: label === "train" ? "windows" : "evalWindows", message },
      ]);
    const room = (lo: number, hi: number, k: number, label: string) => {
      const count = hi - lo - T;
      if (k > count) {
        throw tooMany(
          label,
          `expected at most ${Math.max(0, count)}: the ${label} part's ${hi - lo} characters hold no more windows of length ${T} (got ${k})`,
        );
      }
      return count;
    };
    // A window is its T + 1 characters (inputs, and the targets one position later).
    const windowText = (s: number) => text.slice(s, s + T + 1);
    const seen = new Set<string>();
    let duplicatesDropped = 0;
    /**
     * k random window starts in [lo, hi − T). Held-out windows skip any window whose text is already in an
     * earlier split (short windows of real text recur) and take the next draw instead; without such
     * collisions the starts are exactly those of `sample(count, k)`, since a partial Fisher–Yates shuffle
     * is a prefix of the full one.
     */
    const starts = (lo: number, hi: number, k: number, label: string, heldOut: boolean) => {
      const count = room(lo, hi, k, label);
      const order = rng.fork(label).sample(count, heldOut ? count : k);
      const out = new Int32Array(k);
      let m = 0;
      for (let i = 0; i < order.length && m < k; i++) {
        const s = lo + order[i];
        if (heldOut && seen.has(windowText(s))) {
          duplicatesDropped++;
          continue;
        }
        out[m++] = s;
      }
      if (m < k) {
        throw tooMany(
          label,
          `expected at most ${m}: only ${m} ${label} windows of length ${T} differ from the earlier splits' windows (got ${k})`,
        );
      }
      for (const s of out) seen.add(windowText(s));
      return out;
    };
    const enc = { length: T, readout: o.readout, encoding: o.encoding } as const;
    const train = charWindows(text, vocab, starts(0, a, o.windows, "train", false), enc);
    const validation = charWindows(text, vocab, starts(a, b, o.evalWindows, "validation", true), enc);
    const test = charWindows(text, vocab, starts(b, text.length, o.evalWindows, "test", true), enc);
    return {
      train,
      validation,
      test,
      classes: [...vocab],
      info: {
        vocabulary: vocab.join(""),
        textBoundaries: { validationStart: a, testStart: b },
        duplicatesDropped,
      },
    };
  },
});
