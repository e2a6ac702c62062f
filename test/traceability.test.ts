import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkTraceability, formatProblems, readTree } from '../scripts/trace/index.js';

// The conventions of CONTRIBUTING.md, checked on the repository itself:
// every export cites an anchor, every cited anchor exists, every anchor has
// an implementation and a property, every proved anchor has its proof.
const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('traceability of the repository', () => {
  const report = checkTraceability(readTree(ROOT));

  it('reads a spec with anchors and code that cites them', () => {
    expect(report.anchors.length, 'no anchored entry found in spec/*.md').toBeGreaterThan(0);
    expect(report.src.length, 'no export found in src/').toBeGreaterThan(0);
  });

  it('has no traceability problem', () => {
    const summary = `${report.problems.length} traceability problem(s) (see CONTRIBUTING.md):\n${formatProblems(report.problems)}`;
    expect(report.problems.length, summary).toBe(0);
  });
});
