/**
 * scipy's differential evolution as a peer: a virtual environment created by the benchmark (with the
 * system's site-packages, so the scipy and numpy already installed for `python3` are used and nothing is
 * downloaded), then `scipy_de.py` run by that environment's python on the plan. When scipy cannot be
 * imported there, the peer is skipped with a message saying why; the Arena rows are measured all the same.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { PeerPlan } from "./peer-problems.ts";

export interface ScipyRow {
  readonly function: string;
  readonly seed: number;
  readonly f: number;
  readonly x: number[];
  readonly evaluations: number;
  readonly ms: number;
  readonly settings: { popsize: number; population: number; maxiter: number };
}

export interface ScipyResult {
  readonly python: string;
  readonly scipy: string;
  readonly numpy: string;
  readonly rows: ScipyRow[];
}

export type ScipyOutcome = { ok: true; result: ScipyResult } | { ok: false; reason: string };

const SCRIPT = fileURLToPath(new URL("./scipy_de.py", import.meta.url));

/**
 * Creates (or reuses) `<venvDir>` with `<python> -m venv --system-site-packages` and returns its python,
 * or the reason it could not.
 */
export function ensureVenv(venvDir: string, python = "python3"): { python: string } | { reason: string } {
  const venvPython = join(venvDir, "bin", "python");
  if (!existsSync(venvPython)) {
    const made = spawnSync(python, ["-m", "venv", "--system-site-packages", venvDir], { encoding: "utf8" });
    if (made.error || made.status !== 0) {
      const why = made.error?.message ?? made.stderr.trim();
      return { reason: `could not create a virtual environment with "${python} -m venv": ${why}` };
    }
  }
  const probe = spawnSync(venvPython, ["-c", "import scipy, numpy"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    const why = probe.error?.message ?? probe.stderr.trim().split("\n").pop();
    return {
      reason:
        `scipy is not importable from ${venvPython} (${why}); the venv uses the system site-packages ` +
        `of "${python}", so install scipy and numpy there (this machine has no PyPI access to do it for you)`,
    };
  }
  return { python: venvPython };
}

/** Runs scipy's DE on every case of the plan in one Python process. */
export function runScipy(plan: PeerPlan, venvDir: string, python?: string): ScipyOutcome {
  const env = ensureVenv(venvDir, python);
  if ("reason" in env) return { ok: false, reason: env.reason };
  const run = spawnSync(env.python, [SCRIPT], {
    input: JSON.stringify(plan),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error || run.status !== 0) {
    return { ok: false, reason: `${SCRIPT} failed: ${run.error?.message ?? run.stderr.trim()}` };
  }
  return { ok: true, result: JSON.parse(run.stdout) as ScipyResult };
}
