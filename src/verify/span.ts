/**
 * The span of the keys, for branch-and-bound: the component of q orthogonal
 * to span{k_i} changes no logit, so sup over B_ρ equals sup over the ball of
 * the span (`lem:branch-and-bound`); for keys only near a span, the residual
 * bounds how far each logit can move (`lem:residual-reduction`).
 * @module
 */
import { gamma, SUBNORMAL_MIN } from '../fast/float-error.js';
import { euclideanNorm, euclideanNormRelativeError } from '../fast/norm.js';
import { unionRows } from '../fast/union.js';
import { InternalError } from '../errors.js';
import type { Cache, Instance } from '../types.js';
import type { NormalizedCoreset } from '../validate.js';

/** Largest span dimension branch-and-bound subdivides (2^4 = 16 children per split). */
export const MAX_SPAN_RANK = 4;

/** Keys in reduced coordinates and how faithfully they represent the original. */
export interface KeySpan {
  /** Dimension of the span found; `MAX_SPAN_RANK + 1` means "more" (no reduced keys then). */
  readonly rank: number;
  /** Reduced keys c_i = Bᵀk_i, n × rank (only when rank ≤ `MAX_SPAN_RANK`). */
  readonly keys: Float64Array;
  /** Basis B, rank × d, row-major (rows ≈ orthonormal). */
  readonly basis: Float64Array;
  /** λ: |⟨q, k_i⟩ − ⟨Bᵀq, c_i⟩| ≤ λ‖q‖ for every q. */
  readonly logitDefect: number;
  /** η: ‖Bᵀq‖ ≤ (1 + η)‖q‖. */
  readonly radiusDefect: number;
  /** ē ≥ max_i ‖e_i‖, e_i = k_i − Bc_i in exact arithmetic (0 when exact). */
  readonly residual: number;
  /** β ≥ max_i ‖Bᵀe_i‖ (rounding-level for a projection). */
  readonly inSpanResidual: number;
  /** η′ ≥ ‖BᵀB − I‖₂ (< 1). */
  readonly gramDefect: number;
}

/** Relative residual below which a key direction counts as in the span. */
const RANK_TOL = 1e-12;

/** Subspace iterations that turn the pivoted Gram–Schmidt basis of {@link leadingSpan} towards the top principal directions. */
const SUBSPACE_ITERATIONS = 6;

const exact = (rank: number, keys: Float64Array, basis: Float64Array): KeySpan => ({ rank, keys, basis, logitDefect: 0, radiusDefect: 0, residual: 0, inSpanResidual: 0, gramDefect: 0 });

/**
 * Computes the span of the keys (rank ≤ `MAX_SPAN_RANK` are reduced, larger
 * is only reported). Keys with at most 4 nonzero columns use those
 * coordinates exactly (no defect); otherwise pivoted Gram–Schmidt, with the
 * residuals and the basis' orthogonality defect bounded and returned so the
 * caller can account for them.
 * @lemma lem:branch-and-bound
 */
export function keySpan(inst: Instance): KeySpan {
  const { n, d, K } = inst;
  const cols: number[] = [];
  for (let a = 0; a < d && cols.length <= MAX_SPAN_RANK; a++) {
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
  const gs = cols.length > 1 ? pivotedBasis(inst, MAX_SPAN_RANK + 1, true) : null;
  if (gs !== null && gs.rank < cols.length && gs.rank <= MAX_SPAN_RANK) return reduceOnto(inst, gs.basis, gs.rank);
  if (cols.length <= MAX_SPAN_RANK) {
    const r = cols.length;
    const keys = new Float64Array(n * r);
    const basis = new Float64Array(r * d);
    cols.forEach((a, t) => {
      basis[t * d + a] = 1;
      for (let i = 0; i < n; i++) keys[i * r + t] = K[i * d + a];
    });
    return exact(r, keys, basis);
  }
  const b = gs ?? pivotedBasis(inst, MAX_SPAN_RANK + 1, true);
  if (b.rank > MAX_SPAN_RANK) return { rank: b.rank, keys: new Float64Array(0), basis: new Float64Array(0), logitDefect: Infinity, radiusDefect: Infinity, residual: Infinity, inSpanResidual: Infinity, gramDefect: Infinity };
  return reduceOnto(inst, b.basis, b.rank);
}

/**
 * Computes an r-dimensional span near the keys when they span more
 * (`lem:residual-reduction`): pivoted Gram–Schmidt, turned towards the top r
 * principal directions of Σ k_i k_iᵀ by a few subspace iterations, and the
 * keys reduced onto it with their residual bounds. Any basis is valid; only
 * the bounds (all measured) depend on how good it is.
 * @lemma lem:residual-reduction
 */
export function leadingSpan(inst: Instance, r: number = MAX_SPAN_RANK): KeySpan {
  const { n, d, K } = inst;
  const g = pivotedBasis(inst, r, false);
  let B = g.basis;
  const rank = g.rank;
  for (let it = 0; it < SUBSPACE_ITERATIONS && rank > 0; it++) {
    // B ← orth(Kᵀ K B): power iteration on the key covariance.
    const KB = new Float64Array(n * rank);
    for (let i = 0; i < n; i++) for (let t = 0; t < rank; t++) {
      let p = 0;
      for (let a = 0; a < d; a++) p += K[i * d + a] * B[t * d + a];
      KB[i * rank + t] = p;
    }
    const next = new Float64Array(rank * d);
    for (let i = 0; i < n; i++) for (let t = 0; t < rank; t++) {
      const x = KB[i * rank + t];
      for (let a = 0; a < d; a++) next[t * d + a] += x * K[i * d + a];
    }
    const o = orthonormalise(next, rank, d);
    if (o === null) break;
    B = o;
  }
  return reduceOnto(inst, B, rank);
}

/** Double Gram–Schmidt of `rows` rows of length d in place; null if one vanishes. */
function orthonormalise(X: Float64Array, rows: number, d: number): Float64Array | null {
  for (let t = 0; t < rows; t++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let t2 = 0; t2 < t; t2++) {
        let p = 0;
        for (let a = 0; a < d; a++) p += X[t * d + a] * X[t2 * d + a];
        for (let a = 0; a < d; a++) X[t * d + a] -= p * X[t2 * d + a];
      }
      const nb = euclideanNorm(X, t * d, d);
      if (!(nb > 0)) return null;
      for (let a = 0; a < d; a++) X[t * d + a] /= nb;
    }
  }
  return X;
}

