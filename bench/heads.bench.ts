/**
 * Real heads, query-aware (issue 10): on the committed fixtures
 * (test/fixtures/heads), fit on a random half of each head's own queries,
 * score on the other half, every method at equal memory m rows.
 * @module
 */
import { uniformCoreset } from '../src/construct/baselines.js';
import { buildForQueries } from '../src/construct/query-aware.js';
import { buildCacheForQueries } from '../src/construct/query-cache.js';
import { accumulatedAttention, h2oCoreset, nnlsOnRows, snapKvCoreset } from '../src/construct/query-baselines.js';
import { createRng } from '../src/construct/rng.js';
import { coresetError } from '../src/fast/coreset-error.js';
import { logits } from '../src/fast/logits.js';
import type { Compressed } from '../src/types.js';
import { manifestHeads, readHead } from '../test/helpers/heads.js';
import type { Bench } from './harness.js';

/** Uniform sampling is random: its numbers are means over this many seeds. */
const UNIFORM_SEEDS = 20;
/** SnapKV's observation window (the last w fit queries by position) and pooling kernel. */
const SNAP_WINDOW = 8;
const SNAP_KERNEL = 5;
/** Ridge weights λ_V tried for the cache, chosen on an inner split of the fit half (never on the held-out half). */
const LAMBDAS = [1e-4, 1e-3, 1e-2, 1e-1];

interface Split {
  fit: Float64Array;
  test: Float64Array;
  fitPositions: number[];
}

function split(queries: Float64Array, n: number, d: number, seed: number): Split {
  return splitRows(queries, n, d, seed, n >> 1);
}

/** A seeded random split of `count` query rows into the first `take` (fit) and the rest. */
function splitRows(queries: Float64Array, count: number, d: number, seed: number, take: number): Split {
  const n = count;
  const rng = createRng(seed);
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  const pick = (rows: number[]) => {
    const Q = new Float64Array(rows.length * d);
    rows.forEach((t, k) => Q.set(queries.subarray(t * d, (t + 1) * d), k * d));
    return Q;
  };
  const fitRows = perm.slice(0, take);
  return { fit: pick(fitRows), test: pick(perm.slice(take)), fitPositions: fitRows };
}

