/**
 * The command line of a benchmark entry point: node's `parseArgs` (strict) with `--help`, where a bad
 * option or value prints the message and the usage and exits with code 2 instead of a stack trace.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";

/** A bad command-line value: its message names the option, the value and what was expected. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Prints `error` (if any) and `usage`, then exits: 0 after `--help`, 2 after a usage error. */
function exitWithUsage(usage: string, error?: string): never {
  if (error === undefined) {
    console.log(usage);
    process.exit(0);
  }
  console.error(`error: ${error}\n${usage}`);
  process.exit(2);
}

/**
 * `argv`'s values for `options` (plus `--help`, which prints `usage` and exits). An unknown option, a
 * missing value, or a {@link UsageError} thrown by `check` (which validates and converts the values)
 * prints the message and `usage` and exits with code 2.
 */
export function parseCli<O extends Options, T>(
  options: O,
  usage: string,
  check: (values: ReturnType<typeof parseArgs<{ options: O; strict: true }>>["values"]) => T,
  argv: string[] = process.argv.slice(2),
): T {
  if (argv.includes("--help") || argv.includes("-h")) exitWithUsage(usage);
  try {
    return check(parseArgs({ args: argv, options, strict: true }).values);
  } catch (e) {
    const parseError =
      e instanceof TypeError && String((e as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS");
    if (e instanceof UsageError || parseError) exitWithUsage(usage, (e as Error).message);
    throw e;
  }
}
