/**
 * The JSON report: the {@link ConformReport} as is. Non-finite numbers (an
 * `upper` of ∞ when no certificate applies) become `null`, as JSON requires.
 * @module
 */
import type { ConformReport } from '../report-types.js';

/**
 * Formats a report as one JSON document (pretty-printed, newline-terminated).
 * @lemma def:eps-coreset
 */
export function formatJson(report: ConformReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
