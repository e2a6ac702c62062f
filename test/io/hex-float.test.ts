import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { formatHexFloat, parseHexFloat } from '../../src/io/hex-float.js';

const expected = JSON.parse(readFileSync(new URL('../fixtures/io/npy-expected.json', import.meta.url), 'utf8')) as {
  fixtures: Record<string, { values: number[]; hex: string[] }>;
};

describe('formatHexFloat', () => {
  it('writes C99 %a style literals with trailing zeros trimmed', () => {
    expect(formatHexFloat(3)).toBe('0x1.8p+1');
    expect(formatHexFloat(1)).toBe('0x1p+0');
    expect(formatHexFloat(-0.5)).toBe('-0x1p-1');
    expect(formatHexFloat(0.1)).toBe('0x1.999999999999ap-4');
    expect(formatHexFloat(Number.MAX_VALUE)).toBe('0x1.fffffffffffffp+1023');
    expect(formatHexFloat(2 ** -1022)).toBe('0x1p-1022');
  });

  it('writes subnormals as 0x0.<fraction>p-1022 and keeps the sign of zero', () => {
    expect(formatHexFloat(2 ** -1074)).toBe('0x0.0000000000001p-1022');
    expect(formatHexFloat(2 ** -1023)).toBe('0x0.8p-1022');
    expect(formatHexFloat(0)).toBe('0x0p+0');
    expect(formatHexFloat(-0)).toBe('-0x0p+0');
  });

  it('writes non-finite values as inf / -inf / nan', () => {
    expect([formatHexFloat(Infinity), formatHexFloat(-Infinity), formatHexFloat(NaN)]).toEqual(['inf', '-inf', 'nan']);
  });
});

describe('parseHexFloat', () => {
  it("reads Python's float.hex() output (an independent formatter) to the same doubles", () => {
    let count = 0;
    for (const { values, hex } of Object.values(expected.fixtures)) {
      hex.forEach((h, k) => {
        expect(Object.is(parseHexFloat(h), values[k]), `${h} vs ${values[k]}`).toBe(true);
        count++;
      });
    }
    expect(count).toBeGreaterThan(50);
  });

  it('reads the usual spellings', () => {
    expect(parseHexFloat('0x1.8p+1')).toBe(3);
    expect(parseHexFloat('0X1.8P1')).toBe(3);
    expect(parseHexFloat('+0x.8p0')).toBe(0.5);
    expect(parseHexFloat('0x10')).toBe(16);
    expect(parseHexFloat('0x1.')).toBe(1);
    expect(Object.is(parseHexFloat('-0x0p+0'), -0)).toBe(true);
    expect(parseHexFloat('-Infinity')).toBe(-Infinity);
    expect(parseHexFloat('NaN')).toBeNaN();
  });

  it('rounds to nearest, ties to even, also in the subnormal range and at overflow', () => {
    expect(parseHexFloat('0x1.00000000000008p+0')).toBe(1); // tie, even stays
    expect(parseHexFloat('0x1.00000000000018p+0')).toBe(1 + 2 * 2 ** -52); // tie, odd rounds up
    expect(parseHexFloat('0x1.000000000000081p+0')).toBe(1 + 2 ** -52); // above the tie
    expect(parseHexFloat('0x1p-1075')).toBe(0); // half the smallest subnormal: tie to 0
    expect(parseHexFloat('0x1.0000000000001p-1075')).toBe(2 ** -1074);
    expect(parseHexFloat('0x3p-1076')).toBe(2 ** -1074);
    expect(parseHexFloat('0x3p-1075')).toBe(2 * 2 ** -1074); // 1.5 ulp: tie to even 2
    expect(parseHexFloat('0x1p-2000')).toBe(0);
    expect(parseHexFloat('0x1.fffffffffffff7p+1023')).toBe(Number.MAX_VALUE);
    expect(parseHexFloat('0x1.fffffffffffff8p+1023')).toBe(Infinity);
    expect(parseHexFloat('0x1p+99999999999')).toBe(Infinity);
    expect(parseHexFloat(`0x${'0'.repeat(400)}1p-4`)).toBe(1 / 16);
  });

  it('rejects text that is not a hex float, naming where', () => {
    for (const bad of ['', '0x', '0x.p1', '1.5', '0x1.8q', '0x1p', '0x1p+1 junk', '0xg']) {
      expect(() => parseHexFloat(bad, 'keys.json row 2, column 0'), bad).toThrow(InputError);
    }
    expect(() => parseHexFloat('0x1.8q', 'keys.json row 2, column 0')).toThrow(/keys\.json row 2, column 0/);
  });
});

describe('parseHexFloat (property)', () => {
  it('inverts formatHexFloat on every double, bit for bit (±0, subnormals, ±∞, NaN)', () => {
    fc.assert(
      fc.property(fc.double(), (x) => Object.is(parseHexFloat(formatHexFloat(x)), x)),
      { numRuns: 20_000 },
    );
  });

  it('inverts formatHexFloat on subnormals', () => {
    fc.assert(fc.property(fc.double({ min: -(2 ** -1022), max: 2 ** -1022 }), (x) => Object.is(parseHexFloat(formatHexFloat(x)), x)));
  });

  it('rounds a 64-bit mantissa like BigInt→Number does (an independent correctly rounded conversion)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: (1n << 64n) - 1n }), fc.integer({ min: -1022, max: 900 }), (M, E) => {
        // Number(M) rounds M to nearest-even (ECMA-262 BigInt→Number); the
        // product with 2^E is exact since the result stays normal.
        return parseHexFloat(`0x${M.toString(16)}p${E}`) === Number(M) * 2 ** E;
      }),
    );
  });
});
