/**
 * NumPy `.npy` files (format versions 1.0, 2.0, 3.0): what a Python user
 * dumps with `np.save`.
 * @module
 */
import { InputError } from '../errors.js';
import type { Mat64 } from '../types.js';
import { halfToDouble } from './half.js';
import { listSome, MAX_NPY_HEADER } from './limits.js';
import { parsePyLiteral, PY_SPACE } from './py-literal.js';
import { matrixShape } from './shape.js';

/** The six bytes every `.npy` file starts with. */
export const NPY_MAGIC = Uint8Array.of(0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59);

/** Whether `bytes` starts with the `.npy` magic string "\x93NUMPY".
 * @internal
 * @lemma def:instance
 */
export function hasNpyMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 6 && NPY_MAGIC.every((b, k) => bytes[k] === b);
}

/**
 * Float dtypes by their `descr` code after the byte order: numpy's kind+size
 * (`f8`) and its one-letter aliases (`np.dtype('<d').str == '<f8'`, `'<f'`
 * is float32, `'<e'` float16), all of which `np.load` reads.
 */
const FLOAT_SIZES: Record<string, number> = { f2: 2, f4: 4, f8: 8, e: 2, f: 4, d: 8 };

/**
 * Decodes a `.npy` file into a binary64 matrix (`def:instance` data).
 *
 * Method: reads the magic, the version (1.0: 2-byte header length; 2.0 and
 * 3.0: 4-byte), the header dict, then `descr` ∈ {`<f2`, `<f4`, `<f8`,
 * `>f2`, `>f4`, `>f8`} or an alias (`<e`, `<f`, `<d`, either byte order;
 * big-endian is converted), widening each entry exactly
 * to a double. A Fortran-order (column-major) array is transposed into
 * row-major order, so it reads as the same matrix. Shapes map to rows × cols
 * by {@link matrixShape}: a 1-D array of length c is one row.
 *
 * Special cases: every problem is an {@link InputError} naming `where`:
 * wrong magic ("not a .npy file"), unknown version, a non-float or
 * structured dtype (named), object arrays (never unpickled), truncated data
 * or extra bytes (expected vs actual byte counts), a header longer than
 * numpy's own limit `MAX_NPY_HEADER` (10,000 bytes). Entries are not checked for NaN/∞ here;
 * `validateMat` names their row and column.
 *
 * @example
 * ```ts
 * import { decodeNpy, encodeNpy } from 'attn-coreset';
 *
 * const bytes = encodeNpy({ rows: 2, cols: 2, data: new Float64Array([1, 2, 3, 4]) });
 * const m = decodeNpy(bytes, 'example.npy'); // '<f8' or '<f4', C or Fortran order
 * console.log(m.rows, m.cols, m.data);
 * ```
 * @lemma def:instance
 */
export function decodeNpy(bytes: Uint8Array, where: string): Mat64 {
  if (!hasNpyMagic(bytes)) throw new InputError('format', where, 'not a .npy file (it does not start with the magic bytes "\\x93NUMPY")');
  if (bytes.length < 10) throw new InputError('format', where, `is truncated: ${bytes.length} bytes, shorter than a .npy preamble`);
  const major = bytes[6];
  const minor = bytes[7];
  if (![1, 2, 3].includes(major) || minor !== 0) {
    throw new InputError('format', where, `has .npy format version ${major}.${minor}; supported are 1.0, 2.0 and 3.0`);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lenBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenBytes) throw new InputError('format', where, 'is truncated inside the header length');
  const headerLen = major === 1 ? dv.getUint16(8, true) : dv.getUint32(8, true);
  if (headerLen > MAX_NPY_HEADER) {
    throw new InputError('format', where, `has a ${headerLen}-byte .npy header; numpy's limit is ${MAX_NPY_HEADER} (a float array's header is under 200 bytes)`);
  }
  const start = 8 + lenBytes;
  const dataStart = start + headerLen;
  if (dataStart > bytes.length) {
    throw new InputError('format', where, `is truncated: the header claims ${headerLen} bytes but only ${bytes.length - start} follow`);
  }
  const headerText = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, dataStart));
  const { descr, fortran, shape } = readHeader(headerText, where);
  const m = /^([<>|=])(f[0-9]+|[efd])$/.exec(descr);
  if (m === null || !Object.hasOwn(FLOAT_SIZES, m[2])) throw new InputError('format', where, unsupportedDtype(descr));
  const size = FLOAT_SIZES[m[2]];
  if (m[1] === '|' || m[1] === '=') throw new InputError('format', where, `has dtype '${descr}' without an explicit byte order; expected '<f${size}' or '>f${size}'`);
  const little = m[1] === '<';
  const { rows, cols } = matrixShape(shape, where);
  const count = shape.reduce((a, b) => a * b, 1);
  const expected = count * size;
  const actual = bytes.length - dataStart;
  if (actual < expected) {
    throw new InputError('format', where, `is truncated: shape (${listSome(shape)}) of '${descr}' needs ${expected} bytes of data, found ${actual}`);
  }
  if (actual > expected) {
    throw new InputError('format', where, `has ${actual - expected} extra bytes after the data (shape (${listSome(shape)}) of '${descr}' needs ${expected} bytes)`);
  }
  const data = new Float64Array(count);
  const read = size === 8 ? (o: number) => dv.getFloat64(o, little) : size === 4 ? (o: number) => dv.getFloat32(o, little) : (o: number) => halfToDouble(dv.getUint16(o, little));
  // Nothing to read when a dimension is 0; the loops below must not walk
  // the other dimension then (a (2^53 − 1, 0) Fortran array would spin).
  if (count === 0) return { rows, cols, data };
  if (fortran && shape.length >= 2) {
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[i * cols + j] = read(dataStart + (j * rows + i) * size);
  } else {
    for (let t = 0; t < count; t++) data[t] = read(dataStart + t * size);
  }
  return { rows, cols, data };
}

