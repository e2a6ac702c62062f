import { describe, expect, it } from 'vitest';
import { stackShuffled } from '../../bench/peers/acceptance.js';
import { scoreSource } from '../../bench/peers/score.js';
import { bestPeer, cellRow, columns, familySummary, median, ratio, sourceTag, spread, type Cell } from '../../bench/peers/table.js';

const cell = (over: Partial<Cell>): Cell => ({ family: 'f', instance: 'i', n: 4096, d: 64, rho: 2, m: 256, size: 256, ours: [0.02], kt: [0.04], uniform: [0.08], ...over });

describe('peer grid arithmetic', () => {
  it('takes the smallest of the published best, kernel thinning and uniform measured here', () => {
    expect(bestPeer(cell({ published: { method: 'kernel thinning', error: 0.032 } }))).toEqual({ method: 'kernel thinning (published)', error: 0.032 });
    expect(bestPeer(cell({ published: { method: 'kernel thinning', error: 0.05 } }))).toEqual({ method: 'kernel thinning (run here)', error: 0.04 });
    expect(bestPeer(cell({ uniform: [0.02, 0.04] }))).toEqual({ method: 'uniform (run here)', error: 0.03 });
    expect(bestPeer(cell({ kt: [], uniform: [] }))).toBeUndefined();
  });

  it('divides the mean of ours over seeds by the best peer', () => {
    expect(ratio(cell({ ours: [0.01, 0.03], kt: [0.05, 0.03] }))).toBeCloseTo(0.5, 15);
    expect(ratio(cell({ ours: [] }))).toBeUndefined();
  });

  it('averages a column over its instances and summarises families over columns', () => {
    const cells = [
      cell({ instance: 'a', ours: [0.01] }), // 0.25
      cell({ instance: 'b', ours: [0.03] }), // 0.75
      cell({ instance: 'a', rho: 4, ours: [0.04] }), // 1.0
      cell({ family: 'g', ours: [0.02], kt: [], uniform: [] }), // no peer: left out
    ];
    const cols = columns(cells);
    expect(cols.map((c) => [c.family, c.rho, c.instances, c.ratio])).toEqual([
      ['f', 2, 2, 0.5],
      ['f', 4, 1, 1],
    ]);
    expect(familySummary(cells, 0.8)).toEqual([{ family: 'f', meanRatio: 0.75, columns: 2, cellsMet: 2, cells: 3 }]);
  });

  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });

  it('writes mean [min–max], the size actually used, and marks a published best peer', () => {
    expect(spread([0.1, 0.3])).toBe('0.2000 [0.1000–0.3000]');
    expect(spread([])).toBe('—');
    const row = cellRow(cell({ m: 64, size: 60, published: { method: 'kernel thinning', error: 0.032 } }));
    expect(row[5]).toBe('64 (60)');
    expect(row[10]).toBe('0.63 ᴾ');
    expect(cellRow(cell({}))[10]).toBe('0.50');
    expect(cellRow(cell({ uniform: [0.01] }))[10]).toBe('2.00 ᵁ');
  });

  it('names the estimator that gave each score', () => {
    expect(scoreSource({ readme: 0.03, falsifier: 0.02 })).toBe('R');
    expect(scoreSource({ readme: 0.02, falsifier: 0.03 })).toBe('F');
    expect(scoreSource({ readme: 0.03, falsifier: 0.03 * (1 + 1e-12) })).toBe('R=F');
    expect(scoreSource({ readme: 0.03, falsifier: null })).toBe('R');
    expect(sourceTag(['F', 'R=F', 'F'])).toBe(' ⟨F/R=F⟩');
    expect(sourceTag([])).toBe('');
    expect(cellRow(cell({ sources: { ours: ['F'], kt: ['R'], uniform: [] } })).slice(6, 9)).toEqual(['0.0200 ⟨F⟩', '0.0400 ⟨R⟩', '0.0800']);
  });

  it('stacks instances into a seeded order that keeps every row with its value', () => {
    const a = { n: 2, d: 1, dv: 1, K: Float64Array.from([1, 2]), V: Float64Array.from([10, 20]) };
    const b = { n: 3, d: 1, dv: 1, K: Float64Array.from([3, 4, 5]), V: Float64Array.from([30, 40, 50]) };
    const s = stackShuffled([a, b], 7);
    expect(s.n).toBe(5);
    expect([...s.K].sort()).toEqual([1, 2, 3, 4, 5]);
    for (let i = 0; i < 5; i++) expect(s.V[i]).toBe(10 * s.K[i]);
    expect(stackShuffled([a, b], 7).K).toEqual(s.K);
  });
});
