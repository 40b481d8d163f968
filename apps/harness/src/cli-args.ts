import type { CAC, Command } from "cac";
import { quote, UsageError } from "./usage-error.ts";

/**
 * The `arena` command line, read from the raw arguments. cac declares the commands and options and
 * prints the help; the values are read here, because cac's parser (mri) turns any value that looks like
 * a number into one: `--out ""` became 0 (and wrote to ./0/), `--workers 0x2` became 2. Here every value
 * stays the exact string given, and:
 *
 * - an empty value (`--out ""`, `--out=`) is an error for every option;
 * - an option given twice, an unknown option, a value missing, or a value given to a switch is an error;
 * - `--name value` and `--name=value` both work; a value starting with "-" needs the `=` form;
 * - after `--`, every argument is positional.
 */

type CacOption = Command["options"][number];

/** The parsed command line: the command, its positional arguments, and its options by camelCase name. */
export interface ParsedCommandLine {
  /** undefined: no command given (the root help, or --version). */
  command: Command | undefined;
  /** Positional arguments after the command name. */
  args: string[];
  /** Options by cac's camelCase name: `true` for a switch, the exact string for a value. */
  flags: Record<string, string | true>;
}

/** An option's spellings as typed: `--dry-run`, `-h`. */
function spellings(o: CacOption): string[] {
  return o.rawName
    .replace(/[<[].*$/, "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.startsWith("-"));
}

function optionTable(options: CacOption[]): Map<string, CacOption> {
  const table = new Map<string, CacOption>();
  for (const o of options) for (const s of spellings(o)) table.set(s, o);
  return table;
}

/** How to ask for help about `command`. */
function helpHint(cliName: string, command: Command | undefined): string {
  return command ? `see ${cliName} ${command.name} --help` : `see ${cliName} --help`;
}

/**
 * Parses `argv` (without node and the script) against the commands and options declared on `cli`.
 * Throws a one-line UsageError for anything malformed; does not run anything.
 */
export function parseCommandLine(cli: CAC, argv: readonly string[]): ParsedCommandLine {
  const global = cli.globalCommand.options;
  // The command is the first argument that is not an option (global options are all switches).
  let command: Command | undefined;
  let commandAt = -1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") break;
    if (a.startsWith("-") && a !== "-") continue;
    command = cli.commands.find((c) => c.isMatched(a));
    if (!command) throw new UsageError(`unknown command ${quote(a, 60)}; see ${cli.name} --help`);
    commandAt = i;
    break;
  }
  const options = [...global, ...(command?.options ?? [])];
  const table = optionTable(options);
  const hint = helpHint(cli.name, command);
  const flags: Record<string, string | true> = {};
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (i === commandAt) continue;
    const a = argv[i];
    if (a === "--") {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith("-") || a === "-") {
      args.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const spelled = eq >= 0 ? a.slice(0, eq) : a;
    const o = table.get(spelled);
    if (!o) throw new UsageError(`unknown option ${quote(spelled, 60)}; ${hint}`);
    if (o.isBoolean) {
      if (eq >= 0) throw new UsageError(`${spelled} is a switch and takes no value; ${hint}`);
      flags[o.name] = true;
      continue;
    }
    let value: string;
    if (eq >= 0) value = a.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith("-")) value = argv[++i];
    else {
      throw new UsageError(
        `${spelled} needs a value${i + 1 < argv.length ? ` (for a value starting with "-", write ${spelled}=VALUE)` : ""}; ${hint}`,
      );
    }
    if (value === "") throw new UsageError(`${spelled} is empty; give a value or leave the option out`);
    if (flags[o.name] !== undefined) throw new UsageError(`${spelled} is given more than once`);
    flags[o.name] = value;
  }
  if (flags.help || flags.version) return { command, args, flags };
  if (command) {
    for (const o of command.options) {
      if (flags[o.name] === undefined && o.config.default !== undefined)
        flags[o.name] = String(o.config.default);
    }
    const required = command.args.filter((x) => x.required && !x.variadic).length;
    const variadic = command.args.find((x) => x.variadic);
    const min = required + (variadic?.required ? 1 : 0);
    if (args.length < min) {
      const missing = command.args[Math.min(args.length, command.args.length - 1)];
      throw new UsageError(`${command.name}: missing ${missing.value.replace(/^\.\.\./, "")}; ${hint}`);
    }
    if (!variadic && args.length > command.args.length) {
      throw new UsageError(
        `${command.name}: unexpected argument ${quote(args[command.args.length], 60)}; ${hint}`,
      );
    }
    for (const x of args) {
      if (x === "") throw new UsageError(`${command.name}: an argument is empty; give a path`);
    }
  } else if (args.length > 0) {
    throw new UsageError(`unknown command ${quote(args[0], 60)}; see ${cli.name} --help`);
  }
  return { command, args, flags };
}

/** The positional arguments in the shape cac passes to an action: one per declared argument, a variadic one as an array. */
export function actionArgs(command: Command, args: string[]): unknown[] {
  return command.args.map((x, i) => (x.variadic ? args.slice(i) : args[i]));
}

/**
 * A decimal integer option: digits only (no sign, spaces, `0x`, exponent or fraction), within
 * [min, max]; undefined when the option is absent.
 */
export function integerOption(
  flags: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const v = flags[name];
  if (v === undefined) return undefined;
  const s = String(v);
  const n = /^\d{1,15}$/.test(s) ? Number(s) : Number.NaN;
  if (!(n >= min && n <= max)) {
    const flag = `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    throw new UsageError(
      `${flag} must be a whole number from ${min} to ${max} in decimal digits, got ${quote(s, 40)}`,
    );
  }
  return n;
}

/** A string option's value; undefined when absent. (Empty values never get here: see parseCommandLine.) */
export function stringOption(flags: Record<string, unknown>, name: string): string | undefined {
  const v = flags[name];
  return v === undefined ? undefined : String(v);
}
