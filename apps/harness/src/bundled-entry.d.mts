// Types of bundled-entry.mjs for packages that type-check the harness's sources without allowJs
// (the benchmarks). The harness checks the JavaScript itself (checkJs).

/**
 * The cache folder: `ARENA_BUNDLE_DIR` when set, else apps/harness/node_modules/.cache/arena-bundles,
 * else, when that cannot be written, one in the temporary folder.
 */
export declare function bundleCacheDir(): string;

/**
 * The path of a current bundle of `entry` (an absolute path or file URL of a TypeScript or JavaScript
 * module): the cached one when none of its inputs changed since it was built, else a new one, built now
 * and cached.
 */
export declare function bundledEntry(entry: string | URL, options?: { cacheDir?: string }): Promise<string>;
