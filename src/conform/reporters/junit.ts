/**
 * JUnit XML (the Ant/Surefire dialect CI systems read): one testsuite per
 * run, one testcase per case, a `<failure>` with reason and details for each
 * failed case, an `<error>` testcase for a harness error.
 * @module
 */
import type { ConformReport } from '../report-types.js';

/**
 * Escapes text for XML content and attribute values, and removes the
 * characters XML 1.0 cannot carry at all (C0 controls other than tab, LF,
 * CR; lone surrogates; U+FFFE/U+FFFF) — an implementation's stderr may
 * contain anything.
 * @lemma def:eps-coreset
 */
export function escapeXml(s: string): string {
  return s
    .replaceAll(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

function json(v: unknown): string {
  return JSON.stringify(v, (_, x) => (typeof x === 'number' && !Number.isFinite(x) ? null : x), 2);
}

/**
 * Formats a report as JUnit XML.
 * @lemma def:eps-coreset
 */
export function formatJunit(report: ConformReport): string {
  const impl = report.implementation;
  const name = escapeXml(`attn-coreset conform: ${impl.name ?? impl.command}`);
  const errors = report.internalError ? 1 : 0;
  const late = report.stopped?.reason === 'deadline' ? 1 : 0;
  const tests = report.cases.length + errors + late;
  const failures = report.failed + late;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${name}" tests="${tests}" failures="${failures}" errors="${errors}" time="${report.seconds.toFixed(3)}">`,
    `  <testsuite name="${name}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="0" time="${report.seconds.toFixed(3)}">`,
    '    <properties>',
    `      <property name="protocol" value="${report.protocol}"/>`,
    `      <property name="seed" value="${report.seed}"/>`,
    `      <property name="command" value="${escapeXml(impl.command)}"/>`,
    ...(impl.maxSize ? [`      <property name="maxSize" value="${escapeXml(impl.maxSize)}"/>`] : []),
    '    </properties>',
  ];
  for (const r of report.cases) {
    const open = `    <testcase classname="conform.${escapeXml(r.family)}" name="${escapeXml(`${r.id} (n=${r.n}, d=${r.d}, dv=${r.dv}, rho=${r.rho}, eps=${r.eps})`)}" time="${(r.seconds ?? 0).toFixed(3)}">`;
    if (r.status === 'pass') {
      out.push(`${open}</testcase>`);
      continue;
    }
    const cx = report.counterexamples.find((c) => c.original === r.id);
    const details = json({ anchor: r.anchor, regen: r.regen, size: r.size, maxSize: r.maxSize, lower: r.lower, witness: r.witness, counterexample: cx });
    out.push(open, `      <failure type="${escapeXml(r.failure?.reason ?? 'fail')}" message="${escapeXml(r.failure?.message ?? '')}">${escapeXml(details)}</failure>`, '    </testcase>');
  }
  if (late) {
    const msg = `the --deadline was reached with ${report.stopped!.notRun} case(s) not run`;
    out.push('    <testcase classname="conform.harness" name="deadline" time="0">', `      <failure type="deadline" message="${escapeXml(msg)}"/>`, '    </testcase>');
  }
  if (report.internalError) {
    out.push('    <testcase classname="conform.harness" name="harness" time="0">', `      <error type="internal" message="${escapeXml(report.internalError)}"/>`, '    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return `${out.join('\n')}\n`;
}
