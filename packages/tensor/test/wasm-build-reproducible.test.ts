/**
 * The committed WebAssembly module is exactly what the pinned AssemblyScript compiler makes of the
 * source: recompiling `wasm/assembly/kernels.ts` must give the embedded bytes. Fails when someone
 * edits the source without running `pnpm build:wasm` (or edits the generated module by hand).
 * Slow-ish: the compile takes several seconds.
 */
import { describe, expect, it } from "vitest";
import { KERNELS_WASM_BASE64 } from "../src/wasm/kernels-wasm-bytes.ts";
import { KERNELS_WASM_SHARED_BASE64 } from "../src/wasm/kernels-wasm-shared-bytes.ts";
import { compileKernels, SHARED_FLAGS } from "../wasm/build.ts";

describe("wasm build", () => {
  it("recompiling the AssemblyScript source reproduces the embedded module byte for byte", async () => {
    const rebuilt = await compileKernels();
    const embedded = new Uint8Array(Buffer.from(KERNELS_WASM_BASE64, "base64"));
    expect(rebuilt.length).toBe(embedded.length);
    expect(Buffer.from(rebuilt).equals(Buffer.from(embedded))).toBe(true);
    expect(WebAssembly.validate(embedded)).toBe(true);
  });

  it("and so does the shared-memory build the two-thread backend instantiates", async () => {
    const rebuilt = await compileKernels(SHARED_FLAGS);
    const embedded = new Uint8Array(Buffer.from(KERNELS_WASM_SHARED_BASE64, "base64"));
    expect(Buffer.from(rebuilt).equals(Buffer.from(embedded))).toBe(true);
    expect(WebAssembly.validate(embedded)).toBe(true);
  });
});
