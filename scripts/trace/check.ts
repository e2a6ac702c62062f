/**
 * The traceability checks of CONTRIBUTING.md, as a pure function of the
 * tree's text: every export cites an anchor, every cited anchor exists,
 * every anchor is implemented and checked, every proved anchor has a proof,
 * and every anchor mentioned in prose (`` `lem:…` ``) exists.
 * @module
 */
import { scanExports } from './exports.js';
import { parseSpec } from './spec.js';
import type { ExportEntry, Problem, SourceText, SpecAnchor, TraceReport, Tree } from './types.js';

/** The proof file of an anchor: `lem:merge` → `proofs/lem-merge.md`. */
export function proofPath(anchor: string): string {
  return `proofs/${anchor.replace(/:/g, '-')}.md`;
}

/** Whether an export is a function (a declaration or a function-valued const). */
export function isFunctionExport(e: ExportEntry): boolean {
  return e.kind === 'function' || e.kind === 'const-function';
}

function scanAll(files: readonly SourceText[], problems: Problem[]): ExportEntry[] {
  const out: ExportEntry[] = [];
  for (const f of files) {
    const s = scanExports(f);
    out.push(...s.exports);
    problems.push(...s.problems);
  }
  return out;
}

/** The functions of `src/` that implement an anchor (cite it with `@lemma`). */
export function implementersOf(anchor: string, report: Pick<TraceReport, 'src'>): ExportEntry[] {
  return report.src.filter((e) => isFunctionExport(e) && e.anchors.includes(anchor));
}

/** The exports of `properties/` that check an anchor (cite it with `@lemma`). */
export function propertiesOf(anchor: string, report: Pick<TraceReport, 'properties'>): ExportEntry[] {
  return report.properties.filter((e) => e.anchors.includes(anchor));
}

function mentions(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`).test(text);
}

/**
 * Runs every check on a tree and returns what it read and every problem
 * found (an empty `problems` means the tree is traceable).
 */
export function checkTraceability(tree: Tree): TraceReport {
  const problems: Problem[] = [];
  const spec = parseSpec(tree.spec);
  problems.push(...spec.problems);
  const anchors: SpecAnchor[] = spec.anchors;
  const known = new Map(anchors.map((a) => [a.id, a] as const));

  const src = scanAll(tree.src, problems);
  const properties = scanAll(tree.properties, problems);

  // (a) every exported function cites an anchor; every exported class is documented.
  for (const e of [...src, ...properties]) {
    const where = `${e.file}:${e.line}`;
    if (isFunctionExport(e) && e.anchors.length === 0) {
      problems.push({
        code: 'missing-lemma',
        where,
        message: `export "${e.name}" ${e.documented ? 'has a doc comment without' : 'has no doc comment and no'} "@lemma ANCHOR" tag`,
      });
    }
    if (e.kind === 'class' && !e.documented) {
      problems.push({ code: 'missing-doc', where, message: `exported class "${e.name}" has no doc comment` });
    }
    // (b) every cited anchor is declared in spec/.
    for (const a of e.anchors) {
      if (!known.has(a)) problems.push({ code: 'unknown-anchor', where, message: `"${e.name}" cites "@lemma ${a}", which no spec/*.md declares` });
    }
  }

  // (c) every anchor has an implementation and a property; (d) proved anchors have proofs.
  const report = { src, properties };
  const proofFiles = new Map(tree.proofs.map((p) => [p.path, p] as const));
  for (const a of anchors) {
    const where = `${a.file}:${a.line}`;
    const impl = implementersOf(a.id, report);
    const props = propertiesOf(a.id, report);
    if (impl.length === 0) problems.push({ code: 'no-implementation', where, message: `"${a.id}" has no exported function in src/ citing it with @lemma` });
    if (props.length === 0) problems.push({ code: 'no-property', where, message: `"${a.id}" has no export in properties/ citing it with @lemma` });
    if (a.status !== 'proved') continue;
    const proof = proofFiles.get(proofPath(a.id));
    if (proof === undefined) {
      problems.push({ code: 'missing-proof', where, message: `"${a.id}" has Status: proved but ${proofPath(a.id)} does not exist` });
      continue;
    }
    const unnamed: string[] = [];
    if (impl.length > 0 && !impl.some((e) => mentions(proof.text, e.name))) unnamed.push(`its implementing functions (${impl.map((e) => e.name).join(', ')})`);
    if (props.length > 0 && !props.some((e) => mentions(proof.text, e.name))) unnamed.push(`its properties (${props.map((e) => e.name).join(', ')})`);
    if (unnamed.length > 0) problems.push({ code: 'proof-unlinked', where: proof.path, message: `the proof of "${a.id}" names none of ${unnamed.join(' and none of ')}` });
  }
  for (const p of tree.proofs) {
    const base = p.path.replace(/^.*\//, '');
    if (base === 'README.md') continue;
    const a = anchors.find((x) => proofPath(x.id) === p.path);
    if (a === undefined) problems.push({ code: 'orphan-proof', where: p.path, message: `no spec anchor has ${p.path} as its proof file` });
    else if (a.status !== 'proved') problems.push({ code: 'orphan-proof', where: p.path, message: `"${a.id}" has a proof file but Status: ${a.status} (make it proved, or remove the file)` });
  }
  // (e) anchors mentioned in prose (a code span `lem:…`) exist.
  for (const f of [...tree.spec, ...tree.proofs, ...tree.src, ...tree.properties]) {
    f.text.split(/\r?\n/).forEach((line, i) => {
      for (const m of line.matchAll(ANCHOR_REFERENCE)) {
        if (!known.has(m[1])) problems.push({ code: 'dangling-reference', where: `${f.path}:${i + 1}`, message: `\`${m[1]}\` is mentioned but no spec/*.md declares it` });
      }
    });
  }
  return { anchors, src, properties, proofs: tree.proofs.map((p) => p.path), problems };
}

/** A code span holding exactly an anchor-shaped word: a reference to an anchor in prose. */
const ANCHOR_REFERENCE = /`((?:def|thm|prop|lem|emp):[a-z0-9]+(?:-[a-z0-9]+)*)`/g;

/** One problem per line, `code  where  message`, for a test failure message or the CLI. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.code.padEnd(22)} ${p.where}: ${p.message}`).join('\n');
}
