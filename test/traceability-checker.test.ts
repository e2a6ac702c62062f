import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  checkTraceability,
  formatProblems,
  lemmaAnchor,
  parseSpecFile,
  readTree,
  scanExports,
  type Problem,
  type SourceText,
  type Tree,
} from '../scripts/trace/index.js';

const CLEAN = fileURLToPath(new URL('./fixtures/trace/clean', import.meta.url));
const clean: Tree = readTree(CLEAN);

/** The clean tree with one file added to (or replaced in) one of its parts. */
function withFile(part: keyof Tree, path: string, text: string): Tree {
  const rest = clean[part].filter((f) => f.path !== path);
  return { ...clean, [part]: [...rest, { path, text }] };
}

function without(part: keyof Tree, path: string): Tree {
  return { ...clean, [part]: clean[part].filter((f) => f.path !== path) };
}

function problemsOf(tree: Tree): readonly Problem[] {
  return checkTraceability(tree).problems;
}

function only(tree: Tree): Problem {
  const problems = problemsOf(tree);
  expect(problems, formatProblems(problems)).toHaveLength(1);
  return problems[0];
}

const spec = (body: string): SourceText => ({ path: 'spec/x.md', text: body });

describe('checkTraceability', () => {
  it('passes the clean fixture and reads all of it', () => {
    const report = checkTraceability(clean);
    expect(report.problems, formatProblems(report.problems)).toEqual([]);
    expect(report.anchors.map((a) => [a.id, a.status])).toEqual([
      ['def:attention', 'definition'],
      ['lem:shift-invariance', 'proved'],
      ['thm:upper-bound', 'cited'],
    ]);
    expect(report.src.map((e) => [e.name, e.kind, e.anchors.join(' ')])).toEqual([
      ['attention', 'function', 'def:attention lem:shift-invariance'],
      ['bound', 'function', 'thm:upper-bound'],
      ['attentionArrow', 'const-function', 'def:attention'],
      ['LIMIT', 'const', ''],
      ['Thing', 'class', ''],
      ['viaClause', 'function', 'def:attention'],
    ]);
    expect(report.properties.map((e) => e.name)).toEqual(['attentionIsShiftInvariant', 'attentionIsBounded', 'upperBoundCases']);
    expect(report.proofs).toEqual(['proofs/README.md', 'proofs/lem-shift-invariance.md']);
  });

  it('reports an exported function without @lemma, naming file, line and export', () => {
    const p = only(withFile('src', 'src/extra.ts', '/** Computes nothing. */\nexport function extra(): void {}\n'));
    expect(p).toEqual({ code: 'missing-lemma', where: 'src/extra.ts:2', message: 'export "extra" has a doc comment without "@lemma ANCHOR" tag' });
  });

  it('reports an undocumented exported arrow const', () => {
    const p = only(withFile('src', 'src/extra.ts', 'export const f = (x: number) => x;\n'));
    expect(p.code).toBe('missing-lemma');
    expect(p.message).toContain('no doc comment');
  });

  it('reports an export without @lemma in properties/', () => {
    expect(only(withFile('properties', 'properties/extra.ts', '/** A property. */\nexport const p = function () { return 1; };\n')).code).toBe('missing-lemma');
  });

  it('checks exports marked @internal like any other', () => {
    expect(only(withFile('src', 'src/extra.ts', '/** @internal */\nexport function hidden(): void {}\n')).code).toBe('missing-lemma');
  });

  it('does not take a file-level @module comment for the doc comment of the first export', () => {
    const p = only(withFile('src', 'src/extra.ts', '/**\n * A module. @lemma def:attention\n * @module\n */\nexport function first(): void {}\n'));
    expect(p.code).toBe('missing-lemma');
    expect(p.message).toContain('no doc comment');
  });

  it('reports a citation of an anchor no spec file declares', () => {
    const p = only(withFile('src', 'src/extra.ts', '/** @lemma lem:no-such-lemma */\nexport function extra(): void {}\n'));
    expect(p).toEqual({ code: 'unknown-anchor', where: 'src/extra.ts:2', message: '"extra" cites "@lemma lem:no-such-lemma", which no spec/*.md declares' });
  });

  it('reports unknown anchors cited by properties and by non-function exports', () => {
    const tree = withFile('properties', 'properties/extra.ts', '/** @lemma lem:missing */\nexport const cases = [1];\n');
    expect(problemsOf(tree).map((p) => p.code)).toEqual(['unknown-anchor']);
  });

  it('reports a @lemma tag that does not start with an anchor', () => {
    const problems = problemsOf(withFile('src', 'src/extra.ts', '/**\n * Doc.\n * @lemma see def:attention\n */\nexport function extra(): void {}\n'));
    expect(problems.map((p) => [p.code, p.where])).toEqual([
      ['malformed-lemma', 'src/extra.ts:3'],
      ['missing-lemma', 'src/extra.ts:5'],
    ]);
  });

  it('reports an anchor with neither an implementing function nor a property', () => {
    const tree = withFile('spec', 'spec/more.md', '<a id="def:query-ball"></a>\n### def:query-ball — The query ball\n\nStatus: definition\n');
    expect(problemsOf(tree)).toEqual([
      { code: 'no-implementation', where: 'spec/more.md:1', message: '"def:query-ball" has no exported function in src/ citing it with @lemma' },
      { code: 'no-property', where: 'spec/more.md:1', message: '"def:query-ball" has no export in properties/ citing it with @lemma' },
    ]);
  });

  it('does not count a non-function export of src/ as an implementation', () => {
    const tree = withFile('spec', 'spec/more.md', '<a id="def:query-ball"></a>\n### def:query-ball — The query ball\n\nStatus: definition\n');
    const tree2 = { ...tree, src: [...tree.src, { path: 'src/ball.ts', text: '/** @lemma def:query-ball */\nexport const RHO = 1;\n' }] };
    expect(problemsOf(tree2).map((p) => p.code)).toEqual(['no-implementation', 'no-property']);
  });

  it('reports a proved anchor without its proof file', () => {
    expect(only(without('proofs', 'proofs/lem-shift-invariance.md'))).toEqual({
      code: 'missing-proof',
      where: 'spec/attention.md:12',
      message: '"lem:shift-invariance" has Status: proved but proofs/lem-shift-invariance.md does not exist',
    });
  });

  it('reports a proof file with no anchor, and one whose anchor is not proved', () => {
    const tree = withFile('proofs', 'proofs/lem-nothing.md', '# Nothing\n');
    expect(only(tree)).toMatchObject({ code: 'orphan-proof', where: 'proofs/lem-nothing.md' });
    const tree2 = withFile('proofs', 'proofs/def-attention.md', '# Not needed\n');
    expect(only(tree2)).toMatchObject({ code: 'orphan-proof', message: expect.stringContaining('Status: definition') });
  });

  it('reports a proof that names no implementing function or no property', () => {
    const p = only(withFile('proofs', 'proofs/lem-shift-invariance.md', '# Proof\n\nThe attention output (attentionIsShiftInvariantly) ...\n'));
    expect(p.code).toBe('proof-unlinked');
    expect(p.message).toBe('the proof of "lem:shift-invariance" names none of its properties (attentionIsShiftInvariant)');
  });

  it('reports an anchor mentioned in prose that no spec file declares', () => {
    const p = only(withFile('proofs', 'proofs/lem-shift-invariance.md', '# Proof\n\nBy `lem:no-such` and `def:attention`, `attention` and `attentionIsShiftInvariant` agree.\n'));
    expect(p).toEqual({ code: 'dangling-reference', where: 'proofs/lem-shift-invariance.md:3', message: '`lem:no-such` is mentioned but no spec/*.md declares it' });
  });

  it('reports an undocumented exported class', () => {
    expect(only(withFile('src', 'src/extra.ts', 'export class Bare {}\n'))).toMatchObject({ code: 'missing-doc', where: 'src/extra.ts:1' });
  });

  it('reports every malformed spec entry', () => {
    const tree = withFile(
      'spec',
      'spec/bad.md',
      [
        '<a id="lem:no-status"></a>',
        '### lem:no-status — No status line',
        '',
        '<a id="lem:bad-status"></a>',
        '### lem:bad-status — A bad status',
        'Status: conjectured',
        '<a id="lem:mismatch"></a>',
        '### lem:other — Heading names another anchor',
        'Status: proved',
        '<a id="lem:no-heading"></a>',
        'Status: proved',
        '<a id="Lemma 3"></a>',
        '### lem:orphan — Heading without an anchor line',
        'Status: definition',
        '<a id="def:attention"></a>',
        '### def:attention — Declared twice',
        'Status: definition',
        '<a id="lem:no-dash"></a>',
        '### lem:no-dash: a colon instead of the em dash',
        'Status: proved',
      ].join('\n'),
    );
    expect(problemsOf(tree).map((p) => [p.code, p.where])).toEqual([
      ['spec-missing-status', 'spec/bad.md:1'],
      ['spec-bad-status', 'spec/bad.md:4'],
      ['spec-heading-mismatch', 'spec/bad.md:8'],
      ['spec-malformed', 'spec/bad.md:10'],
      ['spec-bad-anchor', 'spec/bad.md:12'],
      ['spec-malformed', 'spec/bad.md:18'],
      ['spec-orphan-heading', 'spec/bad.md:13'],
      ['spec-duplicate', 'spec/bad.md:15'],
    ]);
  });
});

