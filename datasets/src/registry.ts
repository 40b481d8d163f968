import { OptionsError } from "@arena/options";
import type { Rng } from "@arena/rng";
import * as z from "zod";
import { addingOptions, addingProblem } from "./adding.ts";
import { finishSplits, splitAtRandom, splitOptions } from "./assemble-problem.ts";
import { blobs, blobsOptions } from "./blobs.ts";
import { charWindows } from "./char-windows.ts";
import { circles, circlesOptions } from "./circles.ts";
import { copyTask, copyTaskOptions } from "./copy-task.ts";
import type { Dataset, Task } from "./dataset.ts";
import { dropDuplicateRows, dropRowsFoundIn } from "./dedupe.ts";
import { mackeyGlassOptions, mackeyGlassSeries } from "./mackey-glass.ts";
import type { ModelSpec } from "./model-spec.ts";
import { moons, moonsOptions } from "./moons.ts";
import { classLabels } from "./one-hot.ts";
import {
  type OptionsSchema,
  pickOptions,
  type ResolvedOptions,
  scalerOption,
  share,
  withSharesRule,
} from "./options.ts";
import { parity, parityOptions } from "./parity.ts";
import { defineProblem, type ProblemEntry } from "./problem-entry.ts";
import { selectRows } from "./select-rows.ts";
import { periodOption, seriesOptions, seriesProblem } from "./series-problem.ts";
import {
  airlineSeries,
  diabetesTable,
  facesTable,
  irisTable,
  optdigitsTestTable,
  optdigitsTrainTable,
  shakespeareText,
  shakespeareVocabulary,
  wineTable,
} from "./shipped-data.ts";
import { SINE_NOISE, sineOptions, sineSeries } from "./sine.ts";
import { spirals, spiralsOptions } from "./spirals.ts";
import { chronologicalBounds, stratifiedSplit } from "./split.ts";
import { tableDataset } from "./table-dataset.ts";
import { classifier, mlp, regressor, tableProblemEntry } from "./table-problem.ts";
import { xor, xorOptions } from "./xor.ts";

/** The classic experiment trains and evaluates on the same points; copies keep the splits independent. */
function allPoints(ds: Dataset) {
  const all = Array.from({ length: ds.n }, (_, i) => i);
  return { train: selectRows(ds, all), validation: selectRows(ds, all), test: selectRows(ds, all) };
}

const SAME_POINTS_NOTE =
  "All points are both training and evaluation data (the classic experiment): validation and test are the same points as train.";

/**
 * A synthetic classification problem generated at once and split at random (stratified); exact duplicate
 * points (possible only for degenerate options, e.g. blobs with std 0) are dropped before splitting.
 */
function syntheticClassification<G extends OptionsSchema>(def: {
  name: string;
  description: string;
  source: string;
  generatorOptions: G;
  generate: (rng: Rng, o: ResolvedOptions<G>) => Dataset;
  shapes: (o: ResolvedOptions<G>) => { input: number[]; output: number[] };
  hidden: number[];
  info?: (ds: Dataset) => Record<string, unknown>;
}): ProblemEntry {
  const split = splitOptions({ validation: 0.2, test: 0.2, scale: "none" });
  // The generator's schema, its rules included, plus the split options.
  const options = withSharesRule((def.generatorOptions as OptionsSchema).safeExtend(split));
  type O = ResolvedOptions<G> & ResolvedOptions<z.ZodObject<typeof split>>;
  return defineProblem({
    name: def.name,
    task: "classification",
    metric: "accuracy",
    description: def.description,
    source: def.source,
    options,
    shapes: (o) => def.shapes(o as ResolvedOptions<G>),
    model: (o) => {
      const s = def.shapes(o as ResolvedOptions<G>);
      return classifier(s.input[0], def.hidden, s.output[0]);
    },
    build(rng, parsed) {
      const o = parsed as O;
      const gen = pickOptions(def.generatorOptions, o) as ResolvedOptions<G>;
      const ds = def.generate(rng.fork("data"), gen);
      const unique = dropDuplicateRows(ds);
      const splits = splitAtRandom(def.name, unique.dataset, "classification", o, rng.fork("split"));
      const k = ds.yShape[0];
      const done = finishSplits(def.name, "classification", splits, rng.fork("subsample"), o);
      return {
        ...done,
        classes: Array.from({ length: k }, (_, i) => String(i)),
        info: { ...done.info, duplicatesDropped: unique.dropped, ...def.info?.(ds) },
      };
    },
  });
}

