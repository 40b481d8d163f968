import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { describeOptions, OptionsError, parseOptions, preview } from "../src/index.ts";

const Sgd = z.strictObject({
  lr: z.number().positive().default(0.01).describe("learning rate"),
  momentum: z.number().min(0).lt(1).default(0),
  schedule: z.enum(["constant", "cosine"]).default("constant"),
  clip: z.strictObject({ norm: z.number().positive() }).optional(),
});

function error(f: () => unknown): OptionsError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(OptionsError);
    return e as OptionsError;
  }
  throw new Error("expected an OptionsError");
}

describe("parseOptions", () => {
  it("fills defaults and returns the typed value", () => {
    expect(parseOptions("sgd", Sgd, {})).toEqual({ lr: 0.01, momentum: 0, schedule: "constant" });
  });

  it("names the owner, the path, what was expected and the value found, every problem at once", () => {
    const e = error(() => parseOptions("sgd", Sgd, { lr: -1, clip: { norm: "big" } }));
    expect(e.issues.map((i) => i.path)).toEqual(["lr", "clip.norm"]);
    expect(e.message).toMatch(/^sgd: lr: .*>0.* \(got -1\); clip\.norm: .*number.* \(got "big"\)$/);
    expect(e).toBeInstanceOf(RangeError);
  });

  it("names an unknown key and the keys there are", () => {
    const e = error(() => parseOptions("sgd", Sgd, { lrr: 0.1 }));
    expect(e.message).toBe('sgd: unknown key "lrr"; known keys: lr, momentum, schedule, clip');
    const nested = error(() => parseOptions("sgd", Sgd, { clip: { max: 1, norm: 1 } }));
    expect(nested.message).toBe('sgd: clip: unknown key "max"; known keys: norm');
  });

  it("is one line and never throws anything else, whatever the input (fuzz)", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        try {
          parseOptions("sgd", Sgd, input);
        } catch (e) {
          expect(e).toBeInstanceOf(OptionsError);
          expect((e as Error).message).not.toContain("\n");
        }
      }),
      { numRuns: 500 },
    );
  });

  it("survives a value nested far deeper than any config", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { clip: deep };
    const e = error(() => parseOptions("sgd", Sgd, deep));
    expect(e.message.length).toBeLessThan(300);
  });
});

describe("preview", () => {
  it("is short and safe for any value", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(preview("x".repeat(1000)).length).toBeLessThanOrEqual(60);
    expect(preview(cyclic)).toMatch(/^\{"self": \{"self": \{"self": \{…\}\}\}\}$/);
    expect(preview(10n)).toBe("10");
    expect(preview([1, 2, 3])).toBe("[1, 2, 3]");
  });
});

describe("describeOptions", () => {
  it("documents each key from the schema itself", () => {
    const docs = describeOptions(Sgd);
    expect(docs.map((d) => d.key)).toEqual(["lr", "momentum", "schedule", "clip"]);
    expect(docs[0]).toMatchObject({ key: "lr", type: "number", default: 0.01, description: "learning rate" });
    expect(docs[2]).toMatchObject({ type: "enum", values: ["constant", "cosine"], default: "constant" });
  });
});

describe("parseOptions inside unions", () => {
  const Sel = z.strictObject({
    selection: z.discriminatedUnion("kind", [
      z.strictObject({ kind: z.literal("tournament"), size: z.number().int().min(2).default(3) }),
      z.strictObject({ kind: z.literal("roulette") }),
    ]),
    n: z.number(),
  });

  it("names the keys of the chosen kind when a key is unknown", () => {
    const e = error(() => parseOptions("ga", Sel, { selection: { kind: "tournament", k: 2 }, n: 1 }));
    expect(e.message).toBe('ga: selection: unknown key "k"; known keys: kind, size');
  });

  it("shows the bad kind itself, not the object around it", () => {
    const e = error(() => parseOptions("ga", Sel, { selection: { kind: "best" }, n: 1 }));
    expect(e.message).toMatch(/^ga: selection\.kind: .*tournament.*roulette.* \(got "best"\)$/);
  });

  it("says a missing option is required", () => {
    const e = error(() => parseOptions("ga", Sel, { selection: { kind: "roulette" } }));
    expect(e.message).toBe("ga: n: required: expected number");
  });
});

describe("plain unions and their docs", () => {
  const Lr = z.strictObject({
    lr: z
      .union([
        z.number().positive(),
        z.strictObject({ kind: z.literal("cosine"), base: z.number().positive() }),
      ])
      .default(0.1)
      .describe("a rate or a schedule"),
    beta: z.number().min(0).lt(1).default(0.9),
    n: z.number().int().min(1).default(1),
  });

  it("reports the branch the value came closest to", () => {
    const e = error(() => parseOptions("adam", Lr, { lr: { kind: "cosine", base: -1 } }));
    expect(e.message).toBe("adam: lr.base: Too small: expected number to be >0 (got -1)");
  });

  it("documents exclusive bounds and union types, and no sentinel maximum on integers", () => {
    const [lr, beta, n] = describeOptions(Lr);
    expect(lr).toMatchObject({ type: "number | object", default: 0.1, description: "a rate or a schedule" });
    expect(beta).toMatchObject({ minimum: 0, exclusiveMaximum: 1 });
    expect(n.maximum).toBeUndefined();
  });
});

describe("small conveniences", () => {
  it("takes no options as all defaults, and shows typed arrays as arrays", () => {
    expect(parseOptions("sgd", Sgd, undefined)).toEqual({ lr: 0.01, momentum: 0, schedule: "constant" });
    expect(preview(new Float32Array([1, 2]))).toBe("[1, 2]");
  });
});

describe("a missing choice", () => {
  it("says it is required and lists the choices", () => {
    const S = z.strictObject({ activation: z.enum(["tanh", "relu"]) });
    const e = error(() => parseOptions("mlp", S, {}));
    expect(e.message).toBe('mlp: activation: required: expected one of "tanh"|"relu"');
  });
});
