import type { LayoutAxis } from "plotly.js";

/** At most this many decade labels on an axis; wider spans label every second, third … decade. */
const MAX_DECADE_LABELS = 8;

/** Mantissas to label on spans of a decade or less, tried in order until one gives three labels. */
const MANTISSA_SETS = [
  [1, 2, 5],
  [1, 2, 3, 5, 7],
  [1, 2, 3, 4, 5, 6, 7, 8, 9],
];

/** Slack for log10 of an exact power of ten computed in floating point (log10(1e-3) = -2.9999…). */
const EPS = 1e-9;

/** Unicode superscripts for exponents: Plotly's `<sup>` works too but renders the digits tiny in ticktext. */
const SUPERSCRIPT: Record<string, string> = {
  "-": "\u207b",
  "0": "\u2070",
  "1": "\u00b9",
  "2": "\u00b2",
  "3": "\u00b3",
  "4": "\u2074",
  "5": "\u2075",
  "6": "\u2076",
  "7": "\u2077",
  "8": "\u2078",
  "9": "\u2079",
};

/**
 * The label of m × 10^k (m a digit 1…9) written in full, never a bare mantissa: plain decimals from
 * 0.001 to 9000, else `m×10ᵏ` (or `10ᵏ` for m = 1).
 *
 * @example
 * ```ts
 * mantissaLabel(2, -3); // "0.002"
 * mantissaLabel(5, 6); // "5×10⁶"
 * ```
 */
export function mantissaLabel(m: number, k: number): string {
  if (k >= -3 && k <= 3) return (m * 10 ** k).toFixed(Math.max(0, -k));
  const power = `10${[...String(k)].map((c) => SUPERSCRIPT[c]).join("")}`;
  return m === 1 ? power : `${m}×${power}`;
}

/** Values m × 10^k for the given mantissas inside [lo, hi] (with floating-point slack), ascending. */
function mantissaTicks(lo: number, hi: number, mantissas: number[]): { m: number; k: number }[] {
  const out: { m: number; k: number }[] = [];
  for (let k = Math.floor(Math.log10(lo)) - 1; k <= Math.ceil(Math.log10(hi)); k++) {
    for (const m of mantissas) {
      const v = m * 10 ** k;
      if (v >= lo * (1 - EPS) && v <= hi * (1 + EPS)) out.push({ m, k });
    }
  }
  return out;
}

/**
 * Tick settings for a log axis whose data spans [lo, hi] (0 < lo ≤ hi), so that every label is a
 * readable value rather than a bare "2" or "5" between decades (Plotly's own choice on spans of one
 * or two decades):
 * - the span holds at least two powers of ten: a label at each decade only (every n-th decade when
 *   there are more than eight), written 10ᵏ by Plotly's `exponentformat: "power"`, with unlabelled
 *   minor ticks at 2…9 × 10ᵏ;
 * - it holds fewer (one decade or less, where decade labels alone would leave one label or none):
 *   labels at 1, 2 and 5 × 10ᵏ, each written in full ("0.2", "0.5", "1", "2", "5×10⁻⁴"), or at more
 *   digits when that gives fewer than three labels;
 * - narrower still (not three such values): Plotly's automatic ticks, which on so short a span label
 *   every tick in full (0.31, 0.32 …).
 *
 * @example
 * ```ts
 * logAxisTicks(3e3, 2e9); // { tickmode: "linear", tick0: 0, dtick: 1, exponentformat: "power", minor: … }
 * logAxisTicks(0.15, 2.3).ticktext; // ["0.2", "0.5", "1", "2"]
 * ```
 */
export function logAxisTicks(lo: number, hi: number): Partial<LayoutAxis> {
  const first = Math.ceil(Math.log10(lo) - EPS);
  const last = Math.floor(Math.log10(hi) + EPS);
  const decades = last - first + 1;
  if (decades >= 2) {
    const dtick = Math.ceil(decades / MAX_DECADE_LABELS);
    return {
      tickmode: "linear",
      tick0: 0,
      dtick,
      exponentformat: "power",
      ...(dtick === 1 ? { minor: { ticks: "outside", ticklen: 3, dtick: "D1", showgrid: false } } : {}),
    };
  }
  const ticks = MANTISSA_SETS.map((set) => mantissaTicks(lo, hi, set)).find((t) => t.length >= 3);
  if (ticks === undefined) return { tickmode: "auto", exponentformat: "power" };
  return {
    tickmode: "array",
    tickvals: ticks.map((t) => Number((t.m * 10 ** t.k).toPrecision(1))),
    ticktext: ticks.map((t) => mantissaLabel(t.m, t.k)),
    minor: { ticks: "outside", ticklen: 3, dtick: "D1", showgrid: false },
  };
}
