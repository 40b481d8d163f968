// @ts-check
// Plain JavaScript, because `bin/arena.mjs` runs it before anything can load TypeScript.
//
// Arena's packages export TypeScript sources. tsx's loader compiles them on load, but on Node 20 its
// hooks run in a thread of their own (another V8 isolate) for every thread that registers them, and
// the loader, its caches and the source maps of some 350 modules stay in memory: some 70 MB for the
// main thread and 45 MB for each worker. So `arena` runs bundles instead: each entry (the CLI, the
// run worker) with every workspace module it imports, compiled by esbuild into one ES module (and its
// lazily loaded chunks) in a cache folder, and rebuilt whenever one of its inputs changes.

import { createHash } from "node:crypto";
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { isBuiltin } from "node:module";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** This file: its text is an input of every bundle (a change of the build options rebuilds them). */
const SELF = fileURLToPath(import.meta.url);
/** apps/harness. */
const HARNESS_DIR = resolve(dirname(SELF), "..");
/** The repository root (where pnpm-workspace.yaml and the lockfile are). */
const WORKSPACE_DIR = resolve(HARNESS_DIR, "../..");
/** The manifest's format; a manifest of another format is stale. */
const FORMAT = 1;
/** Bundle folders of an entry other than the current one are removed once they are this old. */
const PRUNE_AFTER_MS = 24 * 60 * 60 * 1000;
/** Files besides the bundled sources whose change can change a bundle: how packages and TypeScript resolve. */
const CONFIG_FILES = ["package.json", "tsconfig.json", "tsconfig.base.json"];

/**
 * @typedef {object} Manifest What a bundle was built from.
 * @property {number} format {@link FORMAT}
 * @property {string} entry the entry's absolute path
 * @property {string} dir the bundle's folder, in the cache folder
 * @property {string} main the bundled entry's file name in `dir`
 * @property {Record<string, string>} inputs every input's absolute path and the sha256 of its bytes
 */

/**
 * The cache folder: `ARENA_BUNDLE_DIR` when set, else apps/harness/node_modules/.cache/arena-bundles
 * (outside git, and gone with node_modules), else, when that cannot be written, one in the temporary
 * folder.
 * @returns {string}
 */
export function bundleCacheDir() {
  const asked = process.env.ARENA_BUNDLE_DIR;
  if (asked) return resolve(asked);
  const dir = join(HARNESS_DIR, "node_modules", ".cache", "arena-bundles");
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return dir;
  } catch {
    return join(tmpdir(), `arena-bundles-${process.getuid?.() ?? "user"}`);
  }
}

/**
 * The path of a current bundle of `entry` (an absolute path or file URL of a TypeScript or JavaScript
 * module): the cached one when none of its inputs changed since it was built (the bundled files, the
 * package.json and tsconfig files above them, the lockfile, this file), else a new one, built now
 * (under a second) and cached. The bundle is an ES module whose imports of packages outside the
 * workspace are their files as Node resolves them, and whose `import.meta.url` is the original module's.
 * @param {string | URL} entry
 * @param {{ cacheDir?: string }} [options] the cache folder (default {@link bundleCacheDir})
 * @returns {Promise<string>}
 */
export async function bundledEntry(entry, options = {}) {
  const entryPath = entry instanceof URL || entry.startsWith("file:") ? fileURLToPath(entry) : resolve(entry);
  const cacheDir = options.cacheDir ?? bundleCacheDir();
  const name = entryName(entryPath);
  const manifestPath = join(cacheDir, `${name}.json`);
  const cached = readManifest(manifestPath);
  if (cached && cached.entry === entryPath && isFresh(cached, cacheDir))
    return join(cacheDir, cached.dir, cached.main);
  mkdirSync(cacheDir, { recursive: true });
  const manifest = await build(entryPath, name, cacheDir);
  writeAtomically(manifestPath, `${JSON.stringify(manifest, null, 1)}\n`);
  prune(cacheDir, name, manifest.dir);
  return join(cacheDir, manifest.dir, manifest.main);
}

/**
 * The bundle's name: the entry's file name and a hash of its path, so that entries of two checkouts
 * sharing a cache folder do not evict each other.
 * @param {string} entryPath
 */
function entryName(entryPath) {
  const stem = entryPath.slice(dirname(entryPath).length + 1, -extname(entryPath).length || undefined);
  return `${stem.replace(/[^\w-]/g, "_")}-${sha256(entryPath).slice(0, 8)}`;
}

