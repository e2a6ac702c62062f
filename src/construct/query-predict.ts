/**
 * Predicted queries for the tokens whose queries the compressor has not seen
 * (`def:predicted-queries`): a head's query, key and value of a token are
 * projections of the same hidden state, so on the fit tokens (whose query
 * and row are both known) a ridge regression q ≈ W·[k; v; 1] is learned and
 * applied to every other row. Uses only what a compressor has: all keys and
 * values, and the fit queries with their token rows.
 * @module
 */
import { InputError } from '../errors.js';
import type { Instance } from '../types.js';
import type { QueryBuildOptions } from './query-aware.js';
import { choleskySolve } from './refit-values.js';

/** Ridge weights tried (relative to the mean diagonal of XᵀX), chosen by K-fold on the fit tokens. */
const RIDGES = [1e-6, 1e-4, 1e-2, 1];
const FOLDS = 5;

/** {@link choleskySolve}, its singular-system error named for the regression. */
function solve(S: Float64Array, B: Float64Array, p: number, k: number): void {
  try {
    choleskySolve(S, B, p, k);
  } catch (e) {
    if (e instanceof InputError) throw new InputError('parameter', 'ridge', 'the query regression is singular');
    throw e;
  }
}

const features = (inst: Instance, i: number): Float64Array => {
  const x = new Float64Array(inst.d + inst.dv + 1);
  x.set(inst.K.subarray(i * inst.d, (i + 1) * inst.d), 0);
  x.set(inst.V.subarray(i * inst.dv, (i + 1) * inst.dv), inst.d);
  x[inst.d + inst.dv] = 1;
  return x;
};

/** Ridge fit W (p × d) of queries on features over the pairs `pairs` (indices into `rows`). */
function ridgeFit(X: Float64Array[], Q: Float64Array, d: number, pairs: number[], ridge: number): Float64Array {
  const p = X[0].length;
  const S = new Float64Array(p * p);
  const B = new Float64Array(p * d);
  for (const t of pairs) {
    const x = X[t];
    for (let a = 0; a < p; a++) {
      if (x[a] === 0) continue;
      for (let b = 0; b <= a; b++) S[a * p + b] += x[a] * x[b];
      for (let c = 0; c < d; c++) B[a * d + c] += x[a] * Q[t * d + c];
    }
  }
  let tr = 0;
  for (let a = 0; a < p; a++) tr += S[a * p + a];
  const lam = ridge * (tr / p || 1);
  for (let a = 0; a < p; a++) {
    S[a * p + a] += lam;
    for (let b = 0; b < a; b++) S[b * p + a] = S[a * p + b];
  }
  solve(S, B, p, d);
  return B;
}

function apply(W: Float64Array, x: Float64Array, d: number, out: Float64Array, at: number): void {
  for (let c = 0; c < d; c++) {
    let s = 0;
    for (let a = 0; a < x.length; a++) s += x[a] * W[a * d + c];
    out[at + c] = s;
  }
}

/** Result of {@link predictQueries}. */
export interface PredictedQueries {
  /** One predicted query per row not in `rows`, in increasing row order (count × d). */
  readonly queries: Float64Array;
  /** The instance rows they predict for. */
  readonly rows: Uint32Array;
  /** The ridge weight chosen by K-fold, and its held-out R² (1 − SSE/SST) on the fit tokens. */
  readonly ridge: number;
  readonly r2: number;
}

/**
 * Predicts the query of every instance row not in `rows` from its key and
 * value: the ridge regression q ≈ W·[k; v; 1] fitted on the fit tokens
 * (fit query r belongs to instance row rows[r]), its ridge weight chosen by
 * 5-fold cross-validation on those tokens (`def:predicted-queries`).
 *
 * Special cases: fewer than 2·FOLDS fit tokens, or a row index out of range
 * or repeated, is an {@link InputError}.
 * @lemma def:predicted-queries
 */
