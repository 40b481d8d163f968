import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { dataFilePath } from "@arena/datasets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRedisUrl, redact } from "../src/queue/redis-url.ts";
import { arena, bin, comparable, records, tmp } from "./arena-cli.ts";
import { type RedisServer, redisServerForTests, startRedis } from "./redis-server.ts";

/**
 * Campaigns whose runs need more than the suite file: a CSV that only the submitting machine has (it
 * travels in Redis), and a tuned suite (the collector queues the final runs once the trials are in).
 */

const tuned = fileURLToPath(new URL("./fixtures/tiny-tuned-suite.json", import.meta.url));
const redisBin = redisServerForTests();

describe("the --redis address", () => {
  it("accepts redis:// and rediss:// with credentials, and never shows the password", () => {
    expect(parseRedisUrl("rediss://arena:s3cret@queue.example:6380/2").shown).toBe(
      "rediss://arena:***@queue.example:6380/2",
    );
    expect(redact("redis://:hunter2@host:1")).toBe("redis://:***@host:1");
    expect(redact("not a url redis://u:pw@x")).not.toContain("pw@");
    expect(() => parseRedisUrl("http://:pw@host")).toThrow(/redis:\/\/ or rediss:\/\//);
    expect(() => parseRedisUrl("redis://:pw@host/x")).toThrow(/database number/);
    expect(() => parseRedisUrl("redis://:pw@host/x")).not.toThrow(/pw/);
    expect(() => parseRedisUrl(undefined)).toThrow(/--redis URL is required/);
  });
});

describe.skipIf(!redisBin)("arena queue campaigns", { timeout: 300_000 }, () => {
  let redis: RedisServer;
  let worker: ChildProcess;
  const dir = tmp("arena-queue-csv-");

  beforeAll(async () => {
    redis = await startRedis(redisBin as string);
    worker = spawn(process.execPath, [bin, "queue", "work", "--redis", redis.url, "--concurrency", "2"], {
      env: { ...process.env, CI: "true" },
      stdio: "ignore",
    });
  }, 60_000);

  afterAll(async () => {
    worker?.kill("SIGKILL");
    await redis?.close();
  });

  it("carries a user's CSV in Redis: the workers never read the submitter's file", () => {
    copyFileSync(dataFilePath("iris.csv"), join(dir, "flowers.csv"));
    const suite = join(dir, "suite.json");
    writeFileSync(
      suite,
      JSON.stringify({
        name: "csv-campaign",
        seed: 4,
        repetitions: 3,
        budget: { flops: 2e6 },
        learners: [{ id: "adam", kind: "backprop", config: { optimizer: { kind: "adam", lr: 0.01 } } }],
        problems: [{ name: "flowers", csv: { path: "flowers.csv", task: "classification", label: "last" } }],
      }),
    );
    const local = tmp("arena-queue-csv-local-");
    expect(arena(["run", suite, "--out", local]).code).toBe(0);
    expect(arena(["queue", "submit", suite, "--redis", redis.url]).code).toBe(0);
    rmSync(join(dir, "flowers.csv"));
    const out = tmp("arena-queue-csv-out-");
    const c = arena([
      "queue",
      "collect",
      "--redis",
      redis.url,
      "--name",
      "csv-campaign",
      "--out",
      out,
      "--poll-ms",
      "100",
    ]);
    expect(c.stderr).not.toMatch(/Error/);
    expect(c.code).toBe(0);
    expect(comparable(records(out))).toEqual(comparable(records(local)));
  });

  it("queues a tuned suite's final runs once its trials are collected", () => {
    const local = tmp("arena-queue-tuned-local-");
    expect(arena(["run", tuned, "--out", local]).code).toBe(0);
    const out = tmp("arena-queue-tuned-out-");
    const s = arena([
      "queue",
      "submit",
      tuned,
      "--redis",
      redis.url,
      "--wait",
      "--out",
      out,
      "--poll-ms",
      "100",
    ]);
    expect(s.code).toBe(0);
    const rs = records(out);
    expect(rs.filter((r) => r.tuning?.role === "final")).toHaveLength(4);
    expect(comparable(rs)).toEqual(comparable(records(local)));
  });
});
