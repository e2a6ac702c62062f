/**
 * The span of the keys, for the exact low-dimensional branch-and-bound:
 * the component of q orthogonal to span{k_i} changes no logit, so
 * sup over B_ρ equals sup over the ball of the span (`lem:branch-and-bound`).
 * @module
 */
import { gamma } from '../fast/float-error.js';
import { euclideanNorm, euclideanNormRelativeError } from '../fast/norm.js';
import { unionRows } from '../fast/union.js';
import type { Cache, Instance } from '../types.js';
import type { NormalizedCoreset } from '../validate.js';

/** Keys in reduced coordinates and how faithfully they represent the original. */
export interface KeySpan {
  /** Dimension of the span found (≤ d); reduced keys exist only when ≤ 3. */
  readonly rank: number;
  /** Reduced keys, n × rank (only when rank ≤ 3). */
  readonly keys: Float64Array;
  /** Basis, rank × d, row-major (rows ≈ orthonormal). */
  readonly basis: Float64Array;
  /** δ/ρ: for ‖q‖ ≤ ρ every logit moves by at most ρ·this in reduced form. */
  readonly logitDefect: number;
  /** y = Bᵀq satisfies ‖y‖ ≤ ρ·(1 + this). */
  readonly radiusDefect: number;
}

/** Relative residual below which a key direction counts as in the span. */
const RANK_TOL = 1e-12;

/**
 * Computes the span of the keys (rank ≤ 3 are reduced, larger is only
 * reported). Keys with at most 3 nonzero columns use those coordinates
 * exactly (no defect); otherwise pivoted Gram–Schmidt, with the residuals
 * and the basis' orthogonality defect bounded and returned so the caller
 * can account for them.
 * @lemma lem:branch-and-bound
 */
export function keySpan(inst: Instance): KeySpan {
  const { n, d, K } = inst;
  const cols: number[] = [];
  for (let a = 0; a < d && cols.length <= 3; a++) {
    for (let i = 0; i < n; i++) {
      if (K[i * d + a] !== 0) {
        cols.push(a);
        break;
      }
    }
  }
  if (cols.length === 0) cols.push(0); // all keys 0: one (zero) coordinate
  // Coordinates are exact, but Gram–Schmidt may find a smaller span (e.g.
  // keys along e₃ with subnormal noise in e₁, e₂): take it when it does.
  const gs = cols.length > 1 ? gramSchmidt(inst) : null;
  if (gs !== null && gs.rank < cols.length) return gs;
  if (cols.length <= 3) {
    const r = cols.length;
    const keys = new Float64Array(n * r);
    const basis = new Float64Array(r * d);
    cols.forEach((a, t) => {
      basis[t * d + a] = 1;
      for (let i = 0; i < n; i++) keys[i * r + t] = K[i * d + a];
    });
    return { rank: r, keys, basis, logitDefect: 0, radiusDefect: 0 };
  }
  return gs ?? gramSchmidt(inst);
}

/** Pivoted Gram–Schmidt (twice per vector, for orthogonality to ~u), up to rank 4. */
function gramSchmidt(inst: Instance): KeySpan {
  const { n, d, K } = inst;
  const R = Float64Array.from(K);
  let kmax = 0;
  // Rounded up by the norm's own error bound (and never spread: d may be 10⁵+).
  for (let i = 0; i < n; i++) kmax = Math.max(kmax, euclideanNorm(K, i * d, d) * (1 + euclideanNormRelativeError(d)));
  const basis: number[] = [];
  let rank = 0;
  for (; rank < 4; rank++) {
    let best = -1;
    let bn = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let a = 0; a < d; a++) s += R[i * d + a] ** 2;
      if (s > bn) {
        bn = s;
        best = i;
      }
    }
    if (best < 0 || Math.sqrt(bn) <= RANK_TOL * kmax) break;
    const b = Array.from(R.subarray(best * d, (best + 1) * d), (x) => x / Math.sqrt(bn));
    for (let pass = 0; pass < 2; pass++) {
      for (let t = 0; t < rank; t++) {
        let p = 0;
        for (let a = 0; a < d; a++) p += b[a] * basis[t * d + a];
        for (let a = 0; a < d; a++) b[a] -= p * basis[t * d + a];
      }
      const nb = euclideanNorm(b);
      for (let a = 0; a < d; a++) b[a] /= nb;
    }
    for (const x of b) basis.push(x);
    for (let i = 0; i < n; i++) {
      let p = 0;
      for (let a = 0; a < d; a++) p += R[i * d + a] * b[a];
      for (let a = 0; a < d; a++) R[i * d + a] -= p * b[a];
    }
  }
  if (rank > 3) return { rank, keys: new Float64Array(0), basis: new Float64Array(0), logitDefect: Infinity, radiusDefect: Infinity };
  const B = Float64Array.from(basis);
  const keys = new Float64Array(n * rank);
  let resid = 0;
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < rank; t++) {
      let p = 0;
      for (let a = 0; a < d; a++) p += K[i * d + a] * B[t * d + a];
      keys[i * rank + t] = p;
    }
    let s = 0;
    for (let a = 0; a < d; a++) {
      let x = K[i * d + a];
      for (let t = 0; t < rank; t++) x -= B[t * d + a] * keys[i * rank + t];
      s += x * x;
    }
    resid = Math.max(resid, Math.sqrt(s));
  }
  // ‖B‖_op² ≤ max row sum of |BBᵀ| (Gershgorin); computed Gram entries are
  // within γ_d of exact (unit rows).
  let gersh = 0;
  for (let t = 0; t < rank; t++) {
    let row = 0;
    for (let t2 = 0; t2 < rank; t2++) {
      let p = 0;
      for (let a = 0; a < d; a++) p += B[t * d + a] * B[t2 * d + a];
      row += Math.abs(p) + 2 * gamma(d);
    }
    gersh = Math.max(gersh, row);
  }
  // The residual is computed with error ≤ γ_{d+4}·(‖k_i‖ + ‖B‖·‖c_i‖) ≤ γ_{d+4}·3·kmax.
  const logitDefect = (resid + gamma(d + 4) * 3 * kmax * 2) * (1 + gamma(4));
  const radiusDefect = Math.sqrt(gersh) * (1 + gamma(4)) - 1 + gamma(4);
  return { rank, keys, basis: B, logitDefect, radiusDefect: Math.max(0, radiusDefect) };
}

/**
 * Computes the span branch-and-bound works on: the instance's keys for a
 * subset, the union of the instance's and the cache's keys for a cache
 * (`lem:cache-branch-and-bound`: a component of q orthogonal to both key
 * sets changes no logit of either side). Rows of `keys` are the instance's
 * n first, then the cache's m.
 * @lemma lem:cache-branch-and-bound
 */
export function spanOf(inst: Instance, c: NormalizedCoreset | Cache): KeySpan {
  return keySpan(unionRows(inst, c).rows);
}
