import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attentionSinkKeyInstance } from '../../properties/arbitraries/index.js';
import { runs } from '../helpers/seed.js';

describe('attentionSinkKeyInstance (property)', () => {
  it('repeats the sink row, keeps the cone within its radius and every key on the sphere', () => {
    const radius = 0.3;
    const arb = attentionSinkKeyInstance({ minN: 8, maxN: 12, minD: 2, minSinks: 3, maxSinks: 3, minNearSink: 4, maxNearSink: 4, nearSinkRadius: radius, minOtherKeyNorm: 1, maxOtherKeyNorm: 1 });
    fc.assert(
      fc.property(arb, (inst) => {
        const { d, dv } = inst;
        const row = (X: Float64Array, i: number, w: number) => Array.from(X.subarray(i * w, (i + 1) * w));
        for (let i = 1; i < 3; i++) {
          expect(row(inst.K, i, d)).toEqual(row(inst.K, 0, d));
          expect(row(inst.V, i, dv)).toEqual(row(inst.V, 0, dv));
        }
        for (let i = 0; i < inst.n; i++) expect(Math.abs(Math.hypot(...row(inst.K, i, d)) - 1)).toBeLessThan(1e-12);
        for (let i = 3; i < 7; i++) {
          const c = row(inst.K, i, d).reduce((s, x, a) => s + x * inst.K[a], 0);
          expect(Math.acos(Math.min(1, c))).toBeLessThanOrEqual(radius + 1e-6);
        }
      }),
      { numRuns: runs(60) },
    );
  });
});
