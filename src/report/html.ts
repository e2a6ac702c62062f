/**
 * The report page: one self-contained HTML document (inline CSS and SVG,
 * no scripts, no external resources), so it opens offline.
 * @module
 */
import type { ReportData } from './data.js';
import type { HeadsData } from './heads-data.js';
import { headSection, headsOverview } from './heads-sections.js';
import { queriesSection, radiusSection, sizeSection, verdictSection } from './sections.js';
import { escapeXml as esc, formatNumber as fmt } from './svg.js';

const STYLE = `body{font-family:sans-serif;max-width:1200px;margin:0 auto;padding:16px;color:#222;background:#fafafa}
h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ccc;padding-bottom:4px}
main{display:flex;flex-wrap:wrap;gap:0 24px}section{flex:1 1 560px;margin-bottom:24px}section#verdict,section#sizes,section#heads{flex-basis:100%}svg.plot{display:block;margin:8px 0;background:#fff;max-width:100%;height:auto}
table{border-collapse:collapse}td,th{padding:2px 10px;text-align:left;border-bottom:1px solid #eee}table.points,table.heads{font-size:13px}details{margin:4px 0}a{color:#1f5fa8}svg a:hover rect{stroke:#b00020;stroke-width:2}`;

/** What one report page shows: one input's sections, a many-heads run, or both. */
export interface ReportParts {
  readonly single?: ReportData;
  readonly heads?: HeadsData;
}

function parameters(r: ReportData): string {
  const { inst, rho, eps, size } = r.input;
  const rows: Array<[string, string]> = [
    ['instance', `n = ${inst.n} keys, d = ${inst.d}, dv = ${inst.dv}`],
    ['compressed', `${size} rows`],
    ['radius ρ, target ε', `${fmt(rho)}, ${fmt(eps)}`],
    ['logit scale s', fmt(r.input.scale ?? 1)],
    ['seed', String(r.input.seed ?? 0)],
  ];
  return `<table>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`;
}

/**
 * Renders the whole report as an HTML string: for one input its parameters,
 * the verdict and witness ray, the error against ρ, the per-query errors
 * (with queries) and size against error (`def:eps-coreset`); for a
 * many-heads run the table, the heat map and one section per head
 * (`lem:query-sample-bound`). Contains no time stamp: the same inputs and
 * seed give the same bytes.
 * @lemma def:eps-coreset
 * @lemma def:coreset-error
 * @lemma lem:query-sample-bound
 */
export function reportHtml(parts: ReportParts, title: string): string {
  const r = parts.single;
  const h = parts.heads;
  const body = [
    ...(r ? [verdictSection(r), radiusSection(r), queriesSection(r), sizeSection(r)] : []),
    ...(h ? [headsOverview(h), ...h.heads.map((e) => headSection(e, h.options.eps))] : []),
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body><h1>${esc(title)}</h1>${r ? parameters(r) : ''}
<main>${body}</main>
</body></html>
`;
}
