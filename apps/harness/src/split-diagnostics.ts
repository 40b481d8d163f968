import type { Checkpoint } from "@arena/results";

/**
 * Sorts a learner's diagnostics into the record's fields, by nn's naming convention:
 * `grad_norm/<layer>` → [norm] becomes `gradNorms[layer]`; `dh_norm/<layer>` (‖∂L/∂h_t‖ for each step)
 * becomes `gradNormsThroughTime` (the last recurrent layer's, the one nearest the loss, when stacked;
 * the others stay in `diagnostics`); every other series goes to `diagnostics` as it is.
 */
export function splitDiagnostics(diag: Record<string, number[]>): Partial<Checkpoint> {
  const out: Partial<Checkpoint> = {};
  const gradNorms: Record<string, number> = {};
  const other: Record<string, number[]> = {};
  let throughTimeKey: string | undefined;
  for (const [k, v] of Object.entries(diag)) {
    if (k.startsWith("grad_norm/") && v.length === 1) gradNorms[k.slice("grad_norm/".length)] = v[0];
    else if (k.startsWith("dh_norm/")) {
      if (throughTimeKey) other[throughTimeKey] = diag[throughTimeKey];
      throughTimeKey = k;
    } else other[k] = v;
  }
  if (Object.keys(gradNorms).length > 0) out.gradNorms = gradNorms;
  if (throughTimeKey) out.gradNormsThroughTime = diag[throughTimeKey];
  if (Object.keys(other).length > 0) out.diagnostics = other;
  return out;
}
