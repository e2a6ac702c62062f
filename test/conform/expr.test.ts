import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseSizeFormula, sizeBound } from '../../src/conform/expr.js';
import { parseSizeClaim } from '../../src/conform/session.js';
import { runs } from '../helpers/seed.js';

const vars = { d: 4, dv: 2, n: 100, rho: 1.5, eps: 0.1 };

describe('parseSizeFormula', () => {
  it.each([
    ['8*sqrt(d)*exp(rho)/eps', 8 * Math.sqrt(4) * Math.exp(1.5) / 0.1],
    ['2^3^2', 2 ** 9],
    ['cbrt(27) + round(2.5) + log(8, 2)', 9],
    ['-2^2', -4],
    ['(1+2)*3 - 4/2', 7],
    ['min(n, 10*d) + max(1, 2, 3)', 43],
    ['pow(2, 10)', 1024],
    ['ln(e) + log(e) + log2(8) + log10(1000)', 8],
    ['ceil(eps*15) + floor(rho) + abs(-3)', 6],
    ['1e2 + .5 + 2.', 102.5],
    ['  n  ', 100],
    ['pi', Math.PI],
    ['dv * n', 200],
  ])('evaluates %s', (text, expected) => {
    expect(parseSizeFormula(text)(vars)).toBe(expected);
  });

  it.each([
    '', '1 +', '(1', '1)', 'foo', 'sqrt(1, 2)', 'pow(1)', 'x*2', 'constructor(1)', 'process.exit(1)', '1 ; 2', '2 3', 'min()', '__proto__',
    // mathjs syntax that must not run in a size claim (its security notes)
    'n = 3', 'f(x) = x', 'import({})', 'createUnit("x")', 'evaluate("1")', 'parse("1")', 'simplify("n")', 'derivative("n", "n")',
    'n.constructor', 'n[1]', '[1, 2]', '{a: 1}', '1:3', 'n > 1 ? 1 : 2', '2 n', '3!', '5 mod 2', '"text"', 'true', 'cos(n)', '2**3',
    'n'.repeat(1) + '+1'.repeat(600),
  ])(
    'rejects %j with an InputError naming --max-size',
    (text) => {
      let err: unknown;
      try {
        parseSizeFormula(text);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).where).toBe('--max-size');
    },
  );
});

describe('parseSizeFormula (property)', () => {
  it('agrees with JavaScript on sums and products of integers', () => {
    const term = fc.integer({ min: 0, max: 1000 });
    fc.assert(
      fc.property(fc.array(fc.tuple(term, term, fc.constantFrom('+', '-')), { minLength: 1, maxLength: 6 }), (terms) => {
        const text = terms.map(([a, b, op], i) => `${i === 0 ? '' : op} ${a}*${b}`).join(' ');
        const expected = terms.reduce((s, [a, b, op], i) => (i === 0 || op === '+' ? s + a * b : s - a * b), 0);
        return parseSizeFormula(text)(vars) === expected;
      }),
      { numRuns: runs(200) },
    );
  });
});

describe('sizeBound', () => {
  it('floors a finite bound, maps NaN and values below 1 to 0 (unmeetable) and +∞ to no bound', () => {
    expect(sizeBound(parseSizeFormula('10/3'), vars)).toBe(3);
    expect(sizeBound(parseSizeFormula('0/0'), vars)).toBe(0);
    expect(sizeBound(parseSizeFormula('1/0'), vars)).toBe(Infinity);
    expect(sizeBound(parseSizeFormula('-1/0'), vars)).toBe(0);
    expect(sizeBound(parseSizeFormula('n - 200'), vars)).toBe(0);
    expect(sizeBound(parseSizeFormula('0.5 + eps'), vars)).toBe(0);
    expect(sizeBound(parseSizeFormula('sqrt(-n)'), vars)).toBe(0); // real result: NaN, not a complex number
    expect(sizeBound(7, vars)).toBe(7);
  });

  it('treats a number and the same constant formula alike', () => {
    for (const [num, text] of [[7.5, '7.5'], [3, '3'], [1e300, '1e300'], [Infinity, '1e400']] as const) {
      expect(sizeBound(num, vars)).toBe(sizeBound(parseSizeFormula(text), vars));
    }
  });
});

describe('parseSizeClaim', () => {
  it.each([0, -1, 0.5, NaN, -Infinity, '0', '-3', '0/0', '1/2', '-1e400'])('refuses the constant claim %j that no answer can meet', (claim) => {
    expect(() => parseSizeClaim(claim, 'hello.maxSize')).toThrow(/can never be met/);
  });

  it('keeps a fractional constant and a formula', () => {
    expect(parseSizeClaim(10.5, 'x').bound).toBe(10.5);
    expect(parseSizeClaim('1e400', 'x').text).toBe('1e400');
    expect(typeof parseSizeClaim('2*d', 'x').bound).toBe('function');
  });
});
