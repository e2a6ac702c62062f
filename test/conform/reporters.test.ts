import { describe, expect, it } from 'vitest';
import type { ConformReport } from '../../src/conform/report-types.js';
import { escapeXml, exitCodeOf, formatHuman, formatJson, formatJunit, formatTap, parseReporter } from '../../src/conform/reporters/index.js';
import { InputError } from '../../src/errors.js';

const NASTY = 'a <b> & "c" \'d\' # e \\ f\u0000g\u001bh ]]> \ud800 i\nnext line';

function report(over: Partial<ConformReport> = {}): ConformReport {
  const base = { family: 'trap', anchor: 'prop:uniform-weights-fail', n: 2, d: 1, dv: 1, rho: 0.25, eps: 0.02 };
  return {
    protocol: 1,
    implementation: { command: `node impl.mjs --x "${NASTY}"`, name: NASTY },
    seed: 7,
    cases: [
      { ...base, id: 'trap-0', status: 'fail', failure: { reason: 'not-eps-coreset', message: NASTY }, size: 1, verdict: 'fail', lower: 1.2449, upper: Infinity, witness: [-0.25] },
      { ...base, id: 'trap-1', status: 'pass', size: 2, verdict: 'certified', lower: 0, upper: 0.01, witness: [0] },
      { ...base, id: 'sphere-0', family: 'sphere', status: 'fail', failure: { reason: 'timeout', message: 'no answer within 400 ms' } },
    ],
    counterexamples: [
      {
        original: 'trap-0',
        result: { ...base, id: 'trap-0/s3', status: 'fail', failure: { reason: 'not-eps-coreset', message: 'error 1.24 > ε' }, lower: 1.2449, witness: [-0.25] },
        shrinks: 3,
        calls: 4,
        K: [[1], [-1]],
        V: [[1], [-1]],
        response: { indices: [0], weights: [2] },
      },
    ],
    passed: 1,
    failed: 2,
    seconds: 1.5,
    ...over,
  };
}

/** A small XML well-formedness check: balanced tags, escaped text and attributes, no forbidden characters. */
function wellFormed(xml: string): boolean {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const body = xml.slice(xml.indexOf('\n') + 1);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(body)) return false;
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(body); m !== null; m = tag.exec(body)) {
    const text = body.slice(last, m.index);
    if (/[<>]/.test(text) || /&(?!(amp|lt|gt|quot|apos);)/.test(text)) return false;
    if (/&(?!(amp|lt|gt|quot|apos);)/.test(m[3])) return false;
    last = tag.lastIndex;
    if (m[1] === '/') {
      if (stack.pop() !== m[2]) return false;
    } else if (m[4] !== '/') stack.push(m[2]);
  }
  return stack.length === 0 && body.slice(last).trim() === '';
}

describe('formatJunit', () => {
  it('is checked by a well-formedness test that rejects broken XML', () => {
    const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
    expect(wellFormed(`${head}<a><b/></a>`)).toBe(true);
    expect(wellFormed(`${head}<a>&</a>`)).toBe(false);
    expect(wellFormed(`${head}<a x="&"></a>`)).toBe(false);
    expect(wellFormed(`${head}<a><b></a>`)).toBe(false);
    expect(wellFormed(`${head}<a>\u0001</a>`)).toBe(false);
  });

  it('writes well-formed XML with every hostile character escaped or replaced', () => {
    const xml = formatJunit(report());
    expect(wellFormed(xml)).toBe(true);
    expect(xml).toContain('tests="3" failures="2" errors="0"');
    expect(xml).toContain('<failure type="not-eps-coreset" message="a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;');
    expect(xml).toContain('<failure type="timeout"');
    expect(xml.match(/<testcase /g)).toHaveLength(3);
  });

  it('adds an error testcase for an internal error', () => {
    const xml = formatJunit(report({ internalError: 'Error: <boom>' }));
    expect(wellFormed(xml)).toBe(true);
    expect(xml).toContain('errors="1"');
    expect(xml).toContain('<error type="internal" message="Error: &lt;boom&gt;"/>');
  });
});

describe('escapeXml', () => {
  it('replaces characters XML 1.0 cannot carry and escapes the five specials', () => {
    expect(escapeXml('\u0000\u0008\t\n\r')).toBe('\uFFFD\uFFFD\t\n\r');
    expect(escapeXml('\ud83d\ude00 \ud800')).toBe('\ud83d\ude00 \uFFFD');
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
  });
});

describe('formatTap', () => {
  it('writes TAP 14: version, plan, one point per case, a YAML block per failure, escaped descriptions', () => {
    const tap = formatTap(report({ implementation: { command: 'x # y' } }));
    const lines = tap.trimEnd().split('\n');
    expect(lines[0]).toBe('TAP version 14');
    expect(lines).toContain('1..3');
    expect(lines.filter((l) => /^ok \d+ - /.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /^not ok \d+ - /.test(l))).toHaveLength(2);
    expect(lines.filter((l) => l === '  ---')).toHaveLength(2);
    expect(lines.filter((l) => l === '  ...')).toHaveLength(2);
    expect(lines[1]).toContain('x \\# y');
    const yaml = lines.filter((l) => l.startsWith('  ') && l !== '  ---' && l !== '  ...');
    for (const l of yaml) expect(() => JSON.parse(l.replace(/^ {2}\w+: /, ''))).not.toThrow();
    expect(tap).toContain('  counterexample: {"original":"trap-0"');
  });
});

describe('formatJson', () => {
  it('is the report as JSON, ∞ as null', () => {
    const r = JSON.parse(formatJson(report()));
    expect(r.cases[0].upper).toBeNull();
    expect(r.counterexamples[0].K).toEqual([[1], [-1]]);
    expect(r.failed).toBe(2);
  });
});

describe('formatHuman', () => {
  it('lists failures and the counterexample with its witness, and how to reproduce', () => {
    const text = formatHuman(report());
    expect(text).toContain('FAIL trap-0');
    expect(text).toContain('FAIL sphere-0');
    expect(text).not.toContain('ok   trap-1');
    expect(text).toContain('K = [[1], [-1]]');
    expect(text).toContain('witness q = [-0.25]');
    expect(text).toContain('--seed 7 --cases 3');
    expect(formatHuman(report(), { verbose: true })).toContain('ok   trap-1');
  });
});

describe('exitCodeOf', () => {
  it('is 0 when all pass, 1 when a case fails, 3 on an internal error', () => {
    expect(exitCodeOf(report({ failed: 0, passed: 3, cases: report().cases.map((c) => ({ ...c, status: 'pass' as const, failure: undefined })) }))).toBe(0);
    expect(exitCodeOf(report())).toBe(1);
    expect(exitCodeOf(report({ internalError: 'x' }))).toBe(3);
  });
});

describe('parseReporter', () => {
  it('accepts the four names and rejects others as usage errors', () => {
    for (const r of ['human', 'json', 'tap', 'junit']) expect(parseReporter(r)).toBe(r);
    expect(() => parseReporter('xml')).toThrow(InputError);
  });
});
