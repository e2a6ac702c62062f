import { describe, expect, it } from 'vitest';
import { accumulatedAttention, h2oCoreset, nnlsOnRows, snapKvCoreset } from '../../src/construct/query-baselines.js';
import { InputError } from '../../src/errors.js';
import { validateCoreset } from '../../src/validate.js';
import type { Instance } from '../../src/types.js';

// Keys e_0..e_3 scaled, one query per key direction: query r attends mostly to key r.
const n = 8;
const d = 8;
const K = new Float64Array(n * d);
for (let i = 0; i < n; i++) K[i * d + i] = 1;
const inst: Instance = { n, d, dv: 1, K, V: Float64Array.from({ length: n }, (_, i) => i) };
const queriesOn = (rows: number[], s = 5): Float64Array => {
  const Q = new Float64Array(rows.length * d);
  rows.forEach((i, r) => (Q[r * d + i] = s));
  return Q;
};

describe('accumulatedAttention', () => {
  it('sums each row’s softmax weight over the queries (Σ over rows = number of queries)', () => {
    const acc = accumulatedAttention(inst, queriesOn([2, 2, 5]));
    expect(acc.reduce((a, b) => a + b, 0)).toBeCloseTo(3, 12);
    expect(Array.from(acc).indexOf(Math.max(...acc))).toBe(2);
  });
});

describe('h2oCoreset', () => {
  it('keeps the heavy hitters and then the most recent rows, weight 1', () => {
    const c = h2oCoreset(inst, queriesOn([1, 1, 3, 3, 1]), 4);
    validateCoreset(c, n);
    expect(Array.from(c.indices)).toEqual([1, 3, 6, 7]);
    expect(Array.from(c.weights)).toEqual([1, 1, 1, 1]);
  });
  it('rejects a size beyond n and a recent share outside [0, 1]', () => {
    expect(() => h2oCoreset(inst, queriesOn([1]), 9)).toThrow(InputError);
    expect(() => h2oCoreset(inst, queriesOn([1]), 2, { recent: 2 })).toThrow(/recent/);
  });
});

describe('snapKvCoreset', () => {
  it("keeps the window's own rows and fills with the top pooled votes", () => {
    // Fit queries at positions 0..3 attend to rows 5, 5, 2, 2; the window is the last 2 (positions 2, 3).
    const c = snapKvCoreset(inst, queriesOn([5, 5, 2, 2]), 3, { window: 2, kernel: 1, positions: [0, 1, 2, 3] });
    // Window rows 2, 3 kept; their votes are on row 2 (kept) and equal elsewhere: the tie goes to the lowest index.
    expect(Array.from(c.indices)).toEqual([0, 2, 3]);
  });
  it('rejects an even kernel', () => {
    expect(() => snapKvCoreset(inst, queriesOn([1]), 2, { kernel: 4 })).toThrow(/kernel/);
  });
});

describe('nnlsOnRows', () => {
  it('returns non-negative weights on a subset of the given rows', () => {
    const c = nnlsOnRows(inst, queriesOn([1, 3, 5]), Uint32Array.of(1, 3, 5));
    validateCoreset(c, n);
    for (const i of c.indices) expect([1, 3, 5]).toContain(i);
  });
});
