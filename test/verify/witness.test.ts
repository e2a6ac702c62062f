import { describe, expect, it } from 'vitest';
import { inBallExact, intoBall } from '../../src/verify/witness.js';

describe('intoBall', () => {
  it('returns a query already inside the ball unchanged', () => {
    // (0.6, 0.8) would not do: those doubles' squares sum to slightly above 1.
    const q = Float64Array.of(0.5, -0.5);
    expect(intoBall(q, 1)).toBe(q);
  });

  // Regression: the conformance run `conform --impl drop-small-norm.mjs --cases 90
  // --seed 11` stopped with an internal error because a witness mapped back from
  // the key span had norm 2.750000003465284 > ρ = 2.75 (relative excess 1.3e-9,
  // far beyond the 64 nudges of (1 − 4u) the old code allowed).
  it('projects a witness outside by 1.3e-9 relative onto the ball (regression, conform seed 11)', () => {
    const rho = 2.75;
    const q = Float64Array.of(-2.750000003465284, 1e-300);
    expect(inBallExact(q, rho)).toBe(false);
    const x = intoBall(q, rho);
    expect(inBallExact(x, rho)).toBe(true);
    expect(Math.hypot(...x)).toBeGreaterThan(rho * (1 - 1e-12));
  });

  it('keeps the direction of a projected query', () => {
    const x = intoBall(Float64Array.of(3, 4), 1);
    expect(inBallExact(x, 1)).toBe(true);
    expect(x[1] / x[0]).toBeCloseTo(4 / 3, 14);
  });
});
