import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import {
  MemeticLearnerConfig,
  memeticLearner,
  TwoStageLearnerConfig,
  twoStageLearner,
} from "../src/index.ts";
import { modelFor, XOR_221, xor } from "./fixtures.ts";

const memetic = (config: Record<string, unknown>) =>
  memeticLearner(modelFor(XOR_221), xor, config, new Rng(1));
const twoStage = (config: Record<string, unknown>) =>
  twoStageLearner(modelFor(XOR_221), xor, config, new Rng(1), { flops: 1e6 });

describe("hybrid configs", () => {
  it("defaults: GA, Lamarckian, one SGD step at lr 0.1 on 32 samples; two-stage: half the budget, then Adam", () => {
    expect(MemeticLearnerConfig.parse({})).toMatchObject({
      search: "ga",
      mode: "lamarckian",
      local: { k: 1, batchSize: 32, optimizer: { kind: "sgd", lr: 0.1 } },
    });
    expect(TwoStageLearnerConfig.parse({})).toMatchObject({
      search: "ga",
      share: 0.5,
      backprop: { optimizer: { kind: "adam", lr: 0.001 }, batchSize: 32 },
    });
    expect(memetic({}).name).toBe("memetic-ga-lamarckian");
    expect(twoStage({ search: "pso" }).name).toBe("two-stage-pso");
  });

  it("every bad value is named with its path", () => {
    expect(() => memetic({ local: { k: 0 } })).toThrow(
      /memeticLearner: local.k: Too small: expected number to be >=1 \(got 0\)/,
    );
    expect(() => memetic({ mode: "darwinian" })).toThrow(
      /mode: .*"lamarckian".*"baldwinian".*\(got "darwinian"\)/,
    );
    expect(() => memetic({ local: { optimizer: { kind: "sgd", lr: -1 } } })).toThrow(/local.optimizer.lr/);
    expect(() => memetic({ ga: { population: 1 } })).toThrow(
      /ga.population: Too small: expected number to be >=2 \(got 1\)/,
    );
    expect(() => memetic({ search: "pso", ga: {} })).toThrow(
      /ga: applies only with search "ga" \(search is "pso"\)/,
    );
    expect(() => memetic({ k: 3 })).toThrow(/memeticLearner: .*k/);
    expect(() => twoStage({ share: -0.1 })).toThrow(
      /twoStageLearner: share: Too small: expected number to be >=0 \(got -0.1\)/,
    );
    expect(() => twoStage({ backprop: { optimizer: { kind: "adam" }, batchSize: 0 } })).toThrow(
      /backprop.batchSize/,
    );
  });

  it("the schemas emit a JSON Schema, for suite files", () => {
    const schema = z.toJSONSchema(MemeticLearnerConfig, { io: "input" }) as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(schema.properties)).toEqual(["search", "ga", "pso", "mode", "local"]);
    const two = z.toJSONSchema(TwoStageLearnerConfig, { io: "input" }) as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(two.properties)).toEqual(["search", "ga", "pso", "share", "backprop"]);
  });
});
