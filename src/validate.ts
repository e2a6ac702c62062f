/**
 * Input validation (DESIGN §6). Nothing is silently repaired: every problem is
 * an {@link InputError} naming the argument, row and column.
 *
 * @module
 */
import { InputError } from './errors.js';
import type { Coreset, Instance, Mat64 } from './types.js';

/**
 * How far a row norm may sit from 1 and still count as unit in the unit
 * setting: rows normalised in binary32 (what a Python user dumps as `<f4`) have
 * ‖x‖ = 1 up to about (cols + 2)·2⁻²⁴ (one rounding per square, per partial sum,
 * and the final division). Binary64-normalised rows are far inside this.
 * @lemma def:instance
 */
export function unitNormTolerance(cols: number): number {
  return (cols + 2) * 2 ** -24;
}

/**
 * Checks that a matrix is well formed and finite.
 * @lemma def:instance
 */
export function validateMat(m: Mat64, name: string): void {
  if (!Number.isInteger(m.rows) || !Number.isInteger(m.cols) || m.rows < 0 || m.cols < 0) {
    throw new InputError('shape', name, `shape ${m.rows}×${m.cols} is not a pair of non-negative integers`);
  }
  if (m.data.length !== m.rows * m.cols) {
    throw new InputError('shape', name, `has ${m.data.length} entries, expected ${m.rows}×${m.cols} = ${m.rows * m.cols}`);
  }
  checkFinite(m.data, m.cols, name);
}

function checkFinite(data: Float64Array, cols: number, name: string): void {
  for (let t = 0; t < data.length; t++) {
    const x = data[t];
    if (!Number.isFinite(x)) {
      const row = cols > 0 ? Math.floor(t / cols) : 0;
      const col = cols > 0 ? t % cols : 0;
      throw new InputError('not-finite', `${name} row ${row}, column ${col}`, `entry is ${x}`);
    }
  }
}

/** Options of {@link validateInstance}. */
export interface InstanceConstraints {
  /**
   * Require the unit setting of the paper: every key and value row has norm 1
   * within {@link unitNormTolerance}.
   * @defaultValue false
   */
  readonly unit?: boolean;
  /**
   * Require keys in the unit ball (‖k_i‖ ≤ 1 within {@link unitNormTolerance}),
   * the hypothesis of `lem:partition-bounds` and `lem:lifting`.
   * @defaultValue false
   */
  readonly ballKeys?: boolean;
}

/**
 * Checks an instance: n ≥ 1, d ≥ 1, dv ≥ 1, buffer lengths, finite entries,
 * and optionally the unit setting.
 * @lemma def:instance
 * @example
 * ```ts
 * import { InputError, validateInstance } from 'attn-coreset';
 *
 * validateInstance({ n: 2, d: 2, dv: 1, K: new Float64Array([1, 0, 0, 1]), V: new Float64Array([1, -1]) });
 * try {
 *   validateInstance({ n: 1, d: 2, dv: 1, K: new Float64Array([3, 4]), V: new Float64Array([1]) }, { unit: true });
 * } catch (e) {
 *   console.log(e instanceof InputError && e.code); // 'not-unit': key row 0 has norm 5
 * }
 * ```
 */
export function validateInstance(inst: Instance, constraints: InstanceConstraints = {}): void {
  const { n, d, dv } = inst;
  for (const [name, v] of [['n', n], ['d', d], ['dv', dv]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new InputError('shape', `instance.${name}`, `${v} is not a non-negative integer`);
  }
  if (n === 0) throw new InputError('empty', 'instance', 'has no keys (n = 0); an attention instance needs n ≥ 1');
  if (d === 0) throw new InputError('shape', 'keys', 'have dimension 0');
  if (dv === 0) throw new InputError('shape', 'values', 'have dimension 0');
  if (!(inst.K instanceof Float64Array)) throw new InputError('format', 'keys', 'must be a Float64Array');
  if (!(inst.V instanceof Float64Array)) throw new InputError('format', 'values', 'must be a Float64Array');
  validateMat({ rows: n, cols: d, data: inst.K }, 'keys');
  validateMat({ rows: n, cols: dv, data: inst.V }, 'values');
  if (constraints.unit) {
    checkNorms(inst.K, n, d, 'keys', 'unit');
    checkNorms(inst.V, n, dv, 'values', 'unit');
  } else if (constraints.ballKeys) {
    checkNorms(inst.K, n, d, 'keys', 'ball');
  }
}

function checkNorms(data: Float64Array, rows: number, cols: number, name: string, kind: 'unit' | 'ball'): void {
  const tol = unitNormTolerance(cols);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += data[i * cols + j] ** 2;
    const norm = Math.sqrt(s);
    const bad = kind === 'unit' ? Math.abs(norm - 1) > tol : norm > 1 + tol;
    if (bad) {
      const want = kind === 'unit' ? 'the unit setting needs norm 1' : 'keys must lie in the unit ball';
      throw new InputError('not-unit', `${name} row ${i}`, `has norm ${norm}; ${want} (tolerance ${tol.toExponential(2)})`);
    }
  }
}

