/**
 * Regression (issue 13): `verify` with d ≥ ≈ 130,000 died with "Maximum
 * call stack size exceeded" (`Math.hypot(...row)` in the key span and the
 * CLI summary), and the falsifier's start matrix grew as budget × d.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeNpy } from '../../src/io/npy.js';
import { defaultBudget, MAX_START_ENTRIES } from '../../src/verify/defaults.js';
import { cli, gaussian, rng, tempDir, withRowNorms } from '../cli/attention-helpers.js';

describe('verify at d = 140,000', () => {
  it('gives a verdict (text summary included) instead of a stack overflow', async () => {
    const d = 140_000;
    const dir = tempDir('attn-num-wide-');
    const rand = rng(5);
    const k = join(dir, 'k.npy');
    const v = join(dir, 'v.npy');
    const c = join(dir, 'c.json');
    writeFileSync(k, encodeNpy({ rows: 2, cols: d, data: withRowNorms(gaussian(rand, 2 * d), d, 1, 1, rand) }));
    writeFileSync(v, encodeNpy({ rows: 2, cols: 1, data: Float64Array.of(1, -1) }));
    writeFileSync(c, '{"indices":[0],"weights":[2]}');
    const res = await cli(['verify', '--keys', k, '--values', v, '--coreset', c, '--rho', '1', '--eps', '0.01', '--budget', '16']);
    expect(res.stderr).not.toMatch(/internal error|call stack/);
    expect([0, 1]).toContain(res.code);
    expect(res.stdout).toMatch(/witness: ‖q‖ = /);
  });
});

describe('falsifier memory at large d', () => {
  it('screens at most MAX_START_ENTRIES entries and budgets the climb passes over d', () => {
    // 3 copies of the start matrix at 8 bytes an entry stay under 256 MiB.
    expect(3 * 8 * MAX_START_ENTRIES).toBeLessThanOrEqual(256 * 2 ** 20);
    expect(defaultBudget(2, 200_000, 2)).toBe(Math.floor(2.5e9 / (2 * 200_002 + 16 * 200_000)));
    expect(defaultBudget(4096, 64, 64)).toBe(4096);
  });
});
