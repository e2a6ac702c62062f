/**
 * Checking user queries and evaluating the coreset error on them with a
 * rigorous float error bound.
 * @module
 */
import { InputError } from '../errors.js';
import type { Cache, Instance } from '../types.js';
import { validateQuery, type NormalizedCoreset } from '../validate.js';
import { describeNormExcess, inBallExact } from './witness.js';
import { querySampleErrors } from './query-sample.js';

/**
 * Checks a row-major query matrix: a whole number of rows of length d,
 * finite, and each row exactly inside B_ρ (`def:query-ball`).
 * Returns the number of rows.
 * @lemma def:query-ball
 */
export function validateQueries(Q: Float64Array, d: number, rho: number, name = 'queries'): number {
  if (!(Q instanceof Float64Array)) throw new InputError('format', name, 'must be a Float64Array');
  if (Q.length % d !== 0) throw new InputError('shape', name, `has ${Q.length} entries, not a multiple of d = ${d}`);
  const rows = Q.length / d;
  for (let r = 0; r < rows; r++) {
    const q = Q.subarray(r * d, (r + 1) * d);
    validateQuery(q, d, `${name} row ${r}`);
    if (!inBallExact(q, rho)) throw new InputError('parameter', `${name} row ${r}`, describeNormExcess(q, rho));
  }
  return rows;
}

/** Per-query errors in binary64 and an upper bound on the exact maximum. */
export interface QueryErrors {
  /** Row of the largest binary64 error. */
  readonly argmax: number;
  /** Its binary64 error. */
  readonly max: number;
  /** ≥ max_r err_w(q_r) for the exact real numbers. */
  readonly upper: number;
}

/**
 * Computes err_w(q_r) for every query row and a certified upper bound on
 * their exact maximum: max_r (êrr_r + coresetErrorBound_r), rounded up
 * (`def:coreset-error`, `lem:float-error`; a cache's bound uses its own
 * norms, `lem:cache-float-error`).
 * @lemma def:coreset-error
 * @lemma lem:float-error
 * @lemma lem:cache-float-error
 */
export function queryErrors(inst: Instance, c: NormalizedCoreset | Cache, Q: Float64Array, scale: number): QueryErrors {
  const { errors, uppers } = querySampleErrors(inst, c, Q, scale);
  let argmax = 0;
  let max = -Infinity;
  let upper = 0;
  for (let r = 0; r < errors.length; r++) {
    upper = Math.max(upper, uppers[r]);
    if (errors[r] > max) {
      max = errors[r];
      argmax = r;
    }
  }
  return { argmax, max, upper };
}
