/**
 * Entry of a benchmark child process, started by `run-benchmarks.ts` as
 * `node <tsx loader> child-entry.ts <suite module URL> <suite id> <impl> <options JSON>`: imports the
 * suite's module, measures one implementation and sends the rows to the parent over IPC.
 * (A separate module from `child.ts` so the suite's own import of the runner cannot form a cycle with
 * this entry's top-level await.)
 */
import { type ChildMessage, type ChildOptions, measureImplementation } from "./child.ts";
import type { BenchCase, Suite } from "./suite.ts";

const [moduleUrl, suiteId, impl, optionsJson] = process.argv.slice(2);
let message: ChildMessage;
try {
  const mod = (await import(moduleUrl)) as Record<string, unknown>;
  const suite = Object.values(mod).find(
    (v): v is Suite<BenchCase> =>
      typeof v === "object" && v !== null && (v as Suite).id === suiteId && "cases" in v,
  );
  if (!suite) throw new Error(`child: ${moduleUrl} exports no suite with id "${suiteId}"`);
  const options = JSON.parse(optionsJson ?? "{}") as ChildOptions;
  message = { ok: true, ...(await measureImplementation(suite, impl, options, (line) => console.log(line))) };
} catch (e) {
  message = { ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}
if (process.send) {
  // Exit only once the message has reached the parent.
  process.send(message, () => process.exit(0));
} else {
  console.error("child-entry.ts must be started by the runner (it reports over IPC)");
  process.exitCode = 1;
}
