/**
 * Builder benchmarks (issue 4): quality on ../shared/bench/iso4096 at m = 256
 * (ρ = 2, 4) under the peers' estimator, speed at n = 4096, near-linear
 * growth in n, and the ε-targeted build at n = 65,536.
 * Standalone: `npx tsx bench/build.bench.ts`; in the suite: `npm run bench`.
 * @module
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCoreset } from '../src/construct/build.js';
import { buildForEps } from '../src/construct/targeted.js';
import type { BuildMethod } from '../src/construct/types.js';
import { attentionSinkInstance, clusteredInstance, sphereInstance } from '../src/families/index.js';
import type { Coreset, Instance } from '../src/types.js';
import { normalizeCoreset } from '../src/validate.js';
import { makePair } from '../src/verify/batch.js';
import { falsify } from '../src/verify/falsify.js';
import { protocolError } from './build-protocol.js';
import { builderThreads } from '../src/construct/parallel.js';
import { machine, randomUnitInstance, table, timed, type BenchResult } from './harness.js';
import { readNpy } from './npy.js';

const here = dirname(fileURLToPath(import.meta.url));
const ISO = join(here, '..', '..', 'shared', 'bench', 'iso4096');
const PEERS: Record<number, { kt: number; uniform: number }> = { 2: { kt: 0.032, uniform: 0.078 }, 4: { kt: 0.158, uniform: 0.18 } };
const quick = process.env.BENCH_QUICK === '1';
/** Sections to run (comma list of quality, speed, targeted, sizes, families, sink); default all. */
const sections = new Set((process.env.BUILD_BENCH ?? 'quality,speed,targeted,sizes,families,sink').split(','));

/**
 * The attention-sink instance of issue 11: 8 identical sink rows (one key,
 * one value), 64 unit keys within 0.2 rad of the sink with isotropic values,
 * the rest isotropic unit keys (n = 4096, d = dv = 64, instance seed 3).
 */
function issueSink(): Instance {
  return attentionSinkInstance({ n: 4096, d: 64, dv: 64, seed: 3, sinks: 8, nearSink: 64, nearSinkRadius: 0.2, otherKeyNorm: 1 });
}

/** Kernel thinning's number on the issue's sink instance (ρ = 2, m = 256), from issue 11 (its own instance draw). */
const SINK_KT = 0.035;

function loadIso(): Instance | undefined {
  if (!existsSync(join(ISO, 'K.npy'))) return undefined;
  const K = readNpy(join(ISO, 'K.npy'));
  const V = readNpy(join(ISO, 'V.npy'));
  return { n: K.rows, d: K.cols, dv: V.cols, K: K.data, V: V.data };
}

/** The README estimator (exactly) and the verifier's falsifier at 4× its default budget; the larger is the score. */
function score(inst: Instance, c: Coreset, rho: number, seed: number): { readme: number; falsifier: number } {
  return { readme: protocolError(inst, c, { rho, seed: 1000 + seed }).error, falsifier: falsifierScore(inst, c, rho, seed) };
}

/** The verifier's falsifier at budget 16384, seed 2000 + seed. */
function falsifierScore(inst: Instance, c: Coreset, rho: number, seed: number): number {
  const nc = normalizeCoreset(c, inst.n);
  return falsify(makePair(inst, nc), { rho, budget: 16384, seed: 2000 + seed, coreRows: nc.indices }).error;
}

function quality(iso: Instance): string[] {
  const rows: (string | number)[][] = [];
  const seeds = quick ? [0] : [0, 1, 2];
  for (const rho of [2, 4]) {
    for (const variant of ['halving', 'halving, no refinement', 'uniform', 'sensitivity']) {
      const method = (variant.startsWith('halving') ? 'halving' : variant) as BuildMethod;
      const refine = variant === 'halving, no refinement' ? { refine: false as const } : {};
      const errs: number[] = [];
      const times: number[] = [];
      for (const seed of seeds) {
        const r = buildCoreset(iso, { rho, size: 256, method, seed, ...refine });
        const s = score(iso, r.coreset, rho, seed);
        errs.push(Math.max(s.readme, s.falsifier));
        times.push(r.seconds);
        process.stderr.write(`  iso4096 ρ=${rho} ${variant} seed ${seed}: size ${r.size}, README ${s.readme.toFixed(4)}, falsifier ${s.falsifier.toFixed(4)}, ${r.seconds.toFixed(2)} s\n`);
      }
      const mean = errs.reduce((a, b) => a + b, 0) / errs.length;
      rows.push([rho, variant, mean.toFixed(4), `${Math.min(...errs).toFixed(4)}–${Math.max(...errs).toFixed(4)}`, PEERS[rho].kt, PEERS[rho].uniform, median(times).toFixed(2)]);
    }
  }
  return [
    `iso4096 (4096 × 64), m = 256, seeds ${seeds.join(', ')}. Score = max(README estimator run exactly [4096 sphere + 1024 ρk_i starts, 32 × 200 ascent steps], the verifier's falsifier at budget 16384); peers from ../shared/bench/README.md.`,
    '',
    ...table(['ρ', 'method', 'sup err (mean)', 'range', 'kernel thinning', 'uniform (peer)', 'build s (median)'], rows),
  ];
}

