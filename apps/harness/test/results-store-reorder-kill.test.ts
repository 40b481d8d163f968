import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const storeModule = fileURLToPath(new URL("../src/results-store.ts", import.meta.url));

/**
 * A child that puts a results file in one order, then the reverse, again and again, with the store's
 * reorder (the one `arena run` does at its end), until it is killed.
 */
const child = `
import { ResultsStore } from ${JSON.stringify(storeModule)};
const read = (line) => ({ ok: true, runId: JSON.parse(line).runId });
const dir = process.argv[1];
let ready = false;
for (let i = 0; ; i++) {
  const rewritten = ResultsStore.reorder(dir, read, (id) => (i % 2 ? -1 : 1) * Number(id));
  if (rewritten && !ready) process.stdout.write("ready\\n");
  ready ||= rewritten;
}
`;

/** Starts the child, kills it `afterMs` after its first whole rewrite; resolves with the signal it died of. */
function killDuring(dir: string, afterMs: number): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", child, dir], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    p.stdout.once("data", () => setTimeout(() => p.kill("SIGKILL"), afterMs));
    p.on("exit", (_code, signal) => resolve(signal));
    p.on("error", reject);
  });
}

describe("ResultsStore.reorder killed mid-rewrite", { timeout: 120_000 }, () => {
  it("leaves every record in results.jsonl, in one order or the other, never half a file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "arena-reorder-kill-"));
    const path = join(dir, "results.jsonl");
    // About 4 MB, so a rewrite takes long enough to be killed in the middle of one.
    const pad = "x".repeat(2000);
    const lines = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ runId: String(i), pad }));
    writeFileSync(path, lines.map((l) => `${l}\n`).join(""));
    for (const ms of [0, 7, 13, 22, 31, 45, 58, 71, 90, 115, 140, 170]) {
      // Killed, not dead of an error of its own: it was rewriting the file until then.
      expect(await killDuring(dir, ms)).toBe("SIGKILL");
      const after = readFileSync(path, "utf8").split("\n");
      expect(after.pop()).toBe("");
      expect([...after].sort()).toEqual([...lines].sort());
      const ids = after.map((l) => Number(JSON.parse(l).runId));
      const ascending = ids.every((id, i) => i === 0 || id > ids[i - 1]);
      const descending = ids.every((id, i) => i === 0 || id < ids[i - 1]);
      expect(ascending || descending).toBe(true);
    }
  });
});
