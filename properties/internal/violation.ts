/**
 * How a property reports a counterexample: input summary, result, expected,
 * Δ and tolerance (STYLE.md §8), in one thrown error fast-check prints.
 * @module
 * @internal
 */
import type { Decimal } from 'decimal.js';
import type { Instance, Weighting } from '../../src/types.js';
import { isCache } from '../../src/fast/support.js';
import { Exact, exact } from './exact.js';

/** A property's conclusion failed on a concrete input. @internal */
export class PropertyViolation extends Error {
  override readonly name = 'PropertyViolation';
}

type Num = number | Decimal;

const asExact = (x: Num): Decimal => (typeof x === 'number' ? exact(x) : new Exact(x));

const show = (x: Num): string => {
  if (typeof x === 'number') return String(x);
  const r = x.toSignificantDigits(25);
  // Plain notation only where it stays short; decimal.js here never switches itself.
  return r.isZero() || (r.abs().gte('1e-6') && r.abs().lt('1e21')) ? r.toString() : r.toExponential();
};

/**
 * Checks |actual − expected| ≤ tolerance (Δ computed exactly in decimal) and
 * throws a {@link PropertyViolation} with the input summary otherwise.
 * @internal
 * @lemma lem:float-error
 */
export function requireWithin(what: string, actual: Num, expected: Num, tolerance: Num, input: () => string): void {
  const delta = asExact(actual).minus(asExact(expected)).abs();
  if (!(Number.isFinite(typeof actual === 'number' ? actual : 0)) || !delta.lte(asExact(tolerance))) {
    throw new PropertyViolation(
      `${what}\n  input:     ${input()}\n  result:    ${show(actual)}\n  expected:  ${show(expected)}\n  Δ:         ${show(delta)}\n  tolerance: ${show(tolerance)}`,
    );
  }
}

/**
 * Checks a claimed inequality `lhs ≤ rhs` (exactly in decimal) and throws a
 * {@link PropertyViolation} otherwise.
 * @internal
 * @lemma lem:float-error
 */
export function requireAtMost(what: string, lhs: Num, rhs: Num, input: () => string): void {
  const a = asExact(lhs);
  const b = asExact(rhs);
  if (!a.lte(b)) {
    throw new PropertyViolation(`${what}\n  input: ${input()}\n  lhs:   ${show(lhs)}\n  rhs:   ${show(rhs)}\n  excess: ${show(a.minus(b))}`);
  }
}

/**
 * Checks a boolean conclusion and throws a {@link PropertyViolation} naming it.
 * @internal
 * @lemma def:instance
 */
export function requireThat(what: string, ok: boolean, input: () => string, detail = ''): void {
  if (!ok) throw new PropertyViolation(`${what}\n  input: ${input()}${detail ? `\n  ${detail}` : ''}`);
}

const list = (a: ArrayLike<number>, max = 8): string => {
  const xs = Array.from(a).slice(0, max).map((x) => String(x));
  return `[${xs.join(', ')}${a.length > max ? `, … (${a.length})` : ''}]`;
};

/**
 * Summarises an evaluation input for a failure message: shape, query, key
 * and value rows (first few), weights.
 * @internal
 * @lemma def:instance
 */
export function describeCase(inst: Instance, q?: Float64Array, w?: Weighting, extra = ''): string {
  const parts = [`n=${inst.n} d=${inst.d} dv=${inst.dv}`];
  if (q) parts.push(`q=${list(q, 12)}`);
  parts.push(`K=${list(inst.K, 12)}`, `V=${list(inst.V, 12)}`);
  if (w !== undefined) parts.push(w === null ? 'w=full set' : isCache(w) ? `cache m=${w.m} K′=${list(w.K, 12)} V′=${list(w.V, 12)} w′=${list(w.weights)}` : `w.indices=${list(w.indices)} w.weights=${list(w.weights)}`);
  if (extra) parts.push(extra);
  return parts.join('; ');
}
