import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { encodeNpy } from '../../src/io/npy.js';
import { tempDir } from './attention-helpers.js';

// The CLI as a user runs it: a real process, checking exit codes and that
// stderr never carries a stack trace. The first case goes through
// `npx tsx src/cli/main.ts`; the others use `node --import tsx` (the same
// loader without npx's second of start-up).
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = tempDir('attn-sub-');

function run(script: string, args: string[], env: Record<string, string> = {}, viaNpx = false): { code: number | null; stdout: string; stderr: string } {
  const [cmd, pre] = viaNpx ? ['npx', ['tsx']] : [process.execPath, ['--import', 'tsx']];
  const r = spawnSync(cmd, [...pre, script, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const STACK = /\n\s+at /;

describe('attn-coreset (subprocess)', () => {
  const k = join(dir, 'k.npy');
  const v = join(dir, 'v.json');
  writeFileSync(k, encodeNpy({ rows: 2, cols: 2, data: Float64Array.of(1, 0, 0, 1) }, { dtype: '<f4' }));
  writeFileSync(v, '[[1], [-1]]');

  it('exits 0 and prints the attention document', () => {
    const r = run('src/cli/main.ts', ['attention', '--keys', k, '--values', v, '--queries', k], {}, true);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { data: number[][] };
    // Keys ±e-style: A(e₁) = (e − 1)/(e + 1) = tanh(1/2), A(e₂) = −tanh(1/2).
    expect(doc.data[0][0]).toBeCloseTo(Math.tanh(0.5), 14);
    expect(doc.data[1][0]).toBeCloseTo(-Math.tanh(0.5), 14);
    expect(r.stderr).toBe('');
  });

  it('exits 2 without a stack trace for bad input and bad usage', () => {
    const nan = fileURLToPath(new URL('../fixtures/io/npy/nan-1-2.npy', import.meta.url));
    const bad = run('src/cli/main.ts', ['attention', '--keys', nan, '--values', v, '--queries', k]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/nan-1-2\.npy row 1, column 2: entry is NaN/);
    expect(bad.stderr).not.toMatch(STACK);
    const usage = run('src/cli/main.ts', ['attention', '--keys', k, '--values', v, '--queries', k, '--scale', 'abc']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--scale: must be a number, got "abc"\nusage: attn-coreset attention --keys K/);
    expect(usage.stderr).not.toMatch(STACK);
  });

  it('exits 3 with "internal error" for a bug, and shows the stack only with ATTN_CORESET_DEBUG=1', () => {
    const r = run('test/cli/fixtures/crash-main.ts', ['crash']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/internal error: TypeError: boom\nThis is a bug in attn-coreset/);
    expect(r.stderr).not.toMatch(STACK);
    const d = run('test/cli/fixtures/crash-main.ts', ['crash'], { ATTN_CORESET_DEBUG: '1' });
    expect(d.code).toBe(3);
    expect(d.stderr).toMatch(STACK);
  });

  it('prints the version with exit 0', () => {
    const r = run('src/cli/main.ts', ['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