describe('parseSpecFile', () => {
  it('reads id, title, heading, status and line', () => {
    const parsed = parseSpecFile(spec('intro\n\n<a id="lem:merge"></a>\n\n### lem:merge — Merging coresets\n\nSome text.\nStatus: proved\n'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.anchors).toEqual([{ id: 'lem:merge', title: 'Merging coresets', heading: 'lem:merge — Merging coresets', status: 'proved', file: 'spec/x.md', line: 3 }]);
  });

  it('does not take the next entry\'s status line for a missing one', () => {
    const parsed = parseSpecFile(spec('<a id="lem:a"></a>\n### lem:a — A\n<a id="lem:b"></a>\n### lem:b — B\nStatus: proved\n'));
    expect(parsed.anchors.map((a) => a.id)).toEqual(['lem:b']);
    expect(parsed.problems.map((p) => p.code)).toEqual(['spec-missing-status']);
  });
});

describe('scanExports', () => {
  it('skips re-exports from other modules', () => {
    const scan = scanExports({ path: 'src/index.ts', text: "export * from './a.js';\nexport { b, c as d } from './b.js';\nexport type { T } from './t.js';\n" });
    expect(scan).toEqual({ exports: [], problems: [] });
  });

  it('reads default exports and export clauses of local declarations', () => {
    const text = '/** @lemma def:attention */\nexport default (x: number) => x;\nconst g = function () {};\nexport { g as h };\n';
    expect(scanExports({ path: 'src/a.ts', text }).exports.map((e) => [e.name, e.kind, e.anchors])).toEqual([
      ['default', 'const-function', ['def:attention']],
      ['h', 'const-function', []],
    ]);
  });

  it('sees through parentheses and `as` around a function-valued const', () => {
    const scan = scanExports({ path: 'src/a.ts', text: 'export const f = ((x: number) => x) as (x: number) => number;\n' });
    expect(scan.exports[0].kind).toBe('const-function');
  });
});

describe('lemmaAnchor', () => {
  it('takes the first word, with or without backticks', () => {
    expect(lemmaAnchor(' lem:merge (streaming)')).toBe('lem:merge');
    expect(lemmaAnchor('`emp:size-constant`')).toBe('emp:size-constant');
    expect(lemmaAnchor('lem:Merge')).toBeNull();
    expect(lemmaAnchor('section 3')).toBeNull();
  });
});

describe('traceMatrix', () => {
  it('lists each anchor with its functions, properties and proof, linking the spec heading', async () => {
    const { traceMatrix } = await import('../scripts/docs/trace-matrix.js');
    const md = traceMatrix(checkTraceability(clean), 'docs-src');
    expect(md).toContain(
      '| [`lem:shift-invariance`](../spec/attention.md#lemshift-invariance-shift-invariance) — Shift invariance | proved | `attention` <small>(src/fast/attention.ts)</small> | `attentionIsShiftInvariant` <small>(properties/attention.ts)</small> | [proofs/lem-shift-invariance.md](../proofs/lem-shift-invariance.md) |',
    );
    expect(md).toContain('None: every export cites an anchor');
  });

  it('lists the open problems', async () => {
    const { traceMatrix } = await import('../scripts/docs/trace-matrix.js');
    const md = traceMatrix(checkTraceability(without('proofs', 'proofs/lem-shift-invariance.md')), 'docs-src');
    expect(md).toContain('| proved | `attention` <small>(src/fast/attention.ts)</small> | `attentionIsShiftInvariant` <small>(properties/attention.ts)</small> | **missing** |');
    expect(md).toContain('- `missing-proof` spec/attention.md:12:');
  });
});

describe('headingSlug', () => {
  it('matches typedoc\'s anchors: punctuation and the em dash dropped, math and code ignored', async () => {
    const { headingSlug } = await import('../scripts/docs/slug.mjs');
    expect(headingSlug('def:attention — Weighted attention')).toBe('defattention-weighted-attention');
    expect(headingSlug('lem:shift-invariance — Shift invariance of $A_a$')).toBe('lemshift-invariance-shift-invariance-of');
    expect(headingSlug('prop:uniform-weights-fail — Uniform weights fail (`T_ρ`)')).toBe('propuniform-weights-fail-uniform-weights-fail-');
  });
});

describe('markdownItKatex', () => {
  const render = async (src: string): Promise<{ html: string; errors: string[] }> => {
    const { default: MarkdownIt } = await import('markdown-it');
    const { default: katexPlugin } = await import('../scripts/docs/markdown-it-katex.mjs');
    const errors: string[] = [];
    const html = new MarkdownIt({ html: true }).use(katexPlugin, { onError: (m: string) => errors.push(m) }).render(src);
    return { html, errors };
  };

  it('renders inline, inline display and block math, leaving TeX to KaTeX', async () => {
    const { html, errors } = await render('Let $a_i^2 = b_*$ and $$x$$.\n\n$$\n\\frac{1}{2}\n$$\n');
    expect(errors).toEqual([]);
    expect(html.match(/class="katex"/g)).toHaveLength(3);
    expect(html).toContain('<div class="math-display"><span class="katex-display">');
    expect(html).not.toContain('$');
    expect(html).not.toContain('<em>');
  });

  it('leaves dollars that are not math alone', async () => {
    expect((await render('It costs $5 and $10.')).html).toBe('<p>It costs $5 and $10.</p>\n');
    expect((await render('An escaped \\$x$ is not math.')).html).toBe('<p>An escaped $x$ is not math.</p>\n');
  });

  it('reports a TeX error and shows the source', async () => {
    const { html, errors } = await render('Bad $\\frac{1$ here.');
    expect(errors).toHaveLength(1);
    expect(html).toContain('<code class="katex-error"');
  });
});

describe('protectBackslashes', () => {
  it('doubles a backslash before a brace or @ outside code, so typedoc\'s lexer gives the original back', async () => {
    const { protectBackslashes } = await import('../scripts/docs/typedoc-plugin.mjs');
    expect(protectBackslashes('$S = \\{i\\}$ and `\\{code\\}`\n```\n\\{\n```')).toBe('$S = \\\\{i\\\\}$ and `\\{code\\}`\n```\n\\{\n```');
  });
});