/**
 * Checks a weighted set against an instance of `n` rows: equal lengths, at
 * least one entry, indices in range, weights finite and ≥ 0, not all 0.
 * Repeated indices are allowed (a multiset; see {@link normalizeCoreset}).
 * @lemma def:weighted-set
 * @example
 * ```ts
 * import { InputError, validateCoreset } from 'attn-coreset';
 *
 * validateCoreset({ indices: new Uint32Array([0, 3]), weights: new Float64Array([0.5, 0.5]) }, 4);
 * try {
 *   validateCoreset({ indices: new Uint32Array([7]), weights: new Float64Array([1]) }, 4);
 * } catch (e) {
 *   console.log(e instanceof InputError && e.code); // 'index-range'
 * }
 * ```
 */
export function validateCoreset(c: Coreset, n: number, name = 'coreset'): void {
  if (!(c.indices instanceof Uint32Array)) throw new InputError('format', `${name}.indices`, 'must be a Uint32Array');
  if (!(c.weights instanceof Float64Array)) throw new InputError('format', `${name}.weights`, 'must be a Float64Array');
  if (c.indices.length !== c.weights.length) {
    throw new InputError('shape', name, `has ${c.indices.length} indices but ${c.weights.length} weights`);
  }
  if (c.indices.length === 0) throw new InputError('empty', name, 'is empty; a weighted set needs at least one point');
  let positive = false;
  for (let j = 0; j < c.indices.length; j++) {
    const i = c.indices[j];
    if (i >= n) throw new InputError('index-range', `${name}.indices[${j}]`, `is ${i}, but the instance has rows 0..${n - 1}`);
    const w = c.weights[j];
    if (!Number.isFinite(w)) throw new InputError('not-finite', `${name}.weights[${j}]`, `is ${w}`);
    if (w < 0) throw new InputError('negative-weight', `${name}.weights[${j}]`, `is ${w}; weights must be ≥ 0`);
    if (w > 0) positive = true;
  }
  if (!positive) throw new InputError('zero-weights', name, 'has every weight 0; at least one must be positive');
}

/**
 * Checks a query vector: length d, finite entries, and (when `rho` is given)
 * ‖q‖ ≤ ρ computed in binary64.
 * @lemma def:query-ball
 */
export function validateQuery(q: Float64Array, d: number, name = 'query', rho?: number): void {
  if (!(q instanceof Float64Array)) throw new InputError('format', name, 'must be a Float64Array');
  if (q.length !== d) throw new InputError('shape', name, `has length ${q.length}, keys have d = ${d}`);
  checkFinite(q, d, name);
  if (rho !== undefined) {
    let s = 0;
    for (let j = 0; j < d; j++) s += q[j] * q[j];
    if (Math.sqrt(s) > rho) throw new InputError('parameter', name, `has norm ${Math.sqrt(s)} > ρ = ${rho}`);
  }
}

/**
 * Checks a strictly positive finite parameter such as ρ or ε.
 * @lemma def:eps-coreset
 */
export function validatePositive(value: number, name: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0)) {
    throw new InputError('parameter', name, `must be a finite number > 0, got ${value}`);
  }
}

/** Result of {@link normalizeCoreset}. */
export interface NormalizedCoreset extends Coreset {
  /** Number of input entries whose index had already appeared. */
  readonly repeated: number;
}

/**
 * Merges repeated indices of a weighted set (weights add: a multiset) and
 * drops zero weights, giving indices in increasing order. The size of a
 * weighted set is the length of the result (`def:weighted-set`).
 * @lemma def:weighted-set
 */
export function normalizeCoreset(c: Coreset, n: number, name = 'coreset'): NormalizedCoreset {
  validateCoreset(c, n, name);
  const order = Array.from(c.indices.keys()).sort((a, b) => c.indices[a] - c.indices[b]);
  const idx: number[] = [];
  const w: number[] = [];
  let repeated = 0;
  let prev = -1;
  for (const j of order) {
    const i = c.indices[j];
    if (i === prev) {
      repeated++;
      w[w.length - 1] += c.weights[j];
    } else {
      idx.push(i);
      w.push(c.weights[j]);
      prev = i;
    }
  }
  for (let t = 0; t < idx.length; t++) {
    if (!Number.isFinite(w[t])) {
      throw new InputError('not-finite', `${name} index ${idx[t]}`, 'repeated weights sum past the largest binary64 (1.8e308); attention is invariant to a common factor of the weights, so divide them all by a power of two');
    }
  }
  const keepI: number[] = [];
  const keepW: number[] = [];
  for (let t = 0; t < idx.length; t++) {
    if (w[t] > 0) {
      keepI.push(idx[t]);
      keepW.push(w[t]);
    }
  }
  return { indices: Uint32Array.from(keepI), weights: Float64Array.from(keepW), repeated };
}
