import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, configHash, fnv1a32, runId } from "../src/index.ts";

describe("runId", () => {
  it("is readable and stable", () => {
    const parts = { suite: "default", problem: "digits", model: "mlp-64-32", learner: "pso", repetition: 3 };
    expect(runId(parts)).toBe("default/digits/mlp-64-32/pso/3");
    expect(runId({ ...parts })).toBe(runId(parts));
  });

  it("percent-encodes names so a slash inside a name cannot collide with the separator", () => {
    const a = runId({ suite: "s", problem: "a/b", model: "m", learner: "l", repetition: 0 });
    const b = runId({ suite: "s", problem: "a", model: "b/m", learner: "l", repetition: 0 });
    expect(a).toBe("s/a%2Fb/m/l/0");
    expect(a).not.toBe(b);
  });

  it("is injective over its parts", () => {
    const name = fc.string({ minLength: 1, maxLength: 6 });
    const parts = fc.record({
      suite: name,
      problem: name,
      model: name,
      learner: name,
      repetition: fc.nat(5),
    });
    fc.assert(
      fc.property(parts, parts, (p, q) => {
        const same =
          p.suite === q.suite &&
          p.problem === q.problem &&
          p.model === q.model &&
          p.learner === q.learner &&
          p.repetition === q.repetition;
        expect(runId(p) === runId(q)).toBe(same);
      }),
    );
  });

  it("appends a config fingerprint that ignores key order and changes with the config", () => {
    const base = { suite: "s", problem: "p", model: "m", learner: "pso", repetition: 1 };
    const a = runId({ ...base, config: { inertia: 0.7, particles: 40 } });
    const b = runId({ ...base, config: { particles: 40, inertia: 0.7 } });
    const c = runId({ ...base, config: { particles: 41, inertia: 0.7 } });
    expect(a).toMatch(/^s\/p\/m\/pso\/1~[0-9a-f]{8}$/);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it("rejects bad parts by name", () => {
    const base = { suite: "s", problem: "p", model: "m", learner: "l", repetition: 0 };
    expect(() => runId({ ...base, learner: "" })).toThrow(
      'runId: learner must be a non-empty string, got ""',
    );
    expect(() => runId({ ...base, repetition: -1 })).toThrow(
      "runId: repetition must be an integer >= 0, got -1",
    );
    // @ts-expect-error: unknown part on purpose
    expect(() => runId({ ...base, seed: 4 })).toThrow('runId: unknown part "seed"');
  });
});

describe("canonicalJson and configHash", () => {
  it("FNV-1a 32 matches the published test vectors", () => {
    // From the FNV reference test suite (Fowler/Noll/Vo): "" → 811c9dc5, "a" → e40c292c, "foobar" → bf9cf968
    expect(fnv1a32("")).toBe("811c9dc5");
    expect(fnv1a32("a")).toBe("e40c292c");
    expect(fnv1a32("foobar")).toBe("bf9cf968");
  });

  it("sorts keys at every level", () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[{"c":2,"d":1}]}');
    // python3: FNV-1a 32 of '{"lr":0.01,"w":[1,2]}' = dd59c5a6 (test/../ reference computed independently)
    expect(configHash({ w: [1, 2], lr: 0.01 })).toBe("dd59c5a6");
    expect(() => canonicalJson({ x: Number.NaN })).toThrow("NaN is not representable in JSON");
  });
});
