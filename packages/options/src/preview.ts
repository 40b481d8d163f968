/**
 * A short, safe rendering of any value for an error message: strings quoted, arrays and objects shown
 * to a bounded depth and length, never throwing (cycles, BigInt, getters that throw) and never
 * recursing deeper than `depth`, so a value nested thousands of levels deep cannot overflow the stack.
 */
export function preview(value: unknown, maxLength = 60, depth = 3): string {
  const text = render(value, depth);
  return text.length > maxLength ? `${text.slice(0, maxLength - 3)}...` : text;
}

function render(value: unknown, depth: number): string {
  try {
    if (value === null) return "null";
    if (value === undefined) return "undefined";
    if (typeof value === "string")
      return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
    if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
      return String(value);
    if (typeof value === "function") return "a function";
    if (typeof value === "symbol") return value.toString();
    if (depth <= 0) return Array.isArray(value) ? "[…]" : "{…}";
    if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
      const list = value as ArrayLike<unknown>;
      const items = Array.from({ length: Math.min(8, list.length) }, (_, i) => render(list[i], depth - 1));
      return `[${items.join(", ")}${list.length > 8 ? ", …" : ""}]`;
    }
    const keys = Object.keys(value as object);
    const entries = keys
      .slice(0, 8)
      .map((k) => `${JSON.stringify(k)}: ${render((value as Record<string, unknown>)[k], depth - 1)}`);
    return `{${entries.join(", ")}${keys.length > 8 ? ", …" : ""}}`;
  } catch {
    return "(a value that cannot be shown)";
  }
}
