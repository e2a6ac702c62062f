/**
 * A cheap sampled estimate of (ε, δ) between two weightings of one instance,
 * used by the streaming builder's accounting when no certificate is at hand.
 * @module
 */
import { attention } from '../fast/attention.js';
import { logPartition } from '../fast/partition.js';
import type { Coreset, Instance } from '../types.js';
import { createRng } from './rng.js';

/** Options of {@link measureErrors}. */
export interface MeasureOptions {
  readonly rho: number;
  /** Random queries on the sphere of radius ρ. @defaultValue 256 */
  readonly queries?: number;
  /** @defaultValue 0 */
  readonly seed?: number;
}

/**
 * Estimates E(w | a) = sup_q ‖A_a(q) − A_w(q)‖ and δ(w | a) =
 * sup_q |ln Z_w(q) − ln Z_a(q)| (`def:coreset-error`, `def:mass-error`) as
 * maxima over sampled queries: random points of the sphere of radius ρ and
 * ρ·k_i/‖k_i‖ for every row of w. A lower estimate (a maximum over a sample),
 * not a bound: accounting built on it is labelled "measured".
 * @lemma def:mass-error
 * @lemma def:coreset-error
 */
export function measureErrors(inst: Instance, a: Coreset, w: Coreset, options: MeasureOptions): { eps: number; delta: number } {
  const { d, K } = inst;
  const rng = createRng(options.seed ?? 0);
  const qs: Float64Array[] = [];
  for (let t = 0; t < (options.queries ?? 256); t++) {
    const q = new Float64Array(d);
    for (let c = 0; c < d; c++) q[c] = rng.gauss();
    qs.push(scaleTo(q, options.rho));
  }
  for (const i of w.indices) qs.push(scaleTo(K.slice(i * d, (i + 1) * d), options.rho));
  let eps = 0;
  let delta = 0;
  for (const q of qs) {
    const x = attention(inst, q, a);
    const y = attention(inst, q, w);
    let s = 0;
    for (let c = 0; c < x.length; c++) s += (x[c] - y[c]) ** 2;
    eps = Math.max(eps, Math.sqrt(s));
    delta = Math.max(delta, Math.abs(logPartition(inst, q, w) - logPartition(inst, q, a)));
  }
  return { eps, delta };
}

function scaleTo(q: Float64Array, r: number): Float64Array {
  let s = 0;
  for (const x of q) s += x * x;
  const f = s > 0 ? r / Math.sqrt(s) : 0;
  return q.map((x) => x * f);
}
