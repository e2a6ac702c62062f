/**
 * Compressed caches at equal memory (issue 9): the KIVI-quantized cache at
 * b bits against the subset builder, the centroid merge and the halving
 * subset with refitted values, each given the quantized cache's bytes
 * (a float row costs (d + dv)·8 bytes; a b-bit cache its bits plus float16
 * scale and minimum per group). Scored like the builder's families table:
 * the verifier's falsifier (a lower bound on the sup error over the ball),
 * here at budget 4096 (seed 2000) to keep the section to minutes.
 * `CACHE_BENCH_QUICK=1` runs one small case.
 * @module
 */
import { fileURLToPath } from 'node:url';
import { buildCoreset } from '../src/construct/build.js';
import { mergeCache } from '../src/construct/centroids.js';
import { quantizedBytes, quantizeCache } from '../src/construct/quantize.js';
import { refitValues } from '../src/construct/refit-values.js';
import { cacheOfCoreset } from '../src/cache.js';
import { attentionSinkInstance, clusteredInstance, sphereInstance } from '../src/families/index.js';
import type { Cache, Instance } from '../src/types.js';
import { makePair } from '../src/verify/batch.js';
import { falsify } from '../src/verify/falsify.js';
import { machine, table, timed, type BenchResult } from './harness.js';

const quick = process.env.CACHE_BENCH_QUICK === '1';
const BUDGET = 4096;
const GROUP = 32;

function score(inst: Instance, c: Cache, rho: number): number {
  return falsify(makePair(inst, c), { rho, budget: BUDGET, seed: 2000, coreRows: null }).error;
}

/** The caches' section. */
export default function run(): BenchResult {
  const n = quick ? 512 : 4096;
  const d = quick ? 16 : 64;
  const cases: [string, Instance][] = [
    ['sphere', sphereInstance({ n, d, dv: d, seed: 3 })],
    ['clustered: 16 clusters, spread 0.3', clusteredInstance({ n, d, dv: d, seed: 3, clusters: 16, spread: 0.3 })],
    ['attention sink', attentionSinkInstance({ n, d, dv: d, seed: 3 })],
  ];
  const rows: (string | number)[][] = [];
  for (const [name, inst] of quick ? cases.slice(0, 1) : cases) {
    for (const rho of quick ? [2] : [2, 4]) {
      for (const bits of quick ? [4] : [2, 4, 8]) {
        const bytes = quantizedBytes(inst.n, inst.d, inst.dv, bits, GROUP);
        const m = Math.floor(bytes / ((inst.d + inst.dv) * 8));
        const q = timed(() => quantizeCache(inst, { bits, group: GROUP }));
        const s = timed(() => cacheOfCoreset(inst, buildCoreset(inst, { rho, size: m, seed: 0 }).coreset));
        const mg = timed(() => mergeCache(inst, { size: m, seed: 0 }));
        const rf = timed(() => refitValues(inst, s.value, { rho, seed: 0 }));
        rows.push([
          name,
          rho,
          bits,
          bytes,
          m,
          score(inst, q.value, rho).toFixed(4),
          score(inst, s.value, rho).toFixed(4),
          score(inst, mg.value, rho).toFixed(4),
          score(inst, rf.value, rho).toFixed(4),
          `${q.seconds.toFixed(2)} / ${s.seconds.toFixed(2)} / ${mg.seconds.toFixed(2)} / +${rf.seconds.toFixed(2)}`,
        ]);
      }
    }
  }
  return {
    title: 'Compressed caches at equal memory (issue 9)',
    lines: [
      `n = ${n}, d = dv = ${d}, instance seed 3, builder seed 0, KIVI group G = ${GROUP}. Each row gives every method the bytes of the b-bit KIVI cache:`,
      `float caches keep m = ⌊bytes / ((d + dv)·8)⌋ rows. Error = the verifier's falsifier at budget ${BUDGET} (seed 2000), a lower bound on the sup over the ball.`,
      'Times (s, wall clock on the shared, loaded 2-core machine: noisy) are quantize / halving subset / merge / value refit on top of the subset.',
      '',
      ...table(['family', 'ρ', 'bits', 'bytes', 'rows m', 'KIVI quantized', 'halving subset', 'centroid merge', 'halving + refit values', 'seconds'], rows),
    ],
  };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = run();
  process.stdout.write(`# ${r.title}\n\nMachine: ${machine()}\n\n${r.lines.join('\n')}\n`);
}
