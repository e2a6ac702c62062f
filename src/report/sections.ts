/**
 * The report's sections, one function each, from {@link ReportData} to an
 * HTML fragment with its plot.
 * @module
 */
import { euclideanNorm } from '../fast/norm.js';
import { escapeXml as esc, formatNumber as fmt, plotSvg } from './svg.js';
import type { ReportData } from './data.js';
import type { SweepMethod } from './sweep.js';

const section = (id: string, title: string, body: string): string => `<section id="${esc(id)}"><h2>${esc(title)}</h2>${body}</section>`;
const para = (text: string): string => `<p>${esc(text)}</p>`;

/**
 * Renders the verdict sandwich lower ≤ E_ρ(w) ≤ upper against ε
 * (`def:eps-coreset`) and the error along the witness ray t·q* / ‖q*‖,
 * t ∈ [0, ρ] (`def:coreset-error`).
 * @lemma def:eps-coreset
 * @lemma def:coreset-error
 */
export function verdictSection(r: ReportData): string {
  const { verdict: v, input } = r;
  const { eps, rho } = input;
  const upperFinite = Number.isFinite(v.upper);
  const series = [
    { label: 'lower (witness, proved)', points: [[v.lower, 1]] as Array<[number, number]>, style: 'points' as const, color: '#1f5fa8' },
    ...(upperFinite
      ? [
          { label: `upper (${v.upperMethod ?? 'none'})`, points: [[v.upper, 1]] as Array<[number, number]>, style: 'points' as const, color: '#2e8b57' },
          { label: 'E_ρ(w) lies here', points: [[v.lower, 1], [v.upper, 1]] as Array<[number, number]>, color: '#555555' },
        ]
      : []),
  ];
  const sandwich = plotSvg({
    id: 'sandwich',
    title: `Verdict: ${v.verdict}`,
    xLabel: 'error bound (‖·‖₂ of the attention difference, value units)',
    yLabel: '',
    series,
    vLines: [{ at: eps, label: `ε = ${fmt(eps)}` }],
    height: 170,
    width: 1180,
  });
  const ray = plotSvg({
    id: 'ray',
    title: 'Error along the witness ray t·q*/‖q*‖',
    xLabel: 't = ‖q‖ (query norm, the units of --rho)',
    yLabel: 'err_w(q) (value units)',
    series: [{ label: 'err_w(t·q*/‖q*‖), binary64', points: r.ray }],
    hLines: [{ at: eps, label: `ε = ${fmt(eps)}` }],
    vLines: [{ at: rho, label: `ρ = ${fmt(rho)}`, color: '#555555' }],
  });
  const scope = input.queries !== undefined && (input.scope ?? 'queries') === 'queries' ? ' on the given queries' : ' over the ball ‖q‖ ≤ ρ';
  const text = [
    `${fmt(v.lower)} ≤ E(w) ≤ ${upperFinite ? fmt(v.upper) : '∞ (no certificate)'}${scope}; ε = ${fmt(eps)}, ρ = ${fmt(rho)}.`,
    `Upper bound from: ${v.upperMethod ?? 'none'}; lower bound proved by: ${v.witnessProof ?? 'reference'}. Witness norm ‖q*‖ = ${fmt(euclideanNorm(v.witness))}.`,
    `Methods: ${v.methods.join('; ')}.`,
  ];
  return section('verdict', 'Verdict and witness', text.map(para).join('') + sandwich + ray);
}

/**
 * Renders the falsified error as a function of the radius ρ′ up to 1.25ρ: a
 * lower bound on E_ρ′(w) per radius (`def:eps-coreset`).
 * @lemma def:eps-coreset
 */
export function radiusSection(r: ReportData): string {
  const { eps, rho } = r.input;
  const plot = plotSvg({
    id: 'radius',
    title: 'Largest error found as a function of the radius',
    xLabel: 'ρ′ (query-ball radius)',
    yLabel: 'largest err_w found in B_ρ′ (value units)',
    series: [{ label: 'falsifier lower bound on E_ρ′(w)', points: r.byRadius }],
    hLines: [{ at: eps, label: `ε = ${fmt(eps)}` }],
    vLines: [{ at: rho, label: `ρ = ${fmt(rho)}`, color: '#555555' }],
  });
  return section('radius', 'Error against ρ', para('Each point is a lower bound found by the falsifier with a small budget; the true supremum may be larger.') + plot);
}

/**
 * Renders the empirical CDF of the per-query errors with ε and the held-out
 * bound P(err ≤ ε) ≥ 1 − exceedUpper (`lem:query-sample-bound`).
 * @lemma lem:query-sample-bound
 * @lemma def:query-distribution
 */
