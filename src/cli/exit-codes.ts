/**
 * The exit codes of `attn-coreset`, fixed and documented (DESIGN §3):
 *
 * | code | meaning |
 * |------|---------|
 * | 0 | ok (for checks: passed, certified or not refuted) |
 * | 1 | a check failed (e.g. a witness query beats ε) |
 * | 2 | bad usage or bad input (an `InputError`: unknown option, missing file, NaN in row 3, …, or an `OutputNotRepresentableError`: valid inputs whose result the output format cannot hold) |
 * | 3 | internal error (a bug: anything else; the stack is printed only with ATTN_CORESET_DEBUG=1) |
 *
 * @module
 */

/** Everything went well. */
export const EXIT_OK = 0;
/** The command ran, and the check it performs failed. */
export const EXIT_FAILED = 1;
/** Bad usage or bad input: an `InputError`. */
export const EXIT_USAGE = 2;
/** An internal error: a bug in attn-coreset. */
export const EXIT_INTERNAL = 3;
