/**
 * Report formats by name, and the exit code of a run.
 * @module
 */
import { InputError } from '../../errors.js';
import type { ConformReport } from '../report-types.js';
import { formatHuman } from './human.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatTap } from './tap.js';

/** The report formats of `--reporter`. */
export const REPORTERS = ['human', 'json', 'tap', 'junit'] as const;
/** One of {@link REPORTERS}. */
export type ReporterName = (typeof REPORTERS)[number];

/**
 * Reads a `--reporter` value.
 * @lemma def:eps-coreset
 */
export function parseReporter(text: string): ReporterName {
  if ((REPORTERS as readonly string[]).includes(text)) return text as ReporterName;
  throw new InputError('usage', '--reporter', `must be one of ${REPORTERS.join(', ')}, got ${JSON.stringify(text)}`);
}

/**
 * Formats a report in the named format.
 * @lemma def:eps-coreset
 */
export function formatReport(report: ConformReport, reporter: ReporterName): string {
  switch (reporter) {
    case 'human':
      return formatHuman(report);
    case 'json':
      return formatJson(report);
    case 'tap':
      return formatTap(report);
    case 'junit':
      return formatJunit(report);
  }
}

/**
 * The documented exit code of a run: 0 every case passed, 1 a case failed
 * or the deadline left cases unrun,
 * 3 internal error (2, bad usage, is decided before a run starts).
 * @lemma def:eps-coreset
 */
export function exitCodeOf(report: ConformReport): 0 | 1 | 3 {
  if (report.internalError !== undefined) return 3;
  return report.failed > 0 || report.stopped?.reason === 'deadline' ? 1 : 0;
}

export { escapeXml } from './junit.js';
export { formatHuman, formatJson, formatJunit, formatTap };
