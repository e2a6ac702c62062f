import { describe, expect, it } from 'vitest';
import { buildCoreset } from '../../src/construct/build.js';
import { randomUnitVector, seededRng } from '../../src/families/rng.js';
import * as Ref from '../../src/reference/index.js';
import type { Instance } from '../../src/types.js';
import { normalizeCoreset } from '../../src/validate.js';
import { subsetMeasure } from '../../src/verify/measure.js';
import { momentCertificate } from '../../src/verify/moment.js';
import { verify } from '../../src/verify/verify.js';

/** Unit keys in a random r-dimensional subspace of R^d, unit values. */
function lowRank(n: number, d: number, r: number, seed: number): Instance {
  const rng = seededRng(seed);
  const basis = Array.from({ length: r }, () => randomUnitVector(rng, d));
  const K = new Float64Array(n * d);
  const V = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const y = randomUnitVector(rng, r);
    for (let t = 0; t < r; t++) for (let a = 0; a < d; a++) K[i * d + a] += y[t] * basis[t][a];
    V.set(randomUnitVector(rng, d), i * d);
  }
  return { n, d, dv: d, K, V };
}

describe('momentCertificate (directional form)', () => {
  it('is below the global form on low-rank keys, where Z grows along the keys, and above the 40-digit error at the witness', () => {
    const inst = lowRank(256, 16, 3, 2);
    const { coreset } = buildCoreset(inst, { rho: 2, size: 32, seed: 0 });
    const c = normalizeCoreset(coreset, inst.n);
    const m = momentCertificate(subsetMeasure(inst, c, 2, 1, true), 2);
    expect(m.directional).not.toBeNull();
    const dir = m.directional as number;
    expect(m.upper).toBe(Math.min(m.globalUpper, dir));
    // Keys of rank 3 on the unit sphere: Z_ŵ ≈ 1 + ρ²/6 along them, the global form divides by 1.
    expect(dir).toBeLessThan(m.globalUpper * 0.95);
    const v = verify(inst, coreset, { rho: 2, eps: 1e-9, rkhs: 'never', moment: 'never' });
    expect(Ref.coresetError(inst, v.witness, c, { digits: 40 }).toNumber()).toBeLessThanOrEqual(dir);
  });

  it('is not computed without the denominator rows, nor when turned off', () => {
    const inst = lowRank(64, 4, 2, 3);
    const c = normalizeCoreset(buildCoreset(inst, { rho: 1, size: 8, seed: 0 }).coreset, inst.n);
    const mu = subsetMeasure(inst, c, 1, 1, true);
    const { denominator: _, ...bare } = mu;
    expect(momentCertificate(bare, 1).directional).toBeNull();
    expect(momentCertificate(mu, 1, { directional: false }).directional).toBeNull();
    expect(momentCertificate(mu, 1).globalUpper).toBe(momentCertificate(mu, 1, { directional: false }).upper);
  });
});
