/**
 * The human summary of a conformance run: counts, each failed case in one
 * line, the minimal counterexamples in full, and how to reproduce.
 * @module
 */
import type { CaseResult, ConformReport, Counterexample } from '../report-types.js';
import { reproduceLine } from '../reproduce.js';

/** Failed cases listed one per line before the rest are counted. */
const MAX_LISTED = 20;

function fmt(x: number): string {
  return Number.isFinite(x) ? Number(x.toPrecision(6)).toString() : String(x);
}

function caseLine(r: CaseResult, report: ConformReport): string {
  const head = `${r.id} (${r.family}, n=${r.n}, d=${r.d}, dv=${r.dv}, ρ=${fmt(r.rho)}, ε=${fmt(r.eps)})`;
  if (r.status === 'pass') return `ok   ${head}`;
  const line = `FAIL ${head}: ${r.failure?.reason}: ${r.failure?.message}`;
  if (r.regen === undefined) return line;
  const witness = r.witness && r.failure?.reason === 'not-eps-coreset' ? [`     witness q = ${list(r.witness, 8)} (‖q‖ ≤ ρ)`] : [];
  return [line, ...witness, `     regenerate: ${reproduceLine(report.implementation.command, [...commonArgs(report), ...r.regen])}`].join('\n');
}

/** The outcome-changing options of the run that do not select cases (for a case's own line). */
function commonArgs(report: ConformReport): string[] {
  const out: string[] = [];
  const args = report.reproduce ?? [];
  for (const name of ['--timeout', '--max-size', '--budget', '--max-line-bytes']) {
    const k = args.indexOf(name);
    if (k >= 0) out.push(name, args[k + 1]);
  }
  return out;
}

function matrix(m: number[][], max = 12): string {
  const shown = m.slice(0, max).map((row) => `[${row.map(fmt).join(', ')}]`);
  return `[${shown.join(', ')}${m.length > max ? `, … ${m.length - max} more rows` : ''}]`;
}

function list(xs: number[], max = 24): string {
  return `[${xs.slice(0, max).map(fmt).join(', ')}${xs.length > max ? `, … ${xs.length - max} more` : ''}]`;
}

function counterexample(cx: Counterexample): string[] {
  const r = cx.result;
  const out = [
    `Minimal counterexample (${r.family}, ${r.anchor}), shrunk from ${cx.original} in ${cx.shrinks} step(s), ${cx.calls} call(s):`,
    `  n=${r.n} d=${r.d} dv=${r.dv} ρ=${fmt(r.rho)} ε=${fmt(r.eps)}${r.maxSize !== undefined ? ` claimed max size ${r.maxSize}` : ''}`,
    `  K = ${matrix(cx.K)}`,
    `  V = ${matrix(cx.V)}`,
  ];
  if (cx.response && 'indices' in cx.response) out.push(`  answer: indices ${list(cx.response.indices)} weights ${list(cx.response.weights)}`);
  else if (cx.response) out.push(`  answer: cache of ${cx.response.weights.length} rows, keys ${matrix(cx.response.keys)} values ${matrix(cx.response.values)} weights ${list(cx.response.weights)}`);
  out.push(`  ${r.failure?.reason}: ${r.failure?.message}`);
  if (r.witness && r.failure?.reason === 'not-eps-coreset') out.push(`  witness q = ${list(r.witness)} (‖q‖ ≤ ρ), error ${fmt(r.lower ?? NaN)} > ε = ${fmt(r.eps)}`);
  return out;
}

/**
 * Formats a report for a terminal (plain text, no colour).
 * @lemma def:eps-coreset
 */
export function formatHuman(report: ConformReport, options: { readonly verbose?: boolean } = {}): string {
  const impl = report.implementation;
  const lines = [
    `attn-coreset conform (protocol ${report.protocol}): ${impl.name ?? '(no hello)'}${impl.version ? ` ${impl.version}` : ''} — ${impl.command}`,
    `${report.profile ? `profile ${report.profile}, ` : ''}seed ${report.seed}, ${report.cases.length} case(s): ${report.passed} passed, ${report.failed} failed${impl.maxSize ? `; size claim ${impl.maxSize}` : ''} (${report.seconds.toFixed(1)} s)`,
  ];
  const shown = options.verbose ? report.cases : report.cases.filter((r) => r.status === 'fail');
  for (const r of shown.slice(0, MAX_LISTED)) lines.push(caseLine(r, report));
  if (shown.length > MAX_LISTED) lines.push(`… and ${shown.length - MAX_LISTED} more`);
  for (const cx of report.counterexamples) lines.push('', ...counterexample(cx));
  if (report.stopped) {
    const why = report.stopped.reason === 'deadline' ? 'the --deadline was reached' : '--fail-fast after the first failure';
    lines.push('', `stopped: ${why}; ${report.stopped.notRun} case(s) not run`);
  }
  if (report.internalError) lines.push('', `INTERNAL ERROR (a bug in the harness, exit 3): ${report.internalError}`);
  const failedRun = report.failed > 0 || report.stopped?.reason === 'deadline';
  lines.push('', report.internalError ? 'result: internal error' : failedRun ? 'result: FAIL' : 'result: pass');
  if (failedRun) lines.push(`reproduce: ${reproduceLine(impl.command, report.reproduce ?? ['--seed', String(report.seed), '--cases', String(report.cases.length)])}`);
  return `${lines.join('\n')}\n`;
}
