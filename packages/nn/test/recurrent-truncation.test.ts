import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { RecurrentNet, type RecurrentSpec } from "../src/index.ts";
import { randomSequences } from "./fixtures.ts";

const KINDS = ["rnn", "lstm", "gru"] as const;

function grads(net: RecurrentNet, run: () => void): Float32Array {
  net.zeroGrads();
  run();
  return Float32Array.from(net.grads);
}

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(b[i]));
  }
  return d / s;
}

describe.each(KINDS)("%s: truncated BPTT", (kind) => {
  const T = 12;
  const n = 3;

  it("backward over lastK ≥ T equals full BPTT exactly", () => {
    const net = new RecurrentNet(
      { kind, input: 2, hidden: [4, 3], output: 2, readout: "every-step" },
      new Rng(1),
    );
    const d = randomSequences(1, n, T, 2, 2, "every-step");
    const full = grads(net, () => {
      net.forwardSequence(d.x, n, T);
      net.backwardSequence(d.y);
    });
    for (const lastK of [T, T + 5]) {
      const g = grads(net, () => {
        net.forwardSequence(d.x, n, T);
        net.backwardSequence(d.y, { lastK });
      });
      expect(g).toEqual(full);
    }
  });

  it("chunks carried with keep, backward over all T steps, equal full BPTT exactly", () => {
    const net = new RecurrentNet(
      { kind, input: 2, hidden: 5, output: 1, readout: "last", head: [3] },
      new Rng(2),
    );
    const d = randomSequences(2, n, T, 2, 1, "last");
    const fullOut = Float32Array.from(net.forwardSequence(d.x, n, T));
    const full = grads(net, () => {
      net.forwardSequence(d.x, n, T);
      net.backwardSequence(d.y);
    });
    let out = new Float32Array(0);
    const chunked = grads(net, () => {
      net.forwardSequence(d.x, n, 5);
      net.forwardSequence(d.x, n, 4, { stepOffset: 5, keep: 5 });
      out = Float32Array.from(net.forwardSequence(d.x, n, 3, { stepOffset: 9, keep: 9 }));
      net.backwardSequence(d.y, { lastK: T });
    });
    expect(out).toEqual(fullOut);
    expect(chunked).toEqual(full);
  });

  it("lastK = k equals full BPTT of the last k steps started from the detached state", () => {
    const spec: RecurrentSpec = { kind, input: 2, hidden: [4, 3], output: 2, readout: "last" };
    const net = new RecurrentNet(spec, new Rng(3));
    const d = randomSequences(3, n, T, 2, 2, "last");
    const k = 4;
    const truncated = grads(net, () => {
      net.forwardSequence(d.x, n, T);
      net.backwardSequence(d.y, { lastK: k });
    });
    net.forwardSequence(d.x, n, T - k);
    const st = net.state();
    const reference = grads(net, () => {
      net.forwardSequence(d.x, n, k, { stepOffset: T - k, initialState: st });
      net.backwardSequence(d.y);
    });
    expect(maxRelDiff(truncated, reference)).toBeLessThan(1e-6);
    // and truncation really drops something
    const full = grads(net, () => {
      net.forwardSequence(d.x, n, T);
      net.backwardSequence(d.y);
    });
    expect(maxRelDiff(truncated, full)).toBeGreaterThan(1e-3);
    expect(net.hiddenGradNorms()[0]).toHaveLength(T);
  });

  it("BPTT(k1 = 4, k2 = 7) with every-step targets: errors of the new steps through the kept window", () => {
    const spec: RecurrentSpec = { kind, input: 2, hidden: 4, output: 2, readout: "every-step", head: [3] };
    const net = new RecurrentNet(spec, new Rng(4));
    const d = randomSequences(4, n, T, 2, 2, "every-step");
    // Chunks [0, 4) then [4, 8) keeping 3 steps: the window is steps [1, 8).
    net.forwardSequence(d.x, n, 4);
    const g = grads(net, () => {
      net.forwardSequence(d.x, n, 4, { stepOffset: 4, keep: 3 });
      net.backwardSequence(d.y, { lastK: 7 });
    });
    expect(net.hiddenGradNorms()[0]).toHaveLength(7);
    // Reference: from the state after step 0, forward steps [1, 8) afresh, with the targets of steps
    // 1..3 set to the net's own outputs (zero error, so no gradient enters there).
    net.forwardSequence(d.x, n, 1);
    const s0 = net.state();
    const own = Float32Array.from(net.forwardSequence(d.x, n, 7, { stepOffset: 1, initialState: s0 }));
    const y = new Float32Array(n * 7 * 2);
    for (let s = 0; s < n; s++) {
      for (let t = 0; t < 7; t++) {
        for (let o = 0; o < 2; o++) {
          y[(s * 7 + t) * 2 + o] = t < 3 ? own[(s * 7 + t) * 2 + o] : d.y[(s * T + 1 + t) * 2 + o];
        }
      }
    }
    const ref = grads(net, () => {
      net.forwardSequence(d.x, n, 7, { stepOffset: 1, initialState: s0 });
      net.backwardSequence(y, { stepOffset: 0 });
    });
    // The reference averages over 7 steps, the chunk over its 4 new ones.
    const scaled = Float32Array.from(ref, (v) => (v * 7) / 4);
    expect(maxRelDiff(g, scaled)).toBeLessThan(1e-5);
  });

  it("carry, explicit state and one long pass give the same outputs", () => {
    const net = new RecurrentNet({ kind, input: 1, hidden: 6, output: 1, readout: "every-step" }, new Rng(5));
    const d = randomSequences(5, n, T, 1, 1, "every-step");
    const full = Float32Array.from(net.forwardSequence(d.x, n, T));
    net.forwardSequence(d.x, n, 7);
    const st = net.state();
    const carried = Float32Array.from(
      net.forwardSequence(d.x, n, 5, { stepOffset: 7, initialState: "carry" }),
    );
    net.forwardSequence(d.x, n, 2); // disturb the workspace
    const given = Float32Array.from(net.forwardSequence(d.x, n, 5, { stepOffset: 7, initialState: st }));
    const tail = new Float32Array(n * 5);
    for (let s = 0; s < n; s++) for (let t = 0; t < 5; t++) tail[s * 5 + t] = full[s * T + 7 + t];
    expect(carried).toEqual(tail);
    expect(given).toEqual(tail);
    if (kind === "lstm") expect(st.c).toHaveLength(1);
    else expect(st.c).toBeUndefined();
  });

  it("rejects inconsistent chunking with errors that say what is wrong", () => {
    const net = new RecurrentNet({ kind, input: 1, hidden: 2, output: 1, readout: "last" }, new Rng(6));
    const x = new Float32Array(3 * 4);
    expect(() => net.forwardSequence(x, 3, 4, { initialState: "carry" })).toThrow(
      /needs a previous forwardSequence/,
    );
    net.forwardSequence(x, 3, 2);
    expect(() => net.forwardSequence(x, 3, 2, { keep: 3 })).toThrow(/keep = 3 exceeds the 2 steps stored/);
    expect(() => net.forwardSequence(x, 3, 2, { keep: 1, initialState: "zero" })).toThrow(
      /initialState must be "carry"/,
    );
    expect(() => net.forwardSequence(new Float32Array(2 * 4), 2, 2, { initialState: "carry" })).toThrow(
      /3 sequences into a batch of 2/,
    );
    expect(() => net.forwardSequence(x, 3, 5)).toThrow(/does not hold 3 sequences × 5 steps/);
    expect(() => net.forwardSequence(x, 3, 2, { stepOfset: 1 } as never)).toThrow(
      /unknown option "stepOfset"/,
    );
    expect(() => net.backwardSequence(new Float32Array(3), { lastK: 0 })).toThrow(
      /lastK must be an integer >= 1, got 0/,
    );
  });
});

