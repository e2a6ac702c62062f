import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNumberText } from '../../src/cli/args.js';
import { InputError } from '../../src/errors.js';
import { readCoresetFile } from '../../src/io/coreset-file.js';
import { readBytes } from '../../src/io/files.js';
import { parseHexFloat } from '../../src/io/hex-float.js';
import { MAX_NPY_HEADER, MAX_NUMBER_TEXT } from '../../src/io/limits.js';
import { decodeNpy } from '../../src/io/npy.js';
import { parseNumericValue } from '../../src/io/numeric.js';
import { readMatrix, splitTensorSpec } from '../../src/io/read-matrix.js';
import { npyBytes } from '../helpers/npy.js';

const dir = mkdtempSync(join(tmpdir(), 'attn-hostile-'));

/** A .npy v1/v2 file whose header is `dict` followed by `pad` (no padding rules applied). */
const npyWithHeader = (dict: string, pad = '', version = 1, payload = new Uint8Array(0)): Uint8Array => npyBytes(dict + pad, payload, version);

/** The error a function throws (failing the test when it throws nothing or not an InputError). */
function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError, nothing was thrown');
}

describe('decodeNpy (hostile headers)', () => {
  it('reads a 128-byte Fortran-order file of shape (2^53 − 1, 0) as an empty matrix (it used to loop forever)', () => {
    const dict = `{'descr': '<f8', 'fortran_order': True, 'shape': (${2 ** 53 - 1}, 0), }`;
    const bytes = npyWithHeader(dict, `${' '.repeat(128 - 10 - dict.length - 1)}\n`);
    expect(bytes.length).toBe(128);
    const m = decodeNpy(bytes, 'f.npy');
    expect([m.rows, m.cols, m.data.length]).toEqual([2 ** 53 - 1, 0, 0]);
  });

  it("refuses a header beyond numpy's 10,000-byte limit, naming the limit (200 KB of blanks then x took 13 s)", () => {
    const dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (0,), }";
    const e = inputError(() => decodeNpy(npyWithHeader(dict, `${' '.repeat(200_000)}x`, 2), 'b.npy'));
    expect(e.message).toMatch(new RegExp(`b\\.npy: has a 200\\d+-byte \\.npy header; numpy's limit is ${MAX_NPY_HEADER}`));
  });

  it('refuses blanks then a stray character within the limit as trailing text', () => {
    const dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (0,), }";
    expect(() => decodeNpy(npyWithHeader(dict, `${' '.repeat(MAX_NPY_HEADER - dict.length - 1)}x`), 'b.npy')).toThrow(/trailing text/);
  });

  it("accepts numpy's one-letter float aliases '<d', '<f', '<e' (and big-endian) as float64, float32, float16", () => {
    const cases: [string, number, (dv: DataView, x: number) => void][] = [
      ['<d', 8, (dv, x) => dv.setFloat64(0, x, true)],
      ['>d', 8, (dv, x) => dv.setFloat64(0, x, false)],
      ['<f', 4, (dv, x) => dv.setFloat32(0, x, true)],
      ['<e', 2, (dv) => dv.setUint16(0, 0x3e00, true)], // 1.5 in binary16
    ];
    for (const [descr, size, put] of cases) {
      const payload = new Uint8Array(size);
      put(new DataView(payload.buffer), 1.5);
      const m = decodeNpy(npyWithHeader(`{'descr': '${descr}', 'fortran_order': False, 'shape': (1,), }`, '\n', 1, payload), 'a.npy');
      expect([descr, Array.from(m.data)]).toEqual([descr, [1.5]]);
    }
    // '<g' is long double (float128 here), not a float we read.
    expect(() => decodeNpy(npyWithHeader("{'descr': '<g', 'fortran_order': False, 'shape': (1,), }", '\n', 1, new Uint8Array(16)), 'g.npy')).toThrow(/dtype '<g'/);
  });
});

describe('parseNumericValue (hostile text)', () => {
  const long = `${'1'.repeat(100_000)}x`;

  it('refuses a 100,000-digit string quoting only a short prefix (it echoed the whole string, after 4 s)', () => {
    const e = inputError(() => parseNumericValue(long, 'k.json row 0, column 0'));
    expect(e.message.length).toBeLessThan(300);
    expect(e.message).toMatch(/\(100001 characters\)/);
    expect(e.message).toMatch(new RegExp(`longer than ${MAX_NUMBER_TEXT} characters`));
  });

  it('still reads the longest exact decimal of a double, 2^-1074 written out in full', () => {
    // 2^-1074 = 5^1074 / 10^1074: its 751 significant digits after 323 zeros.
    const digits = (5n ** 1074n).toString();
    const text = `0.${'0'.repeat(1074 - digits.length)}${digits}`;
    expect(text.length).toBeLessThanOrEqual(MAX_NUMBER_TEXT);
    expect(parseNumericValue(text, 'w')).toBe(2 ** -1074);
    expect(parseNumericValue(`-${text}`, 'w')).toBe(-(2 ** -1074));
  });

  it('refuses long digit runs failing at the end within the bound, linearly', () => {
    expect(() => parseNumericValue(`${'9'.repeat(MAX_NUMBER_TEXT - 1)}x`, 'w')).toThrow(/is not a number/);
    expect(() => parseNumericValue(`1.${'9'.repeat(MAX_NUMBER_TEXT - 3)}.`, 'w')).toThrow(/is not a number/);
  });

  it('bounds hex floats too, and quotes them short', () => {
    const e = inputError(() => parseHexFloat(`0x1.${'f'.repeat(5000)}`, 'h'));
    expect(e.message.length).toBeLessThan(300);
    expect(() => parseHexFloat(`0x${'g'.repeat(500)}`, 'h')).toThrow(/\(502 characters\)/);
  });
});

