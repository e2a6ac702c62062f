/**
 * Regressions (issue 13): at d = 50,000 a witness of norm 1.000000000001037
 * "cannot be brought inside ρ = 1" (the nudge was smaller than the norm's
 * rounding); `Math.hypot(...row)` overflowed the call stack at d ≈ 130,000;
 * "has norm 1 > ρ = 1" hid an excess of 4e-17.
 */
import { describe, expect, it } from 'vitest';
import { euclideanNorm } from '../../src/fast/norm.js';
import { validateQueries } from '../../src/verify/queries.js';
import { inBallExact, intoBall } from '../../src/verify/witness.js';
import { rng } from '../cli/attention-helpers.js';

/** A d-vector with entries of alternating sign and norm about r. */
function wideVector(d: number, r: number, seed: number): Float64Array {
  const rand = rng(seed);
  const x = Float64Array.from({ length: d }, () => rand() - 0.5);
  let s = 0;
  for (const t of x) s += t * t;
  const f = r / Math.sqrt(s);
  return x.map((t) => t * f);
}

describe('intoBall at large d', () => {
  for (const d of [50_000, 200_000]) {
    it(`lands inside ρ = 1 from a norm 1 + 1e-12 at d = ${d}`, () => {
      const q = wideVector(d, 1 + 1e-12, d);
      expect(inBallExact(q, 1)).toBe(false);
      const x = intoBall(q, 1);
      expect(inBallExact(x, 1)).toBe(true);
      // The projection loses only rounding-size norm, not the direction.
      expect(euclideanNorm(x)).toBeGreaterThan(1 - 1e-9);
    });
  }

  it('lands inside a subnormal radius (0 at the very worst)', () => {
    const x = intoBall(Float64Array.of(3e-320, 4e-320), 1e-321);
    expect(inBallExact(x, 1e-321)).toBe(true);
  });
});

describe('euclideanNorm', () => {
  it('takes a row of 300,000 entries (no argument spread) and rows at the ends of binary64', () => {
    expect(Math.abs(euclideanNorm(new Float64Array(300_000).fill(1)) - Math.sqrt(300_000))).toBeLessThanOrEqual(300_000 * 2 ** -52);
    expect(euclideanNorm(Float64Array.of(3e300, 4e300))).toBeCloseTo(5e300, -286);
    expect(euclideanNorm(Float64Array.of(3e-310, 4e-310))).toBe(5e-310);
    expect(euclideanNorm(Float64Array.of(Number.MAX_VALUE, Number.MAX_VALUE))).toBe(Infinity);
  });
});

describe('validateQueries message', () => {
  it('shows the excess of a query whose norm rounds to ρ', () => {
    // In these doubles 0.6² + 0.8² = 1 + 4.4408920985006264e-17 exactly (Python
    // fractions), so ‖q‖ = 1 + 2.2204460492503131e-17…, although Math.sqrt gives 1.
    const q = Float64Array.of(0.6, 0.8);
    expect(() => validateQueries(q, 2, 1)).toThrow(/has norm 1\.00000000000000002220446 > ρ = 1 \(exceeds it by 2\.22e-17\)/);
  });
});
