import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { workspacePackages } from "./workspace-dependencies.ts";

/** The pnpm that packs (pinned like the root's `packageManager`). */
const PNPM = ["-y", "pnpm@10.34.9"];

/** The workspace packages meant for npm: every one not marked `private` (the libraries and datasets). */
export function publishablePackages(root: string): { dir: string; name: string }[] {
  return workspacePackages(root).filter(
    (p) =>
      (JSON.parse(readFileSync(join(p.dir, "package.json"), "utf8")) as { private?: boolean }).private !==
      true,
  );
}

/** Builds every publishable package to `dist/` (`tsc -b tsconfig.build.json`: the project references). */
export function buildPackages(root: string): void {
  const tsc = createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-b", "--force", "tsconfig.build.json"], { cwd: root, stdio: "pipe" });
}

/**
 * Packs every publishable package with `pnpm pack` into `dest` (workspace and catalog versions resolved,
 * `publishConfig` applied) and returns the tarballs' paths.
 */
export function packPackages(root: string, dest: string): string[] {
  const filters = publishablePackages(root).flatMap((p) => ["--filter", p.name]);
  execFileSync("npx", [...PNPM, "-r", ...filters, "pack", "--pack-destination", dest], {
    cwd: root,
    stdio: "pipe",
  });
  return readdirSync(dest)
    .filter((f) => f.endsWith(".tgz"))
    .map((f) => join(dest, f));
}

/**
 * Builds and packs the libraries into `dest` while holding a lock in the repository (`.build/pack-lock`),
 * so that two test processes (turbo runs packages' tests in parallel) never write the same `dist/` at
 * once. A lock left by a process that no longer runs is taken over.
 */
export function builtTarballs(root: string, dest: string): string[] {
  const lock = join(root, ".build", "pack-lock");
  mkdirSync(join(root, ".build"), { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`builtTarballs: ${lock} is still held after 15 minutes`);
      if (!holderRuns(lock)) rmSync(lock, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    writeFileSync(join(lock, "pid"), String(process.pid));
    buildPackages(root);
    return packPackages(root, dest);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Whether the process that holds the lock still runs (a lock not yet stamped counts as held). */
function holderRuns(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lock, "pid"), "utf8"));
  } catch {
    return true;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
