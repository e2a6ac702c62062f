/**
 * Storage types shared by the fast and the reference implementations.
 *
 * Suffix convention (after HACL*'s CONVENTIONS.md): `64` is binary64 storage
 * in a row-major `Float64Array`, `D` is decimal.js storage in nested arrays.
 * Twins read as pairs: {@link Mat64} ↔ `MatD`.
 *
 * @module
 */

/** A row-major binary64 matrix: entry (i, j) is `data[i * cols + j]`. */
export interface Mat64 {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/**
 * Keys and values of an attention instance (`def:instance`), row-major.
 * `K` has `n * d` entries, `V` has `n * dv` entries.
 */
export interface Instance {
  readonly n: number;
  readonly d: number;
  readonly dv: number;
  readonly K: Float64Array;
  readonly V: Float64Array;
}

/**
 * A weighted set in sparse form (`def:weighted-set`): weight `weights[j]` on
 * row `indices[j]`. Indices may repeat (a multiset: weights add).
 */
export interface Coreset {
  readonly indices: Uint32Array;
  readonly weights: Float64Array;
}

/**
 * A compressed cache (`def:compressed-cache`): m rows of its own, keys K′
 * (m × d), values V′ (m × dv), weights w′ ≥ 0, not all 0, row-major. It
 * need not share a row with the instance it summarises (quantized, merged
 * or refitted rows); a {@link Coreset} is the cache (K_S, V_S, w_S).
 */
export interface Cache {
  readonly m: number;
  readonly d: number;
  readonly dv: number;
  readonly K: Float64Array;
  readonly V: Float64Array;
  readonly weights: Float64Array;
}

/**
 * The weighting a function evaluates with: a {@link Coreset} (rows of the
 * instance), a {@link Cache} (rows of its own), or `null` for the full set
 * with every weight 1 (the paper's A_1).
 */
export type Weighting = Coreset | Cache | null;

/** What a cache-or-subset argument may be: a {@link Coreset} or a {@link Cache}. */
export type Compressed = Coreset | Cache;

/** Options shared by every attention evaluation, fast or reference. */
export interface AttentionOptions {
  /**
   * Multiplies every logit: the attention kernel is exp(scale·⟨q,k⟩).
   * A transformer head uses 1/√d_h here (see `def:model-scaling`).
   * @defaultValue 1
   */
  readonly scale?: number;
}
