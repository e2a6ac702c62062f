import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeNpy } from '../../src/io/npy.js';
import { cli, gaussian, rng, tempDir, withRowNorms } from '../cli/attention-helpers.js';

// Three tiny heads (n = 16, d = 2) named as the committed fixtures are, and one without its keys.
const dir = tempDir('attn-report-heads-');
const heads = join(dir, 'heads');
const rand = rng(3);
const npy = (rows: number, cols: number, data: Float64Array): Uint8Array => encodeNpy({ rows, cols, data });
for (const name of ['l0-h0', 'l0-h1', 'l1-h0', 'l1-h1']) {
  const at = join(heads, name);
  mkdirSync(at, { recursive: true });
  if (name !== 'l1-h1') writeFileSync(join(at, 'k.npy'), npy(16, 2, withRowNorms(gaussian(rand, 32), 2, 0.5, 1, rand)));
  writeFileSync(join(at, 'v.npy'), npy(16, 2, gaussian(rand, 32)));
  writeFileSync(join(at, 'q.npy'), npy(8, 2, withRowNorms(gaussian(rand, 16), 2, 0.2, 1, rand)));
}
const out = join(dir, 'heads.html');

describe('attn-coreset report --heads', () => {
  it('writes a table, a layer × head heat map with one linked cell per head, and a section per head', async () => {
    const r = await cli(['report', '--heads', heads, '--eps', '0.05', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('4 heads (1 not read)');
    const html = readFileSync(out, 'utf8');
    expect(html.match(/class="cell"/g)).toHaveLength(4);
    for (const name of ['l0-h0', 'l0-h1', 'l1-h0', 'l1-h1']) {
      expect(html).toContain(`<section id="head-${name}"`);
      expect(html.match(new RegExp(`<a href="#head-${name}"`, 'g'))).toHaveLength(2);
    }
    expect(html.match(/data-plot="head-/g)).toHaveLength(3);
    expect(html).toContain('could not be read');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toContain('NaN');
  });

  it('refuses the verify-only options without --keys, and --fraction without --heads (exit 2)', async () => {
    const a = await cli(['report', '--heads', heads, '--eps', '0.05', '--rho', '1', '--out', join(dir, 'x.html')]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('--rho');
    const b = await cli(['report', '--keys', 'K.npy', '--values', 'V.npy', '--coreset', 'C.json', '--rho', '1', '--eps', '0.05', '--fraction', '0.5', '--out', join(dir, 'x.html')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('--fraction');
  });

  it('names a --heads path that does not exist (exit 2)', async () => {
    const r = await cli(['report', '--heads', join(dir, 'nowhere'), '--eps', '0.05', '--out', join(dir, 'x.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nowhere');
  });
});
