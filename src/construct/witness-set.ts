/**
 * The witness set of the sup-aware refinement: queries where a coreset was
 * found bad, each with what the target proxy T says there (its attention
 * output and partition function), and the exponentials of any rows there.
 * @module
 */
import { dot } from '../fast/logits.js';
import type { Instance } from '../types.js';
import type { TargetMeasure } from './herd.js';

/**
 * Queries q_j with the target's y_j = A_T(q_j), the shift s_j = max_t⟨q_j, k_t⟩
 * and Z_j = Σ_t c_t e^{⟨q_j,k_t⟩ − s_j}: every row's exponential at q_j is taken
 * with the same shift, so ratios are exact attention values
 * (`lem:shift-invariance`).
 * @lemma def:attention
 * @lemma lem:sup-refinement
 */
export class WitnessSet {
  readonly queries: Float64Array[] = [];
  readonly y: Float64Array[] = [];
  readonly shift: number[] = [];
  readonly z: number[] = [];

  constructor(
    readonly inst: Instance,
    readonly target: TargetMeasure,
  ) {}

  get size(): number {
    return this.queries.length;
  }

  /**
   * Adds q unless a query within 10⁻⁶·‖q‖ is already in the set; returns
   * whether it was added.
   * @lemma def:attention
   */
  add(q: Float64Array): boolean {
    const { d, dv, K, V } = this.inst;
    const qn = Math.sqrt(dot(q, 0, q, 0, d));
    const tol = (1e-6 * Math.max(qn, 1e-300)) ** 2;
    for (const o of this.queries) {
      let s = 0;
      for (let a = 0; a < d; a++) s += (o[a] - q[a]) ** 2;
      if (s <= tol) return false;
    }
    const T = this.target;
    const t = T.rows.length;
    const logit = new Float64Array(t);
    let mx = -Infinity;
    for (let i = 0; i < t; i++) {
      logit[i] = dot(q, 0, K, T.rows[i] * d, d);
      if (T.weights[i] > 0 && logit[i] > mx) mx = logit[i];
    }
    const y = new Float64Array(dv);
    let z = 0;
    for (let i = 0; i < t; i++) {
      const e = T.weights[i] * Math.exp(logit[i] - mx);
      if (e === 0) continue;
      z += e;
      const b = T.rows[i] * dv;
      for (let c = 0; c < dv; c++) y[c] += e * V[b + c];
    }
    for (let c = 0; c < dv; c++) y[c] /= z;
    this.queries.push(Float64Array.from(q));
    this.y.push(y);
    this.shift.push(mx);
    this.z.push(z);
    return true;
  }
}
