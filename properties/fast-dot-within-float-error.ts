/**
 * Property: the fast dot product is within γ_len·Σ|a_j b_j| of the exact one.
 * @module
 */
import fc from 'fast-check';
import { gamma } from '../src/fast/float-error.js';
import { dot } from '../src/fast/logits.js';
import { Exact, exact } from './internal/exact.js';
import { requireWithin } from './internal/violation.js';

/** Constraints of {@link fastDotWithinFloatError}. */
export interface FastDotConstraints {
  /** @defaultValue 16 */
  readonly maxLength?: number;
}

const entry = fc.oneof(
  fc.constant(0),
  fc.double({ min: 1e-100, max: 1e100, noNaN: true }),
  fc.double({ min: -1e100, max: -1e-100, noNaN: true }),
  fc.double({ min: -1, max: 1, noNaN: true }).filter((x) => x === 0 || Math.abs(x) >= 1e-100),
);

/**
 * Generates the property: for vectors whose products neither overflow nor
 * underflow (entries 0 or of magnitude in [1e−100, 1e100]), the computed
 * {@link dot} is within γ_len·Σ|a_j b_j| of the exact dot product, the first
 * rung of the ladder of `lem:float-error`.
 * @lemma lem:float-error
 */
export function fastDotWithinFloatError(constraints: FastDotConstraints = {}): fc.IPropertyWithHooks<[[number[], number[]]]> {
  const max = constraints.maxLength ?? 16;
  const pair = fc.integer({ min: 1, max }).chain((len) => fc.tuple(fc.array(entry, { minLength: len, maxLength: len }), fc.array(entry, { minLength: len, maxLength: len })));
  return fc.property(pair, ([a0, b0]) => {
    const len = a0.length;
    const a = Float64Array.from(a0);
    const b = Float64Array.from(b0);
    let s = new Exact(0);
    let abs = new Exact(0);
    for (let j = 0; j < len; j++) {
      const p = exact(a[j]).times(exact(b[j]));
      s = s.plus(p);
      abs = abs.plus(p.abs());
    }
    requireWithin('dot within γ_len·Σ|a_j b_j|', dot(a, 0, b, 0, len), s, abs.times(exact(gamma(len))), () => `a=[${Array.from(a)}] b=[${Array.from(b)}]`);
  });
}
