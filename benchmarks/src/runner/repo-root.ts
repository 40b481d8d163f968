import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The workspace root: the nearest directory above this file holding pnpm-workspace.yaml. */
export function repoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`repoRoot: no pnpm-workspace.yaml above ${from}`);
    dir = up;
  }
  return dir;
}

/** Where reports go: `<repo root>/reports/bench` (git-ignored). */
export function benchReportDir(): string {
  return join(repoRoot(), "reports", "bench");
}
