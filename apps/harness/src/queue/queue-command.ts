import { Redis } from "ioredis";
import { integerOption, stringOption } from "../cli-args.ts";
import { checkOutputDir } from "../input-files.ts";
import { UsageError } from "../usage-error.ts";
import { keys } from "./campaign.ts";
import { collectCampaign } from "./collect.ts";
import { parseRedisUrl, redact } from "./redis-url.ts";
import { campaignStatus, statusLine } from "./status.ts";
import { submitSuite } from "./submit.ts";
import { DEFAULT_WORK_OPTIONS, workQueue } from "./work.ts";

export const QUEUE_ACTIONS = ["submit", "work", "collect", "status"] as const;

/**
 * A connection for BullMQ (`maxRetriesPerRequest: null`, as its workers require): it reconnects by
 * itself when Redis restarts. Once it has answered, its errors (a restart) are logged, once each and
 * without the password; before that, the command's own one-line error says what went wrong.
 */
function connect(
  url: string,
  shown: string,
  log: (line: string) => void,
): { redis: Redis; ready: () => void } {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  let last = "";
  let answered = false;
  redis.on("error", (e: Error) => {
    const text = redact(e.message);
    if (answered && text !== last) log(`redis ${shown}: ${text}`);
    last = text;
  });
  return { redis, ready: () => (answered = true) };
}

/** How long a command waits for Redis to answer at the start before it gives up (no hang on a bad address). */
export const CONNECT_TIMEOUT_MS = 10_000;

/** Resolves once Redis answers PING; a UsageError naming the address (never its password) otherwise. */
async function reachable(redis: Redis, shown: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new UsageError(`cannot reach Redis at ${shown} within ${CONNECT_TIMEOUT_MS / 1000} s`)),
      CONNECT_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([redis.ping(), late]);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`Redis at ${shown} refused: ${redact((e as Error).message)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** `arena queue ACTION`: see the harness README's "Past one machine". */
export async function queueCommand(
  action: string,
  suitePath: string | undefined,
  flags: Record<string, unknown>,
  report: (dir: string) => Promise<void>,
): Promise<number> {
  if (!(QUEUE_ACTIONS as readonly string[]).includes(action))
    throw new UsageError(`queue ${JSON.stringify(action)}: expected one of ${QUEUE_ACTIONS.join(", ")}`);
  const address = parseRedisUrl(stringOption(flags, "redis"));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const name = stringOption(flags, "name");
  const collects = action === "collect" || flags.wait === true;
  if (collects && stringOption(flags, "out") === undefined)
    throw new UsageError(`queue ${action}: --out DIR is required (where results.jsonl is written)`);
  const out = collects ? checkOutputDir(stringOption(flags, "out") ?? "", "--out") : "";
  if (action === "submit" && !suitePath) throw new UsageError("queue submit: give a suite file");
  if (action !== "work" && action !== "submit" && name === undefined)
    throw new UsageError(
      `queue ${action}: --name CAMPAIGN is required (the suite's name unless submit was given --name)`,
    );
  const work = {
    concurrency: integerOption(flags, "concurrency", 1, 64) ?? DEFAULT_WORK_OPTIONS.concurrency,
    lockMs: integerOption(flags, "lockMs", 1000, 3_600_000) ?? DEFAULT_WORK_OPTIONS.lockMs,
    stalledMs: integerOption(flags, "stalledMs", 500, 3_600_000) ?? DEFAULT_WORK_OPTIONS.stalledMs,
  };
  const pollMs = integerOption(flags, "pollMs", 50, 60_000) ?? 1000;
  const { redis, ready } = connect(address.url, address.shown, log);
  try {
    await reachable(redis, address.shown);
    ready();
    if (action === "work") {
      await workQueue(redis, address, work, log);
      return 0;
    }
    let campaign = name ?? "";
    if (action === "submit") {
      const s = await submitSuite(redis, suitePath as string, name);
      console.log(
        `${s.campaign}: ${s.planned} runs planned, ${s.added} queued, ${s.skipped} already queued or collected (${address.shown})`,
      );
      campaign = s.campaign;
      if (flags.wait !== true) return 0;
    }
    if (action === "status") {
      if ((await redis.exists(keys.suite(campaign))) === 0)
        throw new UsageError(
          `no campaign "${campaign}" on ${address.shown}: submit it first (arena queue submit)`,
        );
      console.log(statusLine(await campaignStatus(redis, campaign)));
      return 0;
    }
    const c = await collectCampaign(redis, campaign, out, { shown: address.shown, pollMs });
    console.log(`${c.campaign}: ${c.total} runs on record, ${c.written} written now -> ${c.resultsPath}`);
    await report(out);
    return 0;
  } finally {
    redis.disconnect();
  }
}
