import cliProgress from "cli-progress";

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
 * A progress bar (runs done, ETA, failures) on an interactive terminal; plain lines, one per finished
 * run, when stderr is not a TTY or CI is set, so logs stay readable.
 */
export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  let done = 0;
  let failed = 0;
  const start = performance.now();
  const interactive = stream.isTTY === true && !process.env.CI;
  if (interactive && total > 0) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format:
          "runs {bar} {value}/{total} | failed {failed} | {duration_formatted} elapsed | ETA {eta_formatted}",
        hideCursor: true,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { failed: 0 });
    return {
      tick(_id, status) {
        done++;
        if (status === "failed") failed++;
        bar.update(done, { failed });
      },
      log(line) {
        bar.stop();
        stream.write(`${line}\n`);
        bar.start(total, done, { failed });
      },
      stop() {
        bar.stop();
      },
    };
  }
  return {
    tick(runId, status, ms) {
      done++;
      if (status === "failed") failed++;
      const elapsed = performance.now() - start;
      const eta = done > 0 ? (elapsed / done) * (total - done) : Number.NaN;
      stream.write(
        `[${done}/${total}] ${runId} ${status} in ${formatMs(ms)} (failed ${failed}, ETA ${formatMs(eta)})\n`,
      );
    },
    log(line) {
      stream.write(`${line}\n`);
    },
    stop() {},
  };
}