describe('parseNumberText (hostile option values)', () => {
  it('refuses a 100,000-digit --rho with a short message', () => {
    const e = inputError(() => parseNumberText(`${'1'.repeat(100_000)}x`, 'rho', { positive: true }));
    expect(e.where).toBe('--rho');
    expect(e.message.length).toBeLessThan(300);
  });
});

describe('splitTensorSpec (hostile specs)', () => {
  it('splits at the last colon after a .safetensors name, also in a long repetitive spec', () => {
    expect(splitTensorSpec('a.safetensors:keys')).toEqual({ path: 'a.safetensors', tensor: 'keys' });
    expect(splitTensorSpec('dir:x/a.safetensors:keys')).toEqual({ path: 'dir:x/a.safetensors', tensor: 'keys' });
    expect(splitTensorSpec('a.safetensors:b:c')).toEqual({ path: 'a.safetensors', tensor: 'b:c' });
    expect(splitTensorSpec('a.safetensors:b/c')).toEqual({ path: 'a.safetensors:b/c' });
    expect(splitTensorSpec('a.npy')).toEqual({ path: 'a.npy' });
    const spec = 'x.safetensors:'.repeat(20_000);
    expect(splitTensorSpec(`${spec}t`)).toEqual({ path: spec.slice(0, -1), tensor: 't' });
  });
});

describe('readBytes (non-regular files)', () => {
  it('refuses /dev/zero and /dev/urandom at once instead of reading forever', () => {
    for (const dev of ['/dev/zero', '/dev/urandom']) {
      if (!existsSync(dev)) continue;
      expect(() => readMatrix(dev)).toThrow(/it is a character device; give a regular file/);
    }
    if (existsSync('/dev/zero')) expect(() => readCoresetFile('/dev/zero', 3)).toThrow(/\/dev\/zero: cannot read '\/dev\/zero': it is a character device/);
  });

  it('refuses a FIFO with no writer at once instead of blocking', () => {
    const fifo = join(dir, 'fifo.npy');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      return; // no mkfifo here (not POSIX): nothing to test
    }
    expect(() => readMatrix(fifo)).toThrow(/it is a FIFO \(named pipe\); give a regular file/);
  });

  it('refuses a file over the size bound before reading it', () => {
    const f = join(dir, 'big.json');
    writeFileSync(f, '[1, 2, 3]');
    expect(() => readBytes(f, 'big.json', 4)).toThrow(/it has 9 bytes, more than the 4 bytes an input may have/);
    expect(Array.from(readBytes(f, 'big.json', 9))).toHaveLength(9);
  });
});

// Found by the numpy oracle of the fuzzer (`npm run fuzz -- --numpy`):
// headers we read and np.load refuses.
describe('decodeNpy (agrees with np.load)', () => {
  const body = (extra: string): Uint8Array => npyWithHeader(`{'descr': '<f8', 'fortran_order': False, 'shape': (1,), ${extra}}`, '\n', 1, new Uint8Array(8));
  it('refuses NUL, vertical tab and non-breaking space as header padding', () => {
    for (const pad of ['\0', '\v', '\u00a0']) {
      expect(() => decodeNpy(npyWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", `${pad}\n`, 1, new Uint8Array(8)), 'p.npy')).toThrow(/header is not a Python literal/);
    }
    expect(decodeNpy(npyWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", ' \t\f\r\n', 1, new Uint8Array(8)), 'p.npy').cols).toBe(1);
  });

  it("refuses (6), which is 6 and not a tuple, as a shape, and keys beyond numpy's three", () => {
    expect(() => decodeNpy(npyWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (1), }", '\n', 1, new Uint8Array(8)), 's.npy')).toThrow(/no integer tuple 'shape'/);
    expect(() => decodeNpy(body("'extra': 1, "), 'k.npy')).toThrow(/header has keys descr, extra, fortran_order, shape; numpy requires exactly/);
    expect(() => decodeNpy(npyWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 01), }", '\n', 1, new Uint8Array(8)), 'z.npy')).toThrow(/integer 01 with a leading zero/);
    expect(decodeNpy(npyWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 00, 1), }", '\n', 1), 'z.npy').rows).toBe(0);
  });
});
