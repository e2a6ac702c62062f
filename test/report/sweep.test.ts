import { describe, expect, it } from 'vitest';
import { isCache } from '../../src/fast/support.js';
import { sphereInstance } from '../../src/families/index.js';
import { SWEEP_MAX_ROWS, sizeSweep, sweepSizes } from '../../src/report/sweep.js';
import type { Compressed } from '../../src/types.js';

// The stub error of a compressed side is its row count, so each point shows what was measured.
const rowsOf = (c: Compressed): number => (isCache(c) ? c.m : c.indices.length);
const inst = sphereInstance({ n: 40, d: 3, dv: 2, seed: 5 });

describe('sweepSizes', () => {
  it('spans m/4 to 4m, distinct, below n', () => {
    // 10·16^(k/5), k = 0…5: 10, 17.41, 30.31, 52.78, 91.90, 160, rounded
    expect(sweepSizes(1000, 40)).toEqual([10, 17, 30, 53, 92, 160]);
    expect(Math.max(...sweepSizes(40, 20))).toBe(39);
    for (const m of sweepSizes(40, 20)) expect(m).toBeLessThan(40);
  });
});

describe('sizeSweep', () => {
  const series = sizeSweep(inst, 1, 1, 1, 0, { sizes: [4, 8, 16] }, rowsOf);
  const by = Object.fromEntries(series.map((s) => [s.method, s]));

  it('has the builder and every baseline, each with points', () => {
    expect(series.map((s) => s.method)).toEqual(['builder', 'uniform', 'sensitivity', 'merge', 'refit', 'quantize']);
    for (const s of series) expect(s.points.length).toBeGreaterThan(0);
  });

  it('measures subsets and merged caches at the sizes asked, a kept row costing (d + dv)·8 bytes', () => {
    for (const m of ['uniform', 'merge'] as const) {
      expect(by[m].points.map((p) => p.rows)).toEqual([4, 8, 16]);
      for (const p of by[m].points) {
        expect(p.bytes).toBe(p.rows * 40);
        expect(p.memoryRows).toBe(p.rows);
        expect(p.error).toBe(p.rows);
      }
    }
    // builder prefixes (and their value refits) keep at most m rows: zero weights are dropped
    for (const p of [...by.builder.points, ...by.refit.points]) expect(p.error).toBe(p.rows);
    expect(by.builder.points.length).toBe(3);
  });

  it('counts a quantized cache by its bytes: n(d + dv)b/8 plus 4 bytes per group of keys and of values', () => {
    // n = 40, d = 3, dv = 2, G = 32: keys 3·⌈40/32⌉ = 6 groups, values 40·⌈2/32⌉ = 40 groups.
    const expected = { '2-bit': 40 * 5 * 2 / 8 + 4 * 46, '4-bit': 40 * 5 * 4 / 8 + 4 * 46, '8-bit': 40 * 5 + 4 * 46 };
    expect(by.quantize.points.map((p) => [p.tag, p.bytes, p.memoryRows, p.rows])).toEqual(Object.entries(expected).map(([t, b]) => [t, b, b / 40, 40]));
  });

  it('takes the builder points as given and refits the given subsets, without running the builder', () => {
    const given = [[5, 0.25], [9, 0.125]] as const;
    const c = { indices: Uint32Array.of(1, 2, 3), weights: Float64Array.of(10, 10, 20) };
    const s = sizeSweep(inst, 1, 1, 1, 0, { sizes: [5], builder: given, refitFrom: [c], bits: [4] }, rowsOf);
    expect(s[0].points.map((p) => [p.rows, p.error])).toEqual(given);
    expect(s.find((x) => x.method === 'refit')?.points.map((p) => p.error)).toEqual([3]);
    expect(s.find((x) => x.method === 'quantize')?.points).toHaveLength(1);
  });

  it(`leaves out builder and refit sizes above ${SWEEP_MAX_ROWS} rows and says so`, () => {
    const big = sphereInstance({ n: SWEEP_MAX_ROWS + 60, d: 2, dv: 1, seed: 1 });
    const s = sizeSweep(big, 1, 1, 1, 0, { sizes: [SWEEP_MAX_ROWS + 10], bits: [8] }, rowsOf);
    for (const m of ['builder', 'refit']) {
      const x = s.find((y) => y.method === m);
      expect(x?.points).toHaveLength(0);
      expect(x?.omitted).toMatch(/above 512/);
    }
    expect(s.find((y) => y.method === 'uniform')?.points).toHaveLength(1);
  });
});
