import { describe, expect, it } from 'vitest';
import type { HeadEntry, HeadsData } from '../../src/report/heads-data.js';
import { headGrid } from '../../src/report/heads-data.js';
import { headSection, headsOverview } from '../../src/report/heads-sections.js';
import { heatColor, heatmapSvg } from '../../src/report/heatmap.js';
import type { QueryStats } from '../../src/stats/query-stats.js';

const stats = (max: number): QueryStats => ({ n: 4, exceeding: 1, max, p99: max, p90: max, mean: max / 2, confidence: 0.95, exceedUpper: 0.5, p90Upper: Infinity, p99Upper: Infinity });

/** A many-heads run of `names`, every head ok except those in `broken`. */
function headsOf(names: string[], broken: string[] = []): HeadsData {
  const grid = headGrid(names, new Map());
  const heads = names.map((name, i): HeadEntry => ({
    name,
    ...grid.cells[i],
    ...(broken.includes(name)
      ? { report: { head: name, ok: false, error: 'cannot read k.npy' } }
      : {
          report: { head: name, ok: true, n: 8, d: 2, size: 2, scale: 1, fit: 4, heldOut: stats(0.1 * (i + 1)), uniform: { max: 0.5, mean: 0.2 } },
          errors: { builder: Float64Array.of(0.01, 0.02, 0.05, 0.1 * (i + 1)), uniform: Float64Array.of(0.1, 0.2, 0.3, 0.5) },
        }),
  }));
  return { options: { fraction: 0.25, eps: 0.05 }, heads, rows: [...new Set(grid.cells.map((c) => c.row))].sort(), cols: [...new Set(grid.cells.map((c) => c.col))].sort(), rowLabel: grid.rowLabel, colLabel: grid.colLabel };
}

const ids = (html: string): Set<string> => new Set([...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]));
const hrefs = (html: string): string[] => [...html.matchAll(/<a href="#([^"]+)"/g)].map((m) => m[1]);

describe('headGrid', () => {
  it('places p<k>-l<k>-h<k> names by their prefix and head number', () => {
    const g = headGrid(['p0-l0-h0', 'p0-l0-h1', 'p1-l0-h0', 'p1-l0-h1'], new Map());
    expect(g.cells.map((c) => `${c.row}|${c.col}`)).toEqual(['p0-l0|h0', 'p0-l0|h1', 'p1-l0|h0', 'p1-l0|h1']);
  });

  it('prefers the manifest (layer, head) when every head has a distinct one', () => {
    const places = new Map([['a', { layer: 1, head: 0 }], ['b', { layer: 0, head: 3 }]]);
    expect(headGrid(['a', 'b'], places).cells.map((c) => `${c.row}|${c.col}`)).toEqual(['layer 1|head 0', 'layer 0|head 3']);
  });

  it('falls back to the names when the manifest places collide, and to one row when names do not parse', () => {
    const same = new Map([['x-h0', { layer: 0, head: 0 }], ['y-h0', { layer: 0, head: 0 }]]);
    expect(headGrid(['x-h0', 'y-h0'], same).cells.map((c) => c.row)).toEqual(['x', 'y']);
    expect(headGrid(['alpha', 'beta'], new Map()).cells.map((c) => `${c.row}|${c.col}`)).toEqual(['all|alpha', 'all|beta']);
  });

  it('gives every head a distinct id-safe anchor, even when names clash after cleaning', () => {
    const a = headGrid(['a b', 'a-b', 'a/b'], new Map()).cells.map((c) => c.anchor);
    expect(new Set(a).size).toBe(3);
    for (const x of a) expect(x).toMatch(/^head-[A-Za-z0-9_-]+$/);
  });
});

describe('heatmapSvg', () => {
  it('draws one linked cell per given cell, grey for a non-finite value', () => {
    const svg = heatmapSvg({ id: 'h', title: 't', rows: ['r0', 'r1'], cols: ['c0'], rowLabel: 'layer', colLabel: 'head', valueLabel: 'err', cells: [
      { row: 'r0', col: 'c0', value: 2, lines: ['2'], href: '#a', title: 'a' },
      { row: 'r1', col: 'c0', value: NaN, lines: ['not read'], href: '#b', title: 'b' },
    ] });
    expect(svg.match(/class="cell"/g)).toHaveLength(2);
    expect(svg).toContain('data-href="#a"');
    expect(svg).toContain('fill="#cccccc"');
    // the largest value takes the darkest colour
    expect(svg).toContain(`fill="${heatColor(1)}"`);
    expect(svg).not.toContain('NaN');
  });
});

describe('headsOverview and headSection', () => {
  const names = ['p0-l0-h0', 'p0-l0-h1', 'p0-l0-h2', 'p1-l0-h0', 'p1-l0-h1', 'p1-l0-h2'];
  const h = headsOf(names, ['p1-l0-h2']);
  const page = headsOverview(h) + h.heads.map((e) => headSection(e, 0.05)).join('');

  it('has as many heat map cells as heads, on a 2 × 3 grid', () => {
    const map = /<svg[^>]*data-plot="heads-heatmap"[\s\S]*?<\/svg>/.exec(page)?.[0] ?? '';
    expect(map.match(/class="cell"/g)).toHaveLength(names.length);
    expect(h.rows).toEqual(['p0-l0', 'p1-l0']);
    expect(h.cols).toEqual(['h0', 'h1', 'h2']);
  });

  it('links every table row and heat map cell to a section of the page, one per head', () => {
    const sections = ids(page);
    const links = hrefs(page);
    for (const e of h.heads) expect(links.filter((l) => l === e.anchor)).toHaveLength(2); // its table row and its heat map cell
    for (const l of links) expect(sections.has(l)).toBe(true);
    for (const e of h.heads) expect(sections.has(e.anchor)).toBe(true);
  });

  it('draws the held-out CDF of a head that ran, and says why for one that did not', () => {
    expect(page.match(/data-plot="head-/g)).toHaveLength(names.length - 1);
    expect(page).toContain('could not be read: cannot read k.npy');
  });
});