/**
 * A generated sequence problem (i.i.d. sequences), split at random after dropping exact duplicate
 * sequences (a discrete generator such as the copy task draws some patterns twice).
 */
function syntheticSequences<G extends OptionsSchema>(def: {
  name: string;
  task: Task;
  description: string;
  source: string;
  generatorOptions: G;
  generate: (rng: Rng, o: ResolvedOptions<G>) => Dataset;
  shapes: (o: ResolvedOptions<G>) => { input: number[]; output: number[] };
  model: (o: ResolvedOptions<G>) => ModelSpec;
  classes?: (o: ResolvedOptions<G>) => string[];
  info: (o: ResolvedOptions<G>) => Record<string, unknown>;
}): ProblemEntry {
  const shares = {
    validation: share(0.2, 0.9, "share of the sequences for validation"),
    test: share(0.2, 0.9, "share of the sequences for testing"),
  };
  const options = withSharesRule((def.generatorOptions as OptionsSchema).safeExtend(shares));
  type O = ResolvedOptions<G> & ResolvedOptions<z.ZodObject<typeof shares>>;
  return defineProblem({
    name: def.name,
    task: def.task,
    metric: def.task === "classification" ? "accuracy" : "rmse",
    description: def.description,
    source: def.source,
    options,
    shapes: (o) => def.shapes(o as ResolvedOptions<G>),
    model: (o) => def.model(o as ResolvedOptions<G>),
    build(rng, parsed) {
      const o = parsed as O;
      const gen = pickOptions(def.generatorOptions, o) as ResolvedOptions<G>;
      const ds = def.generate(rng.fork("data"), gen);
      const unique = dropDuplicateRows(ds);
      // Sequences are i.i.d., so a plain random split equals generating the splits separately; sequence
      // targets have no single class to stratify on.
      const splits = splitAtRandom(def.name, unique.dataset, "regression", o, rng.fork("split"));
      return {
        ...splits,
        classes: def.classes?.(gen),
        info: { ...def.info(gen), duplicatesDropped: unique.dropped },
      };
    },
  });
}

const SHAKESPEARE_VOCABULARY = 65;

const xorEntry = defineProblem({
  name: "xor",
  task: "classification",
  metric: "accuracy",
  description: `The 4 XOR points for a 2-2-1 net with one sigmoid output. ${SAME_POINTS_NOTE}`,
  source: "synthetic; Rumelhart, Hinton & Williams (1986)",
  testIsTrain: true,
  options: xorOptions,
  shapes: () => ({ input: [2], output: [1] }),
  model: () => mlp([2, 2, 1], "sigmoid", "sigmoid", "mse"),
  build: (_rng, o) => ({ ...allPoints(xor(o)), classes: ["0", "1"], info: { note: SAME_POINTS_NOTE } }),
});

const parityEntry = defineProblem({
  name: "parity",
  task: "classification",
  metric: "accuracy",
  description: `All 2^n bit patterns, target 1 when the number of ones is odd (one sigmoid output). ${SAME_POINTS_NOTE}`,
  source: "synthetic; Rumelhart, Hinton & Williams (1986)",
  testIsTrain: true,
  options: parityOptions,
  shapes: (o) => ({ input: [o.bits], output: [1] }),
  model: (o) => mlp([o.bits, o.bits, 1], "sigmoid", "sigmoid", "mse"),
  build: (_rng, o) => ({
    ...allPoints(parity(o)),
    classes: ["even", "odd"],
    info: { note: SAME_POINTS_NOTE },
  }),
});

