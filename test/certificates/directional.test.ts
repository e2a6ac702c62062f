import { describe, expect, it } from 'vitest';
import { buildCoreset } from '../../src/construct/build.js';
import * as Ref from '../../src/reference/index.js';
import { lowRankInstance as lowRank } from '../helpers/low-rank.js';
import { normalizeCoreset } from '../../src/validate.js';
import { subsetMeasure } from '../../src/verify/measure.js';
import { momentCertificate } from '../../src/verify/moment.js';
import { verify } from '../../src/verify/verify.js';

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
