/**
 * The peer grid (issue 11, first target): on every family of the bench
 * (isotropic iso4096, clustered, low-rank, attention sink, real heads) at
 * ρ ∈ {1, 2, 4} and m ∈ {64, 256} (64, 32 on the real heads), the halving
 * builder's sup error against the best peer on the same instance — the
 * published number where ../shared/bench/README.md has one, else kernel
 * thinning run through goodpoints' own `kt.thin` — with uniform sampling
 * beside them. One score for every method (bench/peers/score.ts).
 *
 * Run: `BENCH_FILTER=peers npx tsx bench/run.ts` (replaces this section of
 * bench/RESULTS.md). Kernel thinning comes from the committed cache
 * bench/peers/kt-cache.json; `PEERS_KT=run GOODPOINTS_GIT=<git dir of a
 * microsoft/goodpoints clone>` re-runs it (needs cython3 and python3-numpy).
 * Other knobs: PEERS_FAMILIES (comma list of family-name substrings),
 * PEERS_SEEDS (builder, uniform and KT seeds at n = 4096; default 0),
 * PEERS_HEAD_SEEDS (default 0,1,2), PEERS_UNIFORM_MAX_N (uniform only up to that n),
 * PEERS_KT=off / PEERS_OURS=off (leave a side out),
 * PEERS_REPRO_ONLY=1 (only the cells with published numbers),
 * PEERS_MEMO_ONLY=1 (compute nothing: assemble memoised results), PEERS_SCORE_DIR (score memo).
 * @module
 */
import { fileURLToPath } from 'node:url';
import type { Coreset } from '../src/types.js';
import { goodpoints, ktThin, type Goodpoints, type KtRun } from './peers/goodpoints.js';
import { memoBuild } from './peers/build-memo.js';
import { gridInstances, instanceHash, type GridInstance } from './peers/instances.js';
import { indicesHash, ktKey, readKtCache, writeKtCache, type KtCache, type KtEntry } from './peers/kt-cache.js';
import { FALSIFIER_BUDGET, MEMO_ONLY, NotMemoised, score, scoreValue } from './peers/score.js';
import { cellRow, columns, familySummary, median, spread, type Cell } from './peers/table.js';
import { machine, table, type BenchResult } from './harness.js';

/** Kernel thinning's kernel (both KT-SPLIT and KT-SWAP) and its scale at ρ. */
const KT_KERNEL = 'thinformer' as const;
const KT_SCALE = 1;
const KERNEL_TEXT =
  "Thinformer's attention kernel κ((k,v),(k′,v′)) = exp(⟨k,k′⟩)·(⟨v,v′⟩ + b²), b = max_i ‖v_i‖_∞ (softmax temperature 1: Attn has no 1/√d; independent of ρ), on the rows x_i = (k_i, v_i), as split and swap kernel (target KT), delta = 0.5: kt.thin(X, h, κ, κ, delta=0.5, seed=s), store_K = False";
/** Published best peer per instance and "ρ|m" (../shared/bench/README.md; every other published row is worse). */
const PUBLISHED: Record<string, Record<string, { method: string; error: number }>> = {
  iso4096: { '2|256': { method: 'kernel thinning', error: 0.032 }, '4|256': { method: 'kernel thinning', error: 0.158 } },
};
const list = (s: string | undefined, dflt: number[]): number[] => (s === undefined || s === '' ? dflt : s.split(',').map(Number));
/** The README's kernel-thinning numbers are means over 5 seeds: the reproduction runs those. */
const REPRO_SEEDS = list(process.env.PEERS_REPRO_SEEDS, [0, 1, 2, 3, 4]);
const RHOS = [1, 2, 4];
/** Ratio target per instance (issue 11). */
const TARGET = 0.8;

