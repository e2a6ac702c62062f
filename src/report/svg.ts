/**
 * A tiny plotting helper for the HTML report: line, point, step and bar
 * series on linear or logarithmic axes, with labelled reference lines,
 * rendered as a self-contained SVG string (no scripts, no external refs).
 * @module
 */

/** One data series of a {@link PlotSpec}. */
export interface Series {
  readonly label: string;
  /** [x, y] pairs; non-finite ones are dropped. */
  readonly points: ReadonlyArray<readonly [number, number]>;
  /** @defaultValue 'line' */
  readonly style?: 'line' | 'points' | 'step' | 'bars';
  /** CSS colour. @defaultValue a palette colour by position */
  readonly color?: string;
  /** Names the series' elements in the page (`data-series`), for checks. */
  readonly key?: string;
}

/** A labelled reference line (vertical at x, or horizontal at y). */
export interface Mark {
  readonly at: number;
  readonly label: string;
  /** @defaultValue '#b00020' */
  readonly color?: string;
}

/** What {@link plotSvg} draws. */
export interface PlotSpec {
  /** Identifies the plot in the page (`data-plot`). */
  readonly id: string;
  readonly title: string;
  /** Axis labels, with units. */
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly vLines?: readonly Mark[];
  readonly hLines?: readonly Mark[];
  /** @defaultValue false */
  readonly logX?: boolean;
  /** Force the y range to include 0. @defaultValue true */
  readonly yFromZero?: boolean;
  /** @defaultValue 600 */
  readonly width?: number;
  /** @defaultValue 340 */
  readonly height?: number;
}

const PALETTE = ['#1f5fa8', '#d9822b', '#2e8b57', '#7b3fa0', '#555555'];
const M = { left: 70, right: 20, top: 34, bottom: 70 };

/**
 * Escapes text for XML/HTML content and attribute values (&, <, >, ", ').
 * @lemma def:coreset-error
 * @example
 * ```ts
 * escapeXml('a<b & "c"'); // 'a&lt;b &amp; &quot;c&quot;'
 * ```
 */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Formats a number for display: 4 significant digits, exponent form only
 * outside [1e-3, 1e5); ±∞ as the symbol.
 * @lemma def:coreset-error
 */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : x < 0 ? '−∞' : 'NaN';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e5) return String(Number(x.toPrecision(4)));
  return x.toExponential(2);
}

/** About `count` round tick values covering [lo, hi]. */
function linearTicks(lo: number, hi: number, count: number): number[] {
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const f of [1, 2, 5]) {
      const t = f * 10 ** e;
      if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) out.push(Number(t.toPrecision(12)));
    }
  }
  return out;
}

function range(values: number[], fromZero: boolean, log: boolean): [number, number] {
  const v = values.filter((x) => Number.isFinite(x) && (!log || x > 0));
  let lo = v.length ? Math.min(...v) : 0;
  let hi = v.length ? Math.max(...v) : 1;
  if (fromZero && !log) lo = Math.min(lo, 0);
  if (log) {
    if (!v.length) [lo, hi] = [1, 10];
    if (hi <= lo) [lo, hi] = [lo / 2, hi * 2];
    return [lo / 1.15, hi * 1.15];
  }
  if (hi <= lo) hi = lo + (lo === 0 ? 1 : Math.abs(lo));
  const pad = 0.05 * (hi - lo);
  return [fromZero && lo === 0 ? 0 : lo - pad, hi + pad];
}

const f2 = (x: number): string => x.toFixed(2);

/** Approximate advance of one character of the 11 px legend font (sans-serif averages ≈ 0.55 em). */
const LEGEND_CHAR_PX = 6.2;