/**
 * Pivoted Gram–Schmidt (twice per vector, for orthogonality to ~u) up to
 * `maxRank` directions; with `stopAtTol` it stops when every residual is
 * below RANK_TOL relative to the largest key (the span is found).
 */
function pivotedBasis(inst: Instance, maxRank: number, stopAtTol: boolean): { rank: number; basis: Float64Array } {
  const { n, d, K } = inst;
  const R = Float64Array.from(K);
  let kmax = 0;
  // Rounded up by the norm's own error bound (and never spread: d may be 10⁵+).
  for (let i = 0; i < n; i++) kmax = Math.max(kmax, euclideanNorm(K, i * d, d) * (1 + euclideanNormRelativeError(d)));
  const basis: number[] = [];
  let rank = 0;
  for (; rank < maxRank; rank++) {
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
    if (best < 0 || (stopAtTol && Math.sqrt(bn) <= RANK_TOL * kmax) || bn === 0) break;
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
  return { rank, basis: Float64Array.from(basis) };
}

/**
 * Reduced keys c_i = fl(Bᵀk_i) and rigorous bounds on the reduction: η′ by
 * Gershgorin on the computed Gram matrix (entries within γ_d of exact for
 * rows of norm ≤ 1 + γ), ē and β from the computed residual ê_i plus its
 * `lem:float-error` bound |ê_i − e_i| ≤ γ_{r+1}(‖k_i‖ + Σ_t‖B_t‖|c_it|),
 * with ‖B_t‖, ‖B‖ ≤ √(1 + η′) ≤ 2.
 */
function reduceOnto(inst: Instance, B: Float64Array, rank: number): KeySpan {
  const { n, d, K } = inst;
  let gersh = 0;
  for (let t = 0; t < rank; t++) {
    let row = 0;
    for (let t2 = 0; t2 < rank; t2++) {
      let p = 0;
      for (let a = 0; a < d; a++) p += B[t * d + a] * B[t2 * d + a];
      row += Math.abs(t === t2 ? p - 1 : p) + 2 * gamma(d);
    }
    gersh = Math.max(gersh, row);
  }
  const gramDefect = gersh * (1 + gamma(2 * rank + 2));
  if (!(gramDefect < 0.5)) throw new InternalError(`span basis not orthonormal (‖BᵀB − I‖ ≤ ${gramDefect})`);
  const keys = new Float64Array(n * rank);
  const e = new Float64Array(d);
  let resid = 0;
  let inSpan = 0;
  for (let i = 0; i < n; i++) {
    let c1 = 0;
    for (let t = 0; t < rank; t++) {
      let p = 0;
      for (let a = 0; a < d; a++) p += K[i * d + a] * B[t * d + a];
      keys[i * rank + t] = p;
      c1 += Math.abs(p);
    }
    for (let a = 0; a < d; a++) {
      let x = K[i * d + a];
      for (let t = 0; t < rank; t++) x -= B[t * d + a] * keys[i * rank + t];
      e[a] = x;
    }
    // euclideanNorm: relative γ_{d+1}, plus 2^{−1074}·√d for subnormal entries.
    const en = euclideanNorm(e) * (1 + euclideanNormRelativeError(d)) + SUBNORMAL_MIN * Math.sqrt(d);
    const err = gamma(2 * rank + 1) * (euclideanNorm(K, i * d, d) * (1 + euclideanNormRelativeError(d)) + 2 * c1) * (1 + gamma(4));
    resid = Math.max(resid, en + err);
    let bt2 = 0;
    for (let t = 0; t < rank; t++) {
      let p = 0;
      for (let a = 0; a < d; a++) p += B[t * d + a] * e[a];
      bt2 += p * p;
    }
    // fl(Bᵀê) is within γ_d·‖B_t‖‖ê‖ ≤ 2γ_d‖ê‖ per entry; ‖Bᵀ(e − ê)‖ ≤ 2·err.
    inSpan = Math.max(inSpan, Math.sqrt(bt2) * (1 + gamma(rank + 2)) + 2 * Math.sqrt(rank) * gamma(d) * en + 2 * err);
  }
  const residual = resid * (1 + gamma(4));
  const inSpanResidual = inSpan * (1 + gamma(8));
  return {
    rank,
    keys,
    basis: B,
    logitDefect: residual,
    radiusDefect: Math.sqrt(1 + gramDefect) * (1 + gamma(4)) - 1,
    residual,
    inSpanResidual,
    gramDefect,
  };
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

/**
 * {@link leadingSpan} of the union rows (instance, then cache), as
 * {@link spanOf} for {@link keySpan} (`lem:residual-reduction`).
 * @lemma lem:residual-reduction
 */
export function leadingSpanOf(inst: Instance, c: NormalizedCoreset | Cache, r: number = MAX_SPAN_RANK): KeySpan {
  return leadingSpan(unionRows(inst, c).rows, r);
}