const SEEDS = list(process.env.PEERS_SEEDS, [0]);
const HEAD_SEEDS = list(process.env.PEERS_HEAD_SEEDS, [0, 1, 2]);
const FAMILIES = (process.env.PEERS_FAMILIES ?? '').split(',').filter((s) => s !== '');
const KT_MODE = process.env.PEERS_KT ?? 'cache';
/** Uniform sampling runs on instances with n ≤ PEERS_UNIFORM_MAX_N (default all); elsewhere its column shows —. */
const UNIFORM_MAX_N = Number(process.env.PEERS_UNIFORM_MAX_N ?? Infinity);
/** PEERS_OURS=off leaves the builder out (a kernel-thinning-only run). */
const OURS = process.env.PEERS_OURS !== 'off';
/** PEERS_REPRO_ONLY=1: only the cells with a published number (the kernel-thinning reproduction). */
const REPRO_ONLY = process.env.PEERS_REPRO_ONLY === '1';

const timers = { oursBuild: 0, oursScore: 0, uniform: 0, ktRun: 0, ktScore: 0 };
const clock = <T>(k: keyof typeof timers, f: () => T): T => {
  const t0 = performance.now();
  const v = f();
  timers[k] += (performance.now() - t0) / 1000;
  return v;
};

interface KtState {
  cache: KtCache;
  runs: Map<string, KtRun>;
  /** What this run could not measure (no goodpoints, or PEERS_MEMO_ONLY without a memoised value). */
  missing: string[];
  gp: Goodpoints | undefined;
  notes: string[];
}

/** Kernel thinning's scores on one cell: cached, or run and scored (and cached). */
function ktScores(st: KtState, g: GridInstance, h: string, rho: number, halvings: number, seeds: number[]): number[] {
  // An entry scored without the falsifier does not serve a run that scores with it.
  const usable = (e: KtEntry | undefined): e is KtEntry => e !== undefined && (FALSIFIER_BUDGET === 0 || e.falsifier !== null);
  const want = seeds.filter((s) => KT_MODE === 'run' || !usable(st.cache.entries[ktKey(h, rho, halvings, s)]));
  if (want.length > 0 && st.gp !== undefined) {
    // The kernel does not depend on ρ: one kt.thin run per (instance, h, seed) serves every ρ.
    const fresh = want.filter((s) => !st.runs.has(`${h}|${halvings}|${s}`));
    if (fresh.length > 0) {
      for (const r of clock('ktRun', () => ktThin(st.gp as Goodpoints, g.inst, { halvings, scale: KT_SCALE, kernel: KT_KERNEL, seeds: fresh }))) st.runs.set(`${h}|${halvings}|${r.seed}`, r);
    }
    const runs = want.map((s) => st.runs.get(`${h}|${halvings}|${s}`) as KtRun);
    for (const r of runs) {
      const key = ktKey(h, rho, halvings, r.seed);
      const sha = indicesHash(r.indices);
      const old = st.cache.entries[key];
      if (old !== undefined && old.indicesSha256 !== sha) st.notes.push(`kernel thinning re-run differs from the cache: ${g.name}, ρ = ${rho}, h = ${halvings}, seed ${r.seed}.`);
      const c: Coreset = { indices: Uint32Array.from(r.indices), weights: new Float64Array(r.indices.length).fill(1) };
      const s = clock('ktScore', () => score(g.inst, h, c, rho, r.seed));
      const e: KtEntry = { instance: g.name, rho, halvings, seed: r.seed, size: r.indices.length, distinct: new Set(r.indices).size, indicesSha256: sha, readme: s.readme, falsifier: s.falsifier, seconds: r.seconds };
      st.cache.entries[key] = e;
      process.stderr.write(`  KT ${g.name} ρ=${rho} h=${halvings} seed ${r.seed}: ${scoreValue(s).toFixed(4)} (${r.seconds.toFixed(1)} s)\n`);
    }
    st.cache.goodpoints = st.gp.commit;
    st.cache.kernel = KERNEL_TEXT;
    writeKtCache(st.cache);
  }
  const got = seeds.map((s) => st.cache.entries[ktKey(h, rho, halvings, s)]).filter(usable);
  if (got.length < seeds.length) st.missing.push(`kernel thinning at ${g.name}, ρ = ${rho}, h = ${halvings} (${seeds.length - got.length} of ${seeds.length} seeds)`);
  return got.map((e) => (FALSIFIER_BUDGET === 0 ? e.readme : scoreValue(e)));
}

