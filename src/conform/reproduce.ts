/**
 * The `reproduce:` line of a conformance report: the command line that
 * reruns the same cases with every option that changes their outcome.
 * @module
 */

/** Quotes one argument for a POSIX shell (single quotes unless it is plain). */
function shellQuote(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`;
}

/**
 * Formats `attn-coreset conform --impl CMD ARGS…` for a shell.
 * @lemma def:eps-coreset
 */
export function reproduceLine(command: string, args: readonly string[]): string {
  return ['attn-coreset', 'conform', '--impl', command, ...args].map(shellQuote).join(' ');
}
