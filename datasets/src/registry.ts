import {
  blobsEntry,
  circlesEntry,
  diabetesEntry,
  digitsEntry,
  facesEntry,
  irisEntry,
  moonsEntry,
  parityEntry,
  spiralsEntry,
  wineEntry,
  xorEntry,
} from "./classic-problems.ts";
import type { ProblemEntry } from "./problem-entry.ts";
import {
  addingEntry,
  airlineEntry,
  copyEntry,
  mackeyGlassEntry,
  shakespeareEntry,
  sineEntry,
} from "./sequence-problems.ts";

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
