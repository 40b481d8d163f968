import { describe, it } from "vitest";
import { Adagrad } from "../src/index.ts";
import { expectClose } from "./expect-close.ts";

describe("Adagrad update rule (Duchi et al. 2011, PyTorch form), three steps by hand", () => {
  it("s ← s + g²; p ← p − lr·g/(√s + ε)", () => {
    // Gradients chosen so every √s is an integer; ε = 1e-10 moves the results by < 1e-10.
    const opt = new Adagrad({ lr: 0.1 });
    const p = new Float32Array([1, -2]);
    // s1 = [9, 16]
    opt.step(p, new Float32Array([3, -4]));
    expectClose(p, [1 - (0.1 * 3) / 3, -2 + (0.1 * 4) / 4]); // [0.9, -1.9]
    // s2 = [9 + 16, 16 + 9] = [25, 25]
    opt.step(p, new Float32Array([4, 3]));
    expectClose(p, [0.9 - (0.1 * 4) / 5, -1.9 - (0.1 * 3) / 5]); // [0.82, -1.96]
    // s3 = [25 + 0, 25 + 144] = [25, 169]
    opt.step(p, new Float32Array([0, 12]));
    expectClose(p, [0.82, -1.96 - (0.1 * 12) / 13]);
  });

  it("starts the accumulator at initialAccumulator", () => {
    const opt = new Adagrad({ lr: 0.1, initialAccumulator: 7 });
    const p = new Float32Array([1]);
    opt.step(p, new Float32Array([3])); // s = 7 + 9 = 16
    expectClose(p, [1 - 0.3 / 4]); // 0.925
    opt.step(p, new Float32Array([0])); // s = 16, no move
    expectClose(p, [0.925]);
    opt.step(p, new Float32Array([3])); // s = 25
    expectClose(p, [0.925 - 0.3 / 5]); // 0.865
  });

  it("coupled weight decay adds λ·p to the gradient before accumulating", () => {
    const opt = new Adagrad({ lr: 0.1, weightDecay: 0.5 });
    const p = new Float32Array([2]);
    opt.step(p, new Float32Array([2])); // g' = 2 + 1 = 3, s = 9
    expectClose(p, [2 - 0.1]); // 1.9
    opt.step(p, new Float32Array([3.05])); // g' = 3.05 + 0.95 = 4, s = 25
    expectClose(p, [1.9 - 0.4 / 5]); // 1.82
    opt.step(p, new Float32Array([11.09])); // g' = 11.09 + 0.91 = 12, s = 169
    expectClose(p, [1.82 - 1.2 / 13]);
  });
});