function median(x: number[]): number {
  const s = [...x].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function speed(): string[] {
  const inst = randomUnitInstance(4096, 64, 64, 7);
  buildCoreset(inst, { rho: 2, size: 256 }); // warm-up (JIT)
  const t = [0, 1, 2].map((s) => timed(() => buildCoreset(inst, { rho: 2, size: 256, seed: s })).seconds);
  const saved = process.env.ATTN_CORESET_THREADS;
  process.env.ATTN_CORESET_THREADS = '1';
  const t1 = [0, 1, 2].map((s) => timed(() => buildCoreset(inst, { rho: 2, size: 256, seed: s })).seconds);
  if (saved === undefined) delete process.env.ATTN_CORESET_THREADS;
  else process.env.ATTN_CORESET_THREADS = saved;
  const lines = [
    `n = 4096, d = dv = 64, m = 256, ρ = 2 (halving, default options): median ${median(t).toFixed(2)} s over 3 seeds with the helper thread (${builderThreads()} threads; runs ${t.map((x) => x.toFixed(2)).join(', ')}), ${median(t1).toFixed(2)} s with ATTN_CORESET_THREADS=1 (target ≤ 1.0 s on 2 threads with the sup-aware refinement, issue 11).`,
  ];
  const grow: (string | number)[][] = [];
  let prev = 0;
  for (const n of quick ? [16384, 32768] : [16384, 32768, 65536]) {
    const big = randomUnitInstance(n, 64, 64, 8);
    const s = timed(() => buildCoreset(big, { rho: 2, size: 256 })).seconds;
    grow.push([n, s.toFixed(2), prev > 0 ? (s / prev).toFixed(2) : '—']);
    prev = s;
  }
  return [...lines, '', 'Doubling n (d = 64, m = 256, ρ = 2; target ratio ≤ 2.3):', '', ...table(['n', 'build s', 'ratio to n/2'], grow)];
}

function targeted(): string[] {
  const n = quick ? 16384 : 65536;
  const rows = (quick ? [0] : [0, 1, 2]).map((seed) => {
    const inst = randomUnitInstance(n, 64, 64, 9 + seed);
    const r = buildForEps(inst, { rho: 2, eps: 0.05, seed });
    const v = r.verification;
    const tried = r.trials.map((t) => `${t.size}${t.refined ? 'ʳ' : ''}${t.against === 'proxy' ? 'ᵀ' : ''}${t.verdict === 'fail' ? '✗' : '✓'}`).join(' ');
    return [9 + seed, seed, r.size, r.boundRatio.toFixed(3), v.verdict, v.lower.toFixed(4), r.seconds.toFixed(1), v.seconds.toFixed(1), tried];
  });
  return [
    `ε-targeted: n = ${n}, d = dv = 64 (random unit), ρ = 2, ε = 0.05, default options (target ≤ 10 s including verification). Sizes tried: ᵀ against the target proxy at ε(1 − SEARCH_MARGIN), else against the instance at ε (the last one is the final \`verify()\`).`,
    '',
    ...table(['instance seed', 'builder seed', 'size', 'size/(√d e^ρ/ε)', 'verdict', 'lower', 'total s', 'of which verify s', 'sizes tried'], rows),
  ];
}

function sizes(): string[] {
  const cases: [string, number, number, number, number][] = [
    ['sphere', 2048, 16, 2, 0.05],
    ['clustered', 2048, 16, 2, 0.05],
    ['sphere', 2048, 8, 2, 0.05],
    ['sphere', 2048, 16, 1, 0.05],
    ['sphere', 2048, 16, 2, 0.1],
    ['clustered', 2048, 8, 1, 0.1],
    ['sphere', 1024, 32, 1, 0.1],
    ['sphere', 2048, 16, 3, 0.1],
  ];
  const rows = (quick ? cases.slice(0, 2) : cases).map(([fam, n, d, rho, eps]) => {
    const inst = fam === 'sphere' ? sphereInstance({ n, d, dv: d, seed: 1 }) : clusteredInstance({ n, d, dv: d, seed: 1 });
    const r = buildForEps(inst, { rho, eps });
    const v = r.verification;
    return [fam, n, d, rho, eps, r.size, r.boundRatio.toFixed(3), v.lower.toFixed(4), v.upper.toFixed(2), v.verdict];
  });
  return ['emp:size-constant re-measurement (ε-targeted, halving, seed 0, verifier seed 1, default budgets):', '', ...table(['family', 'n', 'd', 'ρ', 'ε', 'size', 'ratio', 'lower', 'upper', 'verdict'], rows)];
}

/** Other families at m = 256: halving against the two baselines (no published peer numbers exist for them). */
function families(): string[] {
  const cases: [string, Instance][] = [
    ['clustered: 16 clusters, spread 0.3', clusteredInstance({ n: 4096, d: 64, dv: 64, seed: 3, clusters: 16, spread: 0.3 })],
    ['clustered: 4 clusters, spread 0.05, mass ratio 8', clusteredInstance({ n: 4096, d: 64, dv: 64, seed: 3 })],
    ['attention sink (one sink, other keys of norm 0.1)', attentionSinkInstance({ n: 4096, d: 64, dv: 64, seed: 3 })],
    ['attention sink: 8 sinks, 64 keys within 0.2 rad, rest isotropic', issueSink()],
  ];
  const rows: (string | number)[][] = [];
  for (const [name, inst] of quick ? cases.slice(0, 1) : cases) {
    for (const rho of [2, 4]) {
      const errs = (['halving', 'uniform', 'sensitivity'] as BuildMethod[]).map((method) => {
        return falsifierScore(inst, buildCoreset(inst, { rho, size: 256, method, seed: 0 }).coreset, rho, 0).toFixed(4);
      });
      rows.push([name, rho, ...errs]);
    }
  }
  return [
    'Other families (n = 4096, d = dv = 64, instance seed 3, m = 256, builder seed 0), scored by the verifier\'s falsifier at budget 16384 (seed 2000):',
    '',
    ...table(['family', 'ρ', 'halving', 'uniform', 'sensitivity'], rows),
  ];
}

/** The issue-11 sink instance at ρ = 2, 4 and m = 64, 256: halving with and without the refinement, full score. */
function sink(): string[] {
  const inst = issueSink();
  const rows: (string | number)[][] = [];
  for (const rho of [2, 4]) {
    for (const m of quick ? [256] : [64, 256]) {
      const cells: (string | number)[] = [rho, m];
      for (const refine of [false, undefined]) {
        const r = buildCoreset(inst, { rho, size: m, seed: 0, ...(refine === false ? { refine } : {}) });
        const s = score(inst, r.coreset, rho, 0);
        cells.push(Math.max(s.readme, s.falsifier).toFixed(4));
        if (refine === undefined) cells.push(r.seconds.toFixed(2));
      }
      cells.push(rho === 2 && m === 256 ? SINK_KT : '—');
      rows.push(cells);
    }
  }
  return [
    "Attention-sink instance of issue 11 (8 sinks, 64 keys within 0.2 rad, rest isotropic; n = 4096, d = dv = 64, instance seed 3, builder seed 0); score = max(README estimator, falsifier at 16384) as in the quality section. Kernel thinning's number is the issue's (measured on its own draw of the family).",
    '',
    ...table(['ρ', 'm', 'halving, no refinement', 'halving (refined)', 'build s', 'kernel thinning (issue)'], rows),
  ];
}

/** The builder's benchmark section. */
export default function run(): BenchResult {
  const lines: string[] = [];
  if (sections.has('quality')) {
    const iso = loadIso();
    if (iso === undefined) lines.push(`iso4096 not found at ${ISO}: quality section skipped.`);
    else lines.push(...quality(iso));
  }
  if (sections.has('speed')) lines.push('', ...speed());
  if (sections.has('targeted')) lines.push('', ...targeted());
  if (sections.has('sizes')) lines.push('', ...sizes());
  if (sections.has('families')) lines.push('', ...families());
  if (sections.has('sink')) lines.push('', ...sink());
  return { title: 'Builder (issue 4)', lines };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = run();
  process.stdout.write(`# ${r.title}\n\nMachine: ${machine()}\n\n${r.lines.join('\n')}\n`);
}