describe("recurrent outputs", () => {
  it("a batch gives each sequence the outputs it gets alone, in the data's layout", () => {
    const net = new RecurrentNet(
      { kind: "gru", input: 2, hidden: 5, output: 3, readout: "every-step" },
      new Rng(7),
    );
    const d = randomSequences(7, 4, 6, 2, 3, "every-step");
    const all = Float32Array.from(net.forward(d.x, 4));
    for (let s = 0; s < 4; s++) {
      const one = net.predict(d.x.subarray(s * 12, (s + 1) * 12), 1);
      for (let i = 0; i < 18; i++) expect(one[i]).toBeCloseTo(all[s * 18 + i], 6);
    }
  });

  it("hidden-gradient norms show vanishing (small U) and exploding (large U) gradients", () => {
    const norms = (scale: number) => {
      const net = new RecurrentNet(
        {
          kind: "rnn",
          input: 1,
          hidden: 16,
          output: 1,
          readout: "last",
          init: "lecun-normal",
          recurrentInit: "orthogonal",
        },
        new Rng(8),
      );
      const U = net.layers[0].params.U;
      for (let i = 0; i < U.length; i++) U[i] *= scale;
      // Tiny inputs keep tanh in its linear range even when U amplifies the state 1.5× per step.
      const x = new Rng(9).fillNormal(new Float32Array(2 * 30), 0, 1e-6);
      net.zeroGrads();
      net.forwardSequence(x, 2, 30);
      net.backwardSequence(new Float32Array([1, 1]));
      return net.hiddenGradNorms()[0];
    };
    const small = norms(0.5);
    // With small inputs tanh is nearly linear, so ‖∂L/∂h_t‖ shrinks by about the factor 0.5 per step back.
    expect(small[0] / small[29]).toBeLessThan(1e-6);
    const large = norms(1.5);
    expect(large[0] / large[29]).toBeGreaterThan(1e3);
    const diag = new RecurrentNet(
      { kind: "lstm", input: 1, hidden: 2, output: 1, readout: "last" },
      new Rng(1),
    );
    diag.forwardSequence(new Float32Array(5), 1, 5);
    diag.backwardSequence(new Float32Array(1));
    const dg = diag.diagnostics();
    expect(Object.keys(dg).sort()).toEqual(["dh_norm/lstm0", "grad_norm/lstm0", "grad_norm/readout"]);
    expect(dg["dh_norm/lstm0"]).toHaveLength(5);
  });
});
