import { describe, expect, it } from "vitest";
import { RmsProp } from "../src/index.ts";
import { expectClose } from "./expect-close.ts";

describe("RMSprop update rule (Tieleman & Hinton 2012, PyTorch form), three steps by hand", () => {
  it("defaults α 0.99, ε 1e-8: v ← α·v + (1 − α)·g²; p ← p − lr·g/(√v + ε)", () => {
    const opt = new RmsProp({ lr: 0.01 });
    expect(opt.config()).toEqual({
      kind: "rmsprop",
      lr: 0.01,
      alpha: 0.99,
      eps: 1e-8,
      momentum: 0,
      centered: false,
      weightDecay: 0,
    });
    const p = new Float32Array([1, -2]);
    // v1 = 0.01·[1, 4] = [0.01, 0.04]; √v1 = [0.1, 0.2]
    opt.step(p, new Float32Array([1, -2]));
    const p1 = [1 - (0.01 * 1) / (0.1 + 1e-8), -2 + (0.01 * 2) / (0.2 + 1e-8)]; // ≈ [0.9, -1.9]
    expectClose(p, p1);
    // v2 = 0.99·[0.01, 0.04] + 0.01·[0.25, 4] = [0.0099 + 0.0025, 0.0396 + 0.04] = [0.0124, 0.0796]
    opt.step(p, new Float32Array([0.5, 2]));
    const p2 = [
      p1[0] - (0.01 * 0.5) / (Math.sqrt(0.0124) + 1e-8),
      p1[1] - (0.01 * 2) / (Math.sqrt(0.0796) + 1e-8),
    ];
    expectClose(p, p2);
    // v3 = 0.99·[0.0124, 0.0796] + 0.01·[9, 0] = [0.012276 + 0.09, 0.078804] = [0.102276, 0.078804]
    opt.step(p, new Float32Array([-3, 0]));
    expectClose(p, [p2[0] + (0.01 * 3) / (Math.sqrt(0.102276) + 1e-8), p2[1]]);
  });

  it("centred with momentum (α 0.9, μ 0.5): divides by √(v − ḡ²) and accumulates g/d", () => {
    const opt = new RmsProp({ lr: 0.01, alpha: 0.9, momentum: 0.5, centered: true });
    const p = new Float32Array([1]);
    // g = 2: v = 0.1·4 = 0.4; ḡ = 0.1·2 = 0.2; v − ḡ² = 0.36; d = 0.6 + ε; b = 2/d
    opt.step(p, new Float32Array([2]));
    const b1 = 2 / (0.6 + 1e-8);
    const p1 = 1 - 0.01 * b1; // ≈ 0.9666667
    expectClose(p, [p1]);
    // g = −1: v = 0.36 + 0.1 = 0.46; ḡ = 0.18 − 0.1 = 0.08; v − ḡ² = 0.46 − 0.0064 = 0.4536
    opt.step(p, new Float32Array([-1]));
    const b2 = 0.5 * b1 - 1 / (Math.sqrt(0.4536) + 1e-8);
    const p2 = p1 - 0.01 * b2;
    expectClose(p, [p2]);
    // g = 3: v = 0.414 + 0.9 = 1.314; ḡ = 0.072 + 0.3 = 0.372; v − ḡ² = 1.314 − 0.138384 = 1.175616
    opt.step(p, new Float32Array([3]));
    const b3 = 0.5 * b2 + 3 / (Math.sqrt(1.175616) + 1e-8);
    expectClose(p, [p2 - 0.01 * b3]);
  });

  it("centred without momentum and with coupled weight decay", () => {
    const opt = new RmsProp({ lr: 0.01, alpha: 0.9, centered: true, weightDecay: 1 });
    const p = new Float32Array([1]);
    // g' = 1 + 1·1 = 2 → v = 0.4, ḡ = 0.2, d = 0.6
    opt.step(p, new Float32Array([1]));
    const p1 = 1 - (0.01 * 2) / (0.6 + 1e-8);
    expectClose(p, [p1]);
    // g' = (−1 − p1) + p1 = −1 → as in the previous test, v − ḡ² = 0.4536
    opt.step(p, new Float32Array([-1 - p[0]]));
    expectClose(p, [p1 + 0.01 / (Math.sqrt(0.4536) + 1e-8)]);
  });
});
