import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arena, bin, comparable, records, tmp } from "./arena-cli.ts";
import { type RedisServer, redisServerForTests, startRedis } from "./redis-server.ts";

/**
 * The queue's fault tests: a campaign of 20 seeded runs through real Redis and BullMQ, with one worker
 * killed mid-run, one frozen past its lock, the collector killed, and Redis restarted, all in one
 * campaign; its records must equal a local `arena run`'s, one per run id.
 */

const suite = fileURLToPath(new URL("./fixtures/queue-suite.json", import.meta.url));
const redisBin = redisServerForTests();

/** A child `arena …` process whose stderr lines are kept, to wait for what it says. */
interface Child {
  process: ChildProcess;
  lines: string[];
  exit: Promise<number | null>;
}

function start(args: string[]): Child {
  const p = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, CI: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let rest = "";
  const take = (chunk: Buffer) => {
    rest += chunk.toString();
    const parts = rest.split("\n");
    rest = parts.pop() ?? "";
    lines.push(...parts);
  };
  p.stdout?.on("data", take);
  p.stderr?.on("data", take);
  const exit = new Promise<number | null>((r) => p.once("exit", (code) => r(code)));
  return { process: p, lines, exit };
}

/** Waits for a line matching `re` (checked every 50 ms), failing after `ms`; returns its match. */
async function waitFor(c: Child, re: RegExp, ms: number, skip = 0): Promise<RegExpMatchArray> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const hits = c.lines.map((l) => l.match(re)).filter((m): m is RegExpMatchArray => m !== null);
    if (hits.length > skip) return hits[skip];
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no line matching ${re} within ${ms} ms; got:\n${c.lines.slice(-20).join("\n")}`);
}

/** A run id as a regular expression matching exactly it. */
const escaped = (id: string) => id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const WORK = ["--lock-ms", "2000", "--stalled-ms", "500"];

describe.skipIf(!redisBin)("arena queue, through crashed and frozen workers", { timeout: 300_000 }, () => {
  let redis: RedisServer;
  const children: Child[] = [];
  const out = tmp("arena-queue-");
  const local = tmp("arena-queue-local-");
  const run = (args: string[]) => {
    const c = start(args);
    children.push(c);
    return c;
  };

  beforeAll(async () => {
    redis = await startRedis(redisBin as string);
    expect(arena(["run", suite, "--workers", "2", "--out", local]).code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    for (const c of children) if (c.process.exitCode === null) c.process.kill("SIGKILL");
    await redis?.close();
  });

  it("queues each run once, however often the suite is submitted", () => {
    const first = arena(["queue", "submit", suite, "--redis", redis.url]);
    expect(first.stdout).toMatch(/queue-test: 20 runs planned, 20 queued, 0 already/);
    const again = arena(["queue", "submit", suite, "--redis", redis.url]);
    expect(again.stdout).toMatch(/queue-test: 20 runs planned, 0 queued, 20 already queued or collected/);
  });

  let killedRun = "";
  let frozenRun = "";
  it("runs a campaign to the end through a killed worker, a frozen one, a killed collector and a Redis restart", async () => {
    const collect = () => [
      "queue",
      "collect",
      "--redis",
      redis.url,
      "--name",
      "queue-test",
      "--out",
      out,
      "--poll-ms",
      "100",
    ];
    const a = run(["queue", "work", "--redis", redis.url, ...WORK]);
    const b = run(["queue", "work", "--redis", redis.url, ...WORK]);
    let collector = run(collect());
    // A worker killed in the middle of a run: its run is started again by the other.
    killedRun = (await waitFor(a, /^start (\S+) \(attempt 1\)/, 60_000))[1];
    await sleep(300);
    a.process.kill("SIGKILL");
    // A worker frozen past its lock, then let go: the run it held is taken over; its late result is refused.
    const c = run(["queue", "work", "--redis", redis.url, ...WORK]);
    frozenRun = (await waitFor(c, /^start (\S+) \(attempt 1\)/, 60_000))[1];
    c.process.kill("SIGSTOP");
    // Frozen until the other worker has found the run stalled and started it again (the lock is 2 s).
    const again = new RegExp(`^start ${escaped(frozenRun)} \\(attempt 2\\)`);
    await waitFor(b, again, 120_000);
    c.process.kill("SIGCONT");
    // Its late result is refused by BullMQ: the lock it held belongs to the other worker's attempt now.
    // BullMQ refuses it as "Lock mismatch" while the other attempt runs, "Missing lock" once it has
    // finished, "Missing key" once the collector has removed the job.
    const refused = `^worker error: (Missing lock|Lock mismatch|Missing key) for job ${escaped(frozenRun)}\\. (Cmd )?moveToFinished`;
    await waitFor(c, new RegExp(refused), 60_000);
    // The collector killed after writing some records, then started again.
    await waitFor(collector, /^\[\d+\/\d+\]/, 60_000);
    collector.process.kill("SIGKILL");
    await collector.exit;
    // Redis restarted (saved and loaded, as an administrator would): every client reconnects.
    await redis.stop();
    await sleep(500);
    await redis.start();
    collector = run(collect());
    expect(await collector.exit).toBe(0);
    b.process.kill("SIGTERM");
    c.process.kill("SIGTERM");
    await Promise.all([b.exit, c.exit]);
  });

  it("writes every run exactly once, equal to a local run apart from measured fields", () => {
    const lines = readFileSync(join(out, "results.jsonl"), "utf8").trim().split("\n");
    const rs = records(out);
    expect(lines).toHaveLength(20);
    expect(new Set(rs.map((r) => r.runId)).size).toBe(20);
    expect(comparable(rs)).toEqual(comparable(records(local)));
  });

  it("counts the starts of the runs whose workers died or froze", () => {
    const attempts = new Map(records(out).map((r) => [r.runId, r.measured.attempts]));
    // 2: its first start died with the worker (3 only if a loaded machine also stalled a lock renewal).
    expect(attempts.get(killedRun)).toBeGreaterThanOrEqual(2);
    expect(attempts.get(killedRun)).toBeLessThanOrEqual(3);
    expect(attempts.get(frozenRun)).toBeGreaterThanOrEqual(2);
    expect([...attempts.values()].every((n) => n !== undefined && n >= 1)).toBe(true);
  });

  it("shows the campaign's state, all collected", () => {
    const s = arena(["queue", "status", "--redis", redis.url, "--name", "queue-test"]);
    expect(s.stdout).toMatch(
      /queue-test \[#+\] 20\/20 collected · 0 waiting · 0 active · 0 done, not yet collected · 0 failed/,
    );
  });
});
