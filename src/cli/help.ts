/**
 * Help texts: the top-level command list and one command's help.
 * @module
 */
import type { Command } from './command.js';
import { EXIT_FAILED, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE } from './exit-codes.js';

/**
 * Formats the top-level help: usage, the command list with summaries, global
 * options and the exit codes.
 * @lemma def:instance
 */
export function topLevelHelp(commands: readonly Command[], version: string): string {
  const width = Math.max(0, ...commands.map((c) => c.name.length));
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `attn-coreset ${version}: ε-coresets of softmax attention

usage: attn-coreset <command> [options]
       attn-coreset <command> --help
       attn-coreset --version

commands:
${list}

exit codes:
  ${EXIT_OK}  ok
  ${EXIT_FAILED}  a check failed
  ${EXIT_USAGE}  bad usage or bad input (including an output not representable in binary64)
  ${EXIT_INTERNAL}  internal error (set ATTN_CORESET_DEBUG=1 for the stack trace)
`;
}

/**
 * Formats one command's help: summary, then its usage text.
 * @lemma def:instance
 */
export function commandHelp(c: Command): string {
  return `attn-coreset ${c.name}: ${c.summary}\n\n${c.usage.trimEnd()}\n`;
}

/**
 * The usage line of a command: the first paragraph of its usage text
 * (printed after a usage error).
 * @lemma def:instance
 */
export function usageLine(c: Command): string {
  return c.usage.trim().split(/\n\s*\n/)[0];
}