export function predictQueries(inst: Instance, queries: Float64Array, rows: ArrayLike<number>): PredictedQueries {
  const { n, d } = inst;
  const N = queries.length / d;
  if (!Number.isInteger(N) || rows.length !== N) throw new InputError('shape', 'rows', `has ${rows.length} entries for ${N} fit queries`);
  if (N < 2 * FOLDS) throw new InputError('shape', 'queries', `needs at least ${2 * FOLDS} fit queries to predict the others, got ${N}`);
  const seen = new Uint8Array(n);
  for (let r = 0; r < N; r++) {
    const i = rows[r];
    if (!Number.isInteger(i) || i < 0 || i >= n) throw new InputError('parameter', `rows[${r}]`, `must be an instance row in [0, ${n}), got ${i}`);
    if (seen[i]) throw new InputError('parameter', `rows[${r}]`, `repeats row ${i}`);
    seen[i] = 1;
  }
  const X = Array.from({ length: N }, (_, r) => features(inst, rows[r]));
  let mean = new Float64Array(d);
  for (let r = 0; r < N; r++) for (let c = 0; c < d; c++) mean[c] += queries[r * d + c] / N;
  let sst = 0;
  for (let r = 0; r < N; r++) for (let c = 0; c < d; c++) sst += (queries[r * d + c] - mean[c]) ** 2;
  mean = new Float64Array(0);
  let best = RIDGES[0];
  let bestSse = Infinity;
  const pred = new Float64Array(d);
  for (const ridge of RIDGES) {
    let sse = 0;
    for (let f = 0; f < FOLDS; f++) {
      const train = Array.from({ length: N }, (_, t) => t).filter((t) => t % FOLDS !== f);
      const W = ridgeFit(X, queries, d, train, ridge);
      for (let t = f; t < N; t += FOLDS) {
        apply(W, X[t], d, pred, 0);
        for (let c = 0; c < d; c++) sse += (pred[c] - queries[t * d + c]) ** 2;
      }
    }
    if (sse < bestSse) [bestSse, best] = [sse, ridge];
  }
  const W = ridgeFit(X, queries, d, Array.from({ length: N }, (_, t) => t), best);
  const others = Array.from({ length: n }, (_, i) => i).filter((i) => !seen[i]);
  const out = new Float64Array(others.length * d);
  others.forEach((i, a) => apply(W, features(inst, i), d, out, a * d));
  return { queries: out, rows: Uint32Array.from(others), ridge: best, r2: sst > 0 ? 1 - bestSse / sst : 0 };
}

/** Weight of a predicted query relative to a real fit query (chosen on the tuning heads: 1, 2, 4 tried). */
export const PREDICTED_WEIGHT = 2;

/**
 * Extends query-aware build options by the predicted queries of every row
 * without a fit query ({@link predictQueries}; fit query r belongs to row
 * `rows[r]`): the fit set becomes the real queries at weight 1 each and the
 * predicted ones at `weight` each (then normalised, `queryWeights` of
 * {@link QueryBuildOptions}); the ball regularizer is unchanged (μ of the
 * total at ρ).
 *
 * Special cases: existing `queryWeights` are an {@link InputError} (the
 * weights are set here); weight ≤ 0 or not finite is an {@link InputError}.
 * @lemma def:predicted-queries
 */
export function withPredictedQueries<T extends Pick<QueryBuildOptions, 'queries' | 'queryWeights'>>(inst: Instance, options: T, rows: ArrayLike<number>, weight = PREDICTED_WEIGHT): T & { queries: Float64Array; queryWeights: Float64Array; predicted: PredictedQueries } {
  if (options.queryWeights !== undefined) throw new InputError('usage', 'queryWeights', 'are set by withPredictedQueries; pass options without them');
  if (!(weight > 0) || !Number.isFinite(weight)) throw new InputError('parameter', 'weight', `must be a finite number > 0, got ${weight}`);
  const predicted = predictQueries(inst, options.queries, rows);
  const N = options.queries.length / inst.d;
  const P = predicted.queries.length / inst.d;
  const queries = new Float64Array(options.queries.length + predicted.queries.length);
  queries.set(options.queries, 0);
  queries.set(predicted.queries, options.queries.length);
  const queryWeights = new Float64Array(N + P);
  queryWeights.fill(1, 0, N);
  queryWeights.fill(weight, N);
  return { ...options, queries, queryWeights, predicted };
}
