import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCoreset } from '../../src/construct/build.js';
import { mergeCache } from '../../src/construct/centroids.js';
import { quantizeCache } from '../../src/construct/quantize.js';
import { refitValues } from '../../src/construct/refit-values.js';
import { cacheOfCoreset } from '../../src/cache.js';
import { verifyCommand } from '../../src/cli/commands/verify.js';
import { memoryIo } from '../../src/cli/io.js';
import { readInstance } from '../../src/io/instance.js';
import { readMatrix } from '../../src/io/read-matrix.js';
import { writeMatrix } from '../../src/io/write-matrix.js';
import type { Cache } from '../../src/types.js';
import { verify } from '../../src/verify/verify.js';
import { SYSTEM_PYTHON, systemPythonHas } from '../helpers/python.js';


// The acceptance checks of issue 9 against an independent float64
// implementation (numpy, test/caches/helpers/numpy_cache.py): it makes the
// head-like instance and its KIVI int4 cache itself, and recomputes every
// error it is asked about from the definitions.
const SCRIPT = fileURLToPath(new URL('./helpers/numpy_cache.py', import.meta.url));
const PY = SYSTEM_PYTHON;
const numpy = systemPythonHas('numpy');

function py(args: string[], input?: string): unknown {
  return JSON.parse(execFileSync(PY, [SCRIPT, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 26 }));
}

/**
 * How far numpy's float64 error may sit below the verifier's lower bound:
 * both are within ~10⁻¹³ of the exact value for these sizes (n ≤ 512 terms,
 * logits ≤ 60; numpy's own rounding is γ_n-level, the lower bound is the
 * 40-digit reference rounded down), so 10⁻⁹ relative is far from both.
 */
const AGREEMENT = 1e-9;

function saveCache(dir: string, prefix: string, c: Cache): void {
  writeMatrix(join(dir, `${prefix}K.npy`), { rows: c.m, cols: c.d, data: c.K });
  writeMatrix(join(dir, `${prefix}V.npy`), { rows: c.m, cols: c.dv, data: c.V });
  writeMatrix(join(dir, `${prefix}w.npy`), { rows: 1, cols: c.m, data: c.weights });
}