function unsupportedDtype(descr: string): string {
  const kind: Record<string, string> = { O: 'object (pickled Python objects)', i: 'signed integer', u: 'unsigned integer', b: 'boolean', c: 'complex', U: 'unicode string', S: 'byte string', V: 'raw/void', M: 'datetime', m: 'timedelta' };
  const k = /^[<>|=]?(\D)/.exec(descr)?.[1] ?? '';
  const what = kind[k] ? `${kind[k]} dtype '${descr}'` : `dtype '${descr}'`;
  return `has ${what}; expected a float array ('<f4' or '<f8'): convert with a.astype(np.float64)`;
}

function readHeader(text: string, where: string): { descr: string; fortran: boolean; shape: number[] } {
  const h = parsePyLiteral(trimEnd(text), where);
  if (h === null || typeof h !== 'object' || Array.isArray(h)) throw new InputError('format', where, 'header is not a dict');
  const keys = Object.keys(h).sort().join(', ');
  if (keys !== 'descr, fortran_order, shape') {
    throw new InputError('format', where, `header has keys ${listSome(Object.keys(h).sort())}; numpy requires exactly descr, fortran_order and shape`);
  }
  const { descr, fortran_order: fortran, shape } = h;
  if (Array.isArray(descr)) throw new InputError('format', where, 'has a structured dtype (record array); expected a plain float array');
  if (typeof descr !== 'string') throw new InputError('format', where, "header has no string 'descr'");
  if (typeof fortran !== 'boolean') throw new InputError('format', where, "header has no boolean 'fortran_order'");
  if (!Array.isArray(shape) || !shape.every((s) => typeof s === 'number')) throw new InputError('format', where, "header has no integer tuple 'shape'");
  return { descr, fortran, shape: shape as number[] };
}

/**
 * Drops trailing whitespace (numpy pads the header with spaces and a
 * newline) by a backwards scan: `/[\s\0]+$/` was quadratic on a long run of
 * blanks followed by anything else. Only Python's whitespace: numpy refuses
 * a NUL or a non-breaking space there, and so do we.
 */
function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && PY_SPACE.has(text[end - 1])) end--;
  return text.slice(0, end);
}

/** Options of {@link encodeNpy}. */
export interface NpyWriteOptions {
  /**
   * Stored dtype: `'<f8'` (exact) or `'<f4'` (each entry rounded to the
   * nearest float32).
   * @defaultValue '<f8'
   */
  readonly dtype?: '<f8' | '<f4';
  /**
   * Write a 1-D array (shape (rows·cols,)) instead of a 2-D one.
   * @defaultValue false
   */
  readonly vector?: boolean;
}

/**
 * Encodes a matrix as a version 1.0 `.npy` file (2.0 if the header does not
 * fit in 65535 bytes), C order, header padded so the data starts on a
 * 64-byte boundary, as `np.save` does.
 *
 * Special cases: with `'<f4'`, a finite entry beyond the float32 range is an
 * {@link InputError} (`parameter`) naming its row and column.
 * @lemma def:instance
 * @example
 * ```ts
 * import { encodeNpy } from 'attn-coreset';
 *
 * const bytes = encodeNpy({ rows: 1, cols: 2, data: new Float64Array([1, 2]) }); // numpy.load reads it
 * console.log(bytes.length);
 * ```
 */
export function encodeNpy(m: Mat64, options: NpyWriteOptions = {}): Uint8Array {
  const dtype = options.dtype ?? '<f8';
  const size = dtype === '<f8' ? 8 : 4;
  const shape = options.vector ? `(${m.rows * m.cols},)` : `(${m.rows}, ${m.cols})`;
  let header = `{'descr': '${dtype}', 'fortran_order': False, 'shape': ${shape}, }`;
  const major = header.length + 11 > 65535 ? 2 : 1;
  const pre = major === 1 ? 10 : 12;
  header += ' '.repeat((64 - ((pre + header.length + 1) % 64)) % 64) + '\n';
  const out = new Uint8Array(pre + header.length + m.data.length * size);
  out.set(NPY_MAGIC, 0);
  out[6] = major;
  out[7] = 0;
  const dv = new DataView(out.buffer);
  if (major === 1) dv.setUint16(8, header.length, true);
  else dv.setUint32(8, header.length, true);
  for (let k = 0; k < header.length; k++) out[pre + k] = header.charCodeAt(k);
  const base = pre + header.length;
  for (let t = 0; t < m.data.length; t++) {
    const x = m.data[t];
    if (size === 8) dv.setFloat64(base + 8 * t, x, true);
    else {
      if (Number.isFinite(x) && !Number.isFinite(Math.fround(x))) {
        const c = Math.max(m.cols, 1);
        throw new InputError('parameter', `row ${Math.floor(t / c)}, column ${t % c}`, `entry ${x} does not fit in float32`);
      }
      dv.setFloat32(base + 4 * t, x, true);
    }
  }
  return out;
}
