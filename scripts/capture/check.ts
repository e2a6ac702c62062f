/**
 * Checks a captured head: softmax(s·QKᵀ)V recomputed in binary64 from the
 * captured float32 q, k, v must match the model's own float32 output within
 * a forward error bound for the float32 computation the graph did.
 * @module
 */
import type { HeadTensors } from './model.js';

/** Unit roundoff of binary32. */
const U32 = 2 ** -24;
const gamma = (k: number): number => (k * U32) / (1 - k * U32);
/**
 * Slack for our own binary64 recomputation, relative to Σ p_i|v_ic|: its
 * error is about (n + d)·2⁻⁵³ ≈ 1e-13 for n, d ≤ 1024, below this.
 */
const F64_SLACK = 1e-12;

/** Largest |model − recomputed| over all entries, and its ratio to the entry's bound (≤ 1 passes). */
export interface CaptureCheck {
  readonly maxAbsDiff: number;
  readonly maxRatio: number;
}

/**
 * Compares the model's output with the binary64 recomputation, entry by
 * entry, against the binary32 bound: logits err ≤ γ_{d+1}·s·Σ_j|q_j k_j|
 * (scaling q, then the dot product) plus 2u·M for the max-shift (M the
 * largest |logit| of the row); exp, the sum and the division make each
 * p̃_i = p_i(1+θ), |θ| ≤ τ = e^{2L}(1+u)²(1+γ_n) − 1; the weighted sum adds
 * γ_n: |Õ_c − O_c| ≤ ((1+τ)(1+γ_n) − 1)·Σ_i p_i|v_ic|.
 */
export function checkHead(t: HeadTensors, n: number, d: number, scale: number): CaptureCheck {
  let maxAbsDiff = 0;
  let maxRatio = 0;
  const logits = new Float64Array(n);
  const absDot = new Float64Array(n);
  const probs = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let m = -Infinity;
    let big = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      let a = 0;
      for (let j = 0; j < d; j++) {
        const x = t.q[r * d + j] * t.k[i * d + j];
        s += x;
        a += Math.abs(x);
      }
      logits[i] = s * scale;
      absDot[i] = a * scale;
      m = Math.max(m, logits[i]);
      big = Math.max(big, Math.abs(logits[i]));
    }
    let L = 0;
    for (let i = 0; i < n; i++) L = Math.max(L, gamma(d + 1) * absDot[i] + 2 * U32 * big);
    const tau = Math.exp(2 * L) * (1 + U32) ** 2 * (1 + gamma(n)) - 1;
    const factor = (1 + tau) * (1 + gamma(n)) - 1 + F64_SLACK;
    let z = 0;
    for (let i = 0; i < n; i++) z += probs[i] = Math.exp(logits[i] - m);
    for (let i = 0; i < n; i++) probs[i] /= z;
    for (let c = 0; c < d; c++) {
      let o = 0;
      let mag = 0;
      for (let i = 0; i < n; i++) {
        const p = probs[i];
        o += p * t.v[i * d + c];
        mag += p * Math.abs(t.v[i * d + c]);
      }
      const diff = Math.abs(o - t.out[r * d + c]);
      maxAbsDiff = Math.max(maxAbsDiff, diff);
      maxRatio = Math.max(maxRatio, diff / (factor * mag));
    }
  }
  return { maxAbsDiff, maxRatio };
}
