import { Decimal } from 'decimal.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attentionErrorBound, evaluationProfile } from '../../src/fast/float-error.js';
import { encodeNpy } from '../../src/io/npy.js';
import { readMatrix } from '../../src/io/read-matrix.js';
import { encodeSafetensors } from '../../src/io/safetensors.js';
import type { Instance, Weighting } from '../../src/types.js';
import { cli, dist, gaussian, naiveAttention, rng, tempDir, withRowNorms } from './attention-helpers.js';

const dir = tempDir('attn-cli-');
const put = (name: string, content: Uint8Array | string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

interface Doc {
  shape: [number, number];
  data: (number | string)[][];
  method: string;
  nearest?: number[][];
  digits?: number;
  errorBound?: number[];
  weights: { kind: string; size: number; repeated: number };
}

/**
 * The tolerance of comparing the CLI's binary64 result with the independent
 * loop: each is within attentionErrorBound of the exact A_w(q)
 * (lem:float-error: the bound covers any summation order of the same
 * operations), so they differ by at most twice the bound.
 */
function tolerance(inst: Instance, q: Float64Array, w: Weighting, scale: number): number {
  return 2 * attentionErrorBound(evaluationProfile(inst, q, w, { scale }));
}

function makeCase(seed: number, n: number, d: number, dv: number, r: number) {
  const rand = rng(seed);
  const K = withRowNorms(gaussian(rand, n * d), d, 0.2, 3, rand);
  const V = gaussian(rand, n * dv);
  const Q = withRowNorms(gaussian(rand, r * d), d, 0.1, 4, rand);
  return { inst: { n, d, dv, K, V } as Instance, Q };
}

describe('attention command', () => {
  it('agrees with an independent float64 loop within lem:float-error (full, dense and coreset weights, two scales)', async () => {
    for (const seed of [1, 2, 3]) {
      const { inst, Q } = makeCase(seed, 40, 6, 3, 5);
      const k = put(`k${seed}.npy`, encodeNpy({ rows: inst.n, cols: inst.d, data: inst.K }));
      const v = put(`v${seed}.json`, JSON.stringify(Array.from({ length: inst.n }, (_, i) => Array.from(inst.V.subarray(i * inst.dv, (i + 1) * inst.dv)))));
      const q = put(`q${seed}.safetensors`, encodeSafetensors({ queries: { rows: 5, cols: inst.d, data: Q } }));
      const dense = new Float64Array(inst.n).map((_, i) => (i % 3 === 0 ? 0 : 1 + (i % 5)));
      const wDense = put(`w${seed}.npy`, encodeNpy({ rows: 1, cols: inst.n, data: dense }, { vector: true }));
      const wCore = put(`c${seed}.json`, JSON.stringify({ indices: [3, 7, 7, 20], weights: [1, 0.5, 2, 4] }));
      const coreDense = new Float64Array(inst.n);
      coreDense[3] = 1;
      coreDense[7] = 2.5;
      coreDense[20] = 4;
      const cases: [string[], Float64Array | null][] = [[[], null], [['--weights', wDense], dense], [['--weights', wCore], coreDense]];
      for (const scale of [1, 0.37]) {
        for (const [extra, a] of cases) {
          const res = await cli(['attention', '--keys', k, '--values', v, '--queries', q, '--scale', String(scale), ...extra]);
          expect(res.code, res.stderr).toBe(0);
          expect(res.stderr).toBe('');
          const doc = JSON.parse(res.stdout) as Doc;
          expect(doc.shape).toEqual([5, inst.dv]);
          const w: Weighting = a === null ? null : { indices: Uint32Array.from(a.keys()).filter((i) => a[i] > 0), weights: a.filter((x) => x > 0) };
          for (let r = 0; r < 5; r++) {
            const qr = Q.subarray(r * inst.d, (r + 1) * inst.d);
            const want = naiveAttention(inst.K, inst.V, inst.d, inst.dv, qr, a, scale);
            const tol = tolerance(inst, qr, w, scale);
            expect(dist(doc.data[r] as number[], want), `seed ${seed} scale ${scale} ${extra.join(' ')} row ${r}`).toBeLessThanOrEqual(tol);
            expect(doc.errorBound?.[r]).toBeGreaterThan(0);
          }
        }
      }
    }
  });

  it('handles a transformer-head-like float32 dump (‖k‖ in 5–20, ‖q‖ in 5–20, scale 1/√64)', async () => {
    const rand = rng(64);
    const n = 300;
    const d = 64;
    const r = 8;
    // As a Python user dumps them: float32, so compare on the rounded values.
    const K = withRowNorms(gaussian(rand, n * d), d, 5, 20, rand).map(Math.fround);
    const V = gaussian(rand, n * d).map((x) => Math.fround(3 * x));
    const Q = withRowNorms(gaussian(rand, r * d), d, 5, 20, rand).map(Math.fround);
    const files = [put('hk.npy', encodeNpy({ rows: n, cols: d, data: K }, { dtype: '<f4' })), put('hv.npy', encodeNpy({ rows: n, cols: d, data: V }, { dtype: '<f4' })), put('hq.npy', encodeNpy({ rows: r, cols: d, data: Q }, { dtype: '<f4' }))];
    const out = join(dir, 'head-out.npy');
    const res = await cli(['attention', '--keys', files[0], '--values', files[1], '--queries', files[2], '--scale', '0.125', '--out', out]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toBe('');
    const A = readMatrix(out);
    expect([A.rows, A.cols]).toEqual([r, d]);
    const inst: Instance = { n, d, dv: d, K, V };
    let spread = 0;
    for (let t = 0; t < r; t++) {
      const qr = Q.subarray(t * d, (t + 1) * d);
      const want = naiveAttention(K, V, d, d, qr, null, 0.125);
      expect(dist(A.data.subarray(t * d, (t + 1) * d), want), `query ${t}`).toBeLessThanOrEqual(tolerance(inst, qr, null, 0.125));
      spread = Math.max(spread, Math.abs(A.data[t * d]));
    }
    expect(spread).toBeGreaterThan(0); // not all zero: the comparison has content
  });

  it('--reference at 40 digits agrees with 60 digits to at least 30 significant digits, and with the fast path', async () => {
    const { inst, Q } = makeCase(7, 12, 4, 3, 2);
    const k = put('rk.npy', encodeNpy({ rows: inst.n, cols: inst.d, data: inst.K }));
    const v = put('rv.npy', encodeNpy({ rows: inst.n, cols: inst.dv, data: inst.V }));
    const q = put('rq.npy', encodeNpy({ rows: 2, cols: inst.d, data: Q }));
    const base = ['attention', '--keys', k, '--values', v, '--queries', q, '--scale', '0x1.8p-1', '--reference'];
    const d40 = JSON.parse((await cli([...base, '--digits', '40'])).stdout) as Doc;
    const d60 = JSON.parse((await cli([...base, '--digits=60'])).stdout) as Doc;
    const fast = JSON.parse((await cli(base.slice(0, -1))).stdout) as Doc;
    expect([d40.method, d40.digits, d60.digits]).toEqual(['reference', 40, 60]);
    for (let r = 0; r < 2; r++) {
      for (let c = 0; c < inst.dv; c++) {
        const a = new Decimal(d40.data[r][c] as string);
        const b = new Decimal(d60.data[r][c] as string);
        expect((d40.data[r][c] as string).replace(/^-/, '').replace(/e.*$/, '').replace('.', '')).toHaveLength(40);
        expect(a.minus(b).abs().lte(b.abs().times('1e-30')), `${a} vs ${b}`).toBe(true);
        // V8 reads a long decimal string correctly rounded: the nearest double.
        expect(d60.nearest?.[r][c]).toBe(Number(d60.data[r][c]));
      }
      const qr = Q.subarray(r * inst.d, (r + 1) * inst.d);
      expect(dist(fast.data[r] as number[], d60.nearest?.[r] ?? [])).toBeLessThanOrEqual(tolerance(inst, qr, null, 0.75));
    }
  });

  it('writes .npy, .safetensors and .json outputs that read back to the stdout result, and a --json summary', async () => {
    const { inst, Q } = makeCase(9, 10, 3, 2, 3);
    const k = put('ok.npy', encodeNpy({ rows: inst.n, cols: inst.d, data: inst.K }));
    const v = put('ov.npy', encodeNpy({ rows: inst.n, cols: inst.dv, data: inst.V }));
    const q = put('oq.npy', encodeNpy({ rows: 3, cols: inst.d, data: Q }));
    const args = ['attention', '--keys', k, '--values', v, '--queries', q];
    const doc = JSON.parse((await cli(args)).stdout) as Doc;
    const flat = (doc.data as number[][]).flat();
    for (const ext of ['npy', 'safetensors', 'json']) {
      const out = join(dir, `o.${ext}`);
      const res = await cli([...args, '--out', out, '--json', '--hex']);
      expect(res.code, res.stderr).toBe(0);
      expect(JSON.parse(res.stdout)).toMatchObject({ command: 'attention', out, method: 'fast', shape: [3, 2], n: 10, d: 3, dv: 2 });
      expect(Array.from(readMatrix(out).data), ext).toEqual(flat);
    }
  });

  it('prints a human summary on stderr only when stderr is a TTY', async () => {
    const { inst, Q } = makeCase(11, 5, 2, 2, 1);
    const k = put('tk.npy', encodeNpy({ rows: inst.n, cols: inst.d, data: inst.K }));
    const v = put('tv.npy', encodeNpy({ rows: inst.n, cols: inst.dv, data: inst.V }));
    const q = put('tq.npy', encodeNpy({ rows: 1, cols: inst.d, data: Q }, { vector: true }));
    const res = await cli(['attention', '--keys', k, '--values', v, '--queries', q], { tty: true });
    expect(res.stderr).toMatch(/attention: 1 query, n = 5, d = 2, dv = 2, full weights of size 5; fast, float-error bound ≤ /);
  });

  it('rejects bad input with exit 2 and a message naming the problem', async () => {
    const k = put('ek.json', '[[1, 0], [0, 1]]');
    const v = put('ev.json', '[[1], [2]]');
    const q3 = put('eq3.json', '[[1, 2, 3]]');
    const qNaN = put('eqnan.json', '[[1, 2], [3, "NaN"]]');
    const cases: [string[], RegExp][] = [
      [['--queries', q3], /eq3\.json: queries have 3 columns but the keys .*ek\.json have d = 2/],
      [['--queries', qNaN], /eqnan\.json row 1, column 1: entry is NaN/],
      [['--queries', k, '--digits', '30'], /--digits: applies only with --reference/],
      [['--queries', k, '--reference', '--digits', '0'], /--digits: digits must be ≥ 1, got 0/],
      [['--queries', k, '--scale', 'abc'], /--scale: must be a number, got "abc"/],
      [['--queries', k, '--weights', put('ew.json', '[1, 2, 3]')], /has 3 weights but the instance has n = 2 rows/],
      [['--queries', k, '--weights', put('ec.json', '{"indices": [5]}')], /indices\[0\]: is 5, but the instance has rows 0\.\.1/],
      [['--queries', k, '--out', join(dir, 'x.txt')], /--out: '.*x\.txt' must end in \.npy, \.safetensors or \.json/],
      [['--queries', k, '--values', v, '--values', v], /--values: is given more than once/],
      [[], /--queries: is required/],
    ];
    for (const [extra, re] of cases) {
      const hasValues = extra.includes('--values');
      const argv = ['attention', '--keys', k, ...(hasValues ? [] : ['--values', v]), ...extra];
      const res = await cli(argv);
      expect(res.code, `${extra.join(' ')}: ${res.stderr}`).toBe(2);
      expect(res.stderr, extra.join(' ')).toMatch(re);
      expect(res.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
