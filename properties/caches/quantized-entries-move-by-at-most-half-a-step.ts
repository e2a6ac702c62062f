/**
 * Property: KIVI dequantized entries stay in their group's range and
 * within half a quantization step (plus rounding).
 * @module
 */
import fc from 'fast-check';
import { quantizeCache } from '../../src/construct/quantize.js';
import { SUBNORMAL_MIN, UNIT_ROUNDOFF } from '../../src/fast/float-error.js';
import type { Instance } from '../../src/types.js';
import { describeCase, requireThat } from '../internal/violation.js';

/** Checks one group (entries at base + t·stride, t < count) of `x` against its dequantized `y`. */
function checkGroup(x: Float64Array, y: Float64Array, base: number, stride: number, count: number, bits: number, info: () => string): void {
  let mn = Infinity;
  let mx = -Infinity;
  for (let t = 0; t < count; t++) {
    mn = Math.min(mn, x[base + t * stride]);
    mx = Math.max(mx, x[base + t * stride]);
  }
  const M = 2 ** bits - 1;
  const sigma = (mx - mn) / M;
  const round = 8 * UNIT_ROUNDOFF * (sigma * M + Math.abs(mn) + Math.abs(mx)) + (2 * M + 4) * SUBNORMAL_MIN;
  const tol = sigma / 2 + round;
  for (let t = 0; t < count; t++) {
    const at = base + t * stride;
    requireThat('dequantized entry within σ/2 of the original and inside [min, max]', Math.abs(y[at] - x[at]) <= tol && y[at] >= mn - round && y[at] <= mx + round, info, `x=${x[at]} x̂=${y[at]} σ=${sigma} tol=${tol}`);
  }
}

/**
 * Generates the property of `lem:quantization-error`: for random instances
 * (entries from tiny to large, constant groups included), bits 2, 4, 8 and
 * group sizes 1..9, every entry of {@link quantizeCache}'s keys (groups of G
 * tokens per channel) and values (groups of G channels per token) is within
 * σ̂/2 + 8u(σ̂(2^b − 1) + |min| + |max|) + (2^{b+1} + 2)·2⁻¹⁰⁷⁴ of the original, and inside its
 * group's range widened by the same rounding term.
 * @lemma lem:quantization-error
 */
export function quantizedEntriesMoveByAtMostHalfAStep() {
  const entry = fc.oneof(fc.double({ min: -3, max: 3, noNaN: true }), fc.constantFrom(0, 1, -1, 1e-200, 1e200));
  const arb = fc.record({ n: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 5 }), dv: fc.integer({ min: 1, max: 5 }) }).chain(({ n, d, dv }) =>
    fc.record({
      K: fc.array(entry, { minLength: n * d, maxLength: n * d }),
      V: fc.array(entry, { minLength: n * dv, maxLength: n * dv }),
      bits: fc.constantFrom(2, 4, 8),
      group: fc.integer({ min: 1, max: 9 }),
      shape: fc.constant({ n, d, dv }),
    }),
  );
  return fc.property(arb, ({ K, V, bits, group, shape }) => {
    const inst: Instance = { ...shape, K: Float64Array.from(K), V: Float64Array.from(V) };
    const C = quantizeCache(inst, { bits, group });
    const info = () => describeCase(inst, undefined, C, `bits=${bits} group=${group}`);
    requireThat('a quantized cache keeps every row with weight 1', C.m === inst.n && C.weights.every((w) => w === 1), info);
    const { n, d, dv } = inst;
    for (let t0 = 0; t0 < n; t0 += group) for (let a = 0; a < d; a++) checkGroup(inst.K, C.K, t0 * d + a, d, Math.min(group, n - t0), bits, info);
    for (let i = 0; i < n; i++) for (let c0 = 0; c0 < dv; c0 += group) checkGroup(inst.V, C.V, i * dv + c0, 1, Math.min(group, dv - c0), bits, info);
  });
}