const spiralsEntry = syntheticClassification({
  name: "spirals",
  description: "Interleaved spiral arms in the plane, one class per arm; needs a curved decision boundary.",
  source: "synthetic; after Lang & Witbrock (1988)",
  generatorOptions: spiralsOptions,
  generate: spirals,
  shapes: (o) => ({ input: [2], output: [o.arms] }),
  hidden: [16, 16],
});

const moonsEntry = syntheticClassification({
  name: "moons",
  description: "Two interleaving half circles with Gaussian noise (scikit-learn's make_moons).",
  source: "synthetic; scikit-learn make_moons",
  generatorOptions: moonsOptions,
  generate: moons,
  shapes: () => ({ input: [2], output: [2] }),
  hidden: [8],
});

const circlesEntry = syntheticClassification({
  name: "circles",
  description: "A small circle inside a large one, with Gaussian noise (scikit-learn's make_circles).",
  source: "synthetic; scikit-learn make_circles",
  generatorOptions: circlesOptions,
  generate: circles,
  shapes: () => ({ input: [2], output: [2] }),
  hidden: [8],
});

const blobsEntry = syntheticClassification({
  name: "blobs",
  description: "Isotropic Gaussian blobs around random centres, one class per blob (make_blobs).",
  source: "synthetic; scikit-learn make_blobs",
  generatorOptions: blobsOptions,
  generate: (rng, o) => blobs(rng, o),
  shapes: (o) => ({ input: [o.features], output: [o.centers] }),
  hidden: [8],
  info: (ds) => ({ centers: Array.from((ds as ReturnType<typeof blobs>).centers) }),
});

const irisEntry = tableProblemEntry({
  name: "iris",
  task: "classification",
  description:
    "Fisher's iris: 4 flower measurements (cm), 3 species, 50 each; rows 102 and 143 are identical (virginica 5.8, 2.7, 5.1, 1.9), so the second is dropped and 149 rows are split.",
  source: "UCI Iris / Fisher (1936), CC BY 4.0 (values as in scikit-learn and R)",
  table: irisTable,
  d: 4,
  k: 3,
  hidden: [8],
  scale: "standard",
  classNames: ["setosa", "versicolor", "virginica"],
});

const wineEntry = tableProblemEntry({
  name: "wine",
  task: "classification",
  description: "UCI wine: 13 chemical measurements, 3 cultivars (59/71/48).",
  source: "UCI Wine (Forina et al. 1991), CC BY 4.0",
  table: wineTable,
  d: 13,
  k: 3,
  hidden: [16],
  scale: "standard",
});

const diabetesEntry = tableProblemEntry({
  name: "diabetes",
  task: "regression",
  description: "Diabetes progression one year after baseline from 10 raw features (442 patients).",
  source: "Efron, Hastie, Johnstone & Tibshirani (2004); no explicit licence, distributed with scikit-learn",
  table: diabetesTable,
  d: 10,
  k: 1,
  hidden: [16],
  scale: "standard",
});

const digitsOptions = z.strictObject({
  validation: share(0.2, 0.9, "share of optdigits_train held out for validation (stratified)"),
  scale: scalerOption("minmax", "pixel scaler, fitted on the training split only"),
  trainSize: z
    .number()
    .int()
    .min(1)
    .max(3823)
    .optional()
    .describe("subsample the training split to this many images (stratified), e.g. 100"),
});

