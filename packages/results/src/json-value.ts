import * as z from "zod";

/** A value JSON can represent exactly (finite numbers only). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Deepest nesting accepted in free-form JSON fields (configs are shallow; this bounds the walk). */
const MAX_DEPTH = 64;

function jsonProblem(
  v: unknown,
  path: (string | number)[],
  depth: number,
): { path: (string | number)[]; message: string } | null {
  if (depth > MAX_DEPTH) return { path, message: `nested deeper than ${MAX_DEPTH} levels` };
  if (v === null || typeof v === "string" || typeof v === "boolean") return null;
  if (typeof v === "number") {
    return Number.isFinite(v)
      ? null
      : { path, message: `${v} is not representable in JSON; use a finite number` };
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = jsonProblem(v[i], [...path, i], depth + 1);
      if (p) return p;
    }
    return null;
  }
  if (typeof v === "object") {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      return {
        path,
        message: `expected a plain JSON object, got an instance of ${proto?.constructor?.name ?? "?"}`,
      };
    }
    for (const [k, child] of Object.entries(v)) {
      const p = jsonProblem(child, [...path, k], depth + 1);
      if (p) return p;
    }
    return null;
  }
  return { path, message: `expected a JSON value, got ${typeof v}` };
}

/**
 * A free-form JSON value (a model spec, a learner's config, a problem's options). Non-finite numbers,
 * class instances (e.g. a Float32Array), functions and `undefined` are rejected with the exact path,
 * so a config that JSON would silently mangle fails at write time.
 */
export const jsonValue = z
  .custom<JsonValue>(() => true)
  .superRefine((v, ctx) => {
    const problem = jsonProblem(v, [], 0);
    if (problem) ctx.addIssue({ code: "custom", message: problem.message, path: problem.path, input: v });
  });

/** A free-form JSON object. */
export const jsonObject = z
  .custom<{ [key: string]: JsonValue }>((v) => typeof v === "object" && v !== null && !Array.isArray(v), {
    error: "expected a JSON object",
  })
  .superRefine((v, ctx) => {
    const problem = jsonProblem(v, [], 0);
    if (problem) ctx.addIssue({ code: "custom", message: problem.message, path: problem.path, input: v });
  });
