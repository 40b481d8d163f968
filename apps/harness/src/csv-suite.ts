import { basename, resolve } from "node:path";
import { integerOption, stringOption } from "./cli-args.ts";
import { checkPathText } from "./input-files.ts";
import { problemEntryFor } from "./problem-loader.ts";
import { type CsvSource, loadSuite, parseSuite, type Suite, UsageError } from "./suite.ts";
import { quote } from "./usage-error.ts";

/** Flags that only mean something with --data (a suite file says all of this itself). */
export const DATA_FLAGS = ["label", "task", "column", "window", "period"];

/** The models a user's series is forecast with: an MLP on the window and the three recurrent nets. */
const FORECAST_MODELS = ["rnn", "lstm", "gru"].map((kind) => ({
  kind,
  input: 1,
  hidden: 16,
  output: 1,
  readout: "last",
}));

/**
 * A suite over every learner of the quick suite for a user's CSV file: a table with a label column, or
 * (`--task forecast`) one column as a series, forecast one step ahead by an MLP on windows and by the
 * recurrent nets. Ten repetitions, so that a consistent difference between learners is detectable.
 * `quickSuiteFile` is the quick suite, whose seed, checkpoints and learners it takes.
 */
export function csvSuite(path: string, flags: Record<string, unknown>, quickSuiteFile: string): Suite {
  checkPathText(path, "--data");
  const task = stringOption(flags, "task") ?? "classification";
  if (task !== "classification" && task !== "regression" && task !== "forecast") {
    throw new UsageError(
      `--task must be "classification", "regression" or "forecast", got ${quote(task, 40)}`,
    );
  }
  const forecast = task === "forecast";
  const misplaced = forecast ? ["label"] : ["column", "window", "period"];
  for (const f of misplaced) {
    if (flags[f] !== undefined) throw new UsageError(`--${f} does not apply to --task ${task}`);
  }
  const quick = loadSuite(quickSuiteFile);
  const name =
    basename(path)
      .replace(/\.csv$/i, "")
      .replace(/[^A-Za-z0-9._-]/g, "-") || "data";
  const window = integerOption(flags, "window", 1, 10_000);
  const period = integerOption(flags, "period", 2, 100_000);
  const csv = forecast
    ? {
        path: resolve(path),
        task,
        column: stringOption(flags, "column") ?? "last",
        ...(window !== undefined ? { window } : {}),
        ...(period !== undefined ? { period } : {}),
      }
    : { path: resolve(path), task, label: stringOption(flags, "label") ?? "last" };
  const problem = { name: name.toLowerCase(), csv };
  const models = forecast
    ? [{ ...fromSeriesCsvModel(csv as never) }, ...FORECAST_MODELS.map((m) => ({ ...m }))]
    : undefined;
  return parseSuite(
    {
      name: `csv-${name}`,
      seed: quick.seed,
      repetitions: 10,
      budget: { flops: 1e8 },
      checkpoints: quick.checkpoints,
      learners: quick.learners,
      problems: [{ ...problem, ...(models ? { models } : {}) }],
    },
    `--data ${quote(path)}`,
  );
}

/** The window MLP the series entry suggests (its input size follows the window). */
function fromSeriesCsvModel(csv: CsvSource): Record<string, unknown> {
  try {
    return { ...problemEntryFor({ id: "csv", name: "csv", options: {}, csv }).model };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
