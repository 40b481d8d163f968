import { OptionsError } from "@arena/options";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { checkModelForData, createModel, Mlp, RecurrentNet, validateSpec } from "../src/index.ts";

describe("spec validation", () => {
  it("fills the MLP defaults from the output", () => {
    expect(
      validateSpec({ kind: "mlp", layers: [64, 32, 10], activation: "tanh", output: "softmax" }),
    ).toEqual({
      kind: "mlp",
      layers: [64, 32, 10],
      activation: "tanh",
      output: "softmax",
      loss: "cross-entropy",
      init: "glorot-uniform",
      l2: 0,
      l1: 0,
      dropout: 0,
    });
    expect(
      validateSpec({ kind: "mlp", layers: [2, 2, 1], activation: "relu", output: "sigmoid" }),
    ).toMatchObject({ loss: "bce", init: "he-normal" });
    expect(
      validateSpec({ kind: "mlp", layers: [2, 2, 1], activation: "sigmoid", output: "sigmoid", loss: "mse" }),
    ).toMatchObject({ loss: "mse" });
    expect(validateSpec({ kind: "mlp", layers: [2, 1], activation: "tanh", output: "linear" })).toMatchObject(
      { loss: "mse" },
    );
  });

  it("fills the recurrent defaults; the loss picks the output activation when none is given", () => {
    const s = validateSpec({ kind: "lstm", input: 1, hidden: 32, output: 1, readout: "last" });
    expect(s).toEqual({
      kind: "lstm",
      input: 1,
      hidden: [32],
      output: 1,
      readout: "last",
      head: [],
      headActivation: "tanh",
      outputActivation: "linear",
      loss: "mse",
      init: "glorot-uniform",
      recurrentInit: "orthogonal",
      forgetBias: 1,
      l2: 0,
      l1: 0,
      dropout: 0,
    });
    expect(
      validateSpec({
        kind: "gru",
        input: 3,
        hidden: [8, 8],
        output: 3,
        readout: "every-step",
        loss: "cross-entropy",
      }),
    ).toMatchObject({
      outputActivation: "softmax",
    });
    expect(
      validateSpec({ kind: "rnn", input: 1, hidden: 4, output: 1, readout: "last", loss: "bce" }),
    ).toMatchObject({ outputActivation: "sigmoid" });
    // A resolved spec validates to itself (what toJSON relies on).
    expect(validateSpec(s)).toEqual(s);
    expect(
      validateSpec(validateSpec({ kind: "gru", input: 1, hidden: 2, output: 1, readout: "last" })),
    ).not.toHaveProperty("forgetBias");
  });

  const ACTS = '"sigmoid"|"tanh"|"relu"|"leaky-relu"|"elu"|"softplus"|"gelu"|"linear"';
  const bad: [string, unknown, string][] = [
    ["not an object", 42, "model spec: Invalid input: expected object, received number (got 42)"],
    [
      "unknown kind",
      { kind: "cnn" },
      `model spec: kind: Invalid discriminator value. Expected 'mlp' | 'rnn' | 'lstm' | 'gru' (got "cnn")`,
    ],
    [
      "unknown key",
      { kind: "mlp", layers: [2, 1], activation: "tanh", output: "linear", dropuot: 0.5 },
      'mlp spec: unknown key "dropuot"',
    ],
    [
      "too few layers",
      { kind: "mlp", layers: [3], activation: "tanh", output: "linear" },
      "mlp spec: layers: Too small: expected array to have >=2 items (got [3])",
    ],
    [
      "bad width",
      { kind: "mlp", layers: [3, 0, 1], activation: "tanh", output: "linear" },
      "mlp spec: layers[1]: Too small: expected number to be >=1 (got 0)",
    ],
    [
      "bad activation",
      { kind: "mlp", layers: [3, 1], activation: "swish", output: "linear" },
      `mlp spec: activation: Invalid option: expected one of ${ACTS} (got "swish")`,
    ],
    [
      "missing output",
      { kind: "mlp", layers: [3, 1], activation: "tanh" },
      `mlp spec: output: required: expected one of ${ACTS}|"softmax"`,
    ],
    [
      "ce without softmax",
      { kind: "mlp", layers: [3, 2], activation: "tanh", output: "sigmoid", loss: "cross-entropy" },
      'mlp spec: output: expected "softmax" for loss "cross-entropy" (got "sigmoid")',
    ],
    [
      "bce without sigmoid",
      { kind: "mlp", layers: [3, 2], activation: "tanh", output: "linear", loss: "bce" },
      'mlp spec: output: expected "sigmoid" for loss "bce" (got "linear")',
    ],
    [
      "softmax of one",
      { kind: "mlp", layers: [3, 1], activation: "tanh", output: "softmax" },
      'mlp spec: layers[1]: expected at least 2 outputs for output "softmax" (got 1)',
    ],
    [
      "negative l2",
      { kind: "mlp", layers: [3, 1], activation: "tanh", output: "linear", l2: -1 },
      "mlp spec: l2: Too small: expected number to be >=0 (got -1)",
    ],
    [
      "dropout 1",
      { kind: "mlp", layers: [3, 1], activation: "tanh", output: "linear", dropout: 1 },
      "mlp spec: dropout: Too big: expected number to be <1 (got 1)",
    ],
    [
      "bad init",
      { kind: "mlp", layers: [3, 1], activation: "tanh", output: "linear", init: "orthogonal" },
      'mlp spec: init: Invalid option: expected one of "glorot-uniform"|"glorot-normal"|"he-uniform"|"he-normal"|"lecun-uniform"|"lecun-normal" (got "orthogonal")',
    ],
    [
      "readout",
      { kind: "rnn", input: 1, hidden: 4, output: 1, readout: "first" },
      'rnn spec: readout: Invalid option: expected one of "last"|"every-step" (got "first")',
    ],
    [
      "hidden",
      { kind: "gru", input: 1, hidden: [4, -2], output: 1, readout: "last" },
      "gru spec: hidden[1]: Too small: expected number to be >=1 (got -2)",
    ],
    [
      "hidden of the wrong type",
      { kind: "gru", input: 1, hidden: "4", output: 1, readout: "last" },
      'gru spec: hidden: expected a positive integer or a non-empty array of them (got "4")',
    ],
    [
      "output as activation",
      { kind: "rnn", input: 1, hidden: 4, output: "sigmoid", readout: "last" },
      'rnn spec: output: expected the number of outputs (the output activation is outputActivation) (got "sigmoid")',
    ],
    [
      "forgetBias on a GRU",
      { kind: "gru", input: 1, hidden: 4, output: 1, readout: "last", forgetBias: 1 },
      'gru spec: forgetBias: applies to kind "lstm" only, this is "gru" (got 1)',
    ],
    [
      "recurrent unknown key",
      { kind: "lstm", input: 1, hidden: 4, output: 1, readout: "last", layers: [1] },
      'lstm spec: unknown key "layers"',
    ],
    [
      "a softmax readout of one output",
      { kind: "rnn", input: 1, hidden: 4, output: 1, readout: "last", loss: "cross-entropy" },
      'rnn spec: output: expected at least 2 outputs for outputActivation "softmax" (got 1)',
    ],
    [
      "several problems at once",
      { kind: "mlp", layers: [3, 0], activation: "tanh", output: "linear", l2: -1, l3: 0 },
      'mlp spec: layers[1]: Too small: expected number to be >=1 (got 0); l2: Too small: expected number to be >=0 (got -1); unknown key "l3"',
    ],
  ];
  it.each(bad)("rejects %s, naming the path, the value and what was expected", (_what, spec, message) => {
    expect(() => validateSpec(spec)).toThrow(OptionsError);
    expect(() => validateSpec(spec)).toThrow(message);
    let issues: readonly { path: string }[] = [];
    try {
      validateSpec(spec);
    } catch (e) {
      issues = (e as OptionsError).issues;
    }
    expect(issues.length).toBeGreaterThan(0);
  });

  it("constructors check the kind and their options", () => {
    expect(() => new Mlp({ kind: "rnn" } as never, null)).toThrow(
      /^Mlp: kind: Invalid input: expected "mlp" \(got "rnn"\)/,
    );
    expect(
      () =>
        new RecurrentNet(
          { kind: "mlp", layers: [1, 1], activation: "tanh", output: "linear" } as never,
          null,
        ),
    ).toThrow(/^RecurrentNet: kind: Invalid option: expected one of "rnn"\|"lstm"\|"gru" \(got "mlp"\)/);
    expect(() =>
      createModel({ kind: "mlp", layers: [1, 1], activation: "tanh", output: "linear" }, new Rng(1), {
        maxBatch: 0,
      }),
    ).toThrow("Mlp: maxBatch: Too small: expected number to be >=1 (got 0)");
    expect(() =>
      createModel({ kind: "mlp", layers: [1, 1], activation: "tanh", output: "linear" }, new Rng(1), {
        kernel: 1,
      } as never),
    ).toThrow('Mlp: unknown key "kernel"; known keys: kernels, maxBatch');
  });
});

