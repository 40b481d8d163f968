import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { moduleUses, sourceFiles, workspacePackages } from "./workspace-dependencies.ts";

/**
 * The dependency rules of the workspace, checked against the code:
 *
 * - the edges between workspace packages (from each package.json; `workspaceDependencyProblems` already
 *   ties those to the imports) are exactly the ones docs/ARCHITECTURE.md draws in its `dependencies`
 *   block, run-time and tests-only apart: every edge drawn, none invented;
 * - no edge in {@link FORBIDDEN} exists, whatever the document says;
 * - no cycle between packages, and no import cycle between the files of a package.
 *
 * Returns one line per problem, empty when clean.
 */
export function dependencyRuleProblems(root: string): string[] {
  const drawn = architectureEdges(readFileSync(join(root, "docs/ARCHITECTURE.md"), "utf8"));
  const actual = manifestEdges(root);
  const problems: string[] = [];
  for (const kind of ["runtime", "tests"] as const) {
    const label = kind === "runtime" ? "run-time" : "tests-only";
    for (const e of actual[kind]) {
      if (!drawn[kind].has(e)) problems.push(`${label} edge ${e} is not drawn in docs/ARCHITECTURE.md`);
    }
    for (const e of drawn[kind]) {
      if (!actual[kind].has(e))
        problems.push(`docs/ARCHITECTURE.md draws ${label} edge ${e}, no package.json has it`);
    }
  }
  for (const [from, to, why] of FORBIDDEN) {
    for (const kind of ["runtime", "tests"] as const) {
      if (actual[kind].has(edge(from, to))) problems.push(`${from} must never import ${to}: ${why}`);
    }
  }
  problems.push(...packageCycles(actual.runtime), ...fileCycles(root), ...buildConfigProblems(root));
  return problems;
}

/**
 * The build follows the same edges: each library's `tsconfig.build.json` references exactly the
 * workspace packages it depends on at run time, the root `tsconfig.build.json` (and `typedoc.json`, when
 * there is one) lists every library, and no library depends on a private package (it could not be
 * installed).
 */
function buildConfigProblems(root: string): string[] {
  const packages = workspacePackages(root);
  const manifest = (dir: string) =>
    JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
      name: string;
      private?: boolean;
      dependencies?: Record<string, string>;
    };
  const byName = new Map(packages.map((p) => [p.name, p.dir]));
  const libraries = packages.filter((p) => manifest(p.dir).private !== true);
  const refsOf = (file: string) =>
    existsSync(file)
      ? (
          (JSON.parse(readFileSync(file, "utf8")) as { references?: { path: string }[] }).references ?? []
        ).map((r) => resolve(dirname(file), r.path))
      : null;
  const problems: string[] = [];
  const typedoc = join(root, "typedoc.json");
  if (existsSync(typedoc)) {
    const documented = (
      (JSON.parse(readFileSync(typedoc, "utf8")) as { entryPoints?: string[] }).entryPoints ?? []
    ).map((e) => resolve(root, e));
    for (const lib of libraries) {
      if (!documented.includes(lib.dir))
        problems.push(`typedoc.json does not document ${relative(root, lib.dir)}`);
    }
  }
  const listed = refsOf(join(root, "tsconfig.build.json")) ?? [];
  for (const lib of libraries) {
    const own = join(lib.dir, "tsconfig.build.json");
    if (!listed.includes(own)) problems.push(`tsconfig.build.json does not reference ${relative(root, own)}`);
    const refs = refsOf(own);
    if (refs === null) {
      problems.push(`${SHORT(lib.name)} has no tsconfig.build.json`);
      continue;
    }
    const deps = Object.keys(manifest(lib.dir).dependencies ?? {}).filter((d) => byName.has(d));
    const want = deps.map((d) => join(byName.get(d) as string, "tsconfig.build.json"));
    for (const w of want)
      if (!refs.includes(w)) problems.push(`${relative(root, own)} does not reference ${relative(root, w)}`);
    for (const r of refs)
      if (!want.includes(r))
        problems.push(`${relative(root, own)} references ${relative(root, r)}, not a dependency`);
    for (const d of deps) {
      if (manifest(byName.get(d) as string).private === true)
        problems.push(`${SHORT(lib.name)} depends on the private ${SHORT(d)}`);
    }
  }
  return problems;
}

