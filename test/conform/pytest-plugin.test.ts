import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireInCi, SYSTEM_PYTHON, systemPythonHas } from '../helpers/python.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const pytest = systemPythonHas('pytest');

// The functions under test, in the plugin's cache form (keys, values, weights):
// the full set (error 0) and int4 min/max dequantized rows (keys per channel,
// values per token, 16 levels), which a real head's attention does not survive.
const MODULE = `
def full(K, V, rho, eps, size):
    return K, V, [1.0] * len(K)


def _dequantize(xs):
    lo, hi = min(xs), max(xs)
    scale = (hi - lo) / 15
    if not scale > 0:
        return list(xs)
    return [lo + min(15, max(0, round((x - lo) / scale))) * scale for x in xs]


def int4(K, V, rho, eps, size):
    cols = [_dequantize([k[j] for k in K]) for j in range(len(K[0]))]
    keys = [[c[i] for c in cols] for i in range(len(K))]
    return keys, [_dequantize(v) for v in V], [1.0] * len(K)
`;

/**
 * A scratch pytest project whose pytest.ini chooses `attn_coreset_response =
 * cache` (or leaves the default, subset) for `caches_under_test:<fn>`, run on one committed real head
 * (fixture p0-l0-h0 as an --instances directory) at ρ = 1, ε = 0.05.
 */
function project(fn: string, response: 'cache' | null = 'cache'): string {
  const dir = mkdtempSync(join(tmpdir(), 'pytest-plugin-'));
  writeFileSync(join(dir, 'caches_under_test.py'), MODULE);
  mkdirSync(join(dir, 'heads'));
  copyFileSync(join(ROOT, 'test/fixtures/heads/p0-l0-h0/k.npy'), join(dir, 'heads/h.keys.npy'));
  copyFileSync(join(ROOT, 'test/fixtures/heads/p0-l0-h0/v.npy'), join(dir, 'heads/h.values.npy'));
  const cli = [process.execPath, '--import', import.meta.resolve('tsx'), join(ROOT, 'src/cli/main.ts')].join(' ');
  writeFileSync(
    join(dir, 'pytest.ini'),
    ['[pytest]', `attn_coreset_function = caches_under_test:${fn}`, ...(response ? [`attn_coreset_response = ${response}`] : []), `attn_coreset_args = --instances ${join(dir, 'heads')} --rho 1 --eps 0.05 --shrink-calls 0 --timeout 30000`, `attn_coreset_cli = ${cli}`, ''].join('\n'),
  );
  return dir;
}

function runPytest(dir: string) {
  const env = { ...process.env, PYTHONPATH: [join(ROOT, 'conformance/adapters/python'), dir].join(delimiter), PYTHONDONTWRITEBYTECODE: '1' };
  return spawnSync(SYSTEM_PYTHON, ['-m', 'pytest', '-p', 'pytest_attn_coreset', '-p', 'no:cacheprovider', '-q', '-rA'], { cwd: dir, env, encoding: 'utf8', timeout: 110_000 });
}

// .ci/run installs python3-pytest: in CI a missing pytest is a failure, not a skip.
requireInCi(pytest, 'pytest', 'python3-pytest');

describe.skipIf(!pytest)(`pytest plugin, attn_coreset_response = cache${pytest ? '' : ` (skipped: no pytest in ${SYSTEM_PYTHON})`}`, () => {
  it('passes a function that returns the full set as a cache', () => {
    const r = runPytest(project('full'));
    expect(r.stdout).toMatch(/^1 passed/m);
    expect(r.status).toBe(0);
  });

  it('without the setting (subset responses) the same function fails: the setting is what serves caches', () => {
    const r = runPytest(project('full', null));
    expect(r.stdout).toMatch(/1 failed/);
    expect(r.stdout).toMatch(/too many values to unpack/);
    expect(r.status).toBe(1);
  });

  it('fails a function that returns int4-dequantized rows, with the witness in the message', () => {
    const r = runPytest(project('int4'));
    expect(r.stdout).toMatch(/1 failed/);
    expect(r.stdout).toMatch(/not-eps-coreset: .*error/);
    expect(r.stdout).toMatch(/witness q = \[/);
    expect(r.status).toBe(1);
  });
});