const bench: Bench = () => {
  const lines: string[] = [];
  const ratios: Record<string, { max: number[]; mean: number[] }> = {};
  const table: string[] = [];
  const vsRules: Record<string, boolean[]> = {};
  for (const [hi, h] of manifestHeads().entries()) {
    const head = readHead(h);
    const { n, d, dv, V } = head.instance;
    let rv = 0;
    for (let i = 0; i < n; i++) rv = Math.max(rv, Math.hypot(...V.subarray(i * dv, (i + 1) * dv)));
    const s = split(head.queries, n, d, 1000 + hi);
    const rows = s.test.length / d;
    let rq = 0;
    for (let r = 0; r < s.fit.length / d; r++) rq = Math.max(rq, Math.hypot(...s.fit.subarray(r * d, (r + 1) * d)));
    const scoreOn = (Q: Float64Array, c: Compressed): [number, number] => {
      let mx = 0;
      let sum = 0;
      const count = Q.length / d;
      for (let r = 0; r < count; r++) {
        const e = coresetError(head.instance, Q.subarray(r * d, (r + 1) * d), c, { scale: head.scale }) / rv;
        mx = Math.max(mx, e);
        sum += e;
      }
      return [mx, sum / count];
    };
    const score = (c: Compressed): [number, number] => scoreOn(s.test, c);
    // λ_V for the cache: an inner split of the fit half (3/4 fit, 1/4 validation), by validation mean error.
    const fitCount = s.fit.length / d;
    const inner = splitRows(s.fit, fitCount, d, 7000 + hi, Math.round((3 * fitCount) / 4));
    // How peaked the head is on its held-out queries: median largest softmax weight, distinct argmax rows.
    const maxp: number[] = [];
    const argmax = new Set<number>();
    for (let r = 0; r < rows; r++) {
      const lg = logits(head.instance, s.test.subarray(r * d, (r + 1) * d), { scale: head.scale });
      const m = Math.max(...lg);
      let z = 0;
      for (const x of lg) z += Math.exp(x - m);
      maxp.push(1 / z);
      argmax.add(lg.indexOf(m));
    }
    maxp.sort((a, b) => a - b);
    for (const div of [4, 8, 16]) {
      const m = Math.round(n / div);
      let lambda = LAMBDAS[0];
      let bestVal = Infinity;
      for (const l of LAMBDAS) {
        const c = buildCacheForQueries(head.instance, { queries: inner.fit, size: m, rho: rq, scale: head.scale, valueLambda: l }).cache;
        const v = scoreOn(inner.test, c)[1];
        if (v < bestVal) [bestVal, lambda] = [v, l];
      }
      let um = 0;
      let ua = 0;
      for (let seed = 0; seed < UNIFORM_SEEDS; seed++) {
        const [a, b] = score(uniformCoreset(head.instance, m, seed));
        um += a / UNIFORM_SEEDS;
        ua += b / UNIFORM_SEEDS;
      }
      const acc = accumulatedAttention(head.instance, s.fit, head.scale);
      const topk = Uint32Array.from(Array.from(acc.keys()).sort((a, b) => acc[b] - acc[a] || a - b).slice(0, m));
      const methods: [string, Compressed][] = [
        ['H2O (m/2 heavy + m/2 recent)', h2oCoreset(head.instance, s.fit, m, { scale: head.scale })],
        [`SnapKV (w=${SNAP_WINDOW}, pool ${SNAP_KERNEL})`, snapKvCoreset(head.instance, s.fit, m, { scale: head.scale, window: SNAP_WINDOW, kernel: SNAP_KERNEL, positions: s.fitPositions })],
        ['NNLS on top-m accumulated', nnlsOnRows(head.instance, s.fit, topk, { scale: head.scale })],
        ['query-aware (ours, μ=0.1)', buildForQueries(head.instance, { queries: s.fit, size: m, rho: rq, scale: head.scale }).coreset],
        ['query-aware cache (ours, refit values)', buildCacheForQueries(head.instance, { queries: s.fit, size: m, rho: rq, scale: head.scale, valueLambda: lambda }).cache],
      ];
      const cells0: [number, number][] = [];
      // Not a method: fitted on the scored queries themselves, an optimistic reference for what a weighted subset of m rows can reach.
      const inSample = score(buildForQueries(head.instance, { queries: s.test, size: m, rho: rq, scale: head.scale }).coreset);
      const ik = `(in-sample reference: query-aware fitted on the held-out half) m=n/${div}`;
      (ratios[ik] ??= { max: [], mean: [] }).max.push(inSample[0] / um);
      ratios[ik].mean.push(inSample[1] / ua);
      const cells = [`${h.name} m=${m}`, `${(um).toFixed(3)} / ${(ua).toFixed(3)}`];
      for (const [name, c] of methods) {
        const [a, b] = score(c);
        cells0.push([a, b]);
        cells.push(`${a.toFixed(3)} / ${b.toFixed(3)} (${(a / um).toFixed(2)}×, ${(b / ua).toFixed(2)}×)`);
        const key = `${name} m=n/${div}`;
        (ratios[key] ??= { max: [], mean: [] }).max.push(a / um);
        ratios[key].mean.push(b / ua);
      }
      cells[cells.length - 1] += ` λ=${lambda}`;
      const [cm, ca] = cells0[cells0.length - 1];
      // Equal memory: a cache row stores a float key, value and weight, as a subset row does.
      const beats = [0, 1].every((k) => cm < cells0[k][0] && ca < cells0[k][1]);
      (vsRules[`m=n/${div}`] ??= []).push(beats);
      table.push(`| ${cells.join(' | ')} | ${maxp[rows >> 1].toFixed(2)}, ${argmax.size} of ${n} |`);
    }
  }
  lines.push(
    'Fixtures: Universal Sentence Encoder Lite, layer 0, heads 0–3, paragraphs 0–1 of test/fixtures/heads/text.txt (n = 120 and 128 tokens: the model keeps 128), d_h = 64, logit scale 1/8.',
    'Each head: a seeded random half of its own queries is the fit set, the other half is held out; errors are held-out err_w(q)/R_v (the unit setting of def:model-scaling).',
    `Cells: held-out max / mean error (ratio to uniform's). Uniform: mean of ${UNIFORM_SEEDS} seeds. Last column: median largest softmax weight of a held-out query, and how many distinct rows are some held-out query's argmax.`,
    '',
    '| head, m | uniform max / mean | H2O | SnapKV | NNLS on top-m | query-aware (ours) | query-aware cache (ours) | peakedness |',
    '|---|---|---|---|---|---|---|---|',
    ...table,
    '',
    '| method | median max ratio | median mean ratio | worst max ratio |',
    '|---|---|---|---|',
    ...Object.entries(ratios).map(([k, v]) => {
      const med = (x: number[]) => [...x].sort((a, b) => a - b)[x.length >> 1];
      return `| ${k} | ${med(v.max).toFixed(2)} | ${med(v.mean).toFixed(2)} | ${Math.max(...v.max).toFixed(2)} |`;
    }),
    '',
    'Target (issue 10): at m = n/4 the weighted subset has held-out max and mean ≤ 0.5× uniform\'s on every head: ' +
      (() => {
        const r = ratios['query-aware (ours, μ=0.1) m=n/4'];
        const met = r.max.every((x) => x <= 0.5) && r.mean.every((x) => x <= 0.5);
        return `${met ? 'met' : 'NOT met'} (worst max ratio ${Math.max(...r.max).toFixed(2)}, worst mean ratio ${Math.max(...r.mean).toFixed(2)}).`;
      })(),
    ...(['4', '16'] as const).map((k) => {
      const r = ratios[`query-aware cache (ours, refit values) m=n/${k}`];
      const [tm, ta] = k === '4' ? [0.25, 0.2] : [0.35, 0.25];
      const met = r.max.every((x) => x <= tm) && r.mean.every((x) => x <= ta);
      return `Target (issue 10): at m = n/${k} the cache has held-out max ≤ ${tm}× and mean ≤ ${ta}× uniform's on every head: ${met ? 'met' : 'NOT met'} (worst max ratio ${Math.max(...r.max).toFixed(2)}, worst mean ratio ${Math.max(...r.mean).toFixed(2)}; best max ${Math.min(...r.max).toFixed(2)}, best mean ${Math.min(...r.mean).toFixed(2)}).`;
    }),
    `Cache better than both H2O and SnapKV in max and mean at equal memory: ${Object.entries(vsRules).map(([k, v]) => `${k}: ${v.filter(Boolean).length} of ${v.length} heads`).join('; ')}.`,
    'Why: these heads are short (n ≤ 128, the model\'s limit) and, except head 0, sharply peaked: a held-out query puts a median 0.57–0.74 of its softmax on one row, and 44–55 distinct rows are the argmax of some held-out query, more than the m = n/4 ≈ 30 rows kept. Even fitted in-sample (row above) a weighted subset stays far above 0.5×.',
    'The cache (query-aware rows, values refitted by weighted ridge on the fit half and the ball regularizer, λ_V chosen from ' + LAMBDAS.join(', ') + ' by an inner 3/4–1/4 split of the fit half) helps most on the broad head 0 (≈ 0.4× max, 0.35× mean) and least on the peaked heads 1–3 (0.7–0.86×): a query peaked on a row the cache does not keep is routed by the kept keys\' softmax, which refitted values cannot undo. Equal memory: a cache row stores a float key, value and weight, as a subset row does (indices aside).',
  );
  return { title: 'Real heads, query-aware (issue 10)', lines };
};

export default bench;
