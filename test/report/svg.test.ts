import { describe, expect, it } from 'vitest';
import { escapeXml, formatNumber, plotSvg } from '../../src/report/svg.js';

/** Checks that every opened tag is closed in order (the SVG we emit has no comments or CDATA). */
function balanced(xml: string): boolean {
  const stack: string[] = [];
  for (const m of xml.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (m[3] === '/') continue;
    if (m[1] === '/') {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]);
  }
  return stack.length === 0;
}

const base = { id: 'p', title: 'T', xLabel: 'x (units)', yLabel: 'y (units)' };

describe('escapeXml', () => {
  it('escapes the five XML specials and leaves other text alone', () => {
    expect(escapeXml(`a<b>&"c"'d' ρ≤ε`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39; ρ≤ε');
  });
});

describe('formatNumber', () => {
  it('writes 4 significant digits, exponents only far from 1, and ∞ as a symbol', () => {
    expect(formatNumber(0.123456)).toBe('0.1235');
    expect(formatNumber(12345.6)).toBe('12350');
    expect(formatNumber(1.5e-7)).toBe('1.50e-7');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(0)).toBe('0');
  });
});

describe('plotSvg', () => {
  it('is one balanced <svg> element with one non-empty path per line series', () => {
    const s = plotSvg({ ...base, series: [{ label: 'a', points: [[0, 0], [1, 2], [2, 1]] }, { label: 'b', points: [[0, 1], [2, 3]], style: 'step' }] });
    expect(s.startsWith('<svg')).toBe(true);
    expect(s.endsWith('</svg>')).toBe(true);
    expect(s.match(/<svg/g)).toHaveLength(1);
    expect(balanced(s)).toBe(true);
    const paths = [...s.matchAll(/<path class="series" d="([^"]*)"/g)].map((m) => m[1]);
    expect(paths).toHaveLength(2);
    // Line: M then one L per further point; step: two L per further point.
    expect(paths[0].match(/[ML]/g)).toEqual(['M', 'L', 'L']);
    expect(paths[1].match(/[ML]/g)).toEqual(['M', 'L', 'L']);
    for (const p of paths) expect(p).toMatch(/^M\d/);
  });

  it('escapes every text it is given (title, labels, legend, marks, id)', () => {
    const evil = '<script>alert("x")</script>&';
    const s = plotSvg({ ...base, id: evil, title: evil, xLabel: evil, yLabel: evil, series: [{ label: evil, points: [[0, 0], [1, 1]] }], vLines: [{ at: 0.5, label: evil }], hLines: [{ at: 0.5, label: evil }] });
    expect(s).not.toContain('<script');
    expect(s).not.toContain('"x"');
    expect(s.split('&lt;script&gt;').length - 1).toBe(8);
    expect(balanced(s)).toBe(true);
  });

  it('places a vertical mark by the linear map of the padded range', () => {
    // x range [0, 1] padded by 5% each side; plot area x ∈ [70, 600 − 20].
    const s = plotSvg({ ...base, series: [{ label: 'a', points: [[0, 0], [1, 1]] }], vLines: [{ at: 0.5, label: 'half' }] });
    const x = Number(/<line class="mark" x1="([\d.]+)"/.exec(s)?.[1]);
    expect(x).toBeCloseTo(70 + 0.5 * (600 - 70 - 20), 2);
  });

  it('drops non-finite points and marks instead of drawing NaN', () => {
    const s = plotSvg({ ...base, series: [{ label: 'a', points: [[0, 0], [1, Infinity], [2, Number.NaN], [3, 1]] }], vLines: [{ at: Infinity, label: 'inf' }] });
    expect(s).not.toMatch(/NaN|Infinity/);
    expect(/<path class="series" d="([^"]*)"/.exec(s)?.[1].match(/[ML]/g)).toEqual(['M', 'L']);
    expect(s).not.toContain('class="mark"');
  });

  it('draws bars and points as shapes, and a log axis only for positive x', () => {
    const bars = plotSvg({ ...base, series: [{ label: 'h', points: [[1, 3], [2, 5]], style: 'bars' }] });
    expect(bars.match(/<rect class="series"/g)).toHaveLength(2);
    const log = plotSvg({ ...base, logX: true, series: [{ label: 'p', points: [[0, 1], [10, 1], [100, 2]], style: 'points' }] });
    expect(log.match(/<circle class="series"/g)).toHaveLength(2);
    expect(balanced(log)).toBe(true);
  });
});
