import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
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
