import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coresetError } from '../../src/fast/coreset-error.js';
import { encodeNpy } from '../../src/io/npy.js';
import { cli, tempDir } from '../cli/attention-helpers.js';

const dir = tempDir('attn-cert-cli-');
const put = (name: string, content: Uint8Array | string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

// A 2-D instance: 24 unit keys at fixed angles, unit values, a coreset of 6 rows.
const n = 24;
const K = new Float64Array(n * 2);
const V = new Float64Array(n * 2);
for (let i = 0; i < n; i++) {
  const a = (2 * Math.PI * i) / n + 0.3 * Math.sin(7 * i);
  const b = 1.7 * i + 0.5;
  K.set([Math.cos(a), Math.sin(a)], 2 * i);
  V.set([Math.cos(b), Math.sin(b)], 2 * i);
}
const inst = { n, d: 2, dv: 2, K, V };
const coreset = { indices: Uint32Array.of(0, 4, 9, 13, 17, 21), weights: Float64Array.of(1, 1.2, 0.9, 1, 1.1, 0.8) };
const keys = put('K.npy', encodeNpy({ rows: n, cols: 2, data: K }));
const values = put('V.npy', encodeNpy({ rows: n, cols: 2, data: V }));
const cs = put('c.json', JSON.stringify({ indices: Array.from(coreset.indices), weights: Array.from(coreset.weights) }));
const rho = 2;

/**
 * The sup of err over the disc, independently of the verifier: a 401 × 401
 * grid, then compass search from the 20 best grid points down to steps of
 * 1e-9 (a lower estimate of the sup, within far less than 1e-3 of it here).
 */
function gridSup(): number {
  const err = (x: number, y: number): number => {
    const r = Math.hypot(x, y);
    const q = r > rho ? Float64Array.of((x * rho) / r, (y * rho) / r) : Float64Array.of(x, y);
    return coresetError(inst, q, coreset);
  };
  const pts: [number, number, number][] = [];
  const G = 400;
  for (let a = 0; a <= G; a++) {
    for (let b = 0; b <= G; b++) {
      const x = -rho + (2 * rho * a) / G;
      const y = -rho + (2 * rho * b) / G;
      if (Math.hypot(x, y) <= rho) pts.push([x, y, err(x, y)]);
    }
  }
  pts.sort((p, q) => q[2] - p[2]);
  let best = pts[0][2];
  for (const [x0, y0, e0] of pts.slice(0, 20)) {
    let [x, y, e] = [x0, y0, e0];
    for (let h = rho / G; h > 1e-9; ) {
      let moved = false;
      for (const [dx, dy] of [[h, 0], [-h, 0], [0, h], [0, -h]]) {
        const f = err(x + dx, y + dy);
        if (f > e) {
          [x, y, e] = [x + dx, y + dy, f];
          moved = true;
          break;
        }
      }
      if (!moved) h /= 2;
    }
    best = Math.max(best, e);
  }
  return best;
}

describe('attn-coreset verify --tolerance', () => {
  it('returns the sup within the tolerance on a 2-D instance with ε = 1.2 × sup', async () => {
    const sup = gridSup();
    const eps = 1.2 * sup;
    const r = await cli(['verify', '--keys', keys, '--values', values, '--coreset', cs, '--rho', String(rho), '--eps', String(eps), '--tolerance', '1e-3', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { upper: number; lower: number; upperMethod: string };
    expect(doc.upperMethod).toBe('branch-and-bound');
    expect(doc.upper).toBeGreaterThanOrEqual(sup * (1 - 1e-12));
    expect(doc.upper).toBeLessThanOrEqual(sup + 1e-3);
  });

  it('names the bound behind upper and its ratio to lower in the human output', async () => {
    const r = await cli(['verify', '--keys', keys, '--values', values, '--coreset', cs, '--rho', String(rho), '--eps', '10']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/upper from: (branch-and-bound|residual-branch-and-bound|moment|rkhs), [0-9.e+-]+× lower \(\+[0-9.e+-]+\); lower proved by: /);
  });

  it('rejects a bad --witness-check and a non-positive --tolerance with exit 2', async () => {
    const base = ['verify', '--keys', keys, '--values', values, '--coreset', cs, '--rho', '2', '--eps', '0.1'];
    expect((await cli([...base, '--witness-check', 'maybe'])).code).toBe(2);
    expect((await cli([...base, '--tolerance', '0'])).code).toBe(2);
  });
});
