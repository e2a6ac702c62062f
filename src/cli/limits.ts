/**
 * Upper bounds on the sizes a user can ask for on the command line, checked
 * before anything is allocated, each derived from a memory or time budget.
 * @module
 */
import { InputError } from '../errors.js';
import { uniformTrapSize } from '../bounds.js';

/**
 * The memory one command may use for what a user's size options allocate:
 * 1 GiB, the acceptance limit of issue 13 and well inside a CI runner
 * (7 GB on GitHub's, shared with the test process).
 */
export const MEMORY_BUDGET_BYTES = 2 ** 30;

/**
 * Bytes an entry of a generated instance costs at its peak: 8 in its
 * Float64Array plus its written form, 8 in an .npy / .safetensors buffer or
 * up to 24 characters of JSON text (a shortest round-trip double with sign,
 * exponent and separator), so ≤ 32.
 */
export const BYTES_PER_GENERATED_ENTRY = 32;

/** n·(d + dv) of a generated instance: 1 GiB / 32 bytes = 2^25 ≈ 33.5 M entries. */
export const MAX_GENERATED_ENTRIES = MEMORY_BUDGET_BYTES / BYTES_PER_GENERATED_ENTRY;

/**
 * Largest `--digits` of the reference: decimal.js's exp and ln cost grows
 * about as digits^2.4 per row; one query of a 5-row instance took 0.65 s at
 * 1000 digits, 3 s at 2000 and 19 s at 4000 (one run each, on a loaded
 * 2-core machine), so beyond 1000 a query of a real instance runs for
 * minutes without output. A binary64 result needs 17 digits; the reference's
 * own self-check uses 60.
 */
export const MAX_REFERENCE_DIGITS = 1000;

/**
 * Checks that `gen` can hold the instance it is asked for (n rows of d key
 * and dv value entries; the orthonormal family has d = dv = n, the
 * uniform trap n = 1 + ⌊e^{2ρ}⌋ and dv = 1) before generating it.
 *
 * Error: an `InputError` naming the option, the entry count and the limit.
 * @lemma def:instance
 */
export function checkGeneratedSize(family: string, n: number, d: number, dv: number, rho: number | undefined): void {
  const trap = family === 'uniform-trap' && rho !== undefined;
  const rows = trap ? uniformTrapSize(rho) + 1 : n;
  const cols = trap ? d + 1 : family === 'orthonormal' ? 2 * n : d + dv;
  const entries = rows * cols;
  if (!(entries <= MAX_GENERATED_ENTRIES)) {
    const where = trap ? '--rho' : family === 'orthonormal' || n >= d + dv ? '--n' : '--d';
    throw new InputError(
      'parameter',
      where,
      `asks for ${rows} rows × ${cols} key and value entries = ${entries.toPrecision(3)}; at most ${MAX_GENERATED_ENTRIES} fit the ${MEMORY_BUDGET_BYTES / 2 ** 30} GiB memory budget (${BYTES_PER_GENERATED_ENTRY} bytes an entry)`,
    );
  }
}
