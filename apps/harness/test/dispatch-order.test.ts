import { fileURLToPath } from "node:url";
import { parseResultsFile } from "@arena/results";
import { describe, expect, it } from "vitest";
import { planCheckedSuite, planCheckedSuiteWithTuning } from "../src/check-suite.ts";
import { executeRun } from "../src/execute-run.ts";
import { LEARNER_KINDS } from "../src/learner-kinds.ts";
import { createProblemLoader } from "../src/problem-loader.ts";
import { estimateRunCosts, longestFirst } from "../src/run-cost-estimate.ts";
import { recordLine } from "../src/spec-record.ts";
import { loadSuite } from "../src/suite.ts";
import { planFinals, readTrialRecords } from "../src/tuning-selection.ts";
import { arena, comparable, records, tmp } from "./arena-cli.ts";

const suite = fileURLToPath(new URL("./fixtures/tiny-suite.json", import.meta.url));
const tuned = fileURLToPath(new URL("./fixtures/tiny-tuned-suite.json", import.meta.url));
const ids = (runs: readonly { runId: string }[]) => runs.map((r) => r.runId);

/** The run ids of CI progress lines (`[k/n] RUN-ID status in …`), in the order the runs finished. */
const finishedInOrder = (stderr: string) => [...stderr.matchAll(/^\[\d+\/\d+\] (\S+) /gm)].map((m) => m[1]);

// Each invocation starts Node, compiles the sources with tsx and starts workers: seconds apiece, and
// more on a loaded machine, hence the generous timeout (nothing here is timed).
describe("arena run hands runs out longest expected first", { timeout: 300_000 }, () => {
  const plan = planCheckedSuite(loadSuite(suite), process.cwd());

  it("at one worker, finishes the runs longest expected first, then leaves the file in the plan's order", () => {
    const out = tmp("arena-order-");
    const r = arena(["run", suite, "--workers", "1", "--out", out]);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    // One worker finishes the runs in the order it is handed them; CI progress prints each as it finishes.
    const expected = ids(longestFirst(plan, estimateRunCosts(plan)));
    expect(finishedInOrder(r.stderr)).toEqual(expected);
    expect(expected).not.toEqual(ids(plan));
    expect(ids(records(out))).toEqual(ids(plan));
  });

  it("gives the same records as the plan's order run one at a time: seeds come from seed paths, not places", () => {
    const out = tmp("arena-order-");
    const r = arena(["run", suite, "--workers", "2", "--out", out]);
    expect(r.code).toBe(0);
    // The order before longest-first: the plan's, one run after another, in this process.
    const context = { learners: LEARNER_KINDS, loadProblem: createProblemLoader() };
    const lines = plan.map((spec) => recordLine(spec, executeRun(spec, context)));
    const inPlanOrder = parseResultsFile(`${lines.join("\n")}\n`).records;
    expect(inPlanOrder).toHaveLength(plan.length);
    expect(comparable(records(out))).toEqual(comparable(inPlanOrder));
  });

  it("keeps the tuning phases in order, trials before finals, and sorts within each phase", () => {
    const out = tmp("arena-order-");
    const r = arena(["run", tuned, "--workers", "1", "--out", out]);
    expect(r.code).toBe(0);
    const tunedSuite = loadSuite(tuned);
    const tunedPlan = planCheckedSuiteWithTuning(tunedSuite, process.cwd());
    const finals = planFinals(tunedPlan, tunedSuite.repetitions, readTrialRecords(out, tunedPlan)).runs;
    expect(finals).toHaveLength(4);
    expect(finishedInOrder(r.stderr)).toEqual([
      ...ids(longestFirst(tunedPlan.runs, estimateRunCosts(tunedPlan.runs))),
      ...ids(longestFirst(finals, estimateRunCosts(finals))),
    ]);
    expect(ids(records(out))).toEqual([...ids(tunedPlan.runs), ...ids(finals)]);
  });
});