/** Imports no package may have, whatever else changes: [importer, imported, why]. */
export const FORBIDDEN: readonly (readonly [string, string, string])[] = [
  ...["objectives", "genetic", "swarm", "cmaes", "differential-evolution", "evolution-strategies"].flatMap(
    (p) =>
      ["nn", "tensor"].map((q) => [p, q, "an optimizer package optimises any function of a vector"] as const),
  ),
  ["nn", "datasets", "nn takes data as typed arrays, structurally"],
  ...[
    "backprop",
    "genetic",
    "swarm",
    "cmaes",
    "differential-evolution",
    "evolution-strategies",
    "objectives",
    "neuroevolution",
  ].map((q) => ["nn", q, "models know nothing of the algorithms that train them"] as const),
  ["tensor", "rng", "tensor imports nothing"],
  ["tensor", "options", "tensor imports nothing"],
];

/** "a → b": package a imports package b (short names: `@arena/` dropped). */
function edge(from: string, to: string): string {
  return `${from} → ${to}`;
}

const SHORT = (name: string) => name.replace(/^@arena\//, "");

/** The workspace edges of every package.json: `dependencies`, and `devDependencies` not also run-time. */
export function manifestEdges(root: string): { runtime: Set<string>; tests: Set<string> } {
  const packages = workspacePackages(root);
  const names = new Set(packages.map((p) => p.name));
  const runtime = new Set<string>();
  const tests = new Set<string>();
  for (const p of packages) {
    const m = JSON.parse(readFileSync(join(p.dir, "package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const deps = Object.keys(m.dependencies ?? {}).filter((d) => names.has(d));
    for (const d of deps) runtime.add(edge(SHORT(p.name), SHORT(d)));
    for (const d of Object.keys(m.devDependencies ?? {})) {
      if (names.has(d) && !deps.includes(d)) tests.add(edge(SHORT(p.name), SHORT(d)));
    }
  }
  return { runtime, tests };
}

/**
 * The edges drawn in the fenced block tagged `dependencies`: each line is `providers ← importers` (both
 * comma-separated lists; every importer imports every provider), text in parentheses is a comment, and
 * a line `tests only:` starts the edges of tests (devDependencies).
 */
export function architectureEdges(markdown: string): { runtime: Set<string>; tests: Set<string> } {
  const block = markdown.match(/^```dependencies\n([\s\S]*?)^```/m)?.[1];
  if (block === undefined) throw new Error("docs/ARCHITECTURE.md has no ```dependencies block");
  const out = { runtime: new Set<string>(), tests: new Set<string>() };
  let kind: "runtime" | "tests" = "runtime";
  for (const raw of block.split("\n")) {
    const line = raw.replace(/\([^)]*\)/g, "").trim();
    if (line === "") continue;
    if (/^tests only:$/i.test(line)) {
      kind = "tests";
      continue;
    }
    const [lhs, rhs, extra] = line.split("←");
    if (rhs === undefined || extra !== undefined) throw new Error(`unreadable dependency line: "${raw}"`);
    const list = (s: string) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean);
    for (const provider of list(lhs))
      for (const importer of list(rhs)) out[kind].add(edge(importer, provider));
  }
  return out;
}

/** Cycles between packages (run-time edges). */
function packageCycles(edges: Set<string>): string[] {
  const graph = new Map<string, string[]>();
  for (const e of edges) {
    const [from, to] = e.split(" → ");
    graph.set(from, [...(graph.get(from) ?? []), to]);
  }
  return findCycles(graph).map((c) => `package cycle: ${c.join(" → ")}`);
}

/** Import cycles between the files of one package (relative imports of its source files). */
function fileCycles(root: string): string[] {
  const problems: string[] = [];
  for (const p of workspacePackages(root)) {
    const graph = new Map<string, string[]>();
    for (const file of sourceFiles(p.dir, [])) {
      const deps = moduleUses(file)
        .filter((u) => u.specifier.startsWith("."))
        .map((u) => resolve(dirname(file), u.specifier));
      graph.set(file, deps);
    }
    for (const c of findCycles(graph)) {
      problems.push(`import cycle in ${SHORT(p.name)}: ${c.map((f) => relative(root, f)).join(" → ")}`);
    }
  }
  return problems;
}

/** One cycle through each strongly connected part of a directed graph that has one (depth-first). */
function findCycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (n: string) => {
    state.set(n, "open");
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      if (state.get(m) === "open") cycles.push([...stack.slice(stack.indexOf(m)), m]);
      else if (!state.has(m) && graph.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, "done");
  };
  for (const n of graph.keys()) if (!state.has(n)) visit(n);
  return cycles;
}
