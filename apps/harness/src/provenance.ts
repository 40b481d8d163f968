import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The root of the Arena checkout this module belongs to. */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** What an invocation of the harness knows about itself; read once in the main thread, sent with each run. */
export interface Invocation {
  /** Arena's version: the root package.json's `version`. */
  arenaVersion: string;
  /** Short hash of the checked-out commit of Arena, or null when it is not a git work tree. */
  gitCommit: string | null;
  /** Worker threads of the invocation's pool. */
  workers: number;
}

let version: string | undefined;

/** Arena's version from the root package.json ("unknown" when it cannot be read). */
export function arenaVersion(): string {
  if (version === undefined) {
    try {
      const v = (JSON.parse(readFileSync(resolve(repoRoot, "package.json"), "utf8")) as { version?: unknown })
        .version;
      version = typeof v === "string" && v.length > 0 ? v : "unknown";
    } catch {
      version = "unknown";
    }
  }
  return version;
}

/**
 * The short hash of Arena's checked-out commit (`git rev-parse --short HEAD` in the repository root,
 * 2 s at most), or null when git is missing, times out, or the folder is not a git work tree.
 */
export function gitCommit(cwd = repoRoot): string | null {
  try {
    const out = execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd,
      encoding: "utf8",
      timeout: 2000,
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    return /^[0-9a-f]{4,40}$/.test(out) ? out : null;
  } catch {
    return null;
  }
}

/** The provenance of this invocation, for `workers` worker threads. */
export function invocation(workers: number): Invocation {
  return { arenaVersion: arenaVersion(), gitCommit: gitCommit(), workers };
}
