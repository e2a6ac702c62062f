/**
 * Property: every rejected input names what is wrong and where.
 * @module
 */
import fc from 'fast-check';
import { InputError, type InputErrorCode } from '../src/errors.js';
import type { Coreset, Instance } from '../src/types.js';
import { validateCoreset, validateInstance, validatePositive, validateQuery } from '../src/validate.js';
import { unitSphereInstance } from './arbitraries/unit-sphere-instance.js';
import { uniformWeights } from './arbitraries/uniform-weights.js';
import { requireThat } from './internal/violation.js';

/** One corruption of an otherwise valid input, with the error it must raise. */
export interface Corruption {
  /** Runs the validation that must reject the corrupted input. */
  readonly run: () => void;
  readonly code: InputErrorCode;
  readonly where: string;
}

const bad = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);

function corruptions(inst: Instance, c: Coreset): fc.Arbitrary<Corruption> {
  const { n, d, dv } = inst;
  const entry = (cols: number, which: 'keys' | 'values') =>
    fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: cols - 1 }), bad).map(([i, j, x]): Corruption => {
      const K = inst.K.slice();
      const V = inst.V.slice();
      (which === 'keys' ? K : V)[i * cols + j] = x;
      return { run: () => validateInstance({ n, d, dv, K, V }), code: 'not-finite', where: `${which} row ${i}, column ${j}` };
    });
  const m = c.indices.length;
  const slot = fc.integer({ min: 0, max: m - 1 });
  return fc.oneof(
    entry(d, 'keys'),
    entry(dv, 'values'),
    fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.double({ min: 1.01, max: 2, noNaN: true })).map(([i, f]): Corruption => {
      const K = inst.K.slice();
      for (let j = 0; j < d; j++) K[i * d + j] *= f;
      return { run: () => validateInstance({ ...inst, K }, { unit: true }), code: 'not-unit', where: `keys row ${i}` };
    }),
    fc.tuple(slot, fc.double({ min: -1e300, max: -Number.MIN_VALUE, noNaN: true })).map(([j, x]): Corruption => {
      const weights = c.weights.slice();
      weights[j] = x;
      return { run: () => validateCoreset({ indices: c.indices, weights }, n), code: 'negative-weight', where: `coreset.weights[${j}]` };
    }),
    fc.tuple(slot, bad).map(([j, x]): Corruption => {
      const weights = c.weights.slice();
      weights[j] = x;
      return { run: () => validateCoreset({ indices: c.indices, weights }, n), code: 'not-finite', where: `coreset.weights[${j}]` };
    }),
    fc.tuple(slot, fc.integer({ min: n, max: 2 ** 32 - 1 })).map(([j, i]): Corruption => {
      const indices = c.indices.slice();
      indices[j] = i;
      return { run: () => validateCoreset({ indices, weights: c.weights }, n), code: 'index-range', where: `coreset.indices[${j}]` };
    }),
    fc.constant<Corruption>({ run: () => validateCoreset({ indices: c.indices, weights: new Float64Array(m) }, n), code: 'zero-weights', where: 'coreset' }),
    fc.constant<Corruption>({ run: () => validateCoreset({ indices: c.indices, weights: c.weights.subarray(1) }, n), code: 'shape', where: 'coreset' }),
    fc.double({ min: 0.01, max: 10, noNaN: true }).map((rho): Corruption => {
      const q = new Float64Array(d);
      q[0] = rho * (1 + 2 ** -50);
      return { run: () => validateQuery(q, d, 'query', rho), code: 'parameter', where: 'query' };
    }),
    fc.constant<Corruption>({ run: () => validateQuery(new Float64Array(d + 1), d), code: 'shape', where: 'query' }),
    fc.constantFrom(0, -1, Number.NaN, Number.POSITIVE_INFINITY, -0).map((x): Corruption => ({ run: () => validatePositive(x, 'rho'), code: 'parameter', where: 'rho' })),
  );
}

/**
 * Generates the property of DESIGN §6 for `def:instance`, `def:weighted-set`,
 * `def:query-ball` and `def:eps-coreset`: a valid instance, weighted set and
 * query with exactly one defect (NaN/±∞ entry, key off the sphere, negative,
 * non-finite or all-zero weights, index out of range, ragged lengths,
 * ‖q‖ > ρ, ρ ≤ 0) is rejected with an `InputError` whose code names the
 * defect and whose `where` names its row, column or slot.
 * @lemma def:instance
 * @lemma def:weighted-set
 * @lemma def:query-ball
 * @lemma def:eps-coreset
 */
export function validationNamesTheLocation(): fc.IPropertyWithHooks<[Corruption]> {
  const input = unitSphereInstance({ maxN: 6 }).chain((inst) => uniformWeights(inst.n).chain((c) => corruptions(inst, c)));
  return fc.property(input, ({ run, code, where }) => {
    let caught: unknown = null;
    try {
      run();
    } catch (e) {
      caught = e;
    }
    requireThat(
      `rejected with InputError(${code}) at "${where}"`,
      caught instanceof InputError && caught.code === code && caught.where === where,
      () => `expected ${code} at ${where}`,
      caught instanceof InputError ? `got ${caught.code} at "${caught.where}": ${caught.message}` : `got ${String(caught)}`,
    );
  });
}
