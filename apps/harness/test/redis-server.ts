import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A real Redis for the queue tests: Debian's redis-server, started on 127.0.0.1 at a free port with no
 * periodic persistence and `maxmemory-policy noeviction` (BullMQ's requirement), stopped after. Where
 * none is installed the tests are skipped with a notice naming the install command; with
 * ARENA_REQUIRE_REDIS=1 (which .ci/run sets, after installing it) a missing server fails them instead.
 */

export const REDIS_BIN_ENV = "ARENA_REDIS_SERVER";
export const REQUIRE_REDIS_ENV = "ARENA_REQUIRE_REDIS";
export const INSTALL_HINT = "sudo apt-get install redis-server (or set ARENA_REDIS_SERVER to its path)";

/** The redis-server binary, or null. */
export function findRedisServer(): string | null {
  const named = process.env[REDIS_BIN_ENV];
  for (const bin of named ? [named] : ["redis-server", "/usr/bin/redis-server", "/usr/sbin/redis-server"]) {
    const r = spawnSync(bin, ["--version"], { encoding: "utf8" });
    if (r.status === 0 && /Redis server v=/.test(r.stdout)) return bin;
  }
  return null;
}

/**
 * The redis-server the queue tests use: found, or null after a visible notice that they are skipped (a
 * failure instead under ARENA_REQUIRE_REDIS=1).
 */
export function redisServerForTests(): string | null {
  const bin = findRedisServer();
  if (bin) return bin;
  if (process.env[REQUIRE_REDIS_ENV] === "1")
    throw new Error(`no redis-server found; install it: ${INSTALL_HINT}`);
  console.warn(
    `SKIPPED: the queue tests need redis-server, which was not found; install it: ${INSTALL_HINT}`,
  );
  return null;
}

/** A port nobody listens on now, on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface RedisServer {
  url: string;
  port: number;
  /** Saves the data set and shuts down, as an administrator restarting Redis would. */
  stop(): Promise<void>;
  /** Starts it again on the same port and folder: the saved data set is loaded. */
  start(): Promise<void>;
  /** Stops it for good and removes its folder. */
  close(): Promise<void>;
}

function ping(bin: string, port: number): boolean {
  const cli = bin.replace(/redis-server$/, "redis-cli");
  return (
    spawnSync(cli, ["-h", "127.0.0.1", "-p", String(port), "ping"], { encoding: "utf8" }).stdout?.trim() ===
    "PONG"
  );
}

/** Starts a Redis on 127.0.0.1 at a free port; resolves once it answers PING. */
export async function startRedis(bin: string): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "arena-redis-"));
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(
      bin,
      [
        "--bind",
        "127.0.0.1",
        "--port",
        String(port),
        "--save",
        "",
        "--appendonly",
        "no",
        "--maxmemory-policy",
        "noeviction",
        "--dir",
        dir,
        "--protected-mode",
        "yes",
      ],
      { stdio: "ignore" },
    );
    const deadline = Date.now() + 10_000;
    while (!ping(bin, port)) {
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on 127.0.0.1:${port}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const stopWith = async (mode: "SAVE" | "NOSAVE") => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once("exit", r));
    spawnSync(bin.replace(/redis-server$/, "redis-cli"), [
      "-h",
      "127.0.0.1",
      "-p",
      String(port),
      "shutdown",
      mode.toLowerCase(),
    ]);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (c.exitCode === null) c.kill("SIGKILL");
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop: () => stopWith("SAVE"),
    close: async () => {
      await stopWith("NOSAVE");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
