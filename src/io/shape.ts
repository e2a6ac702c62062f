/**
 * From an n-dimensional array shape to a matrix.
 * @module
 */
import { InputError } from '../errors.js';
import { listSome } from './limits.js';

/**
 * Reads an array shape as matrix rows × columns: a 1-D array of length c is
 * one row (1 × c: a single query or a weight vector), a 2-D array is itself,
 * and higher-dimensional arrays are accepted only when every leading extra
 * dimension is 1 (e.g. a PyTorch tensor of shape (1, 1, n, d)).
 *
 * Special cases: a 0-D (scalar) array or a leading dimension ≠ 1 is an
 * {@link InputError} (`shape`) naming `where` and the shape.
 * @lemma def:instance
 */
export function matrixShape(shape: readonly number[], where: string): { rows: number; cols: number } {
  for (const s of shape) {
    if (!Number.isSafeInteger(s) || s < 0) throw new InputError('shape', where, `shape (${listSome(shape)}) has an invalid dimension ${s}`);
  }
  if (shape.length === 0) throw new InputError('shape', where, 'is a 0-dimensional (scalar) array; expected a vector or a matrix');
  if (shape.length === 1) return { rows: 1, cols: shape[0] };
  const lead = shape.slice(0, -2);
  if (lead.some((s) => s !== 1)) {
    throw new InputError('shape', where, `has shape (${listSome(shape)}); expected 1 or 2 dimensions (leading dimensions of size 1 are allowed)`);
  }
  return { rows: shape[shape.length - 2], cols: shape[shape.length - 1] };
}
