/**
 * Typed errors. Every rejection of user input is an {@link InputError} that
 * names what is wrong and where; the CLI maps it to exit code 2.
 *
 * @module
 */

/** Machine-readable reason of an {@link InputError}. */
export type InputErrorCode =
  | 'not-finite'
  | 'shape'
  | 'empty'
  | 'negative-weight'
  | 'zero-weights'
  | 'index-range'
  | 'parameter'
  | 'not-unit'
  | 'format'
  | 'usage';

/**
 * A rejected input: `where` says which argument, row or file, `code` says
 * what kind of problem, the message says both in words.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly code: InputErrorCode,
    readonly where: string,
    detail: string,
  ) {
    super(`${where}: ${detail}`);
  }
}

/** An invariant of the library itself broke: a bug, CLI exit code 3. */
export class InternalError extends Error {
  override readonly name = 'InternalError';
}
