/**
 * The traceability library: spec anchors, `@lemma` citations, proofs, and
 * the checks between them (CONTRIBUTING.md).
 * @module
 */
export * from './types.js';
export { ANCHOR_PATTERN, parseSpec, parseSpecFile, type SpecParse } from './spec.js';
export { lemmaAnchor, scanExports, type ExportScan } from './exports.js';
export { checkTraceability, formatProblems, implementersOf, isFunctionExport, propertiesOf, proofPath } from './check.js';
export { readTree } from './read-tree.js';
