/**
 * The shape of a CLI command.
 * @module
 */
import type { CliIo } from './io.js';

/**
 * One `attn-coreset <name>` command. `run` gets the arguments after the
 * command name and returns the exit code (see `exit-codes.ts`); it throws
 * `InputError` for bad usage or input (the runner prints it, exit 2) and
 * never calls `process.exit`.
 */
export interface Command {
  /** The word after `attn-coreset`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /**
   * The help text: first line is the usage line (printed after a usage
   * error), the rest lists the options.
   */
  readonly usage: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}
