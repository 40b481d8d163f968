import type { Kernels } from "@arena/tensor";
import * as z from "zod";

/** Construction options shared by every model. */
export const modelOptions = z.strictObject({
  kernels: z
    .custom<Kernels>(
      (v) => typeof v === "object" && v !== null && typeof (v as Kernels).gemm === "function",
      { error: "expected a Kernels backend (e.g. getKernels())" },
    )
    .optional()
    .describe("the kernel backend, captured once; default getKernels() at construction"),
  maxBatch: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("preallocate workspaces for this many samples (they grow on demand anyway)"),
});

/** Construction options shared by every model, as written. */
export type ModelOptions = z.input<typeof modelOptions>;
