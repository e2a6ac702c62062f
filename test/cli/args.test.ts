import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { numberOption, optionalNumber, parseCommandArgs, parseNumberText, requiredNumber, requiredString } from '../../src/cli/args.js';

const spec = { eps: { type: 'string' }, rho: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } } as const;

function usageErrorOf(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('parseCommandArgs', () => {
  it('accepts --eps=-1 and --eps -1 as the value -1, which the range check then rejects', () => {
    for (const argv of [['--eps=-1'], ['--eps', '-1']]) {
      const args = parseCommandArgs(argv, spec);
      expect(args.values.eps).toBe('-1');
      const e = usageErrorOf(() => requiredNumber(args, 'eps', { positive: true }));
      expect(e.message).toBe('--eps: eps must be > 0, got -1');
      expect(e.code).toBe('parameter');
    }
  });

  it('rejects unknown options, missing values and positionals as usage errors', () => {
    expect(usageErrorOf(() => parseCommandArgs(['--bogus'], spec)).message).toMatch(/^arguments: Unknown option '--bogus'/);
    expect(usageErrorOf(() => parseCommandArgs(['--eps'], spec)).message).toMatch(/--eps <value>' argument missing/);
    expect(usageErrorOf(() => parseCommandArgs(['file.npy'], spec)).message).toMatch(/Unexpected argument 'file\.npy'/);
    expect(parseCommandArgs(['a', '--json'], spec, { positionals: true }).positionals).toEqual(['a']);
  });

  it('rejects a single-valued option given twice', () => {
    expect(usageErrorOf(() => parseCommandArgs(['--eps', '1', '--eps=2'], spec)).message).toBe('--eps: is given more than once');
  });

  it('does not swallow an option that follows a string option', () => {
    expect(usageErrorOf(() => parseCommandArgs(['--out', '--json'], spec)).code).toBe('usage');
  });
});

describe('parseNumberText', () => {
  it('reads decimals and exact hex floats', () => {
    expect(parseNumberText('0.05', 'eps')).toBe(0.05);
    expect(parseNumberText('-1e-3', 'x')).toBe(-0.001);
    expect(parseNumberText('0x1.8p+1', 'rho')).toBe(3);
  });

  it('rejects non-numbers and non-finite values, naming the option and the text', () => {
    expect(usageErrorOf(() => parseNumberText('abc', 'rho')).message).toBe('--rho: must be a number, got "abc"');
    for (const bad of ['', '1,5', '1.5x', '0x', '--1']) expect(usageErrorOf(() => parseNumberText(bad, 'rho')).code, bad).toBe('usage');
    expect(usageErrorOf(() => parseNumberText('Infinity', 'rho')).message).toMatch(/finite/);
    expect(usageErrorOf(() => parseNumberText('NaN', 'rho')).message).toMatch(/finite/);
  });

  it('checks integer and range constraints', () => {
    expect(usageErrorOf(() => parseNumberText('2.5', 'digits', { integer: true })).message).toMatch(/must be an integer/);
    expect(usageErrorOf(() => parseNumberText('0', 'rho', { positive: true })).message).toBe('--rho: rho must be > 0, got 0');
    expect(usageErrorOf(() => parseNumberText('-0.5', 'a', { nonNegative: true })).message).toMatch(/≥ 0/);
    expect(usageErrorOf(() => parseNumberText('11', 'k', { max: 10 })).message).toMatch(/≤ 10/);
    expect(parseNumberText('10', 'k', { min: 1, max: 10, integer: true })).toBe(10);
  });
});

describe('option readers', () => {
  it('report a missing required option by name', () => {
    const args = parseCommandArgs([], spec);
    expect(usageErrorOf(() => requiredString(args, 'out')).message).toBe('--out: is required');
    expect(usageErrorOf(() => requiredNumber(args, 'rho')).message).toBe('--rho: is required');
    expect(optionalNumber(args, 'rho')).toBeUndefined();
    expect(numberOption(args, 'rho', 2)).toBe(2);
  });
});