export function queriesSection(r: ReportData): string {
  const q = r.queries;
  if (q === undefined) return '';
  const { eps } = r.input;
  const s = q.stats;
  const sorted = Float64Array.from(q.errors).sort();
  const n = sorted.length;
  const cdf: Array<[number, number]> = [[0, 0]];
  sorted.forEach((e, i) => cdf.push([e, (i + 1) / n]));
  const plot = plotSvg({
    id: 'queries',
    title: 'Per-query error distribution (empirical CDF)',
    xLabel: 'err_w(q) (value units)',
    yLabel: 'fraction of queries with error ≤ x',
    series: [{ label: `${n} queries`, points: cdf, style: 'step' }],
    vLines: [{ at: eps, label: `ε = ${fmt(eps)}` }],
    hLines: [{ at: 1 - s.exceedUpper, label: `1 − exceedUpper = ${fmt(1 - s.exceedUpper)} (${fmt(100 * s.confidence)}% conf.)`, color: '#7b3fa0' }],
  });
  const text = `${s.exceeding} of ${s.n} queries may exceed ε; max ${fmt(s.max)}, p99 ${fmt(s.p99)}, p90 ${fmt(s.p90)}, mean ${fmt(s.mean)}. If the queries are i.i.d. draws, P(err > ε) ≤ ${fmt(s.exceedUpper)} at ${fmt(100 * s.confidence)}% confidence.`;
  return section('queries', 'Per-query errors', para(text) + plot);
}

const SWEEP_COLORS: Record<SweepMethod, string> = { builder: '#1f5fa8', uniform: '#d9822b', sensitivity: '#8c564b', merge: '#2e8b57', refit: '#17becf', quantize: '#7b3fa0' };

/**
 * Renders size against falsified error for the builder and every baseline
 * of the sweep, the report's input as a point, ε, and √d·e^{sρ}/ε
 * (`thm:upper-bound`) where it falls in range; the x axis is memory in
 * float-row equivalents, so quantized caches sit with the subsets; a table
 * lists every point with its bytes.
 * @lemma thm:upper-bound
 * @lemma def:eps-coreset
 * @lemma lem:quantization-error
 */
export function sizeSection(r: ReportData): string {
  const { eps, size, inst } = r.input;
  const rowBytes = (inst.d + inst.dv) * 8;
  const drawn = r.sweep.filter((s) => s.points.length > 0);
  const xs = drawn.flatMap((s) => s.points.map((p) => p.memoryRows)).concat(size);
  const inRange = r.sizeScale >= Math.min(...xs) && r.sizeScale <= Math.max(...xs);
  const plot = plotSvg({
    id: 'sizes',
    title: 'Size against error: the builder and the baselines',
    xLabel: `memory in float rows (rows kept; a quantized cache: bytes ÷ ${rowBytes}), log scale`,
    yLabel: 'largest err_w found in B_ρ (value units)',
    logX: true,
    width: 1180,
    height: 420,
    series: [
      ...drawn.map((s) => ({ label: s.label, points: s.points.map((p): [number, number] => [p.memoryRows, p.error]), style: s.method === 'quantize' ? ('points' as const) : ('line' as const), color: SWEEP_COLORS[s.method], key: s.method })),
      { label: 'this input', points: [[size, r.given]] as Array<[number, number]>, style: 'points' as const, color: '#222222', key: 'input' },
    ],
    hLines: [{ at: eps, label: `ε = ${fmt(eps)}` }],
    vLines: inRange ? [{ at: r.sizeScale, label: `√d·e^(sρ)/ε = ${fmt(r.sizeScale)} rows`, color: '#555555' }] : [],
  });
  const omitted = r.sweep.filter((s) => s.omitted !== undefined).map((s) => ` ${s.label}: ${s.omitted}.`).join('');
  const note =
    `Each point is built once and falsified with a small budget (a lower bound on its error over the ball). ` +
    `Memory: a kept row costs (d + d_v)·8 = ${rowBytes} bytes (binary64 key and value; weights not counted); ` +
    `a b-bit quantized cache keeps all ${inst.n} rows and costs n(d + d_v)·b/8 bytes plus a float16 scale and minimum per group (4 bytes).` +
    (inRange ? '' : ` √d·e^(sρ)/ε = ${fmt(r.sizeScale)} rows lies outside the plotted sizes.`) +
    omitted;
  const rows = drawn.flatMap((s) => s.points.map((p) => `<tr><td>${esc(s.label)}${p.tag ? ` (${esc(p.tag)})` : ''}</td><td>${p.rows}</td><td>${fmt(p.bytes)}</td><td>${fmt(p.memoryRows)}</td><td>${fmt(p.error)}</td></tr>`));
  const table = `<details><summary>The points (${rows.length})</summary><table class="points"><tr><th>method</th><th>rows</th><th>bytes</th><th>float rows</th><th>largest err found</th></tr>${rows.join('')}</table></details>`;
  return section('sizes', 'Size against error', para(note) + plot + table);
}
