import type { JsonValue } from "./json-value.ts";

/** What identifies a run. */
export interface RunIdParts {
  suite: string;
  problem: string;
  model: string;
  learner: string;
  repetition: number;
  /**
   * Optional configuration to fingerprint (e.g. `{ problem: options, model: spec, learner: config }`):
   * when given, a short hash of it is appended, so that changing a config yields new run ids and a
   * rerun does not mistake old results for new ones.
   */
  config?: JsonValue;
}

/**
 * JSON with object keys sorted at every level, so equal values give equal strings whatever the key
 * order they were built in.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) {
      throw new RangeError(`canonicalJson: ${value} is not representable in JSON`);
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  // Keys holding undefined are dropped, as JSON.stringify does.
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
}

/**
 * 8-hex-digit FNV-1a hash (32-bit; Fowler, Noll & Vo) of a value's canonical JSON over its UTF-16
 * code units. Stable across machines and Node versions; not cryptographic.
 */
export function configHash(value: JsonValue): string {
  return fnv1a32(canonicalJson(value));
}

/** FNV-1a, 32-bit, over UTF-16 code units, as 8 hex digits (offset basis 0x811c9dc5, prime 0x01000193). */
export function fnv1a32(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/**
 * A stable, readable run id: `suite/problem/model/learner/repetition`, each name percent-encoded
 * (`encodeURIComponent`) so that a "/" inside a name cannot make two different runs collide, plus
 * `~hash` of `config` when given.
 *
 * @example
 * ```ts
 * import { runId } from "@arena/results";
 * runId({ suite: "default", problem: "digits", model: "mlp-64", learner: "pso", repetition: 3 });
 * // "default/digits/mlp-64/pso/3"
 * ```
 */
export function runId(parts: RunIdParts): string {
  const allowed = ["suite", "problem", "model", "learner", "repetition", "config"];
  for (const key of Object.keys(parts)) {
    if (!allowed.includes(key))
      throw new TypeError(`runId: unknown part "${key}"; expected ${allowed.join(", ")}`);
  }
  const names: string[] = [];
  for (const key of ["suite", "problem", "model", "learner"] as const) {
    const v = parts[key];
    if (typeof v !== "string" || v.length === 0) {
      throw new TypeError(`runId: ${key} must be a non-empty string, got ${JSON.stringify(v)}`);
    }
    names.push(encodeURIComponent(v));
  }
  const rep = parts.repetition;
  if (!Number.isInteger(rep) || rep < 0)
    throw new RangeError(`runId: repetition must be an integer >= 0, got ${rep}`);
  const id = `${names.join("/")}/${rep}`;
  return parts.config === undefined ? id : `${id}~${configHash(parts.config)}`;
}
