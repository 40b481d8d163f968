import { problems } from "@arena/datasets";
import { modelSpec } from "@arena/nn";
import { SEARCH_META_KEY } from "@arena/options";
import * as z from "zod";
import { LEARNER_KINDS } from "./learner-kinds.ts";
import { SuiteSchema } from "./suite.ts";

type JsonSchema = Record<string, unknown>;

const OPTIONS = {
  io: "input",
  unrepresentable: "any",
  reused: "inline",
  // Options' default search ranges (metadata for tuners) are no JSON Schema keyword: leave them out.
  override: (ctx: { jsonSchema: Record<string, unknown> }) => {
    delete ctx.jsonSchema[SEARCH_META_KEY];
  },
} as const;

/**
 * Converts sub-schemas and hoists their `$defs` (recursive schemas, e.g. a warm-up schedule wrapping
 * another schedule) to the root under unique names, so their `$ref`s resolve inside the one document.
 */
class Converter {
  readonly defs: Record<string, unknown> = {};
  private count = 0;

  toJson(schema: z.ZodType): JsonSchema {
    const {
      $schema: _drop,
      $defs,
      ...rest
    } = z.toJSONSchema(schema, OPTIONS) as JsonSchema & {
      $defs?: Record<string, unknown>;
    };
    if (!$defs) return rest;
    const prefix = `s${this.count++}_`;
    const rename = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(rename);
      if (v === null || typeof v !== "object") return v;
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) =>
          k === "$ref" && typeof x === "string" && x.startsWith("#/$defs/")
            ? [k, `#/$defs/${prefix}${x.slice("#/$defs/".length)}`]
            : [k, rename(x)],
        ),
      );
    };
    for (const [name, def] of Object.entries($defs)) this.defs[`${prefix}${name}`] = rename(def);
    return rename(rest) as JsonSchema;
  }
}

/** `learners[]`: one branch per learner kind, each with its own config schema. */
function learnerItems(base: JsonSchema, c: Converter): JsonSchema {
  const props = (base.properties ?? {}) as Record<string, JsonSchema>;
  return {
    oneOf: [...LEARNER_KINDS.values()].map((k) => ({
      type: "object",
      description: k.description,
      properties: { ...props, kind: { const: k.kind }, config: c.toJson(k.config) },
      required: ["id", "kind"],
      additionalProperties: false,
    })),
  };
}

/** `problems[]`: each registry name's options schema, chosen by `name` (a CSV problem's are free). */
function problemItems(base: JsonSchema, c: Converter): JsonSchema {
  const props = (base.properties ?? {}) as Record<string, JsonSchema>;
  const models = props.models as JsonSchema | undefined;
  return {
    ...base,
    properties: { ...props, ...(models ? { models: { ...models, items: c.toJson(modelSpec) } } : {}) },
    allOf: problems().map((entry) => ({
      if: { properties: { name: { const: entry.name } }, required: ["name"], not: { required: ["csv"] } },
      // JSON Schema's if/then: `then` is the keyword's name here, not a thenable.
      // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword
      then: { properties: { options: c.toJson(entry.options) } },
    })),
  };
}

/**
 * The JSON Schema of suite files, made from the same zod schemas that validate them (the suite's own,
 * each learner kind's config, nn's model spec, each registry problem's options), so an editor completes
 * and checks a suite file as `arena` would. Written to apps/harness/suite.schema.json (`arena schema`);
 * a test keeps the committed file equal to this.
 */
export function suiteJsonSchema(): JsonSchema {
  const c = new Converter();
  const base = z.toJSONSchema(SuiteSchema, OPTIONS) as JsonSchema;
  const props = base.properties as Record<string, JsonSchema>;
  const { learners, problems: problemList } = props;
  const properties = {
    ...props,
    learners: { ...learners, items: learnerItems(learners.items as JsonSchema, c) },
    problems: { ...problemList, items: problemItems(problemList.items as JsonSchema, c) },
  };
  const defs = Object.keys(c.defs).length > 0 ? { $defs: c.defs } : {};
  return { ...base, title: "Arena suite", properties, ...defs };
}
