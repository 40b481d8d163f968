import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { isBuiltin } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

/**
 * Checks every workspace package's package.json against what its files use:
 *
 * - a package imported from run-time files (`src/`, `bin/`, and the few files `RUNTIME_FILES` names)
 *   must be in `dependencies`; a type-only import there may instead be satisfied by `@types/<name>`;
 * - a package imported anywhere else (tests, benchmarks, build scripts, configs) must be declared
 *   in `dependencies` or `devDependencies`, and so must whatever provides a command in `scripts`;
 * - each entry of `dependencies` must be imported by a run-time file (or provide a command a run-time
 *   file needs: none do yet), and each entry of `devDependencies` must be imported somewhere,
 *   provide a command in `scripts`, or be the `@types/` package of something used (`@types/node` is
 *   always allowed: `tsconfig.base.json` loads it);
 * - no file reaches into another workspace package by a relative path.
 *
 * Imports are read with the TypeScript parser (comments and strings are not imports): static and
 * dynamic `import`, `export … from`, `require()`, `require.resolve()`, `createRequire(…).resolve()`,
 * `import.meta.resolve()` and `import("x")` types. Returns one line per problem, empty when clean.
 */
export function workspaceDependencyProblems(root: string): string[] {
  const packages = workspacePackages(root);
  const problems: string[] = [];
  for (const pkg of [{ dir: root, name: readManifest(root).name ?? "(root)" }, ...packages]) {
    problems.push(
      ...packageProblems(root, pkg.dir, pkg.dir === root ? packages.map((p) => p.dir) : [], packages),
    );
  }
  return problems;
}

/** Files that run in production although they are not under `src/` or `bin/`, per package name. */
export const RUNTIME_FILES: Record<string, string[]> = {
  // build-app.ts hands it to Vite's build() whenever the dashboard is (re)built at run time.
  "@arena/dashboard": ["vite.config.ts"],
};

/**
 * Folders of files that a test copies into a blank project outside the workspace and runs there: they
 * import the packed packages, which that project installs, so their imports are not this package's.
 */
export const OUTSIDE_WORKSPACE: Record<string, string[]> = {
  "@arena/dashboard": ["test/fixtures/packed-packages-page"],
};

/** Commands in `scripts` that no package provides. */
const SHELL_COMMANDS = new Set([
  "node",
  "npm",
  "npx",
  "pnpm",
  "cd",
  "echo",
  "rm",
  "cp",
  "mv",
  "mkdir",
  "bash",
  "sh",
  "exit",
  "true",
  "false",
  "test",
  "env",
]);

const SOURCE = /\.(?:[cm]?[jt]s|tsx)$/;

interface Manifest {
  name?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
}

/** The packages `pnpm-workspace.yaml` lists (entries `dir` or `dir/*`), with their names. */
export function workspacePackages(root: string): { dir: string; name: string }[] {
  const yaml = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8");
  const block = yaml.match(/^packages:\n((?:[ \t]+-[^\n]*\n?)+)/m)?.[1] ?? "";
  const out: { dir: string; name: string }[] = [];
  for (const line of block.split("\n")) {
    const entry = line
      .replace(/^\s*-\s*/, "")
      .replace(/["']/g, "")
      .trim();
    if (!entry) continue;
    const dirs = entry.endsWith("/*")
      ? readdirSync(join(root, entry.slice(0, -2))).map((d) => join(root, entry.slice(0, -2), d))
      : [join(root, entry)];
    for (const dir of dirs) {
      if (existsSync(join(dir, "package.json"))) out.push({ dir, name: readManifest(dir).name ?? dir });
    }
  }
  return out.sort((a, b) => a.dir.localeCompare(b.dir));
}

/** The source files of a package, without node_modules, build output and dot-folders. */
export function sourceFiles(dir: string, skipDirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        if (name.startsWith(".") || ["node_modules", "dist", "coverage", "reports"].includes(name)) continue;
        if (skipDirs.includes(path)) continue;
        walk(path);
      } else if (SOURCE.test(name)) out.push(path);
    }
  };
  walk(dir);
  return out;
}

/** One module specifier a file uses, and whether only types are taken from it. */
interface Use {
  specifier: string;
  typeOnly: boolean;
}

/** The string-literal module specifiers a file uses (see `workspaceDependencyProblems`). */
export function moduleUses(file: string, text = readFileSync(file, "utf8")): Use[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const uses: Use[] = [];
  const literal = (node: ts.Node | undefined) =>
    node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
  const add = (node: ts.Node | undefined, typeOnly: boolean) => {
    const specifier = literal(node);
    if (specifier !== undefined) uses.push({ specifier, typeOnly });
  };
  const isRequireLike = (e: ts.Expression): boolean =>
    (ts.isIdentifier(e) && /^require$/i.test(e.text)) ||
    (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "createRequire") ||
    (ts.isMetaProperty(e) && e.keywordToken === ts.SyntaxKind.ImportKeyword);
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], false);
      else if (ts.isIdentifier(callee) && callee.text === "require") add(node.arguments[0], false);
      else if (ts.isPropertyAccessExpression(callee) && callee.name.text === "resolve") {
        if (isRequireLike(callee.expression)) add(node.arguments[0], false);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** `@types/x` for `x`, `@types/a__b` for `@a/b`. */
function typesPackage(name: string): string {
  return `@types/${name.startsWith("@") ? name.slice(1).replace("/", "__") : name}`;
}

/** The commands a package provides (its `bin`), read from its installed package.json. */
function binsOf(dir: string, dep: string): string[] {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, "node_modules", dep, "package.json"), "utf8")) as {
      name: string;
      bin?: string | Record<string, string>;
    };
    if (typeof manifest.bin === "string") return [manifest.name.split("/").pop() ?? manifest.name];
    return Object.keys(manifest.bin ?? {});
  } catch {
    // Not installed: assume the usual, a command named like the package.
    return dep === "typescript" ? ["tsc", "tsserver"] : [dep.split("/").pop() ?? dep];
  }
}