describe.skipIf(!numpy)('acceptance: caches made in numpy, errors confirmed in numpy', () => {
  it('fails an int4 KIVI cache of a head-like instance at small ε, with a witness numpy confirms', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attn-accept-'));
    const { rhoQueries } = py(['gen', dir, '7', '512', '64', '64', '4', '32']) as { rhoQueries: number };
    const scale = 1 / 8;
    const eps = 1e-3;
    const io = memoryIo();
    const code = await verifyCommand.run(
      ['--keys', join(dir, 'K.npy'), '--values', join(dir, 'V.npy'), '--cache-keys', join(dir, 'qK.npy'), '--cache-values', join(dir, 'qV.npy'),
        '--rho', String(rhoQueries), '--eps', String(eps), '--scale', String(scale), '--budget', '512', '--json'],
      io,
    );
    const r = JSON.parse(io.stdout) as { verdict: string; lower: number; upper: number | null; witness: number[] };
    expect(code).toBe(1);
    expect(r.verdict).toBe('fail');
    expect(Math.hypot(...r.witness)).toBeLessThanOrEqual(rhoQueries);
    const [confirmed] = py(['err', dir, String(scale), 'q'], JSON.stringify([r.witness])) as number[];
    expect(confirmed).toBeGreaterThan(eps);
    expect(confirmed).toBeGreaterThanOrEqual(r.lower * (1 - AGREEMENT));
    expect(Math.abs(confirmed - r.lower)).toBeLessThanOrEqual(AGREEMENT * confirmed);
    // Our quantizer reproduces numpy's KIVI cache bit for bit (same recipe, same binary64 operations).
    const inst = readInstance(join(dir, 'K.npy'), join(dir, 'V.npy'));
    const ours = quantizeCache(inst, { bits: 4, group: 32 });
    expect(Array.from(ours.K)).toEqual(Array.from(readMatrix(join(dir, 'qK.npy')).data));
    expect(Array.from(ours.V)).toEqual(Array.from(readMatrix(join(dir, 'qV.npy')).data));
    // Over the model's own queries the same cache is measured exactly: numpy's max equals our lower bound.
    const qio = memoryIo();
    await verifyCommand.run(
      ['--keys', join(dir, 'K.npy'), '--values', join(dir, 'V.npy'), '--cache-keys', join(dir, 'qK.npy'), '--cache-values', join(dir, 'qV.npy'),
        '--rho', String(rhoQueries), '--eps', String(eps), '--scale', String(scale), '--queries', join(dir, 'Q.npy'), '--json'],
      qio,
    );
    const rq = JSON.parse(qio.stdout) as { verdict: string; lower: number; upper: number };
    const Q = readMatrix(join(dir, 'Q.npy'));
    const rows = Array.from({ length: Q.rows }, (_, i) => Array.from(Q.data.subarray(i * Q.cols, (i + 1) * Q.cols)));
    const all = py(['err', dir, String(scale), 'q'], JSON.stringify(rows)) as number[];
    const worst = Math.max(...all);
    expect(Math.abs(worst - rq.lower)).toBeLessThanOrEqual(AGREEMENT * worst);
    expect(worst).toBeLessThanOrEqual(rq.upper * (1 + AGREEMENT));
    expect(rq.verdict).toBe(worst > eps ? 'fail' : 'certified');
  }, 120_000);

  it('verifies a centroid-merged and a value-refitted cache over the ball and over given queries, in agreement with an independent search', () => {
    const dir = mkdtempSync(join(tmpdir(), 'attn-accept-'));
    const { rhoQueries } = py(['gen', dir, '11', '256', '16', '8', '4', '16']) as { rhoQueries: number };
    const scale = 1 / 4;
    const rho = rhoQueries;
    const inst = readInstance(join(dir, 'K.npy'), join(dir, 'V.npy'));
    const Q = readMatrix(join(dir, 'Q.npy'));
    const merged = mergeCache(inst, { size: 32, seed: 1 });
    const subset = buildCoreset(inst, { rho: rho * scale, size: 32, seed: 1 });
    const refit = refitValues(inst, cacheOfCoreset(inst, subset.coreset), { rho, scale, seed: 2, given: Q.data.subarray(0, 32 * inst.d) });
    for (const [prefix, cache] of [['m', merged], ['r', refit]] as const) {
      saveCache(dir, prefix, cache);
      const found = py(['search', dir, String(scale), String(rho), prefix, '5', '600']) as { best: number; query: number[] };
      // Below what the independent search found: we must fail, with a witness numpy confirms.
      const low = verify(inst, cache, { rho, eps: found.best / 2, scale, budget: 1024, seed: 3 });
      expect(low.verdict, prefix).toBe('fail');
      const [atWitness] = py(['err', dir, String(scale), prefix], JSON.stringify([Array.from(low.witness)])) as number[];
      expect(atWitness).toBeGreaterThan(found.best / 2);
      expect(Math.abs(atWitness - low.lower)).toBeLessThanOrEqual(AGREEMENT * atWitness);
      // Above everything either search found: no fail, and no certified bound below numpy's best.
      const high = verify(inst, cache, { rho, eps: 2 * Math.max(found.best, low.lower), scale, budget: 1024, seed: 3 });
      expect(high.verdict, prefix).not.toBe('fail');
      expect(found.best).toBeLessThanOrEqual(high.upper * (1 + AGREEMENT));
      // Over the given (held-out) queries: the verifier's max is numpy's max.
      const held = Q.data.subarray(32 * inst.d);
      const rows = Array.from({ length: held.length / inst.d }, (_, i) => Array.from(held.subarray(i * inst.d, (i + 1) * inst.d)));
      const errs = py(['err', dir, String(scale), prefix], JSON.stringify(rows)) as number[];
      const worst = Math.max(...errs);
      for (const eps of [worst / 2, worst * 2]) {
        const vq = verify(inst, cache, { rho, eps, scale, scope: 'queries', queries: Float64Array.from(held) });
        expect(vq.verdict, `${prefix} eps=${eps}`).toBe(worst > eps ? 'fail' : 'certified');
        expect(Math.abs(vq.lower - worst)).toBeLessThanOrEqual(AGREEMENT * worst);
      }
    }
  }, 180_000);
});
