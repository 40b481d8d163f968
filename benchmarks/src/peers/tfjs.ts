/**
 * Loads TensorFlow.js with one of its pure-JavaScript-host backends, offline:
 * - "cpu": `@tensorflow/tfjs`'s plain-JS CPU backend;
 * - "wasm": `@tensorflow/tfjs-backend-wasm` (XNNPACK, SIMD when the engine has it), whose `.wasm`
 *   binaries ship in the npm package: `setWasmPaths` points at the package's `dist/` on disk, so
 *   nothing is fetched.
 * tfjs-node (native TensorFlow) is deliberately not a peer: Arena compares against what runs in any
 * JavaScript engine.
 */
import { createRequire } from "node:module";
import { dirname } from "node:path";

export type TfjsBackend = "cpu" | "wasm";
export type Tf = typeof import("@tensorflow/tfjs");

/** Imports tfjs, selects `backend` and waits until it is ready; returns the tf namespace. */
export async function loadTfjs(backend: TfjsBackend): Promise<Tf> {
  const tf = await import("@tensorflow/tfjs");
  if (backend === "wasm") {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    const require = createRequire(import.meta.url);
    // The package's main entry lives in dist/, next to the .wasm files; the path must end with "/".
    wasm.setWasmPaths(`${dirname(require.resolve("@tensorflow/tfjs-backend-wasm"))}/`);
  }
  const ok = await tf.setBackend(backend);
  await tf.ready();
  if (!ok || tf.getBackend() !== backend) throw new Error(`tfjs: could not select the "${backend}" backend`);
  return tf;
}

/** The backend's build in a few words, for the report (e.g. "wasm, SIMD, 1 thread"). */
export async function describeTfjs(tf: Tf): Promise<string> {
  const backend = tf.getBackend();
  if (backend !== "wasm") return backend;
  const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
  const threads = await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT");
  return `wasm, ${simd ? "SIMD" : "no SIMD"}, ${threads ? "multi-threaded" : "1 thread"}`;
}