/** f over the seeds; under PEERS_MEMO_ONLY the seeds the memo lacks are left out, with a note. */
function measured(st: KtState, what: string, seeds: number[], f: (seed: number) => number): number[] {
  const out: number[] = [];
  for (const seed of seeds) {
    try {
      out.push(f(seed));
    } catch (e) {
      if (!(e instanceof NotMemoised)) throw e;
    }
  }
  if (out.length < seeds.length) st.missing.push(`${what} (${seeds.length - out.length} of ${seeds.length} seeds)`);
  return out;
}

function cellsOf(g: GridInstance, st: KtState): Cell[] {
  const h = instanceHash(g.inst);
  const big = g.inst.n > 1024;
  const cells: Cell[] = [];
  for (const rho of RHOS) {
    for (const [mText, halvings] of Object.entries(g.halvings)) {
      const m = Number(mText);
      const size = Math.floor(g.inst.n / 2 ** halvings);
      const seeds = big ? SEEDS : HEAD_SEEDS;
      const published = PUBLISHED[g.name]?.[`${rho}|${m}`];
      if (REPRO_ONLY && published === undefined) continue;
      const ktSeeds = published !== undefined ? [...new Set([...seeds, ...REPRO_SEEDS])] : seeds;
      const where = `${g.name}, ρ = ${rho}, m = ${m}`;
      const ours = !OURS ? [] : measured(st, `ours at ${where}`, seeds, (seed) => {
        const r = clock('oursBuild', () => memoBuild(g.inst, h, { rho, size, seed }));
        return scoreValue(clock('oursScore', () => score(g.inst, h, r.coreset, rho, seed)));
      });
      const uniform = g.inst.n > UNIFORM_MAX_N ? [] : measured(st, `uniform at ${where}`, seeds, (seed) => clock('uniform', () => scoreValue(score(g.inst, h, memoBuild(g.inst, h, { rho, size, seed, method: 'uniform' }).coreset, rho, seed))));
      const kt = KT_MODE === 'off' ? [] : ktScores(st, g, h, rho, halvings, ktSeeds);
      const cell: Cell = { family: g.family, instance: g.name, n: g.inst.n, d: g.inst.d, rho, m, size, ours, kt, uniform, ...(published !== undefined ? { published } : {}) };
      process.stderr.write(`  ${cellRow(cell).join(' | ')}\n`);
      cells.push(cell);
    }
  }
  return cells;
}

function repro(st: KtState, cells: Cell[]): string[] {
  const rows = cells
    .filter((c) => c.published !== undefined)
    .map((c) => [c.instance, c.rho, c.m, spread(c.kt), c.kt.length, c.published?.error ?? '—']);
  return rows.length === 0 ? [] : ['Kernel thinning run here against its published numbers (same instance, same size; the README\'s are means over 5 seeds):', '', ...table(['instance', 'ρ', 'm', 'KT here, mean [min–max]', 'seeds', 'KT published'], rows), ''];
}

