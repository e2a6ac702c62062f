/**
 * Reads the anchored entries of `spec/*.md`: a line `<a id="ANCHOR"></a>`,
 * then a heading `### ANCHOR — Title`, then a line `Status: …`.
 * @module
 */
import { ANCHOR_STATUSES, type AnchorStatus, type Problem, type SourceText, type SpecAnchor } from './types.js';

/** The shape of an anchor: `def:`, `thm:`, `prop:`, `lem:` or `emp:`, then kebab case. */
export const ANCHOR_PATTERN = /^(?:def|thm|prop|lem|emp):[a-z0-9]+(?:-[a-z0-9]+)*$/;

const ANCHOR_LINE = /^\s*<a\s+id="([^"]*)"\s*>\s*<\/a>\s*$/;
const ANY_HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const ENTRY_HEADING = /^###\s+(\S+)\s+—\s+(\S.*?)\s*$/;
const STATUS_LINE = /^Status:\s*(\S*)/;
const FENCE = /^\s*(```|~~~)/;
const ANCHOR_LIKE_HEADING = /^#{1,6}\s+`?((?:def|thm|prop|lem|emp):\S+?)`?(?:\s|$)/;

/** The anchors of the spec files, and what is malformed about them. */
export interface SpecParse {
  readonly anchors: SpecAnchor[];
  readonly problems: Problem[];
}

/** Lines outside fenced code blocks, as [1-based line number, text]. */
function proseLines(text: string): [number, string][] {
  const out: [number, string][] = [];
  let fenced = false;
  text.split(/\r?\n/).forEach((line, i) => {
    if (FENCE.test(line)) {
      fenced = !fenced;
      return;
    }
    if (!fenced) out.push([i + 1, line]);
  });
  return out;
}

/**
 * Parses the anchored entries of one spec file. Problems name the file and
 * line; an entry with a problem in its heading or status is left out of
 * `anchors` (so code citing it is also reported).
 */
export function parseSpecFile(file: SourceText): SpecParse {
  const anchors: SpecAnchor[] = [];
  const problems: Problem[] = [];
  const lines = proseLines(file.text);
  const claimedHeadings = new Set<number>();
  for (let j = 0; j < lines.length; j++) {
    const [lineNo, line] = lines[j];
    const m = ANCHOR_LINE.exec(line);
    if (m === null) continue;
    const id = m[1];
    const where = `${file.path}:${lineNo}`;
    if (!ANCHOR_PATTERN.test(id)) {
      problems.push({ code: 'spec-bad-anchor', where, message: `anchor "${id}" is not def:/thm:/prop:/lem:/emp: followed by kebab case` });
      continue;
    }
    let k = j + 1;
    while (k < lines.length && lines[k][1].trim() === '') k++;
    const headingLine = lines[k];
    if (headingLine !== undefined && ANY_HEADING.test(headingLine[1])) claimedHeadings.add(headingLine[0]);
    const h = headingLine === undefined ? null : ENTRY_HEADING.exec(headingLine[1]);
    if (headingLine === undefined || h === null) {
      problems.push({
        code: 'spec-malformed',
        where,
        message: `anchor "${id}" must be followed by a heading "### ${id} — Title"${headingLine === undefined ? '' : `, found "${headingLine[1].trim()}"`}`,
      });
      continue;
    }
    if (h[1] !== id) {
      problems.push({ code: 'spec-heading-mismatch', where: `${file.path}:${headingLine[0]}`, message: `heading names "${h[1]}" but the anchor above it is "${id}"` });
      continue;
    }
    let status: string | undefined;
    for (let s = k + 1; s < lines.length; s++) {
      const text = lines[s][1];
      if (ANCHOR_LINE.test(text) || ANY_HEADING.test(text)) break;
      const st = STATUS_LINE.exec(text.trim());
      if (st !== null) {
        status = st[1];
        break;
      }
    }
    if (status === undefined) {
      problems.push({ code: 'spec-missing-status', where, message: `"${id}" has no "Status: ${ANCHOR_STATUSES.join('|')}" line under its heading` });
      continue;
    }
    if (!(ANCHOR_STATUSES as readonly string[]).includes(status)) {
      problems.push({ code: 'spec-bad-status', where, message: `"${id}" has status "${status}"; expected one of ${ANCHOR_STATUSES.join(', ')}` });
      continue;
    }
    anchors.push({ id, title: h[2], heading: headingLine[1].replace(/^###\s+/, '').trim(), status: status as AnchorStatus, file: file.path, line: lineNo });
  }
  for (const [lineNo, line] of lines) {
    const a = ANCHOR_LIKE_HEADING.exec(line);
    if (a !== null && !claimedHeadings.has(lineNo)) {
      problems.push({ code: 'spec-orphan-heading', where: `${file.path}:${lineNo}`, message: `heading names "${a[1]}" but has no <a id="${a[1]}"></a> line above it` });
    }
  }
  return { anchors, problems };
}

/** Parses every spec file and reports anchors declared more than once. */
export function parseSpec(files: readonly SourceText[]): SpecParse {
  const anchors: SpecAnchor[] = [];
  const problems: Problem[] = [];
  const first = new Map<string, SpecAnchor>();
  for (const file of files) {
    const parsed = parseSpecFile(file);
    problems.push(...parsed.problems);
    for (const a of parsed.anchors) {
      const prev = first.get(a.id);
      if (prev !== undefined) {
        problems.push({ code: 'spec-duplicate', where: `${a.file}:${a.line}`, message: `"${a.id}" is already declared at ${prev.file}:${prev.line}` });
        continue;
      }
      first.set(a.id, a);
      anchors.push(a);
    }
  }
  return { anchors, problems };
}
