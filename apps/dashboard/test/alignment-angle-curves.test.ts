import type { RunRecord } from "@arena/results";
import { describe, expect, it } from "vitest";
import { alignmentAngleCurves, gradNormCurves } from "../src/transforms/curves.ts";

/** A run with the given checkpoints (only the fields the curves read). */
function run(trace: Partial<RunRecord["trace"][number]>[]): RunRecord {
  return { trace } as unknown as RunRecord;
}

describe("per-layer curves", () => {
  it("alignment_angle diagnostics become one curve per dense layer, first layer dense0", () => {
    const r = run([
      { flops: 0 },
      { flops: 10, diagnostics: { alignment_angle: [80, 40] } },
      { flops: 20, diagnostics: { alignment_angle: [60, Number.NaN] } },
    ]);
    const curves = alignmentAngleCurves(r, "flops");
    expect([...curves.keys()]).toEqual(["dense0", "dense1"]);
    expect(curves.get("dense0")).toEqual({ x: [10, 20], y: [80, 60] });
    // Non-finite points are left out, as for every curve.
    expect(curves.get("dense1")).toEqual({ x: [10], y: [40] });
  });

  it("runs without the diagnostic give no curve; gradient norms are read from gradNorms", () => {
    const r = run([{ flops: 5, gradNorms: { dense0: 1, dense1: 2 } }]);
    expect(alignmentAngleCurves(r, "flops").size).toBe(0);
    expect(gradNormCurves(r, "flops").get("dense1")).toEqual({ x: [5], y: [2] });
  });
});
