/**
 * Exact logits of binary64 inputs as BigInts at one common binary exponent
 * (`lem:exact-fixed-point-logits`): ℓ_i = s·Σ_a q_a·k_ia with every factor
 * m·2^e, so every product is an integer times a power of two and the sum
 * is exact once aligned at the smallest exponent.
 * @module
 * @internal
 */
import { exponentOf, mantissaOf } from './dyadic.js';

/** ℓ_i = L[i]·2^{e0} exactly, for the rows 0..rows−1 of K. */
export interface ExactLogits {
  readonly L: readonly bigint[];
  readonly e0: number;
}

/**
 * Computes the logits scale·⟨q, k_i⟩ of rows 0..rows−1 of K (row-major,
 * d columns) exactly, as L[i]·2^{e0} (no rounding anywhere).
 *
 * Method: per row, the products q_a·k_ia = (m_a·n_ia)·2^{f_a+g_ia} are summed
 * as BigInts shifted to the row's smallest exponent, multiplied by the
 * scale's mantissa, and finally all rows are shifted to the smallest row
 * exponent e0. Zero factors contribute nothing and set no exponent.
 * @lemma lem:exact-fixed-point-logits
 * @internal
 */
export function exactLogits(K: Float64Array, rows: number, d: number, q: Float64Array, scale: number): ExactLogits {
  const qm: bigint[] = [];
  const qe: number[] = [];
  const cols: number[] = [];
  for (let a = 0; a < d; a++) {
    if (q[a] === 0) continue;
    const e = exponentOf(q[a]);
    qm.push(BigInt(mantissaOf(q[a], e)));
    qe.push(e);
    cols.push(a);
  }
  const L: bigint[] = new Array<bigint>(rows).fill(0n);
  if (scale === 0 || cols.length === 0) return { L, e0: 0 };
  const se = exponentOf(scale);
  const sm = BigInt(mantissaOf(scale, se));
  const m = cols.length;
  const pm = new Float64Array(m);
  const pe = new Int32Array(m);
  const rowExp = new Float64Array(rows).fill(Infinity);
  for (let i = 0; i < rows; i++) {
    const base = i * d;
    let emin = Infinity;
    for (let j = 0; j < m; j++) {
      const k = K[base + cols[j]];
      if (k === 0) {
        pm[j] = 0;
        continue;
      }
      const e = exponentOf(k);
      pm[j] = mantissaOf(k, e);
      pe[j] = e + qe[j];
      if (pe[j] < emin) emin = pe[j];
    }
    if (emin === Infinity) continue;
    let s = 0n;
    for (let j = 0; j < m; j++) if (pm[j] !== 0) s += (qm[j] * BigInt(pm[j])) << BigInt(pe[j] - emin);
    if (s === 0n) continue;
    L[i] = s * sm;
    rowExp[i] = emin + se;
  }
  let e0 = Infinity;
  for (let i = 0; i < rows; i++) if (rowExp[i] < e0) e0 = rowExp[i];
  if (e0 === Infinity) return { L, e0: 0 };
  for (let i = 0; i < rows; i++) if (L[i] !== 0n && rowExp[i] > e0) L[i] <<= BigInt(rowExp[i] - e0);
  return { L, e0 };
}
