/**
 * Data types of the traceability checker: what the spec declares, what the
 * code cites, and what is wrong between the two.
 * @module
 */

/** A source file as the checker sees it: a path relative to the repository root, and its text. */
export interface SourceText {
  readonly path: string;
  readonly text: string;
}

/** The `Status:` of a spec entry (CONTRIBUTING.md, "Anchors"). */
export type AnchorStatus = 'definition' | 'cited' | 'proved' | 'empirical';

/** The statuses a spec entry may carry. */
export const ANCHOR_STATUSES: readonly AnchorStatus[] = ['definition', 'cited', 'proved', 'empirical'];

/** One anchored entry of `spec/*.md`. */
export interface SpecAnchor {
  /** The anchor, e.g. `lem:error-identity`. */
  readonly id: string;
  /** The heading text after the em dash. */
  readonly title: string;
  /** The full heading text after `### ` (what typedoc slugs into the page anchor). */
  readonly heading: string;
  readonly status: AnchorStatus;
  readonly file: string;
  /** 1-based line of the `<a id>` line. */
  readonly line: number;
}

/** What kind of exported declaration a scanned export is. */
export type ExportKind = 'function' | 'const-function' | 'const' | 'class';

/** One exported declaration of `src/` or `properties/`. */
export interface ExportEntry {
  readonly file: string;
  /** 1-based line of the declaration. */
  readonly line: number;
  readonly name: string;
  readonly kind: ExportKind;
  /** The anchors of its `@lemma` tags, in order (malformed tags are left out and reported). */
  readonly anchors: readonly string[];
  /** Whether it has any doc comment at all. */
  readonly documented: boolean;
}

/** Machine-readable kind of a traceability problem. */
export type ProblemCode =
  | 'spec-malformed'
  | 'spec-duplicate'
  | 'spec-heading-mismatch'
  | 'spec-missing-status'
  | 'spec-bad-status'
  | 'spec-bad-anchor'
  | 'spec-orphan-heading'
  | 'missing-lemma'
  | 'malformed-lemma'
  | 'missing-doc'
  | 'unknown-anchor'
  | 'no-implementation'
  | 'no-property'
  | 'missing-proof'
  | 'orphan-proof'
  | 'proof-unlinked'
  | 'dangling-reference';

/** One problem, with where it is and what to do about it. */
export interface Problem {
  readonly code: ProblemCode;
  /** `file:line`, or `file`, or an anchor. */
  readonly where: string;
  readonly message: string;
}

/** The tree the checker reads. Paths are relative to the repository root, with `/`. */
export interface Tree {
  readonly spec: readonly SourceText[];
  readonly src: readonly SourceText[];
  readonly properties: readonly SourceText[];
  /** Proof files (name and text), e.g. `proofs/lem-merge.md`. */
  readonly proofs: readonly SourceText[];
}

/** Everything the checker found: the inputs of the matrix, and the problems. */
export interface TraceReport {
  readonly anchors: readonly SpecAnchor[];
  readonly src: readonly ExportEntry[];
  readonly properties: readonly ExportEntry[];
  readonly proofs: readonly string[];
  readonly problems: readonly Problem[];
}
