/**
 * Declared, validated options. Every loader and generator states its options as a schema; `resolveOptions`
 * fills in defaults and rejects unknown keys and bad values with an error that names the key, the value
 * and what was expected. The schemas are plain data, so a CLI can list a problem's options and defaults.
 */

/** An integer in [min, max], optionally restricted to a list of allowed values. */
export interface IntegerOption {
  readonly kind: "integer";
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly values?: readonly number[];
  readonly doc: string;
}

/** An integer in [min, max] that may be left out (no default). */
export interface OptionalIntegerOption {
  readonly kind: "optional-integer";
  readonly default: undefined;
  readonly min: number;
  readonly max: number;
  readonly doc: string;
}

/** A finite number in [min, max] (or (min, max] when `minExclusive`). */
export interface NumberOption {
  readonly kind: "number";
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly minExclusive: boolean;
  readonly doc: string;
}

/** One of a fixed list of strings. */
export interface EnumOption<T extends string = string> {
  readonly kind: "enum";
  readonly default: T;
  readonly values: readonly T[];
  readonly doc: string;
}

export interface BooleanOption {
  readonly kind: "boolean";
  readonly default: boolean;
  readonly doc: string;
}

export type OptionSpec = IntegerOption | OptionalIntegerOption | NumberOption | EnumOption | BooleanOption;
export type OptionSchema = Readonly<Record<string, OptionSpec>>;

type OptionValue<S> =
  S extends EnumOption<infer T>
    ? T
    : S extends BooleanOption
      ? boolean
      : S extends OptionalIntegerOption
        ? number | undefined
        : number;

/** Options after `resolveOptions`: every key present, defaults filled in. */
export type ResolvedOptions<S extends OptionSchema> = { readonly [K in keyof S]: OptionValue<S[K]> };
/** What a caller may pass: any subset of the keys. */
export type OptionsInput<S extends OptionSchema> = { readonly [K in keyof S]?: OptionValue<S[K]> };

/** An integer option with a default. */
export function integerOption(
  def: number,
  min: number,
  max: number,
  doc: string,
  values?: readonly number[],
): IntegerOption {
  return values
    ? { kind: "integer", default: def, min, max, values, doc }
    : { kind: "integer", default: def, min, max, doc };
}

/** An integer option without a default (undefined means "not set"). */
export function optionalIntegerOption(min: number, max: number, doc: string): OptionalIntegerOption {
  return { kind: "optional-integer", default: undefined, min, max, doc };
}

/** A number option. */
export function numberOption(
  def: number,
  min: number,
  max: number,
  doc: string,
  minExclusive = false,
): NumberOption {
  return { kind: "number", default: def, min, max, minExclusive, doc };
}

/** A string option from a fixed list. */
export function enumOption<const T extends string>(values: readonly T[], def: T, doc: string): EnumOption<T> {
  return { kind: "enum", default: def, values, doc };
}

/** A boolean option. */
export function booleanOption(def: boolean, doc: string): BooleanOption {
  return { kind: "boolean", default: def, doc };
}

function describe(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean" || v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : typeof v;
}

function checkValue(where: string, key: string, spec: OptionSpec, v: unknown): unknown {
  const bad = (expected: string): never => {
    throw new RangeError(`${where}: option "${key}" must be ${expected}, got ${describe(v)}`);
  };
  switch (spec.kind) {
    case "integer":
    case "optional-integer": {
      if (typeof v !== "number" || !Number.isInteger(v))
        return bad(`an integer in [${spec.min}, ${spec.max}]`);
      if (v < spec.min || v > spec.max) return bad(`an integer in [${spec.min}, ${spec.max}]`);
      if (spec.kind === "integer" && spec.values && !spec.values.includes(v)) {
        return bad(`one of ${spec.values.join(", ")}`);
      }
      return v;
    }
    case "number": {
      const range = `${spec.minExclusive ? "(" : "["}${spec.min}, ${spec.max}]`;
      if (typeof v !== "number" || !Number.isFinite(v)) return bad(`a finite number in ${range}`);
      if (v > spec.max || v < spec.min || (spec.minExclusive && v === spec.min))
        return bad(`a number in ${range}`);
      return v;
    }
    case "enum":
      if (typeof v !== "string" || !spec.values.includes(v)) {
        return bad(`one of ${spec.values.map((s) => JSON.stringify(s)).join(", ")}`);
      }
      return v;
    case "boolean":
      if (typeof v !== "boolean") return bad("true or false");
      return v;
  }
}

/**
 * Checks `input` against `schema` and fills in defaults. Unknown keys are rejected by name; `undefined`
 * values count as "not set".
 *
 * @example
 * ```ts
 * import { integerOption, resolveOptions } from "@arena/datasets";
 * const schema = { samples: integerOption(100, 1, 10_000, "number of points") };
 * resolveOptions("demo", schema, { samples: 50 }); // { samples: 50 }
 * // resolveOptions("demo", schema, { sample: 50 }) throws: demo: unknown option "sample"; known options: samples
 * ```
 */
export function resolveOptions<S extends OptionSchema>(
  where: string,
  schema: S,
  input: unknown,
): ResolvedOptions<S> {
  if (input !== undefined && input !== null && (typeof input !== "object" || Array.isArray(input))) {
    throw new TypeError(`${where}: options must be an object, got ${describe(input)}`);
  }
  const given = (input ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(schema, key)) {
      const known = Object.keys(schema);
      throw new RangeError(
        `${where}: unknown option "${key}"; known options: ${known.length > 0 ? known.join(", ") : "(none)"}`,
      );
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema)) {
    const v = given[key];
    out[key] = v === undefined ? spec.default : checkValue(where, key, spec, v);
  }
  return out as ResolvedOptions<S>;
}

/** The keys of `schema` taken from `options` (for handing a sub-schema's options on). */
export function pickOptions<S extends OptionSchema>(
  schema: S,
  options: Readonly<Record<string, unknown>>,
): OptionsInput<S> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(schema)) if (options[key] !== undefined) out[key] = options[key];
  return out as OptionsInput<S>;
}
