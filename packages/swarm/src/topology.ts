import type { UniformSource } from "@arena/rng";
import * as z from "zod";

/** Who informs whom, by `kind`. */
export const TopologySpec = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("global").describe("every particle is informed by the whole swarm") }),
    z.strictObject({
      kind: z.literal("ring").describe("ring lbest (Kennedy 1999)"),
      radius: z
        .number()
        .int()
        .min(1)
        .default(1)
        .describe("neighbours on each side (n/2 or more is the global best)"),
    }),
    z.strictObject({
      kind: z.literal("adaptive-random").describe("SPSO 2011's adaptive random topology"),
      informants: z
        .number()
        .int()
        .min(1)
        .default(3)
        .describe("K: the random others each particle informs, re-drawn after a move without improvement"),
    }),
  ])
  .describe("who informs whom, by kind: global, ring or adaptive-random");
export type TopologySpec = z.input<typeof TopologySpec>;
export type ResolvedTopology = z.output<typeof TopologySpec>;

/**
 * Neighbourhood topologies: who informs whom. Each function writes, for every particle i, the index of
 * the best personal best among i's informants (i itself included) into `out`; ties keep the particle
 * itself, then the lower index. `pbestF` must be sanitized (no NaN). None allocates.
 */

/** Global best (gbest): every particle is informed by the whole swarm (Kennedy & Eberhart 1995). */
export function globalInformantBest(pbestF: Float64Array, out: Int32Array): void {
  const n = pbestF.length;
  let g = 0;
  for (let j = 1; j < n; j++) if (pbestF[j] < pbestF[g]) g = j;
  for (let i = 0; i < n; i++) out[i] = pbestF[i] <= pbestF[g] ? i : g;
}

/**
 * Ring (lbest): particle i is informed by the `radius` particles on each side of it, wrapping around
 * (Kennedy 1999; radius 1 is the classic three-particle neighbourhood). The slow flow of information
 * keeps the swarm diverse on multimodal functions.
 */
export function ringInformantBest(pbestF: Float64Array, radius: number, out: Int32Array): void {
  const n = pbestF.length;
  // Beyond n/2 the two sides overlap and add no one new.
  const r = Math.min(radius, Math.floor(n / 2));
  for (let i = 0; i < n; i++) {
    let best = i;
    for (let k = 1; k <= r; k++) {
      const left = (i - k + n) % n;
      const right = (i + k) % n;
      if (pbestF[left] < pbestF[best] || (pbestF[left] === pbestF[best] && best !== i && left < best))
        best = left;
      if (pbestF[right] < pbestF[best] || (pbestF[right] === pbestF[best] && best !== i && right < best))
        best = right;
    }
    out[i] = best;
  }
}

/**
 * Draws the adaptive random topology of SPSO 2006/2011 (Clerc 2011, §2.2): each particle j informs
 * itself and `k` particles drawn uniformly with replacement; `links[j·k + m]` is the m-th particle j
 * informs. A particle thus has k + 1 informants on average, but some have many more, which mixes local
 * and global information.
 */
export function drawRandomLinks(n: number, k: number, rng: UniformSource, links: Int32Array): void {
  for (let m = 0; m < n * k; m++) links[m] = Math.floor(rng.float() * n);
}

/** Informant bests under the links of {@link drawRandomLinks}. */
export function randomInformantBest(
  pbestF: Float64Array,
  links: Int32Array,
  k: number,
  out: Int32Array,
): void {
  const n = pbestF.length;
  for (let i = 0; i < n; i++) out[i] = i;
  for (let j = 0; j < n; j++) {
    const fj = pbestF[j];
    for (let m = 0; m < k; m++) {
      const t = links[j * k + m];
      const cur = out[t];
      if (fj < pbestF[cur] || (fj === pbestF[cur] && cur !== t && j < cur)) out[t] = j;
    }
  }
}
