/**
 * Property: at extreme radii and weights the verifier and the builders
 * answer with numbers or a clear InputError, never NaN.
 * @module
 */
import fc from 'fast-check';
import { sensitivityCoreset, uniformCoreset } from '../../src/construct/baselines.js';
import { buildCoreset } from '../../src/construct/build.js';
import * as Ref from '../../src/reference/index.js';
import type { Coreset } from '../../src/types.js';
import { normalizeCoreset } from '../../src/validate.js';
import { verify } from '../../src/verify/verify.js';
import { extremeRadiusCase, type ExtremeRadiusCase } from '../arbitraries/extreme-radius-case.js';
import { outcomeOf } from '../internal/outcome.js';
import { describeCase, requireThat } from '../internal/violation.js';

/** Falsifier budget per verification: enough to reach ±ρ·k_i, cheap enough to run often. */
const BUDGET = 64;

function validWeightedSet(c: Coreset, n: number): boolean {
  return c.indices.length > 0 && c.indices.every((i) => i < n) && c.weights.every((w) => Number.isFinite(w) && w >= 0) && c.weights.some((w) => w > 0);
}

/**
 * Generates the property of `def:representable-output` for the verifier and
 * the builders: for unit instances, ρ from 1e-300 to 1e308 and weights from
 * 5e-324 to 1e308, `verify` returns a verdict whose lower bound is a finite
 * number ≥ 0, no larger than its upper bound (a number or +∞), and a `fail`
 * reproduces in the reference at its witness (error > ε); or it throws an
 * `InputError`. Each builder (`uniform`, `sensitivity`, `halving`) returns a
 * valid weighted set with finite weights, or an `InputError`. Never NaN,
 * never an internal error.
 * @lemma def:representable-output
 * @lemma def:eps-coreset
 */
export function extremeVerdictsAreNumbersOrRefused(): fc.IPropertyWithHooks<[ExtremeRadiusCase]> {
  return fc.property(extremeRadiusCase(), ({ instance, coreset, rho, eps }) => {
    const info = () => describeCase(instance, undefined, coreset, `rho=${rho} eps=${eps}`);
    const r = outcomeOf('verify', () => verify(instance, coreset, { rho, eps, budget: BUDGET, seed: 1 }), info);
    if ('value' in r) {
      const { verdict, lower, upper, witness } = r.value;
      requireThat('lower is a finite number ≥ 0', Number.isFinite(lower) && lower >= 0, info, `lower ${lower}, verdict ${verdict}`);
      requireThat('upper is a number ≥ lower', !Number.isNaN(upper) && upper >= lower, info, `upper ${upper}, lower ${lower}`);
      requireThat('the witness is finite', witness.every(Number.isFinite), info);
      if (verdict === 'fail') {
        const err = Ref.coresetError(instance, witness, normalizeCoreset(coreset, instance.n), { digits: 30 });
        requireThat('a fail reproduces in the reference', err.greaterThan(eps), info, `reference error ${err.toString()}`);
      }
    }
    const size = Math.max(1, Math.ceil(instance.n / 2));
    for (const [name, build] of [
      ['uniform', () => uniformCoreset(instance, size, 3)],
      ['sensitivity', () => sensitivityCoreset(instance, size, rho, 3)],
      ['halving', () => buildCoreset(instance, { rho, size, method: 'halving', seed: 3 }).coreset],
    ] as const) {
      const b = outcomeOf(`build ${name}`, build, info);
      if ('value' in b) requireThat(`build ${name} gives a valid weighted set`, validWeightedSet(b.value, instance.n), info, `${Array.from(b.value.indices)} / ${Array.from(b.value.weights)}`);
    }
  });
}
