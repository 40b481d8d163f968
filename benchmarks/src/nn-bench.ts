/**
 * `pnpm bench:nn`: the nn micro-benchmarks (MLP training, recurrent training, population loss) in one
 * run, written to `reports/bench/nn.json` and `nn.md`. Each suite also runs alone: `tsx src/nn-mlp.ts`.
 */
import { isMain, runBenchmarksCli } from "./index.ts";
import { mlpSuite } from "./nn-mlp.ts";
import { populationSuite } from "./nn-population.ts";
import { rnnSuite } from "./nn-rnn.ts";

export const nnSuites = [mlpSuite, rnnSuite, populationSuite];

// Two rounds, alternating the order of implementations: a burst of load from other processes then
// hits every implementation alike.
if (isMain(import.meta.url))
  await runBenchmarksCli("nn", nnSuites as never, process.argv.slice(2), { rounds: 2 });
