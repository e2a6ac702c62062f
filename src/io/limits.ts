/**
 * Size bounds on hostile input, each with the reason for its value, and the
 * one way error messages quote input text (a short prefix, never all of it).
 * @module
 */
import { constants as bufferConstants } from 'node:buffer';
import { totalmem } from 'node:os';

/**
 * Longest text read as one number (a decimal or hex-float string in JSON,
 * a weight, a numeric CLI option). Every binary64 value has an exact decimal
 * expansion; the longest written without an exponent is that of the smallest
 * subnormal 2⁻¹⁰⁷⁴ = 0.(323 zeros)4940…: 2 + 323 + 751 = 1076 characters,
 * one more with a sign. 1100 admits it (and every shorter correctly rounded
 * or exact spelling, hex floats included), while a longer string is not a
 * number any program prints.
 */
export const MAX_NUMBER_TEXT = 1100;

/**
 * Longest `.npy` header read, in bytes: numpy's own default
 * (`numpy.lib.format._MAX_HEADER_SIZE`, which `np.load` refuses to exceed
 * unless told to trust the file). A float array's header is under 200 bytes.
 */
export const MAX_NPY_HEADER = 10_000;

/**
 * Largest single read `fs` performs (2 GiB − 1, Node's `kIoMaxLength`).
 * @internal
 */
const IO_MAX_LENGTH = 2 ** 31 - 1;

/**
 * Largest input file read, in bytes: the smaller of 2 GiB − 1 (the largest
 * single read Node performs) and 1/8 of the machine's memory. A file's bytes
 * stay alive while it is decoded into binary64 (up to 4× the bytes for a
 * float16 file, 2× for float32), and the commands then work on copies of
 * the matrices, so 1/8 of memory keeps the largest accepted file's whole
 * pipeline within what the machine holds.
 *
 * @lemma def:instance
 */
export function maxInputBytes(): number {
  return Math.min(IO_MAX_LENGTH, bufferConstants.MAX_LENGTH, Math.floor(totalmem() / 8));
}

/**
 * Largest JSON file read, in bytes: a JSON text becomes one JavaScript
 * string, whose length V8 caps (`buffer.constants.MAX_STRING_LENGTH`, about
 * 2²⁹ characters); a UTF-8 byte is at most one character.
 *
 * @lemma def:instance
 */
export function maxJsonBytes(): number {
  return Math.min(maxInputBytes(), bufferConstants.MAX_STRING_LENGTH);
}

/** Characters of hostile text quoted in a message. */
const PREVIEW_CHARS = 40;

/**
 * Quotes user text for an error message: as JSON, the first 40 characters
 * only, with the full length named when it is cut.
 *
 * @example
 * ```ts
 * preview('1'.repeat(100000)); // '"1111…" (100000 characters)'
 * ```
 * @lemma def:instance
 */
export function preview(text: string): string {
  if (text.length <= PREVIEW_CHARS) return JSON.stringify(text);
  return `${JSON.stringify(`${text.slice(0, PREVIEW_CHARS)}…`)} (${text.length} characters)`;
}

/**
 * Joins items for a message, at most `max` of them (then "… and N more"),
 * each cut to 40 characters: a file's tensor names or shape are its own
 * text and may be hostile.
 *
 * @example
 * ```ts
 * listSome(['1', '2', '3'], 2); // "1, 2, … and 1 more"
 * ```
 * @lemma def:instance
 */
export function listSome(items: readonly (string | number)[], max = 10): string {
  const cut = (s: string | number): string => (String(s).length <= PREVIEW_CHARS ? String(s) : `${String(s).slice(0, PREVIEW_CHARS)}…`);
  const shown = items.slice(0, max).map(cut).join(', ');
  return items.length > max ? `${shown}, … and ${items.length - max} more` : shown;
}
