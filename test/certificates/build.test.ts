import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCertified } from '../../src/construct/certified.js';
import { randomUnitVector, seededRng } from '../../src/families/rng.js';
import { encodeNpy } from '../../src/io/npy.js';
import { normalizeCoreset } from '../../src/validate.js';
import { subsetMeasure } from '../../src/verify/measure.js';
import { momentCertificate } from '../../src/verify/moment.js';
import { rkhsCertificate } from '../../src/verify/rkhs.js';
import { cli, tempDir } from '../cli/attention-helpers.js';

const n = 240;
const d = 4;
const rng = seededRng(11);
const K = new Float64Array(n * d);
const V = new Float64Array(n * d);
for (let i = 0; i < n; i++) {
  K.set(randomUnitVector(rng, d), i * d);
  V.set(randomUnitVector(rng, d), i * d);
}
const inst = { n, d, dv: d, K, V };

describe('buildCertified', () => {
  it('returns a coreset whose recomputed certificate is ≤ ε, no smaller than the unrefuted size', () => {
    const eps = 0.15;
    const r = buildCertified(inst, { rho: 1, eps, seed: 0 });
    expect(r.certified).toBe(true);
    expect(r.size).toBeGreaterThanOrEqual(r.unrefutedSize);
    expect(r.verification.verdict).toBe('certified');
    const c = normalizeCoreset(r.coreset, n);
    const recomputed = Math.min(rkhsCertificate(inst, c, 1).upper, momentCertificate(subsetMeasure(inst, c, 1, 1, true), 1).upper);
    expect(recomputed).toBe(r.upper);
    expect(recomputed).toBeLessThanOrEqual(eps);
    // The bisection's lower end was tried and not certified.
    const below = r.trials.filter((t) => t.size < r.size && t.size >= r.unrefutedSize);
    for (const t of below) expect(t.upper).toBeGreaterThan(eps);
  });
});

describe('attn-coreset build --certify', () => {
  const dir = tempDir('attn-certify-cli-');
  const keys = join(dir, 'K.npy');
  const values = join(dir, 'V.npy');
  writeFileSync(keys, encodeNpy({ rows: n, cols: d, data: K }));
  writeFileSync(values, encodeNpy({ rows: n, cols: d, data: V }));
  it('reports the certified size against the unrefuted size and √d·e^ρ/ε', async () => {
    const out = join(dir, 'c.json');
    const r = await cli(['build', '--keys', keys, '--values', values, '--rho', '1', '--eps', '0.15', '--certify', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { parameters: { size: number; unrefutedSize: number; boundRatio: number; sizeOverUnrefuted: number }; certificate: { upper: number; certified: boolean }; verdict: { verdict: string } };
    expect(doc.certificate.certified).toBe(true);
    expect(doc.verdict.verdict).toBe('certified');
    expect(doc.certificate.upper).toBeLessThanOrEqual(0.15);
    expect(doc.parameters.sizeOverUnrefuted).toBeCloseTo(doc.parameters.size / doc.parameters.unrefutedSize, 12);
    expect(doc.parameters.boundRatio).toBeCloseTo(doc.parameters.size / ((Math.sqrt(d) * Math.E) / 0.15), 12);
  });
  it('refuses --certify without --eps (exit 2)', async () => {
    expect((await cli(['build', '--keys', keys, '--values', values, '--rho', '1', '--size', '10', '--certify'])).code).toBe(2);
  });
});
