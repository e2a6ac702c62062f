/**
 * Runs the traceability checks on the repository and lists every problem.
 * Usage: `npm run trace`. Exit code 0 when there is none, 1 otherwise.
 * @module
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkTraceability, formatProblems, readTree } from './index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const report = checkTraceability(readTree(root));
const summary = `${report.anchors.length} anchors, ${report.src.length} exports in src/, ${report.properties.length} in properties/, ${report.proofs.length} proof files`;
if (report.problems.length === 0) {
  process.stdout.write(`traceability: ok (${summary})\n`);
} else {
  process.stdout.write(`${formatProblems(report.problems)}\n\ntraceability: ${report.problems.length} problem(s) (${summary})\n`);
  process.exitCode = 1;
}