/** @param {string | Uint8Array} data */
function sha256(data) {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * The sha256 of a file's bytes; "missing" when it cannot be read.
 * @param {string} path
 */
function fileHash(path) {
  try {
    return sha256(readFileSync(path));
  } catch {
    return "missing";
  }
}

/**
 * @param {string} path
 * @returns {Manifest | undefined}
 */
function readManifest(path) {
  try {
    const m = JSON.parse(readFileSync(path, "utf8"));
    return m?.format === FORMAT ? m : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when the bundle is there and every input still has the bytes it was built from.
 * @param {Manifest} m
 * @param {string} cacheDir
 */
function isFresh(m, cacheDir) {
  if (!existsSync(join(cacheDir, m.dir, m.main))) return false;
  return Object.entries(m.inputs).every(([path, hash]) => fileHash(path) === hash);
}

/**
 * The inputs of a bundle: the bundled files, the configuration files (present or not) in their folders
 * and every folder above up to the workspace root, the lockfile, and this file.
 * @param {string[]} sources
 */
function inputsOf(sources) {
  const files = new Set([...sources, SELF, join(WORKSPACE_DIR, "pnpm-lock.yaml")]);
  const seen = new Set();
  for (const source of sources) {
    for (let dir = dirname(source); !seen.has(dir); dir = dirname(dir)) {
      seen.add(dir);
      // Absent ones too (their hash is "missing"): one created later changes the bundle as well.
      for (const f of CONFIG_FILES) files.add(join(dir, f));
      if (dir === WORKSPACE_DIR || dirname(dir) === dir) break;
    }
  }
  return [...files].sort();
}

/**
 * Bundles `entryPath` into a new folder of `cacheDir` named by the bundle's hash, and returns its
 * manifest. The folder is complete before it gets its name, so a reader never sees half of it.
 * @param {string} entryPath
 * @param {string} name
 * @param {string} cacheDir
 * @returns {Promise<Manifest>}
 */
async function build(entryPath, name, cacheDir) {
  const esbuild = await import("esbuild");
  const tmp = mkdtempSync(join(cacheDir, `.${name}-`));
  try {
    const result = await esbuild.build({
      entryPoints: { [name]: entryPath },
      absWorkingDir: WORKSPACE_DIR,
      outdir: tmp,
      outExtension: { ".js": ".mjs" },
      chunkNames: "chunk-[hash]",
      bundle: true,
      splitting: true, // what the entry imports lazily (the queue, the dashboard) loads lazily
      format: "esm",
      platform: "node",
      target: "node20",
      keepNames: true, // functions and classes keep their `name`, as unbundled
      conditions: [], // with mainFields, resolve packages as Node does ("import", "node", "default")
      mainFields: ["main"],
      sourcemap: "linked", // stack traces name the TypeScript sources (with --enable-source-maps)
      sourcesContent: false,
      metafile: true,
      logLevel: "silent",
      plugins: [nodePackagesStayExternal(), originalImportMetaUrl()],
    });
    const sources = Object.keys(result.metafile.inputs).map((p) => resolve(WORKSPACE_DIR, p));
    const inputs = Object.fromEntries(inputsOf(sources).map((p) => [p, fileHash(p)]));
    const dir = `${name}-${sha256(JSON.stringify(inputs)).slice(0, 16)}`;
    installFolder(tmp, join(cacheDir, dir));
    return { format: FORMAT, entry: entryPath, dir, main: `${name}.mjs`, inputs };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    await esbuild.stop(); // esbuild's service is a child process: end it now
  }
}

/**
 * Renames the built folder into place; when another process has put the same bundle there first,
 * theirs stays.
 * @param {string} from
 * @param {string} to
 */
function installFolder(from, to) {
  try {
    renameSync(from, to);
  } catch (e) {
    if (!existsSync(to)) throw e;
  }
}

/**
 * @param {string} path
 * @param {string} text
 */
function writeAtomically(path, text) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/**
 * Removes the entry's other bundle folders that are old enough that no running process still loads
 * from them (a pool restarts a crashed worker from the folder it started with).
 * @param {string} cacheDir
 * @param {string} name
 * @param {string} keep
 */
function prune(cacheDir, name, keep) {
  const now = Date.now();
  for (const f of readdirSync(cacheDir)) {
    if (f === keep || !f.startsWith(`${name}-`)) continue;
    const path = join(cacheDir, f);
    try {
      if (now - statSync(path).mtimeMs > PRUNE_AFTER_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // removed by another process meanwhile
    }
  }
}

/**
 * Leaves packages outside the workspace (and Node's builtins) to Node: their imports become the
 * absolute file URLs Node's resolution would find from the importing module, so each is loaded from
 * its own files exactly as without a bundle. Workspace packages (`@arena/*`) are bundled.
 * @returns {import("esbuild").Plugin}
 */
function nodePackagesStayExternal() {
  return {
    name: "node-packages-stay-external",
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === "inner" || args.path.startsWith("@arena/")) return undefined;
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        const r = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: "inner",
        });
        if (r.errors.length > 0) return { errors: r.errors };
        return { path: pathToFileURL(r.path).href, external: true };
      });
    },
  };
}

/** What `import.meta.url` is rewritten to in bundled modules: a constant each of them declares. */
const META_URL = "__arenaImportMetaUrl";

/**
 * Gives each bundled module that mentions `import.meta.url` its own URL as that value (with
 * `define`, which rewrites the expression and never text in strings or comments), so the files it
 * finds relative to itself (data, suites, the dashboard's build) are found from the bundle as from the
 * source. The constant goes at the start of the first line (after a shebang line, the second), so line
 * numbers stay those of the source.
 * @returns {import("esbuild").Plugin}
 */
function originalImportMetaUrl() {
  return {
    name: "original-import-meta-url",
    setup(b) {
      b.initialOptions.define = { ...b.initialOptions.define, "import.meta.url": META_URL };
      b.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
        const text = readFileSync(args.path, "utf8");
        if (!text.includes("import.meta")) return undefined;
        const ext = extname(args.path);
        const loader = ext === ".tsx" ? "tsx" : ext.includes("ts") ? "ts" : ext === ".jsx" ? "jsx" : "js";
        const declaration = `const ${META_URL} = ${JSON.stringify(pathToFileURL(args.path).href)};`;
        // After a shebang line, which must stay first: at the start of the next line.
        const at = text.startsWith("#!") ? text.indexOf("\n") + 1 : 0;
        const contents = at > 0 ? text.slice(0, at) + declaration + text.slice(at) : declaration + text;
        return { contents, loader };
      });
    },
  };
}