/** The commands a script line runs: the first word of each `&&`, `||`, `;` or `|` part. */
function scriptCommands(line: string): string[] {
  return line
    .split(/&&|\|\||;|\|/)
    .map(
      (part) =>
        part
          .trim()
          .split(/\s+/)
          .find((word) => !/^[A-Z_][A-Z0-9_]*=/.test(word)) ?? "",
    )
    .filter((cmd) => cmd && !SHELL_COMMANDS.has(cmd));
}

function packageProblems(
  root: string,
  dir: string,
  skipDirs: readonly string[],
  packages: readonly { dir: string; name: string }[],
): string[] {
  const manifest = readManifest(dir);
  const self = manifest.name;
  const where = relative(root, join(dir, "package.json")) || "package.json";
  const runtimeDeclared = new Set(
    Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies }),
  );
  const devDeclared = new Set(Object.keys(manifest.devDependencies ?? {}));
  const declared = (name: string) => runtimeDeclared.has(name) || devDeclared.has(name);
  const runtimeRoots = [
    join(dir, "src"),
    join(dir, "bin"),
    ...(RUNTIME_FILES[self ?? ""] ?? []).map((f) => join(dir, f)),
  ];
  const isRuntime = (file: string) => runtimeRoots.some((r) => file === r || file.startsWith(r + sep));

  const problems: string[] = [];
  /** Where each package is used: run-time files (and whether only for types), other files. */
  const used = new Map<string, { runtime: string[]; runtimeValue: boolean; dev: string[] }>();
  const outside = (OUTSIDE_WORKSPACE[self ?? ""] ?? []).map((f) => join(dir, f));
  for (const file of sourceFiles(dir, [...skipDirs, ...outside])) {
    const rel = relative(dir, file);
    for (const { specifier, typeOnly } of moduleUses(file)) {
      if (specifier.startsWith(".")) {
        const target = resolve(dirname(file), specifier);
        const other = packages.find(
          (p) => p.dir !== dir && (target === p.dir || target.startsWith(p.dir + sep)),
        );
        if (other && dir !== root) {
          problems.push(
            `${where}: ${rel} imports ${specifier}, inside ${other.name}, by a relative path: import "${other.name}" and declare it`,
          );
        }
        continue;
      }
      if (isBuiltin(specifier) || /^[a-z][a-z0-9+.-]*:/i.test(specifier) || specifier.startsWith("/"))
        continue;
      const name = packageName(specifier);
      if (name === self) continue;
      const entry = used.get(name) ?? { runtime: [], runtimeValue: false, dev: [] };
      if (isRuntime(file)) {
        entry.runtime.push(rel);
        entry.runtimeValue ||= !typeOnly;
      } else entry.dev.push(rel);
      used.set(name, entry);
    }
  }

  for (const [name, { runtime, runtimeValue, dev }] of [...used].sort(([a], [b]) => a.localeCompare(b))) {
    const types = typesPackage(name);
    if (runtime.length) {
      if (runtimeDeclared.has(name)) continue;
      if (!runtimeValue && declared(types)) continue;
      const first = runtime[0];
      problems.push(
        devDeclared.has(name)
          ? `${where}: ${name} is imported at run time (${first}) but is in devDependencies: move it to dependencies`
          : `${where}: ${name} is imported at run time (${first}) but not declared: add it to dependencies`,
      );
    } else if (!declared(name) && !declared(types)) {
      problems.push(`${where}: ${name} is imported (${dev[0]}) but not declared: add it to devDependencies`);
    }
  }

  // Commands run by scripts must come from a declared package.
  const commandOf = new Map<string, string>();
  for (const dep of [...runtimeDeclared, ...devDeclared])
    for (const bin of binsOf(dir, dep)) commandOf.set(bin, dep);
  const scriptDeps = new Set<string>();
  for (const [script, line] of Object.entries(manifest.scripts ?? {})) {
    for (const command of new Set(scriptCommands(line))) {
      const dep = commandOf.get(command);
      if (dep) scriptDeps.add(dep);
      else
        problems.push(`${where}: script "${script}" runs ${command}, which no declared dependency provides`);
    }
  }

  const isUsedAsTypes = (dep: string) =>
    dep === "@types/node" ||
    (dep.startsWith("@types/") &&
      [...used.keys(), ...runtimeDeclared, ...devDeclared].some((n) => typesPackage(n) === dep));
  for (const dep of runtimeDeclared) {
    const use = used.get(dep);
    if (use?.runtime.length || isUsedAsTypes(dep)) continue;
    problems.push(
      use || scriptDeps.has(dep)
        ? `${where}: ${dep} is in dependencies but only tests or scripts use it: move it to devDependencies`
        : `${where}: ${dep} is in dependencies but nothing imports it: remove it`,
    );
  }
  for (const dep of devDeclared) {
    if (runtimeDeclared.has(dep)) {
      problems.push(`${where}: ${dep} is in both dependencies and devDependencies: keep one`);
    } else if (!used.has(dep) && !scriptDeps.has(dep) && !isUsedAsTypes(dep)) {
      problems.push(`${where}: ${dep} is in devDependencies but nothing imports or runs it: remove it`);
    }
  }
  return problems;
}
