/**
 * TAP version 14: one test point per case, a YAML diagnostic block for each
 * failure (strings JSON-quoted, which is valid YAML), the counterexample in
 * the block of the case it was shrunk from.
 * @module
 */
import type { CaseResult, ConformReport } from '../report-types.js';

/** A TAP description: no newlines, `#` and `\` escaped (TAP 14 §escaping). */
function description(s: string): string {
  return s.replaceAll('\\', '\\\\').replaceAll('#', '\\#').replaceAll(/[\r\n]+/g, ' ');
}

function yamlValue(v: unknown): string {
  // JSON is a subset of YAML 1.2; non-finite numbers become null as in JSON.
  return JSON.stringify(v, (_, x) => (typeof x === 'number' && !Number.isFinite(x) ? null : x)) ?? 'null';
}

function block(fields: Record<string, unknown>): string[] {
  const out = ['  ---'];
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out.push(`  ${k}: ${yamlValue(v)}`);
  out.push('  ...');
  return out;
}

function title(r: CaseResult): string {
  return description(`${r.id} (${r.family}, n=${r.n}, d=${r.d}, dv=${r.dv}, rho=${r.rho}, eps=${r.eps})`);
}

/**
 * Formats a report as a TAP 14 stream.
 * @lemma def:eps-coreset
 */
export function formatTap(report: ConformReport): string {
  const out = ['TAP version 14', `# attn-coreset conform, protocol ${report.protocol}, seed ${report.seed}: ${description(report.implementation.command)}`];
  const late = report.stopped?.reason === 'deadline';
  const extra = (report.internalError ? 1 : 0) + (late ? 1 : 0);
  out.push(`1..${report.cases.length + extra}`);
  report.cases.forEach((r, k) => {
    if (r.status === 'pass') {
      out.push(`ok ${k + 1} - ${title(r)}`);
      return;
    }
    out.push(`not ok ${k + 1} - ${title(r)}`);
    const cx = report.counterexamples.find((c) => c.original === r.id);
    out.push(
      ...block({
        reason: r.failure?.reason,
        message: r.failure?.message,
        anchor: r.anchor,
        size: r.size,
        maxSize: r.maxSize,
        lower: r.lower,
        witness: r.witness,
        regen: r.regen,
        counterexample: cx,
      }),
    );
  });
  if (late) out.push(`not ok ${report.cases.length + 1} - deadline reached, ${report.stopped!.notRun} case(s) not run`);
  if (report.internalError) {
    out.push(`not ok ${report.cases.length + extra} - harness internal error`);
    out.push(...block({ message: report.internalError }));
  }
  out.push(`# passed ${report.passed}, failed ${report.failed}`);
  return `${out.join('\n')}\n`;
}
