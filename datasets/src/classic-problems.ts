import * as z from "zod";
import { finishSplits, splitAtRandom, splitOptions } from "./assemble-problem.ts";
import { blobs, blobsOptions } from "./blobs.ts";
import { circles, circlesOptions } from "./circles.ts";
import { dropDuplicateRows, dropRowsFoundIn } from "./dedupe.ts";
import { moons, moonsOptions } from "./moons.ts";
import { classLabels } from "./one-hot.ts";
import { scalerOption, share, withSharesRule } from "./options.ts";
import { parity, parityOptions } from "./parity.ts";
import { defineProblem } from "./problem-entry.ts";
import { allPoints, SAME_POINTS_NOTE, syntheticClassification } from "./problem-kinds.ts";
import { selectRows } from "./select-rows.ts";
import {
  diabetesTable,
  facesTable,
  irisTable,
  optdigitsTestTable,
  optdigitsTrainTable,
  wineTable,
} from "./shipped-data.ts";
import { spirals, spiralsOptions } from "./spirals.ts";
import { stratifiedSplit } from "./split.ts";
import { tableDataset } from "./table-dataset.ts";
import { classifier, mlp, tableProblemEntry } from "./table-problem.ts";
import { xor, xorOptions } from "./xor.ts";

/** The classic tabular and point-set problems of the registry. */

export const xorEntry = defineProblem({
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

export const parityEntry = defineProblem({
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

export const spiralsEntry = syntheticClassification({
  name: "spirals",
  description: "Interleaved spiral arms in the plane, one class per arm; needs a curved decision boundary.",
  source: "synthetic; after Lang & Witbrock (1988)",
  generatorOptions: spiralsOptions,
  generate: spirals,
  shapes: (o) => ({ input: [2], output: [o.arms] }),
  hidden: [16, 16],
});

export const moonsEntry = syntheticClassification({
  name: "moons",
  description: "Two interleaving half circles with Gaussian noise (scikit-learn's make_moons).",
  source: "synthetic; scikit-learn make_moons",
  generatorOptions: moonsOptions,
  generate: moons,
  shapes: () => ({ input: [2], output: [2] }),
  hidden: [8],
});

export const circlesEntry = syntheticClassification({
  name: "circles",
  description: "A small circle inside a large one, with Gaussian noise (scikit-learn's make_circles).",
  source: "synthetic; scikit-learn make_circles",
  generatorOptions: circlesOptions,
  generate: circles,
  shapes: () => ({ input: [2], output: [2] }),
  hidden: [8],
});

export const blobsEntry = syntheticClassification({
  name: "blobs",
  description: "Isotropic Gaussian blobs around random centres, one class per blob (make_blobs).",
  source: "synthetic; scikit-learn make_blobs",
  generatorOptions: blobsOptions,
  generate: (rng, o) => blobs(rng, o),
  shapes: (o) => ({ input: [o.features], output: [o.centers] }),
  hidden: [8],
  info: (ds) => ({ centers: Array.from((ds as ReturnType<typeof blobs>).centers) }),
});

export const irisEntry = tableProblemEntry({
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

export const wineEntry = tableProblemEntry({
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

export const diabetesEntry = tableProblemEntry({
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

export const digitsEntry = defineProblem({
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

export const facesEntry = defineProblem({
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