/** The peer grid's benchmark section. */
export default function run(): BenchResult {
  const notes: string[] = [];
  const st: KtState = { cache: readKtCache(KERNEL_TEXT), runs: new Map(), missing: [], gp: KT_MODE === 'off' || MEMO_ONLY ? undefined : goodpoints(), notes };
  const grid = gridInstances(notes).filter((g) => FAMILIES.length === 0 || FAMILIES.some((f) => g.family.includes(f)));
  const cells = grid.flatMap((g) => cellsOf(g, st));
  const cols = columns(cells);
  const fam = familySummary(cells, TARGET);
  const colRatios = cols.map((c) => c.ratio);
  const lines = [
    `Score (every method): ${FALSIFIER_BUDGET > 0 ? `max(the peers' README estimator run exactly, the verifier's falsifier at budget ${FALSIFIER_BUDGET}), scorer seeds 1000 + s and 2000 + s` : "the peers' README estimator run exactly (falsifier not run: PEERS_FALSIFIER_BUDGET=0), scorer seed 1000 + s"}. Seeds s: ${SEEDS.join(', ')} at n = 4096 (kernel thinning: 0–4 on the published cells), ${HEAD_SEEDS.join(', ')} on the real heads. Every method gets the size ⌊n/2^h⌋ of kernel thinning's h halvings: m = 64 → h = 6, m = 256 → h = 4 at n = 4096; on the real heads (n = 120 or 128; keys and values divided by their largest row norm) m = 64 → h = 1 (60 or 64 rows), m = 32 → h = 2 (30 or 32), and m = 256 does not exist.`,
    '',
    `Kernel thinning: goodpoints ${st.cache.goodpoints || '(not run)'} (its own code; the Cython module ktc compiled from its source), kernel ${st.cache.kernel || KERNEL_TEXT}; its output is a list of indices (repetitions possible) scored unweighted. Ours: \`buildCoreset\` (halving, default options). Ratio: ours (mean) / best peer, the best peer being the smallest of the published best (marked ᴾ), kernel thinning's mean here and uniform sampling's mean here (marked ᵁ; uniform is a published peer row too).`,
    '',
    ...notes.map((n) => `Note: ${n}`),
    ...(st.missing.length > 0 ? [`Not measured in this run (shown as —; ${MEMO_ONLY ? 'PEERS_MEMO_ONLY assembles only what the parallel runs finished' : 'set GOODPOINTS_GIT for kernel thinning'}): ${st.missing.join('; ')}.`] : []),
    ...(notes.length + st.missing.length > 0 ? [''] : []),
    ...table(['family', 'instance', 'n', 'd', 'ρ', 'm (size)', 'ours', 'kernel thinning', 'uniform', 'best published', 'ours / best peer'], cells.map(cellRow)),
    '',
    ...repro(st, cells),
    'Columns (family, ρ, m; the real heads\' column is the mean ratio over the 8 heads):',
    '',
    ...table(['family', 'ρ', 'm', 'instances', 'mean ratio'], cols.map((c) => [c.family, c.rho, c.m, c.instances, c.ratio.toFixed(2)])),
    '',
    ...table(['family', `mean ratio over its columns (target ≤ ${TARGET})`, `cells ≤ ${TARGET}`], fam.map((f) => [f.family, f.meanRatio.toFixed(2), `${f.cellsMet} / ${f.cells}`])),
    '',
    colRatios.length > 0 ? `Grid median over ${colRatios.length} columns: **${median(colRatios).toFixed(2)}** (target ≤ 0.5); columns ≤ ${TARGET}: ${colRatios.filter((r) => r <= TARGET).length} of ${colRatios.length}.` : 'No ratios (no peer numbers).',
    '',
    `Settings of this run: ${Object.entries(process.env).filter(([k]) => k.startsWith('PEERS_') && !k.endsWith('_DIR')).map(([k, v]) => `${k}=${v}`).sort().join(' ') || 'defaults'}.`,
    '',
    `Seconds (this run, loaded 2-core machine, scores memoised in ${'PEERS_SCORE_DIR'} count as 0 when reused): ours build ${timers.oursBuild.toFixed(0)}, ours scoring ${timers.oursScore.toFixed(0)}, uniform (build + score) ${timers.uniform.toFixed(0)}, kernel thinning runs ${timers.ktRun.toFixed(0)}, their scoring ${timers.ktScore.toFixed(0)}.`,
  ];
  return { title: 'Peer grid (issue 11)', lines };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = run();
  process.stdout.write(`# ${r.title}\n\nMachine: ${machine()}\n\n${r.lines.join('\n')}\n`);
}
