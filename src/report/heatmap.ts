/**
 * A heat map for the report: a grid of coloured cells, each a link, with
 * its text and a colour bar; a self-contained SVG string.
 * @module
 */
import { escapeXml as esc, formatNumber as fmt } from './svg.js';

/** One cell of a {@link HeatmapSpec}. */
export interface HeatCell {
  readonly row: string;
  readonly col: string;
  /** Coloured by this; a non-finite value is drawn grey ("no value"). */
  readonly value: number;
  /** Up to two short lines of text in the cell. */
  readonly lines: readonly string[];
  /** Where the cell links to (`#id` in the page). */
  readonly href: string;
  /** Tooltip. */
  readonly title: string;
}

/** What {@link heatmapSvg} draws. */
export interface HeatmapSpec {
  readonly id: string;
  readonly title: string;
  readonly rows: readonly string[];
  readonly cols: readonly string[];
  /** Short names of the axes (the row one is drawn above the row names). */
  readonly rowLabel: string;
  readonly colLabel: string;
  /** What the colour means, with units. */
  readonly valueLabel: string;
  readonly cells: readonly HeatCell[];
  /** A value marked on the colour bar (e.g. ε). */
  readonly mark?: { readonly at: number; readonly label: string };
  /** @defaultValue 1180 */
  readonly width?: number;
}

/**
 * Computes the heat map's colour of t ∈ [0, 1] (clamped): light to dark
 * blue, linear in RGB.
 * @lemma def:query-distribution
 */
export function heatColor(t: number): string {
  const c = Math.min(1, Math.max(0, t));
  const lo = [239, 246, 252];
  const hi = [8, 48, 107];
  const mix = lo.map((a, k) => Math.round(a + (hi[k] - a) * c));
  return `#${mix.map((x) => x.toString(16).padStart(2, '0')).join('')}`;
}

const CELL_H = 46;
const LEFT = 110;
const TOP = 56;

/**
 * Renders a heat map as an SVG string: one `<a href>` around each cell's
 * rect and text (class `cell`, `data-href` the target), colour linear in
 * the value from 0 to the largest finite one, the axis names, and a colour
 * bar with its range and the mark. Every text is escaped.
 * @lemma def:query-distribution
 * @example
 * ```ts
 * heatmapSvg({ id: 'h', title: 't', rows: ['l0'], cols: ['h0'], rowLabel: 'layer', colLabel: 'head', valueLabel: 'err', cells: [{ row: 'l0', col: 'h0', value: 1, lines: ['1'], href: '#a', title: 'a' }] }).includes('href="#a"'); // true
 * ```
 */
export function heatmapSvg(spec: HeatmapSpec): string {
  const W = spec.width ?? 1180;
  const barH = 60;
  const H = TOP + spec.rows.length * CELL_H + 40 + barH;
  const cw = (W - LEFT - 20) / Math.max(1, spec.cols.length);
  const finite = spec.cells.map((c) => c.value).filter(Number.isFinite);
  const top = finite.length ? Math.max(...finite, spec.mark?.at ?? 0) : 1;
  const hi = top > 0 ? top : 1;
  const parts: string[] = [];
  parts.push(`<text x="${W / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${esc(spec.title)}</text>`);
  parts.push(`<text x="${LEFT + (W - LEFT - 20) / 2}" y="36" text-anchor="middle" font-size="12" font-style="italic">${esc(spec.colLabel)}</text>`);
  spec.cols.forEach((c, j) => parts.push(`<text x="${(LEFT + (j + 0.5) * cw).toFixed(1)}" y="${TOP - 2}" text-anchor="middle" font-size="11">${esc(c)}</text>`));
  spec.rows.forEach((r, i) => parts.push(`<text x="${LEFT - 8}" y="${TOP + i * CELL_H + CELL_H / 2 + 4}" text-anchor="end" font-size="11">${esc(r)}</text>`));
  if (spec.rowLabel) parts.push(`<text x="${LEFT - 8}" y="${TOP - 2}" text-anchor="end" font-size="11" font-style="italic">${esc(spec.rowLabel)}</text>`);
  for (const cell of spec.cells) {
    const i = spec.rows.indexOf(cell.row);
    const j = spec.cols.indexOf(cell.col);
    if (i < 0 || j < 0) continue;
    const x = LEFT + j * cw;
    const y = TOP + i * CELL_H;
    const t = Number.isFinite(cell.value) ? cell.value / hi : NaN;
    const fill = Number.isFinite(t) ? heatColor(t) : '#cccccc';
    const ink = Number.isFinite(t) && t > 0.55 ? '#ffffff' : '#111111';
    const text = cell.lines.slice(0, 2).map((l, k) => `<text x="${(x + cw / 2).toFixed(1)}" y="${y + 19 + 15 * k}" text-anchor="middle" font-size="11" fill="${ink}">${esc(l)}</text>`);
    parts.push(`<a href="${esc(cell.href)}"><g class="cell" data-href="${esc(cell.href)}"><title>${esc(cell.title)}</title><rect x="${(x + 1).toFixed(1)}" y="${y + 1}" width="${(cw - 2).toFixed(1)}" height="${CELL_H - 2}" fill="${fill}" stroke="#ffffff"/>${text.join('')}</g></a>`);
  }
  // The colour bar: 0 … hi, with the mark.
  const by = TOP + spec.rows.length * CELL_H + 30;
  const bw = Math.min(400, W - LEFT - 20);
  const steps = 40;
  for (let k = 0; k < steps; k++) parts.push(`<rect x="${(LEFT + (k * bw) / steps).toFixed(1)}" y="${by}" width="${(bw / steps + 0.5).toFixed(1)}" height="12" fill="${heatColor(k / (steps - 1))}"/>`);
  parts.push(`<text x="${LEFT}" y="${by + 26}" font-size="11">0</text><text x="${LEFT + bw}" y="${by + 26}" text-anchor="end" font-size="11">${esc(fmt(hi))}</text>`);
  parts.push(`<text x="${LEFT + bw + 12}" y="${by + 11}" font-size="11">${esc(spec.valueLabel)}</text>`);
  if (spec.mark && Number.isFinite(spec.mark.at)) {
    const mx = (LEFT + (Math.min(spec.mark.at, hi) / hi) * bw).toFixed(1);
    parts.push(`<line class="mark" x1="${mx}" y1="${by - 4}" x2="${mx}" y2="${by + 16}" stroke="#b00020" stroke-width="2"/><text x="${mx}" y="${by + 40}" text-anchor="middle" font-size="11" fill="#b00020">${esc(spec.mark.label)}</text>`);
  }
  return `<svg class="plot heatmap" data-plot="${esc(spec.id)}" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(spec.title)}" font-family="sans-serif">${parts.join('')}</svg>`;
}
