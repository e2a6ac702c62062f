/**
 * The report's many-heads part: a table and a layer × head heat map of
 * sizes and held-out errors, each head linking to its own section with the
 * distribution of its held-out per-query errors.
 * @module
 */
import type { HeadEntry, HeadsData } from './heads-data.js';
import { heatmapSvg } from './heatmap.js';
import { escapeXml as esc, formatNumber as fmt, plotSvg } from './svg.js';

const para = (text: string): string => `<p>${esc(text)}</p>`;

const cdf = (errors: Float64Array): Array<[number, number]> => {
  const sorted = Float64Array.from(errors).sort();
  const out: Array<[number, number]> = [[0, 0]];
  sorted.forEach((e, i) => out.push([e, (i + 1) / sorted.length]));
  return out;
};

/**
 * Renders the overview of a many-heads run: a table (one row per head,
 * its name linking to its section: n, size, held-out max / mean of the
 * query-aware subset and of a uniform one, the held-out bound, `lem:query-sample-bound`)
 * and the heat map of the held-out max error, one linked cell per head.
 * @lemma lem:query-sample-bound
 * @lemma def:query-distribution
 */
export function headsOverview(h: HeadsData): string {
  const { eps } = h.options;
  const rows = h.heads.map((e) => {
    const link = `<a href="#${esc(e.anchor)}">${esc(e.name)}</a>`;
    const r = e.report;
    if (!r.ok) return `<tr><td>${link}</td><td colspan="6">could not be read: ${esc(r.error)}</td></tr>`;
    const s = r.heldOut;
    return `<tr><td>${link}</td><td>${r.n}</td><td>${r.size}</td><td>${fmt(s.max)} / ${fmt(s.mean)}</td><td>${fmt(r.uniform.max)} / ${fmt(r.uniform.mean)}</td><td>${s.exceeding} of ${s.n}</td><td>${fmt(s.exceedUpper)}</td></tr>`;
  });
  const table = `<table class="heads"><tr><th>head</th><th>n</th><th>size</th><th>held-out max / mean</th><th>uniform max / mean</th><th>held-out &gt; ε</th><th>P(err &gt; ε) ≤</th></tr>${rows.join('')}</table>`;
  const map = heatmapSvg({
    id: 'heads-heatmap',
    title: 'Held-out max error per head (cell text: size m, max error)',
    rows: h.rows,
    cols: h.cols,
    rowLabel: h.rowLabel,
    colLabel: h.colLabel,
    valueLabel: 'held-out max err_w (value units); grey: head not read',
    cells: h.heads.map((e) => ({
      row: e.row,
      col: e.col,
      value: e.report.ok ? e.report.heldOut.max : NaN,
      lines: e.report.ok ? [`m = ${e.report.size} of ${e.report.n}`, `max ${fmt(e.report.heldOut.max)}`] : ['not read'],
      href: `#${e.anchor}`,
      title: e.name,
    })),
    mark: { at: eps, label: `ε = ${fmt(eps)}` },
  });
  const o = h.options;
  const text =
    `${h.heads.length} heads, as attn-coreset heads runs them: for each, a seeded random half of its queries fits a query-aware weighted subset of ` +
    `${fmt(o.fraction)}·n rows, the other half is held out; ε = ${fmt(eps)}, confidence ${fmt(100 * (o.confidence ?? 0.95))}%, seed ${o.seed ?? 0}. Click a cell or a name for the head's section.`;
  return `<section id="heads"><h2>Many heads</h2>${para(text)}${map}${table}</section>`;
}

/**
 * Renders one head's section (id = its anchor): its numbers and the
 * empirical CDF of its held-out per-query errors for the query-aware subset
 * and a uniform subset of the same size, with ε and the held-out bound
 * 1 − exceedUpper (`lem:query-sample-bound`).
 * @lemma lem:query-sample-bound
 * @lemma def:query-distribution
 */
export function headSection(e: HeadEntry, eps: number): string {
  const r = e.report;
  const back = '<p><a href="#heads">↑ all heads</a></p>';
  if (!r.ok || e.errors === undefined) return `<section id="${esc(e.anchor)}" class="head"><h2>Head ${esc(e.name)}</h2>${para(r.ok ? 'no per-query errors' : `could not be read: ${r.error}`)}${back}</section>`;
  const s = r.heldOut;
  const plot = plotSvg({
    id: e.anchor,
    title: `${e.name}: held-out per-query errors (empirical CDF)`,
    xLabel: 'err_w(q) on a held-out query (value units)',
    yLabel: 'fraction of held-out queries with error ≤ x',
    series: [
      { label: `query-aware subset, ${r.size} rows`, points: cdf(e.errors.builder), style: 'step' },
      { label: `uniform subset, ${r.size} rows`, points: cdf(e.errors.uniform), style: 'step' },
    ],
    vLines: [{ at: eps, label: `ε = ${fmt(eps)}` }],
    hLines: [{ at: 1 - s.exceedUpper, label: `1 − exceedUpper = ${fmt(1 - s.exceedUpper)}`, color: '#7b3fa0' }],
  });
  const text = `n = ${r.n} keys, d = ${r.d}, logit scale ${fmt(r.scale)}; ${r.fit} queries fitted, ${s.n} held out. Subset: max ${fmt(s.max)}, p90 ${fmt(s.p90)}, mean ${fmt(s.mean)}; ${s.exceeding} of ${s.n} may exceed ε, P(err > ε) ≤ ${fmt(s.exceedUpper)} at ${fmt(100 * s.confidence)}% confidence. Uniform: max ${fmt(r.uniform.max)}, mean ${fmt(r.uniform.mean)}.`;
  return `<section id="${esc(e.anchor)}" class="head"><h2>Head ${esc(e.name)}</h2>${para(text)}${plot}${back}</section>`;
}
