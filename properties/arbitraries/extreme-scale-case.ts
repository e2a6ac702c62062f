/**
 * Arbitrary: evaluation inputs with every magnitude at an end of binary64.
 * @module
 */
import fc from 'fast-check';
import type { Coreset, Instance } from '../../src/types.js';
import { unitVector } from '../internal/rows.js';
import { logUniformMagnitude } from './log-uniform-magnitude.js';

/** An instance, a query, a logit scale and a weighting, all extreme. */
export interface ExtremeScaleCase {
  readonly instance: Instance;
  readonly q: Float64Array;
  readonly scale: number;
  readonly w: Coreset;
}

const row = (d: number, lo: number, hi: number): fc.Arbitrary<number[]> =>
  fc.tuple(unitVector(d), logUniformMagnitude(lo, hi)).map(([u, r]) => u.map((x) => x * r));

/**
 * Generates n ≤ 4 keys of norms 1e-300…1e300, values of norms up to 1e308,
 * a query of norm 1e-300…1e300, weights 5e-324…1e308 (sums may overflow)
 * and a scale that, half the time, puts the largest logit at a target
 * 1e-300…1e300 (else |scale| ∈ [1e-300, 1e300], so logits may leave
 * binary64): the inputs of `def:representable-output`.
 * @lemma def:representable-output
 */
export function extremeScaleCase(): fc.Arbitrary<ExtremeScaleCase> {
  return fc.record({ n: fc.integer({ min: 1, max: 4 }), d: fc.integer({ min: 1, max: 3 }), dv: fc.integer({ min: 1, max: 2 }) }).chain(({ n, d, dv }) =>
    fc
      .record({
        keys: fc.array(row(d, 1e-300, 1e300), { minLength: n, maxLength: n }),
        values: fc.array(row(dv, 1e-300, 1.7e308), { minLength: n, maxLength: n }),
        q: row(d, 1e-300, 1e300),
        targetLogit: fc.option(logUniformMagnitude(1e-300, 1e300), { nil: undefined }),
        scale: logUniformMagnitude(1e-300, 1e300),
        weights: fc.array(logUniformMagnitude(5e-324, 1e308), { minLength: n, maxLength: n }),
      })
      .map(({ keys, values, q, targetLogit, scale, weights }) => {
        const K = Float64Array.from(keys.flat());
        const qn = Math.hypot(...q);
        const kn = keys.reduce((m, k) => Math.max(m, Math.hypot(...k)), 0);
        const aimed = targetLogit === undefined ? NaN : targetLogit / qn / kn;
        const s = Number.isFinite(aimed) && aimed > 0 ? aimed : scale;
        return {
          instance: { n, d, dv, K, V: Float64Array.from(values.flat()) },
          q: Float64Array.from(q),
          scale: s,
          w: { indices: Uint32Array.from({ length: n }, (_, i) => i), weights: Float64Array.from(weights) },
        };
      }),
  );
}
