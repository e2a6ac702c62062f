/**
 * The `attn-coreset` dispatcher: picks the command, runs it, and maps what it
 * throws to an exit code and a message (never a raw stack trace).
 * @module
 */
import { InputError } from '../errors.js';
import type { Command } from './command.js';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { commandHelp, topLevelHelp, usageLine } from './help.js';
import { processIo, type CliIo } from './io.js';
import { registeredCommands } from './registry.js';
import { packageVersion } from './version.js';

const wantsHelp = (argv: readonly string[]): boolean => {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
};

/**
 * Runs `attn-coreset <argv…>` against `io` and returns the exit code
 * (`exit-codes.ts`): `--help`/`help [command]`, `--version`, then the command.
 *
 * Special cases: an {@link InputError} prints "attn-coreset <cmd>: <where>:
 * <detail>" (plus the usage line when an option or argument is at fault) and
 * gives 2; anything else prints "internal error: …" with a request to report
 * it, and the stack only when ATTN_CORESET_DEBUG=1, and gives 3.
 * @lemma def:instance
 */
export async function runCli(argv: readonly string[], io: CliIo, registry?: readonly Command[]): Promise<number> {
  let commands: readonly Command[];
  try {
    commands = registry ?? registeredCommands();
  } catch (e) {
    return reportError(e, io);
  }
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.err(topLevelHelp(commands, packageVersion()));
    return EXIT_USAGE;
  }
  if (first === '--help' || first === '-h' || (first === 'help' && rest.length === 0)) {
    io.out(topLevelHelp(commands, packageVersion()));
    return EXIT_OK;
  }
  if (first === '--version' || first === '-V' || first === 'version') {
    io.out(`${packageVersion()}\n`);
    return EXIT_OK;
  }
  const name = first === 'help' ? rest[0] : first;
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    const close = commands.filter((c) => c.name.startsWith(name.slice(0, 2))).map((c) => c.name);
    const hint = close.length > 0 ? ` (did you mean ${close.join(' or ')}?)` : '';
    io.err(`attn-coreset: unknown command '${name}'${hint}\nrun 'attn-coreset --help' for the list of commands\n`);
    return EXIT_USAGE;
  }
  if (first === 'help' || wantsHelp(rest)) {
    io.out(commandHelp(command));
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    return reportError(e, io, command);
  }
}

/**
 * Prints what a command threw and returns its exit code (2 for an
 * {@link InputError}, 3 otherwise).
 * @lemma def:instance
 */
export function reportError(e: unknown, io: CliIo, command?: Command): number {
  const prefix = command ? `attn-coreset ${command.name}` : 'attn-coreset';
  if (e instanceof InputError) {
    io.err(`${prefix}: ${e.message}\n`);
    if (command && (e.where === 'arguments' || e.where.startsWith('--'))) {
      io.err(`usage: ${usageLine(command)}\nrun 'attn-coreset ${command.name} --help' for details\n`);
    }
    return EXIT_USAGE;
  }
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  io.err(`${prefix}: internal error: ${message}\nThis is a bug in attn-coreset; please report it with the command line and input files.\n`);
  if (io.env.ATTN_CORESET_DEBUG === '1' && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
  else io.err('(set ATTN_CORESET_DEBUG=1 to print the stack trace)\n');
  return EXIT_INTERNAL;
}

/**
 * Runs the CLI as the current process: real stdout/stderr, exit code set on
 * `process.exitCode` (so buffered output is flushed), a closed stdout pipe
 * (`| head`) ends quietly, and an error escaping a command asynchronously
 * still gives exit 3 without a raw stack.
 * @lemma def:instance
 */
export async function runMain(argv: readonly string[], commands?: readonly Command[]): Promise<void> {
  const io = processIo();
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
    throw e;
  });
  const fatal = (e: unknown): void => {
    process.exitCode = reportError(e, io);
    process.exit();
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  process.exitCode = await runCli(argv, io, commands);
}
