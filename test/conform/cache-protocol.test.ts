import { describe, expect, it } from 'vitest';
import { defaultFamilies } from '../../src/conform/families.js';
import { runConformance } from '../../src/conform/harness.js';
import { exitCodeOf } from '../../src/conform/reporters/index.js';
import type { ConformReport, Counterexample } from '../../src/conform/report-types.js';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { verify } from '../../src/verify/index.js';
import { hasPython } from '../helpers/python.js';
import { survivorsAfterKill } from './helpers/processes.js';
import { standInVerify } from './helpers/stand-in-verifier.js';

const IMPLS = 'test/conform/impls';
const python = hasPython();

/** A_C(q) over rows K′, V′ with weights w: plain float64 loops, max-shifted, no code shared with src/. */
function plainAttention(K: number[][], V: number[][], w: number[], q: number[]): number[] {
  const logits = K.map((k) => k.reduce((s, x, j) => s + x * q[j], 0));
  const top = Math.max(...logits.filter((_, i) => w[i] > 0));
  const out = new Array<number>(V[0].length).fill(0);
  let z = 0;
  logits.forEach((l, i) => {
    if (!(w[i] > 0)) return;
    const t = w[i] * Math.exp(l - top);
    z += t;
    V[i].forEach((v, c) => (out[c] += t * v));
  });
  return out.map((x) => x / z);
}

/** The witness of a cache counterexample, re-checked by plain loops: ‖q‖ ≤ ρ and ‖A_1(q) − A_C(q)‖ > ε. */
function confirmCacheWitness(cx: Counterexample): number {
  const r = cx.result;
  expect(r.failure?.reason).toBe('not-eps-coreset');
  const ans = cx.response;
  if (ans === undefined || !('keys' in ans)) throw new Error('expected a cache answer in the counterexample');
  const q = r.witness!;
  expect(Math.hypot(...q)).toBeLessThanOrEqual(r.rho);
  const full = plainAttention(cx.K, cx.V, cx.K.map(() => 1), q);
  const cache = plainAttention(ans.keys, ans.values, ans.weights, q);
  const err = Math.hypot(...full.map((x, c) => x - cache[c]));
  expect(err).toBeGreaterThan(r.eps);
  // Both sides are sums of ≤ 10 terms of modest size: agreement far below ε's scale.
  expect(Math.abs(err - r.lower!)).toBeLessThan(1e-9);
  return err;
}

async function cli(...argv: string[]): Promise<{ code: number; report: ConformReport }> {
  const io = memoryIo();
  const code = await runCli(argv, io);
  return { code, report: JSON.parse(io.stdout) as ConformReport };
}

describe('protocol 2: cache responses', () => {
  it('passes the full set returned as a base64 cache through `conform --profile quick` (real verifier)', async () => {
    const { code, report } = await cli('conform', '--impl', `node ${IMPLS}/full-cache.mjs`, '--profile', 'quick', '--json');
    expect(code).toBe(0);
    expect(report.failed).toBe(0);
    expect(report.passed).toBeGreaterThan(0);
    // The size of a cache is its row count m: here n.
    expect(report.cases.every((c) => c.size === c.n)).toBe(true);
  });

  it.each(['json'])('passes the full set as a cache in %s rows (Node adapter)', async (encoding) => {
    const report = await runConformance({ command: `node ${IMPLS}/full-cache.mjs ${encoding}`, verify: standInVerify, cases: 8, seed: 1, timeoutMs: 5000 });
    expect(report.failed).toBe(0);
  });

  it.skipIf(!python).each(['base64', 'json'])('passes the full set as a cache through the Python adapter (%s)', async (encoding) => {
    const report = await runConformance({ command: `python3 ${IMPLS}/full_cache.py ${encoding}`, verify: standInVerify, cases: 8, seed: 1, timeoutMs: 5000 });
    expect(report.failed).toBe(0);
    expect(report.implementation.name).toBe('full-cache (python)');
  });

  it.skipIf(!python)('serves a cache function by its import path: python -m attn_coreset_adapter --cache module:function', async () => {
    const command = `cd ${IMPLS} && PYTHONPATH=../../../conformance/adapters/python python3 -u -m attn_coreset_adapter --cache full_cache:compress`;
    const report = await runConformance({ command, verify: standInVerify, cases: 4, seed: 1, timeoutMs: 5000 });
    expect(report.failed).toBe(0);
    expect(report.protocol).toBe(2);
  });

  it('fails int4 KIVI-dequantized rows at small ε with a shrunk witness confirmed by plain loops (real verifier)', async () => {
    // The small families at ε/20 (0.001 … 0.02): int4 rounding moves logits by
    // ~ρ·range/30 per coordinate, which the default ε ≥ 0.02 of the quick
    // profile does not see (measured: worst error/ε ≈ 0.5 there).
    const families = defaultFamilies().map((f) => ({ ...f, arbitrary: f.arbitrary.map((c) => ({ ...c, eps: c.eps / 20 })) }));
    const report = await runConformance({ command: `node ${IMPLS}/int4-cache.mjs`, verify, families, cases: 12, seed: 1, timeoutMs: 10_000, shrink: { maxCalls: 60 } });
    expect(exitCodeOf(report)).toBe(1);
    expect(report.cases.filter((c) => c.status === 'fail').every((c) => c.failure?.reason === 'not-eps-coreset')).toBe(true);
    expect(report.counterexamples.length).toBeGreaterThan(0);
    for (const cx of report.counterexamples) confirmCacheWitness(cx);
    // Shrunk: at least one counterexample took shrink steps to a smaller instance than its original case.
    const original = (cx: Counterexample) => report.cases.find((c) => c.id === cx.original)!;
    expect(report.counterexamples.some((cx) => cx.shrinks > 0 && cx.result.n * cx.result.d <= original(cx).n * original(cx).d)).toBe(true);
  });

  it.each([
    ['wrong-d', 'schema', /response\.keys\[0\].*expected \d+ entries/],
    ['nan', 'invalid-coreset', /response values row 0, column 0: entry is NaN/],
    ['negative', 'invalid-coreset', /response weights\[0\]: is -1; weights must be ≥ 0/],
    ['bad-base64', 'schema', /response\.keys: is not canonical base64/],
    ['subset', 'schema', /declared "response": "cache"/],
  ])('fails a malformed cache response (%s) with reason %s and a clear message, and keeps running', async (mode, reason, message) => {
    const report = await runConformance({ command: `node ${IMPLS}/bad-cache.mjs ${mode}`, verify: standInVerify, cases: 3, seed: 1, timeoutMs: 5000, shrink: false });
    expect(exitCodeOf(report)).toBe(1);
    expect(report.cases).toHaveLength(3);
    for (const c of report.cases) {
      expect(c.failure?.reason).toBe(reason);
      expect(c.failure?.message).toMatch(message);
    }
  });

  it('refuses a cache response from an implementation that spoke protocol 1 (the v1 session is unchanged)', async () => {
    const report = await runConformance({ command: `node ${IMPLS}/bad-cache.mjs v1-cache`, verify: standInVerify, cases: 2, seed: 1, timeoutMs: 5000, shrink: false });
    expect(report.cases.every((c) => c.failure?.reason === 'schema' && /did not declare protocol 2/.test(c.failure.message))).toBe(true);
  });

  it('leaves no implementation process behind', async () => {
    expect(await survivorsAfterKill()).toEqual([]);
  });
});
