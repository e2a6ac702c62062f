/**
 * Matrices as JSON: `[[…], […]]` (rows), `[…]` (one row) or
 * `{"shape": [r, c], "data": […]}` (flat row-major or nested rows).
 * @module
 */
import { InputError } from '../errors.js';
import type { Mat64 } from '../types.js';
import { listSome, maxJsonBytes } from './limits.js';
import { describeJson, formatNumberJson, parseNumericValue } from './numeric.js';
import { matrixShape } from './shape.js';

/**
 * Parses JSON text into a matrix. Accepted forms: an array of equal-length
 * rows; a flat array (one row, e.g. a single query); an object with integer
 * `shape` (1 or 2 dimensions) and `data`, flat row-major or nested rows (other
 * keys are ignored, so annotated outputs read back). Each entry is read by
 * {@link parseNumericValue}: JSON numbers, hex-float strings (exact) or
 * decimal strings.
 *
 * Special cases: invalid JSON, ragged rows (naming the row and both lengths),
 * non-numeric entries (naming row and column) and shape/data mismatches are
 * {@link InputError}s naming `where`. A leading UTF-8 byte-order mark is
 * skipped. NaN/∞ entries are returned for `validateMat` to name.
 * @lemma def:instance
 */
export function parseJsonMatrix(text: string, where: string): Mat64 {
  return jsonValueToMatrix(parseJsonText(text, where), where);
}

/**
 * Decodes a JSON file's bytes as UTF-8 text.
 *
 * Special cases: more bytes than one JavaScript string holds
 * (`maxJsonBytes`) and invalid UTF-8 are {@link InputError}s (`format`)
 * naming `where`.
 * @internal
 * @lemma def:instance
 */
export function jsonTextOf(bytes: Uint8Array, where: string): string {
  const limit = maxJsonBytes();
  if (bytes.length > limit) throw new InputError('format', where, `is a ${bytes.length}-byte JSON text; the largest JSON input is ${limit} bytes (a JavaScript string's limit): use .npy or .safetensors`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError('format', where, 'is not UTF-8 text, so not JSON');
  }
}

/** Parses JSON, turning a syntax error into an {@link InputError}.
 * @internal
 * @lemma def:instance
 */
export function parseJsonText(text: string, where: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new InputError('format', where, `is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * Converts a parsed JSON value (see {@link parseJsonMatrix}) into a matrix.
 * @lemma def:instance
 */
export function jsonValueToMatrix(value: unknown, where: string): Mat64 {
  if (Array.isArray(value)) return fromRows(value, where);
  if (value !== null && typeof value === 'object' && 'data' in value) {
    const { shape, data } = value as { shape?: unknown; data: unknown };
    if (!Array.isArray(shape) || !shape.every((s) => Number.isSafeInteger(s) && s >= 0)) {
      throw new InputError('format', `${where} shape`, `expected an array of non-negative integers, got ${describeJson(shape)}`);
    }
    const { rows, cols } = matrixShape(shape as number[], where);
    if (!Array.isArray(data)) throw new InputError('format', `${where} data`, `expected an array, got ${describeJson(data)}`);
    if (data.length > 0 && Array.isArray(data[0])) {
      const m = fromRows(data, where);
      if (m.rows !== rows || m.cols !== cols) throw new InputError('shape', where, `shape says ${rows}×${cols} but data has ${m.rows} rows of ${m.cols}`);
      return m;
    }
    if (data.length !== rows * cols) throw new InputError('shape', where, `shape [${listSome(shape)}] needs ${rows * cols} entries, data has ${data.length}`);
    const out = new Float64Array(data.length);
    for (let t = 0; t < data.length; t++) out[t] = parseNumericValue(data[t], cell(where, cols, t));
    return { rows, cols, data: out };
  }
  throw new InputError('format', where, `expected an array of rows or {"shape": [r, c], "data": [...]}, got ${describeJson(value)}`);
}

function cell(where: string, cols: number, t: number): string {
  const c = Math.max(cols, 1);
  return `${where} row ${Math.floor(t / c)}, column ${t % c}`;
}

function fromRows(rows: unknown[], where: string): Mat64 {
  if (rows.length === 0) return { rows: 0, cols: 0, data: new Float64Array(0) };
  if (!Array.isArray(rows[0])) {
    // A flat array: one row.
    const data = new Float64Array(rows.length);
    for (let j = 0; j < rows.length; j++) {
      if (Array.isArray(rows[j])) throw new InputError('shape', `${where} entry ${j}`, 'is an array, but entry 0 is a number: mix of rows and numbers');
      data[j] = parseNumericValue(rows[j], `${where} row 0, column ${j}`);
    }
    return { rows: 1, cols: rows.length, data };
  }
  const cols = (rows[0] as unknown[]).length;
  const data = new Float64Array(rows.length * cols);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!Array.isArray(r)) throw new InputError('shape', `${where} row ${i}`, `is ${describeJson(r)}, expected an array like row 0`);
    if (r.length !== cols) throw new InputError('shape', `${where} row ${i}`, `has ${r.length} entries, but row 0 has ${cols} (ragged rows)`);
    for (let j = 0; j < cols; j++) data[i * cols + j] = parseNumericValue(r[j], `${where} row ${i}, column ${j}`);
  }
  return { rows: rows.length, cols, data };
}

/** Options of {@link formatJsonMatrix}. */
export interface JsonMatrixWriteOptions {
  /**
   * Write entries as hexadecimal-float strings ("0x1.8p+1") instead of JSON
   * numbers. Both read back exactly; hex is also exact in C and Python.
   * @defaultValue false
   */
  readonly hex?: boolean;
}

/**
 * Formats a matrix as JSON rows, one row per line: `[[…],\n […]]`. Numbers
 * use the shortest decimal that reads back to the same double (−0 kept).
 *
 * Special cases: non-finite entries are an {@link InputError} unless `hex`.
 * @lemma def:instance
 */
export function formatJsonMatrix(m: Mat64, options: JsonMatrixWriteOptions = {}): string {
  return `[${jsonRows(m, options.hex ?? false).join(',\n ')}]\n`;
}

/** The rows of {@link formatJsonMatrix}, each a JSON array text.
 * @internal
 * @lemma def:instance
 */
export function jsonRows(m: Mat64, hex: boolean): string[] {
  const lines: string[] = [];
  for (let i = 0; i < m.rows; i++) {
    const cells: string[] = [];
    for (let j = 0; j < m.cols; j++) cells.push(formatNumberJson(m.data[i * m.cols + j], hex, `row ${i}, column ${j}`));
    lines.push(`[${cells.join(', ')}]`);
  }
  return lines;
}
