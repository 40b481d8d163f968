/**
 * Run by lazy-wasm-memory.test.ts in a fresh process (`node --import tsx test/lazy-wasm-probe.ts
 * [memoryMiB]`): counts the WebAssembly memories and modules created, and the process's external
 * memory, after importing the package and again after one kernel ran; prints them as one JSON line.
 * With a memoryMiB argument it calls configureWasmKernels({ memoryMiB }) after the import.
 * Nothing from the package is imported statically: the constructors are wrapped first.
 */
const memories: number[] = []; // byte length of each WebAssembly.Memory created
let modules = 0;
const wasm = WebAssembly as unknown as Record<string, unknown>;
const RealMemory = WebAssembly.Memory;
const RealModule = WebAssembly.Module;
wasm.Memory = class extends RealMemory {
  constructor(descriptor: WebAssembly.MemoryDescriptor) {
    super(descriptor);
    memories.push(this.buffer.byteLength);
  }
};
wasm.Module = class extends RealModule {
  constructor(bytes: BufferSource) {
    super(bytes);
    modules++;
  }
};

const MiB = 2 ** 20;
const external0 = process.memoryUsage().external;
const snapshot = () => ({
  memories: [...memories],
  modules,
  externalMiB: (process.memoryUsage().external - external0) / MiB,
});

const t = (await import("../src/index.ts")) as typeof import("../src/index.ts");
const afterImport = snapshot();
const mib = process.argv[2];
if (mib !== undefined) t.configureWasmKernels({ memoryMiB: Number(mib) });
let error: string | null = null;
let result: number[][] = [];
try {
  const x = t.fromArray([
    [1, 2],
    [3, 4],
  ]);
  const y = t.matrix(2, 2);
  t.matmul(x, x, y); // the first kernel call chooses the backend
  result = t.toRows(y);
} catch (e) {
  error = `${(e as Error).name}: ${(e as Error).message}`;
}
const afterKernel = snapshot();
let lateConfigure: string | null = null;
try {
  t.configureWasmKernels({ memoryMiB: 3 }); // too late once the shared backend exists
} catch (e) {
  lateConfigure = (e as Error).message;
}
console.log(
  JSON.stringify({
    afterImport,
    afterKernel,
    error,
    result,
    kernels: error === null ? t.getKernels().name : null,
    lateConfigure,
  }),
);

export {};