const digitsEntry = defineProblem({
  name: "digits",
  task: "classification",
  metric: "accuracy",
  description:
    "8×8 handwritten digits (UCI optdigits), canonical split: optdigits_train for train+validation, optdigits_test for test. Exact duplicate rows of optdigits_train, and its rows identical to a test row, would be dropped (the files have none).",
  source: "UCI Optical Recognition of Handwritten Digits (Alpaydin & Kaynak 1998), CC BY 4.0",
  options: digitsOptions,
  shapes: () => ({ input: [64], output: [10] }),
  model: () => classifier(64, [32], 10, "relu"),
  build(rng, o) {
    const pool = optdigitsTrainTable();
    const test = tableDataset(optdigitsTestTable());
    // The test file is canonical and stays whole; the training pool gives way: its own duplicates and
    // its rows identical to a test row are dropped (both counts are 0 for the shipped files).
    const unique = dropDuplicateRows(tableDataset(pool));
    const notInTest = dropRowsFoundIn(unique.dataset, test);
    const poolDs = notInTest.dataset;
    const idx = stratifiedSplit(
      classLabels(poolDs),
      { validation: o.validation, test: 0 },
      rng.fork("split"),
    );
    const splits = {
      train: selectRows(poolDs, idx.train),
      validation: selectRows(poolDs, idx.validation),
      test,
    };
    const done = finishSplits("digits", "classification", splits, rng.fork("subsample"), o);
    return {
      ...done,
      classes: pool.classes,
      info: {
        ...done.info,
        image: { height: 8, width: 8 },
        duplicatesDropped: unique.dropped + notInTest.dropped,
        sameAsTestDropped: notInTest.dropped,
        note: "The test set (optdigits_test, 13 writers) is fixed and disjoint in writers from train/validation (30 writers). digits.csv is the same file as optdigits_test.csv.",
      },
    };
  },
});

const facesOptions = withSharesRule(
  z.strictObject({
    size: z.literal([16, 32]).default(16).describe("image side: 16 (256 pixels) or 32 (1024 pixels)"),
    ...splitOptions({ validation: 0.2, test: 0.2, scale: "none" }),
  }),
);

const facesEntry = defineProblem({
  name: "faces",
  task: "classification",
  metric: "accuracy",
  description:
    "Olivetti faces downsampled to 16×16 or 32×32: 40 people × 10 images; split per person (6/2/2 images by default). Exact duplicate images would be dropped first (there are none).",
  source:
    "AT&T Laboratories Cambridge (ORL), Samaria & Harter (1994); no formal licence, credit AT&T / cite the paper",
  options: facesOptions,
  shapes: (o) => ({ input: [o.size * o.size], output: [40] }),
  model: (o) => classifier(o.size * o.size, [64], 40, "relu"),
  build(rng, o) {
    const t = facesTable(o.size);
    const unique = dropDuplicateRows(tableDataset(t));
    const splits = splitAtRandom("faces", unique.dataset, "classification", o, rng.fork("split"));
    const done = finishSplits("faces", "classification", splits, rng.fork("subsample"), o);
    return {
      ...done,
      classes: t.classes,
      info: {
        ...done.info,
        image: { height: o.size, width: o.size },
        duplicatesDropped: unique.dropped,
      },
    };
  },
});

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

const airlineEntry = defineProblem({
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
const sineEntry = defineProblem({
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

const mackeyGlassEntry = defineProblem({
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

const addingEntry = syntheticSequences({
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

const copyEntry = syntheticSequences({
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

const shakespeareEntry = defineProblem({
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

const ENTRIES: readonly ProblemEntry[] = [
  xorEntry,
  parityEntry,
  spiralsEntry,
  moonsEntry,
  circlesEntry,
  blobsEntry,
  irisEntry,
  wineEntry,
  digitsEntry,
  facesEntry,
  diabetesEntry,
  airlineEntry,
  sineEntry,
  mackeyGlassEntry,
  addingEntry,
  copyEntry,
  shakespeareEntry,
];

/**
 * Every built-in problem, in a fixed order.
 *
 * @example
 * ```ts
 * import { problems } from "@arena/datasets";
 * for (const p of problems()) console.log(p.name, p.task, p.inputShape, p.outputShape, p.metric);
 * ```
 */
export function problems(): readonly ProblemEntry[] {
  return ENTRIES;
}

/**
 * The built-in problem called `name`; an unknown name throws, listing the known ones.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { getProblem } from "@arena/datasets";
 * const p = getProblem("digits").load(new Rng(42), { trainSize: 100 });
 * console.log(p.train.n, p.validation.n, p.test.n); // 100 765 1797
 * ```
 */
export function getProblem(name: string): ProblemEntry {
  const e = ENTRIES.find((p) => p.name === name);
  if (!e) {
    throw new RangeError(
      `Unknown problem "${name}"; known problems: ${ENTRIES.map((p) => p.name).join(", ")}`,
    );
  }
  return e;
}
