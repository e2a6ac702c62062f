/**
 * The witness set of the sup-aware refinement: queries where a coreset was
 * found bad, each with what the target proxy T says there (its attention
 * output and partition function), and the exponentials of any rows there.
 * @module
 */
import { crossDots } from '../fast/gemm.js';
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
  /** T's keys (|T| × d) and values transposed (dv × |T|), gathered once for the tiled products. */
  readonly targetKeys: Float64Array;
  private readonly valuesT: Float64Array;

  constructor(
    readonly inst: Instance,
    readonly target: TargetMeasure,
  ) {
    const { d, dv, K, V } = inst;
    const t = target.rows.length;
    this.targetKeys = new Float64Array(t * d);
    this.valuesT = new Float64Array(dv * t);
    for (let i = 0; i < t; i++) {
      const r = target.rows[i];
      this.targetKeys.set(K.subarray(r * d, (r + 1) * d), i * d);
      for (let c = 0; c < dv; c++) this.valuesT[c * t + i] = V[r * dv + c];
    }
  }

  get size(): number {
    return this.queries.length;
  }

  /**
   * Adds q unless a query within 10⁻⁶·‖q‖ is already in the set; returns
   * whether it was added.
   * @lemma def:attention
   */
  add(q: Float64Array): boolean {
    return this.addAll([q]) === 1;
  }

  /**
   * Adds each query in turn unless a query within 10⁻⁶·‖q‖ is already in the
   * set (earlier ones of the list included); the target's sums at the new
   * ones are computed together by tiled products. Returns how many were added.
   * @lemma def:attention
   */
  addAll(qs: readonly Float64Array[]): number {
    const { d, dv } = this.inst;
    const fresh: Float64Array[] = [];
    for (const q of qs) {
      let qn = 0;
      for (let a = 0; a < d; a++) qn += q[a] * q[a];
      const tol = (1e-6 * Math.max(Math.sqrt(qn), 1e-300)) ** 2;
      const near = (o: Float64Array): boolean => {
        let s = 0;
        for (let a = 0; a < d; a++) s += (o[a] - q[a]) ** 2;
        return s <= tol;
      };
      if (!this.queries.some(near) && !fresh.some(near)) fresh.push(Float64Array.from(q));
    }
    const B = fresh.length;
    if (B === 0) return 0;
    const T = this.target;
    const t = T.rows.length;
    const Q = new Float64Array(B * d);
    fresh.forEach((q, b) => Q.set(q, b * d));
    const P = new Float64Array(B * t);
    crossDots(Q, 0, B, this.targetKeys, 0, t, d, P, 0, t);
    const shift = new Float64Array(B);
    const z = new Float64Array(B);
    for (let b = 0; b < B; b++) {
      let mx = -Infinity;
      for (let i = 0; i < t; i++) if (T.weights[i] > 0 && P[b * t + i] > mx) mx = P[b * t + i];
      let s = 0;
      for (let i = 0; i < t; i++) {
        const e = T.weights[i] * Math.exp(P[b * t + i] - mx);
        P[b * t + i] = e;
        s += e;
      }
      shift[b] = mx;
      z[b] = s;
    }
    const Y = new Float64Array(B * dv);
    crossDots(P, 0, B, this.valuesT, 0, dv, t, Y, 0, dv);
    for (let b = 0; b < B; b++) {
      this.queries.push(fresh[b]);
      this.y.push(Float64Array.from(Y.subarray(b * dv, (b + 1) * dv), (x) => x / z[b]));
      this.shift.push(shift[b]);
      this.z.push(z[b]);
    }
    return B;
  }
}

/**
 * The queries ρ·k/‖k‖ at the keys of the given rows (rows with k = 0 are
 * skipped). There the row's own logit ⟨q, k⟩ = ρ‖k‖ is at its largest over
 * B_ρ, so an over-weighted row shows its error there:
 * on iso4096 (m = 256, seed 0, unrefined) the errors at the 256 support
 * directions had max 0.0259 / 0.1550 (ρ = 2 / 4) against 0.0139 / 0.0376 at
 * 256 other keys' directions, and a 200-step ascent from the worst of them
 * reached the falsifier's sup (0.0269 / 0.1561); the correlation of the
 * error there with the row's weight was 0.87 / 0.54. All of them enter W
 * together, so a step cannot lower a few and raise the rest unseen.
 * @lemma lem:sup-refinement
 */
export function supportDirections(inst: Instance, rows: readonly number[], rho: number): Float64Array[] {
  const { d, K } = inst;
  const out: Float64Array[] = [];
  for (const r of rows) {
    const k = K.subarray(r * d, (r + 1) * d);
    const nk = Math.sqrt(dot(k, 0, k, 0, d));
    if (nk > 0) out.push(Float64Array.from(k, (x) => (rho * x) / nk));
  }
  return out;
}