describe("checkModelForData", () => {
  const mlp = { kind: "mlp", layers: [4, 8, 3], activation: "tanh", output: "softmax" } as const;
  const lstm = { kind: "lstm", input: 1, hidden: 8, output: 2, readout: "every-step" } as const;

  it("finds nothing when the spec fits the shapes", () => {
    expect(checkModelForData(mlp, [4], [3])).toEqual([]);
    expect(checkModelForData(mlp, [2, 2], [3])).toEqual([]); // a window read flat
    expect(checkModelForData(lstm, [20, 1], [20, 2])).toEqual([]);
    expect(checkModelForData(lstm, [20], [20, 2])).toEqual([]); // one feature per step
    expect(checkModelForData({ ...lstm, readout: "last", output: 1 }, [20, 1], [1])).toEqual([]);
  });

  it("lists every mismatch with its path, the value and what the data need", () => {
    expect(checkModelForData(mlp, [13], [2])).toEqual([
      { path: "layers[0]", message: "expected 13, the features per sample of xShape [13] (got 4)" },
      { path: "layers[2]", message: "expected 2, the targets per sample of yShape [2] (got 3)" },
    ]);
    expect(checkModelForData({ ...lstm, input: 2, readout: "last" }, [20, 1], [20, 2])).toEqual([
      { path: "input", message: "expected 1, the features per step of xShape [20, 1] (got 2)" },
      {
        path: "readout",
        message: 'expected "every-step" for targets at every step (yShape [20, 2]) (got "last")',
      },
    ]);
    expect(checkModelForData(lstm, [20, 1], [2])).toEqual([
      {
        path: "readout",
        message: 'expected "last" for one target per sequence (yShape [2], 20 steps) (got "every-step")',
      },
    ]);
    expect(checkModelForData(lstm, [20, 1], [20, 3])).toEqual([
      { path: "output", message: "expected 3, the targets per step of yShape [20, 3] (got 2)" },
    ]);
    expect(checkModelForData(lstm, [4, 5, 6], [20, 2])).toEqual([
      {
        path: "kind",
        message:
          'expected an MLP for samples of xShape [4, 5, 6] (a lstm reads [steps, features]) (got "lstm")',
      },
    ]);
  });

  it("gives an invalid spec's own problems instead of throwing", () => {
    expect(checkModelForData({ ...mlp, layers: [4, 0, 3] }, [4], [3])).toEqual([
      { path: "layers[1]", message: "Too small: expected number to be >=1 (got 0)" },
    ]);
  });
});