/** Splits the legend entries (by index) into lines no wider than `width` px. */
function legendRows(labels: readonly string[], width: number): number[][] {
  const lines: number[][] = [[]];
  let used = 0;
  labels.forEach((label, i) => {
    const w = (label.length + 5) * LEGEND_CHAR_PX;
    if (used > 0 && used + w > width) {
      lines.push([]);
      used = 0;
    }
    lines[lines.length - 1].push(i);
    used += w;
  });
  return lines;
}

/**
 * Renders a plot as an SVG string: axes with ticks and labelled units, one
 * `<path>` per line/step series, circles for points, rects for bars, dashed
 * labelled reference lines, and a legend. Every text is escaped.
 *
 * Special cases: non-finite points and reference lines are left out (an
 * unbounded upper bound is said in words by the caller, never drawn).
 * @lemma def:coreset-error
 * @example
 * ```ts
 * plotSvg({ id: 'p', title: 't', xLabel: 'x', yLabel: 'y', series: [{ label: 's', points: [[0, 0], [1, 1]] }] }).startsWith('<svg'); // true
 * ```
 */
export function plotSvg(spec: PlotSpec): string {
  const W = spec.width ?? 600;
  const H = spec.height ?? 340;
  const log = spec.logX ?? false;
  const ok = (p: readonly [number, number]): boolean => Number.isFinite(p[0]) && Number.isFinite(p[1]) && (!log || p[0] > 0);
  const series = spec.series.map((s) => ({ ...s, points: s.points.filter(ok) }));
  const vLines = (spec.vLines ?? []).filter((m) => Number.isFinite(m.at) && (!log || m.at > 0));
  const hLines = (spec.hLines ?? []).filter((m) => Number.isFinite(m.at));
  const xs = series.flatMap((s) => s.points.map((p) => p[0])).concat(vLines.map((m) => m.at));
  const ys = series.flatMap((s) => s.points.map((p) => p[1])).concat(hLines.map((m) => m.at));
  const [x0, x1] = range(xs, false, log);
  const [y0, y1] = range(ys, spec.yFromZero ?? true, false);
  const legendLines = legendRows(spec.series.map((s) => s.label), W - M.left - M.right);
  const bottom = M.bottom + 14 * (legendLines.length - 1);
  const pw = W - M.left - M.right;
  const ph = H - M.top - bottom;
  const tx = (x: number): number => M.left + (log ? Math.log(x / x0) / Math.log(x1 / x0) : (x - x0) / (x1 - x0)) * pw;
  const ty = (y: number): number => M.top + (1 - (y - y0) / (y1 - y0)) * ph;
  const parts: string[] = [];
  parts.push(`<rect x="${M.left}" y="${M.top}" width="${pw}" height="${ph}" fill="#ffffff" stroke="#999999"/>`);
  for (const t of log ? logTicks(x0, x1) : linearTicks(x0, x1, 6)) {
    parts.push(`<line x1="${f2(tx(t))}" y1="${M.top + ph}" x2="${f2(tx(t))}" y2="${M.top + ph + 5}" stroke="#333333"/>`);
    parts.push(`<text x="${f2(tx(t))}" y="${M.top + ph + 18}" text-anchor="middle" font-size="11">${escapeXml(formatNumber(t))}</text>`);
  }
  for (const t of linearTicks(y0, y1, 5)) {
    parts.push(`<line x1="${M.left - 5}" y1="${f2(ty(t))}" x2="${M.left + pw}" y2="${f2(ty(t))}" stroke="#eeeeee"/>`);
    parts.push(`<text x="${M.left - 8}" y="${f2(ty(t) + 4)}" text-anchor="end" font-size="11">${escapeXml(formatNumber(t))}</text>`);
  }
  parts.push(`<text x="${M.left + pw / 2}" y="${M.top + ph + 38}" text-anchor="middle" font-size="12">${escapeXml(spec.xLabel)}</text>`);
  parts.push(`<text transform="translate(16 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(spec.yLabel)}</text>`);
  parts.push(`<text x="${W / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(spec.title)}</text>`);
  const legend: string[] = [];
  series.forEach((s, i) => {
    const color = escapeXml(s.color ?? PALETTE[i % PALETTE.length]);
    const style = s.style ?? 'line';
    const pts = s.points;
    const cls = s.key === undefined ? 'class="series"' : `class="series" data-series="${escapeXml(s.key)}"`;
    if (style === 'line' || style === 'step') {
      const d = pts.map((p, k) => {
        const cmd = k === 0 ? 'M' : 'L';
        return style === 'step' && k > 0 ? `L${f2(tx(p[0]))} ${f2(ty(pts[k - 1][1]))} L${f2(tx(p[0]))} ${f2(ty(p[1]))}` : `${cmd}${f2(tx(p[0]))} ${f2(ty(p[1]))}`;
      });
      if (d.length) parts.push(`<path ${cls} d="${d.join(' ')}" fill="none" stroke="${color}" stroke-width="2"/>`);
      if (style === 'line' && pts.length <= 40) for (const p of pts) parts.push(`<circle cx="${f2(tx(p[0]))}" cy="${f2(ty(p[1]))}" r="2.5" fill="${color}"/>`);
    } else if (style === 'points') {
      for (const p of pts) parts.push(`<circle ${cls} cx="${f2(tx(p[0]))}" cy="${f2(ty(p[1]))}" r="5" fill="${color}"/>`);
    } else {
      const gap = pts.length > 1 ? Math.abs(tx(pts[1][0]) - tx(pts[0][0])) : pw / 10;
      for (const p of pts) {
        const top = ty(Math.max(p[1], y0));
        parts.push(`<rect ${cls} x="${f2(tx(p[0]) - gap * 0.45)}" y="${f2(top)}" width="${f2(gap * 0.9)}" height="${f2(ty(y0) - top)}" fill="${color}"/>`);
      }
    }
    legend.push(`<tspan fill="${color}">■</tspan> ${escapeXml(s.label)}`);
  });
  vLines.forEach((m, i) => {
    const color = escapeXml(m.color ?? '#b00020');
    const x = f2(tx(m.at));
    parts.push(`<line class="mark" x1="${x}" y1="${M.top}" x2="${x}" y2="${M.top + ph}" stroke="${color}" stroke-dasharray="6 4" stroke-width="1.5"/>`);
    // Labels of marks in the right third go to the line's left, so they stay inside the plot.
    const left = tx(m.at) > M.left + (2 * pw) / 3;
    parts.push(`<text x="${f2(tx(m.at) + (left ? -4 : 4))}" y="${M.top + 14 + 14 * i}" text-anchor="${left ? 'end' : 'start'}" font-size="11" fill="${color}">${escapeXml(m.label)}</text>`);
  });
  hLines.forEach((m) => {
    const color = escapeXml(m.color ?? '#b00020');
    const y = f2(ty(m.at));
    parts.push(`<line class="mark" x1="${M.left}" y1="${y}" x2="${M.left + pw}" y2="${y}" stroke="${color}" stroke-dasharray="6 4" stroke-width="1.5"/>`);
    // Below the line when above it would run into the vertical marks' labels at the top.
    const above = ty(m.at) - 4;
    const labelY = vLines.length > 0 && above < M.top + 14 * vLines.length + 6 ? ty(m.at) + 14 : above;
    parts.push(`<text x="${M.left + pw - 4}" y="${f2(labelY)}" text-anchor="end" font-size="11" fill="${color}">${escapeXml(m.label)}</text>`);
  });
  legendLines.forEach((line, k) => parts.push(`<text x="${M.left}" y="${H - 10 - 14 * (legendLines.length - 1 - k)}" font-size="11">${line.map((i) => legend[i]).join('   ')}</text>`));
  return `<svg class="plot" data-plot="${escapeXml(spec.id)}" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeXml(spec.title)}" font-family="sans-serif">${parts.join('')}</svg>`;
}
