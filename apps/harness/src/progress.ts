import cliProgress from "cli-progress";
import type { RunEta } from "./cost-eta.ts";

export interface Progress {
  /** One run finished. */
  tick(runId: string, status: string, ms: number): void;
  /** A line of text that must not be garbled by the bar. */
  log(line: string): void;
  stop(): void;
}

function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "?";
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
}

/**
 * Runs done out of `total`, with an ETA: `eta`'s when given (the local pool's, from the runs' estimated
 * costs), else the mean time per finished run so far times the runs left (the queue's collector, which
 * knows nothing of the runs' costs).
 */
function counter(total: number, eta: RunEta | undefined, now: () => number) {
  let done = 0;
  let failed = 0;
  const start = now();
  return {
    get done() {
      return done;
    },
    get failed() {
      return failed;
    },
    finish(runId: string, status: string, ms: number) {
      done++;
      if (status === "failed") failed++;
      eta?.finished(runId, ms);
    },
    etaText(): string {
      if (eta) return formatMs(eta.remainingMs());
      return formatMs(done > 0 ? ((now() - start) / done) * (total - done) : Number.NaN);
    },
  };
}

/**
 * A progress bar (runs done, ETA, failures) on an interactive terminal; plain lines, one per finished
 * run, when stderr is not a TTY or CI is set, so logs stay readable. `eta` estimates the time left
 * (see {@link counter}); `now` is the clock (a fake one in tests).
 */
export function createProgress(
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
  eta?: RunEta,
  now: () => number = () => performance.now(),
): Progress {
  const count = counter(total, eta, now);
  const interactive = stream.isTTY === true && !process.env.CI;
  if (interactive && total > 0) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        // The ETA is ours ({etaLeft}), not cli-progress's ({eta}, which it reserves), which assumes every
        // run takes as long.
        format: "runs {bar} {value}/{total} | failed {failed} | {duration_formatted} elapsed | ETA {etaLeft}",
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { failed: 0, etaLeft: "?" });
    return {
      tick(runId, status, ms) {
        count.finish(runId, status, ms);
        bar.update(count.done, { failed: count.failed, etaLeft: count.etaText() });
      },
      log(line) {
        bar.stop();
        stream.write(`${line}\n`);
        bar.start(total, count.done, { failed: count.failed, etaLeft: count.etaText() });
      },
      stop() {
        bar.stop();
      },
    };
  }
  return {
    tick(runId, status, ms) {
      count.finish(runId, status, ms);
      stream.write(
        `[${count.done}/${total}] ${runId} ${status} in ${formatMs(ms)} (failed ${count.failed}, ETA ${count.etaText()})\n`,
      );
    },
    log(line) {
      stream.write(`${line}\n`);
    },
    stop() {},
  };
}
