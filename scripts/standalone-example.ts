import ts from "typescript";
import { instrument, pattern } from "./readme-examples.ts";

/** The line a standalone example prints last: its checks as JSON after this marker. */
export const RESULT_MARKER = "__ARENA_README_RESULT__";

/** What a standalone example reports: how many commented console.log lines ran, and which failed. */
export interface ExampleResult {
  checked: number;
  failures: string[];
}

/**
 * A README's ```ts block as a plain ES module that Node runs without any TypeScript loader: the types
 * are erased with TypeScript's `transpileModule` (no type check), and each `console.log(x); // expected`
 * line checks what it prints, as `testReadmeExamples` does in the workspace. The module prints
 * {@link RESULT_MARKER} and an {@link ExampleResult} as its last line, once its top-level code has run.
 */
export function standaloneExample(code: string, firstLine: number): string {
  const js = ts.transpileModule(instrument(code), {
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: false,
    },
  }).outputText;
  const prelude = `import { formatWithOptions as __format } from "node:util";
const __pattern = ${pattern.toString()};
const __result = { checked: 0, failures: [] };
const __log = console.log;
console.log = () => {};
globalThis.__readmeCheck = (line, expected, ...args) => {
  __result.checked++;
  const got = __format({ breakLength: Number.POSITIVE_INFINITY }, ...args);
  if (!__pattern(expected).test(got)) __result.failures.push("README.md line " + (${firstLine} + line - 1) + ": expected " + expected + "\\n  got      " + got);
};
process.on("beforeExit", () => {
  if (__result.done) return;
  __result.done = true;
  __log(${JSON.stringify(RESULT_MARKER)} + JSON.stringify({ checked: __result.checked, failures: __result.failures }));
});
`;
  return `${prelude}${js}`;
}

/** Reads the {@link ExampleResult} from a standalone example's output (null when it never got there). */
export function exampleResult(stdout: string): ExampleResult | null {
  const line = stdout.split("\n").find((l) => l.startsWith(RESULT_MARKER));
  return line === undefined ? null : (JSON.parse(line.slice(RESULT_MARKER.length)) as ExampleResult);
}
