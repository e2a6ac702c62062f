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
  | 'usage'
  | 'overflow'
  | 'output-range';

/**
 * A rejected input: `where` says which argument, row or file, `code` says
 * what kind of problem, the message says both in words.
 */
export class InputError extends Error {
  override readonly name: string = 'InputError';
  constructor(
    readonly code: InputErrorCode,
    readonly where: string,
    detail: string,
  ) {
    super(`${where}: ${detail}`);
  }
}

/**
 * A result that exists in the reals but cannot be represented in the
 * output's number format (binary64, or decimal.js's 10^{±9·10¹⁵}): e.g.
 * attention values of 1.7e308 whose weighted mean rounds past the largest
 * double. The inputs are valid each on their own; together they ask for an
 * unrepresentable answer, so the CLI treats it as bad input (exit 2), with
 * a message that names the output, not an input, as the culprit.
 */
export class OutputNotRepresentableError extends InputError {
  override readonly name = 'OutputNotRepresentableError';
  constructor(where: string, detail: string) {
    super('output-range', `output ${where}`, `not representable: ${detail}`);
  }
}

/** An invariant of the library itself broke: a bug, CLI exit code 3. */
export class InternalError extends Error {
  override readonly name = 'InternalError';
}
