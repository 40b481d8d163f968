import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { createModel, Mlp, RecurrentNet, SpecError, validateSpec } from "../src/index.ts";

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

  const bad: [string, unknown, RegExp][] = [
    ["not an object", 42, /model spec must be an object, got 42/],
    ["unknown kind", { kind: "cnn" }, /kind must be one of mlp, rnn, lstm, gru; got "cnn"/],
    [
      "unknown key",
      { kind: "mlp", layers: [2, 1], activation: "tanh", output: "linear", dropuot: 0.5 },
      /unknown key "dropuot"/,
    ],
    [
      "too few layers",
      { kind: "mlp", layers: [3], activation: "tanh", output: "linear" },
      /layers needs at least 2 entries, got \[3\]/,
    ],
    [
      "bad width",
      { kind: "mlp", layers: [3, 0, 1], activation: "tanh", output: "linear" },
      /layers\[1\] must be a positive integer, got 0/,
    ],
    [
      "bad activation",
      { kind: "mlp", layers: [3, 1], activation: "swish", output: "linear" },
      /activation must be one of .*; got "swish"/,
    ],
    ["missing output", { kind: "mlp", layers: [3, 1], activation: "tanh" }, /output is required/],
    [
      "ce without softmax",
      { kind: "mlp", layers: [3, 2], activation: "tanh", output: "sigmoid", loss: "cross-entropy" },
      /loss "cross-entropy" needs output "softmax", got "sigmoid"/,
    ],
    [
      "bce without sigmoid",
      { kind: "mlp", layers: [3, 2], activation: "tanh", output: "linear", loss: "bce" },
      /loss "bce" needs output "sigmoid", got "linear"/,
    ],
    [
      "softmax of one",
      { kind: "mlp", layers: [3, 1], activation: "tanh", output: "softmax" },
      /needs at least 2 outputs, got 1/,
    ],
    [
      "negative l2",
      { kind: "mlp", layers: [3, 1], activation: "tanh", output: "linear", l2: -1 },
      /l2 must be a finite number >= 0, got -1/,
    ],
    [
      "dropout 1",
      { kind: "mlp", layers: [3, 1], activation: "tanh", output: "linear", dropout: 1 },
      /dropout must be a number in \[0, 1\), got 1/,
    ],
    [
      "bad init",
      { kind: "mlp", layers: [3, 1], activation: "tanh", output: "linear", init: "orthogonal" },
      /init must be one of .*; got "orthogonal"/,
    ],
    [
      "readout",
      { kind: "rnn", input: 1, hidden: 4, output: 1, readout: "first" },
      /readout must be one of last, every-step; got "first"/,
    ],
    [
      "hidden",
      { kind: "gru", input: 1, hidden: [4, -2], output: 1, readout: "last" },
      /hidden\[1\] must be a positive integer, got -2/,
    ],
    [
      "output as activation",
      { kind: "rnn", input: 1, hidden: 4, output: "sigmoid", readout: "last" },
      /output is the number of outputs, got "sigmoid" \(the output activation is outputActivation\)/,
    ],
    [
      "forgetBias on a GRU",
      { kind: "gru", input: 1, hidden: 4, output: 1, readout: "last", forgetBias: 1 },
      /forgetBias applies to lstm only/,
    ],
    [
      "recurrent unknown key",
      { kind: "lstm", input: 1, hidden: 4, output: 1, readout: "last", layers: [1] },
      /lstm spec: unknown key "layers"/,
    ],
  ];
  it.each(bad)("rejects %s, naming the field and value", (_what, spec, message) => {
    expect(() => validateSpec(spec)).toThrow(SpecError);
    expect(() => validateSpec(spec)).toThrow(message);
  });

  it("constructors check the kind and their options", () => {
    expect(() => new Mlp({ kind: "rnn" } as never, null)).toThrow(/rnn spec/);
    expect(
      () =>
        new RecurrentNet(
          { kind: "mlp", layers: [1, 1], activation: "tanh", output: "linear" } as never,
          null,
        ),
    ).toThrow(/kind must be rnn, lstm or gru, got "mlp"/);
    expect(() =>
      createModel({ kind: "mlp", layers: [1, 1], activation: "tanh", output: "linear" }, new Rng(1), {
        maxBatch: 0,
      }),
    ).toThrow(/maxBatch must be a positive integer, got 0/);
    expect(() =>
      createModel({ kind: "mlp", layers: [1, 1], activation: "tanh", output: "linear" }, new Rng(1), {
        kernel: 1,
      } as never),
    ).toThrow(/unknown option "kernel"/);
  });
});
