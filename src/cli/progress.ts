/**
 * Progress lines on stderr, only when stderr is a terminal (DESIGN §5), so
 * pipes and CI logs stay clean.
 * @module
 */
import type { CliIo } from './io.js';

/** A progress reporter: `update` rewrites the line, `done` clears it. */
export interface Progress {
  update(message: string): void;
  done(): void;
}

/**
 * Creates a {@link Progress} that writes `\r`-rewritten lines to stderr at
 * most every `intervalMs`, or does nothing when stderr is not a TTY.
 * @lemma def:instance
 */
export function createProgress(io: CliIo, intervalMs = 100): Progress {
  if (!io.stderrIsTTY) return { update: () => undefined, done: () => undefined };
  let last = -Infinity;
  let width = 0;
  return {
    update(message) {
      const now = Date.now();
      if (now - last < intervalMs) return;
      last = now;
      io.err(`\r${message.padEnd(width)}`);
      width = Math.max(width, message.length);
    },
    done() {
      if (width > 0) io.err(`\r${' '.repeat(width)}\r`);
      width = 0;
    },
  };
}

/**
 * Writes a human-readable note to stderr when it is a TTY (summaries that
 * would clutter a pipe or a CI log).
 * @lemma def:instance
 */
export function note(io: CliIo, text: string): void {
  if (io.stderrIsTTY) io.err(text.endsWith('\n') ? text : `${text}\n`);
}
