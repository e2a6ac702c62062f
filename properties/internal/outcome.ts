/**
 * Runs a library call and classifies how it ended: a value or a clear
 * `InputError` (which includes `OutputNotRepresentableError`); anything
 * else is a property violation.
 * @module
 * @internal
 */
import { InputError } from '../../src/errors.js';
import { PropertyViolation } from './violation.js';

/** A value, or the InputError the call threw. @internal */
export type Outcome<T> = { readonly value: T } | { readonly refused: InputError };

/**
 * Calls `f`; an InputError becomes `{ refused }`, any other exception (an
 * InternalError, a RangeError, a stack overflow) a {@link PropertyViolation}.
 * @internal
 * @lemma def:representable-output
 */
export function outcomeOf<T>(what: string, f: () => T, input: () => string): Outcome<T> {
  try {
    return { value: f() };
  } catch (e) {
    if (e instanceof InputError) return { refused: e };
    const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    throw new PropertyViolation(`${what} threw something other than an InputError\n  input: ${input()}\n  error: ${msg}`);
  }
}
