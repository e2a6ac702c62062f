/**
 * Regressions (issue 13): sizes a user gives were not checked against what
 * the machine can hold: `gen --n 1e9` / `--d 1e12` exited 3 (RangeError),
 * `--budget 1e15` exited 3 and `1e9` reached 4.9 GB, `--digits 10000` ran
 * for minutes.
 */
import { describe, expect, it } from 'vitest';
import { fileWriter } from './files.js';
import { MAX_GENERATED_ENTRIES, MAX_REFERENCE_DIGITS } from '../../src/cli/limits.js';
import { MAX_BUDGET } from '../../src/verify/defaults.js';
import { verify } from '../../src/verify/verify.js';
import { cli } from '../cli/attention-helpers.js';

const { put, path } = fileWriter('attn-num-limits-');
const k = put('k.json', '[[1],[-1]]');
const v = put('v.json', '[[1],[-1]]');
const c = put('c.json', '{"indices":[1],"weights":[1]}');

describe('size limits', () => {
  it('derives the generated-entry limit from 1 GiB at 32 bytes an entry', () => {
    expect(MAX_GENERATED_ENTRIES).toBe(2 ** 30 / 32);
  });

  for (const [what, extra, where] of [
    ['--n 1e9', ['--family', 'sphere', '--n', '1e9'], '--n'],
    ['--d 1e12', ['--family', 'sphere', '--n', '2', '--d', '1e12'], '--d'],
    ['orthonormal --n 1e5 (d = n)', ['--family', 'orthonormal', '--n', '1e5'], '--n'],
  ] as const) {
    it(`gen ${what} is a clear exit-2 error naming ${where}, and writes nothing`, async () => {
      const res = await cli(['gen', ...extra, '--keys', path(`${where}k.npy`), '--values', path(`${where}v.npy`)]);
      expect(res.code, res.stderr).toBe(2);
      expect(res.stderr).toContain(`${where}: asks for`);
      expect(res.stderr).toContain(`at most ${MAX_GENERATED_ENTRIES}`);
    });
  }

  for (const cmd of ['verify', 'build'] as const) {
    it(`${cmd} --budget 1e15 is exit 2 naming --budget`, async () => {
      const args = cmd === 'verify' ? ['--coreset', c, '--eps', '0.1'] : ['--eps', '0.1'];
      const res = await cli([cmd, '--keys', k, '--values', v, '--rho', '1', ...args, '--budget', '1e15']);
      expect(res.code, res.stderr).toBe(2);
      expect(res.stderr).toContain(`--budget: budget must be ≤ ${MAX_BUDGET}`);
    });
  }

  it('verify() refuses a budget above MAX_BUDGET with an InputError', () => {
    const inst = { n: 2, d: 1, dv: 1, K: Float64Array.of(1, -1), V: Float64Array.of(1, -1) };
    expect(() => verify(inst, { indices: Uint32Array.of(0), weights: Float64Array.of(1) }, { rho: 1, eps: 0.1, budget: MAX_BUDGET + 1 })).toThrow(/budget: must be an integer in 1\.\.1048576/);
  });

  it('attention --reference --digits 10000 is exit 2; 1000 is accepted', async () => {
    const q = put('q.json', '[[0.5]]');
    const res = await cli(['attention', '--keys', k, '--values', v, '--queries', q, '--reference', '--digits', '10000']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`--digits: digits must be ≤ ${MAX_REFERENCE_DIGITS}`);
    const ok = await cli(['attention', '--keys', k, '--values', v, '--queries', q, '--reference', '--digits', String(MAX_REFERENCE_DIGITS)]);
    expect(ok.code, ok.stderr).toBe(0);
  });
});
