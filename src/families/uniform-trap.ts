/**
 * The trap instance T_ρ of `prop:uniform-weights-fail`.
 * @module
 */
import { uniformTrapSize } from '../bounds.js';
import { InputError } from '../errors.js';
import type { Coreset, Instance } from '../types.js';

/** Largest M this module materialises (memory: (M+1)·(d+1) doubles). */
export const MAX_TRAP_KEYS = 1 << 20;

/** T_ρ with its parameters. */
export interface UniformTrap {
  /** Row 0: key +e₁, value +1; rows 1..M: key −e₁, value −1. */
  readonly instance: Instance;
  readonly rho: number;
  /** M = ⌊e^{2ρ}⌋. */
  readonly M: number;
}

/**
 * Generates T_ρ: one key +e₁ with value +1 and M = ⌊e^{2ρ}⌋ keys −e₁ with
 * value −1, keys in R^d (d = 1 by default), values in R¹; then
 * A_1(q) = tanh(q₁ − ½ln M) (`prop:uniform-weights-fail`).
 *
 * Special cases: M above {@link MAX_TRAP_KEYS} (ρ > 6.93) throws `InputError`;
 * use the closed forms of `src/bounds.ts` there.
 * @lemma prop:uniform-weights-fail
 * @example
 * ```ts
 * import { uniformTrap } from 'attn-coreset';
 *
 * const trap = uniformTrap(2); // prop:uniform-weights-fail: hard for every uniform-weight subset at ρ = 2
 * console.log(trap.instance.n, trap.M, trap.rho);
 * ```
 */
export function uniformTrap(rho: number, d = 1): UniformTrap {
  const M = uniformTrapSize(rho);
  if (M > MAX_TRAP_KEYS) throw new InputError('parameter', 'rho', `gives M = ${M} keys, more than ${MAX_TRAP_KEYS}`);
  if (!Number.isInteger(d) || d < 1) throw new InputError('parameter', 'd', `must be an integer ≥ 1, got ${d}`);
  const n = M + 1;
  const K = new Float64Array(n * d);
  const V = new Float64Array(n);
  K[0] = 1;
  V[0] = 1;
  for (let i = 1; i < n; i++) {
    K[i * d] = -1;
    V[i] = -1;
  }
  return { instance: { n, d, dv: 1, K, V }, rho, M };
}

/**
 * Generates the uniform-weight subset of T_ρ of size m: the +1 key and the
 * first m − 1 of the −1 keys, each with weight 1 (`prop:uniform-weights-fail`).
 * With `withPlus = false` it is m of the −1 keys instead.
 * @lemma prop:uniform-weights-fail
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { coresetError, uniformTrap, uniformTrapError, uniformTrapSubset } from 'attn-coreset';
 *
 * const trap = uniformTrap(2); // M = 54 keys −e₁ and one +e₁
 * const m = 4;
 * const w = uniformTrapSubset(trap, m); // the +1 key and 3 of the −1 keys, weight 1 each
 * const qStar = 0.25 * Math.log(trap.M * (m - 1)); // where the two tanh curves are farthest apart
 * const e = coresetError(trap.instance, Float64Array.of(qStar), w);
 * assert.ok(Math.abs(e - uniformTrapError(trap.M, m)) < 1e-12); // ≈ 1.24, far above any useful ε
 * ```
 */
export function uniformTrapSubset(trap: UniformTrap, m: number, withPlus = true): Coreset {
  const minus = withPlus ? m - 1 : m;
  if (!Number.isInteger(m) || m < 1 || minus > trap.M || minus < 0) {
    throw new InputError('parameter', 'm', `must be an integer with ${withPlus ? '1 ≤ m ≤ M + 1' : '1 ≤ m ≤ M'} (M = ${trap.M}), got ${m}`);
  }
  const indices = new Uint32Array(m);
  for (let j = 0; j < m; j++) indices[j] = withPlus ? j : j + 1;
  return { indices, weights: new Float64Array(m).fill(1) };
}

/**
 * Generates the weighted set {+1 key: weight 1, one −1 key: weight M}, of
 * size 2 and error 0 at every query (`prop:uniform-weights-fail`).
 * @lemma prop:uniform-weights-fail
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { coresetError, uniformTrap, uniformTrapWeighted } from 'attn-coreset';
 *
 * const trap = uniformTrap(2);
 * const w = uniformTrapWeighted(trap); // two rows, weighted: exact for every query
 * assert.ok(coresetError(trap.instance, new Float64Array([-2]), w) < 1e-12);
 * ```
 */
export function uniformTrapWeighted(trap: UniformTrap): Coreset {
  return { indices: Uint32Array.of(0, 1), weights: Float64Array.of(1, trap.M) };
}
