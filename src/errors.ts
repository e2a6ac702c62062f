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
 * what kind of problem, the message says both in words. Inputs outside
 * `def:instance` (non-finite entries, wrong shapes, negative weights, …)
 * and logits beyond binary64 are refused this way (CLI exit code 2).
 * @lemma def:instance
 * @lemma def:representable-output
 * @example
 * ```ts
 * import { InputError, validateInstance } from 'attn-coreset';
 *
 * const bad = { n: 1, d: 2, dv: 1, K: new Float64Array([NaN, 0]), V: new Float64Array([1]) };
 * try {
 *   validateInstance(bad);
 * } catch (e) {
 *   if (!(e instanceof InputError)) throw e;
 *   console.log(e.code, e.where); // 'not-finite', and where: keys, row 0, column 0
 * }
 * ```
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
 * @lemma def:representable-output
 * @example
 * ```ts
 * import { InputError, OutputNotRepresentableError } from 'attn-coreset';
 *
 * const e = new OutputNotRepresentableError('attention', 'a value beyond binary64');
 * console.log(e instanceof InputError, e.code); // true 'output-range' (CLI exit code 2)
 * ```
 */
export class OutputNotRepresentableError extends InputError {
  override readonly name = 'OutputNotRepresentableError';
  constructor(where: string, detail: string) {
    super('output-range', `output ${where}`, `not representable: ${detail}`);
  }
}

/**
 * An invariant of the library itself broke: a bug, CLI exit code 3.
 * @example
 * ```ts
 * import { InputError, InternalError } from 'attn-coreset';
 *
 * // Bad input is an InputError (CLI exit code 2); an InternalError is a bug (exit code 3).
 * const exitCode = (e: unknown) => (e instanceof InputError ? 2 : 3);
 * console.log(exitCode(new InternalError('invariant broke')), exitCode(new InputError('usage', '--rho', 'is missing'))); // 3 2
 * ```
 */
export class InternalError extends Error {
  override readonly name = 'InternalError';
}
