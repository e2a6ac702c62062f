/**
 * Collects the commands exported by `commands/index.ts`.
 * @module
 */
import { InternalError } from '../errors.js';
import type { Command } from './command.js';
import * as exported from './commands/index.js';

function isCommand(x: unknown): x is Command {
  const c = x as Partial<Command> | null;
  return c !== null && typeof c === 'object' && typeof c.name === 'string' && typeof c.summary === 'string' && typeof c.usage === 'string' && typeof c.run === 'function';
}

/**
 * Returns every registered command, sorted by name.
 *
 * Special cases: an export that is not a `Command`, or two commands with one
 * name, is an {@link InternalError} (a registry bug, found by the CLI tests).
 * @lemma def:instance
 */
export function registeredCommands(): Command[] {
  const list = Object.entries(exported as Record<string, unknown>).map(([key, c]) => {
    if (!isCommand(c)) throw new InternalError(`commands/index.ts export '${key}' is not a Command`);
    return c;
  });
  const names = new Set<string>();
  for (const c of list) {
    if (names.has(c.name)) throw new InternalError(`two commands are named '${c.name}'`);
    names.add(c.name);
  }
  return list.sort((a, b) => a.name.localeCompare(b.name));
}
