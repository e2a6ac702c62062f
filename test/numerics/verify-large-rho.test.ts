/**
 * Regression (issue 13): `verify --rho 1e20` on unit keys reported
 * lower = NaN and verdict not-refuted with exit 0, while ρ = 1e15 gave a
 * proven fail; `--scale 1e300` the same.
 */
import { describe, expect, it } from 'vitest';
import { fileWriter } from './files.js';
import { cli } from '../cli/attention-helpers.js';

const { put } = fileWriter('attn-num-verify-');

describe('verify at huge ρ and scale', () => {
  // Keys ±1 with values ±1; the coreset {−1} has error 2 at q = +ρ for every ρ.
  const k = put('k.json', '[[1],[-1]]');
  const v = put('v.json', '[[1],[-1]]');
  const c = put('c.json', '{"indices":[1],"weights":[1]}');
  for (const [rho, scale] of [['1e15', '1'], ['1e20', '1'], ['1e308', '1'], ['1', '1e300']]) {
    it(`fails with lower ≈ 2 at rho ${rho}, scale ${scale}`, async () => {
      const res = await cli(['verify', '--keys', k, '--values', v, '--coreset', c, '--rho', rho, '--scale', scale, '--eps', '0.1', '--json']);
      expect(res.code, res.stderr).toBe(1);
      const doc = JSON.parse(res.stdout) as { verdict: string; lower: number };
      expect(doc.verdict).toBe('fail');
      expect(doc.lower).toBeGreaterThan(1.99);
      expect(doc.lower).toBeLessThanOrEqual(2);
    });
  }
});

describe('verify where the logits over the ball leave binary64', () => {
  it('refuses |scale|·ρ·max‖k‖ > 1.8e308 with exit 2 naming ρ and the scale (not a witness at q = 0, not a query overflow)', async () => {
    const k = put('k2.json', '[[1],[-1]]');
    const v = put('v2.json', '[[1],[-1]]');
    const c = put('c2.json', '{"indices":[1],"weights":[1]}');
    const res = await cli(['verify', '--keys', k, '--values', v, '--coreset', c, '--rho', '1e300', '--scale', '1e300', '--eps', '0.1']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/rho: \|scale\|·ρ·max‖k_i‖ = 1e\+300·1e\+300·1 exceeds the largest binary64/);
  });
});
