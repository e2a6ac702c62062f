/**
 * Certificates (issue 15): upper / lower of the RKHS and moment
 * certificates on coresets from `build --size 256`, their cost at n = 4096,
 * d = 64, the time of a confirmed `fail` at n = 65,536 by proof method, and
 * branch-and-bound: rank 4 at n = 4096, `--tolerance` in 2-D, the residual
 * form on near-low-rank keys. `CERT_BENCH=ratios,fail,bnb` selects sections.
 * @module
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCoreset } from '../src/construct/index.js';
import { clusteredInstance } from '../src/families/index.js';
import type { Instance } from '../src/types.js';
import { normalizeCoreset } from '../src/validate.js';
import { subsetMeasure } from '../src/verify/measure.js';
import { momentCertificate } from '../src/verify/moment.js';
import { rkhsCertificate } from '../src/verify/rkhs.js';
import { branchAndBound } from '../src/verify/branch-and-bound.js';
import { cellDefect } from '../src/verify/cell-defect.js';
import { leadingSpanOf, spanOf } from '../src/verify/span.js';
import { naiveError, searchSup } from '../properties/internal/independent-search.js';
import { verify } from '../src/verify/verify.js';
import { randomSubset, randomUnitInstance, table, timed, type BenchResult } from './harness.js';
import { readNpy } from './npy.js';
import { modelScaling } from '../src/fast/model-scaling.js';
import { manifestHeads, readHead } from '../test/helpers/heads.js';
import { lowRankInstance } from '../test/helpers/low-rank.js';

const here = dirname(fileURLToPath(import.meta.url));
/** ../shared beside the clone (CI), or BENCH_ISO4096 (a worktree elsewhere). */
const ISO = process.env.BENCH_ISO4096 ?? resolve(here, '..', '..', 'shared', 'bench', 'iso4096');
/** Sections: ratios, iso (the iso4096 rows only), heads (the committed real heads), fail (default proof), fail-reference (adds the `witnessCheck: 'reference'` run), bnb (branch-and-bound). */
const sections = new Set((process.env.CERT_BENCH ?? 'ratios,heads,fail,fail-reference,bnb').split(','));

/** Wall-clock cap of the rank-4 branch-and-bound (the issue's target); BENCH_BNB_SECONDS overrides it. */
const BNB_SECONDS = Number(process.env.BENCH_BNB_SECONDS ?? 60);

function ratios(isoOnly: boolean): string[] {
  const cases: [string, Instance, number][] = [];
  if (existsSync(join(ISO, 'K.npy'))) {
    const K = readNpy(join(ISO, 'K.npy'));
    const V = readNpy(join(ISO, 'V.npy'));
    const iso: Instance = { n: K.rows, d: K.cols, dv: V.cols, K: K.data, V: V.data };
    cases.push(['iso4096', iso, 2], ['iso4096', iso, 4]);
  }
  if (!isoOnly) {
    for (const seed of [3, 4]) cases.push([`clustered (16 clusters, spread 0.3, seed ${seed})`, clusteredInstance({ n: 4096, d: 64, dv: 64, seed, clusters: 16, spread: 0.3 }), 2]);
    // Seeds 6 and 7: other instances of the family (issue 15's acceptance).
    for (const seed of [5, 6, 7]) cases.push([`low-rank (keys in a random 8-dim subspace, seed ${seed})`, lowRankInstance(4096, 64, 8, seed), 2]);
  }
  const rows: (string | number)[][] = [];
  for (const [name, inst, rho] of cases) {
    const coreset = buildCoreset(inst, { rho, size: 256, seed: 0 }).coreset;
    const c = normalizeCoreset(coreset, inst.n);
    const v = verify(inst, coreset, { rho, eps: 1e-9, rkhs: 'never', moment: 'never' });
    const r = timed(() => rkhsCertificate(inst, c, rho));
    const mu = subsetMeasure(inst, c, rho, 1, true);
    const cpu0 = process.cpuUsage();
    const m = timed(() => momentCertificate(mu, rho));
    const cpu = process.cpuUsage(cpu0);
    const lo = v.lower;
    rows.push([
      name,
      rho,
      lo.toFixed(4),
      r.value.upper.toPrecision(3),
      (r.value.upper / lo).toFixed(1),
      m.value.globalUpper.toPrecision(3),
      (m.value.globalUpper / lo).toFixed(2),
      m.value.upper.toPrecision(3),
      (m.value.upper / lo).toFixed(2),
      `${m.value.orders.spectral}+${m.value.orders.frobenius - m.value.orders.spectral}${m.value.jointWeights !== null ? ', joint' : ''}`,
      r.seconds.toFixed(1),
      m.seconds.toFixed(1),
      ((cpu.user + cpu.system) / 1e6).toFixed(2),
    ]);
  }
  return [
    'Coresets from `buildCoreset(inst, { rho, size: 256, seed: 0 })`; lower = the falsifier of `verify()` (default budget, seed 0); RKHS and moment certificates computed separately and timed (one run; the machine is shared and loaded, so seconds are noisy). Targets (issue 15): ≤ 5× at ρ = 2 on iso4096 and the clustered and low-rank families, ≤ 8× at ρ = 4; certificate ≤ 5 s at n = 4096, d = 64.',
    '',
    'Moment columns: "global" is lem:moment-certificate alone (sup of the numerator over inf of Z over the ball), "moment" the certificate `verify` uses, the smaller of it and the directional bound (lem:moment-directional). "moment CPU s" is process.cpuUsage() over the moment certificate alone (less sensitive to the load than the wall-clock "moment s").',
    '',
    ...table(['instance', 'ρ', 'lower', 'RKHS', 'RKHS / lower', 'moment (global)', 'global / lower', 'moment', 'moment / lower', 'orders (spectral+trace)', 'RKHS s', 'moment s', 'moment CPU s'], rows),
  ];
}

/** Coreset sizes on the real heads (n = 120 and 128: `size: 256` does not fit; n/4 and n/2). */
const HEAD_SIZES = [32, 64];

/** One row per head and size: lower, both certificates, their ratios. */
function headRow(label: string, inst: Instance, rho: number, scale: number, m: number): (string | number)[] {
  const coreset = buildCoreset(inst, { rho: rho * scale, size: m, seed: 0 }).coreset;
  const c = normalizeCoreset(coreset, inst.n);
  const v = verify(inst, coreset, { rho, scale, eps: 1e-9, rkhs: 'never', moment: 'never' });
  const r = rkhsCertificate(inst, c, rho, scale).upper;
  const mo = momentCertificate(subsetMeasure(inst, c, rho, scale, true), rho, { scale }).upper;
  const lo = v.lower;
  const ratio = (x: number): string => (x < 1000 ? x.toFixed(1) : x.toPrecision(2));
  return [label, m, lo.toPrecision(3), r.toPrecision(3), ratio(r / lo), mo.toPrecision(3), ratio(mo / lo), mo <= r ? 'moment' : 'RKHS'];
}

function heads(): string[] {
  const unit: (string | number)[][] = [];
  const native: (string | number)[][] = [];
  let worst = 0;
  for (const m of HEAD_SIZES) {
    for (const h of manifestHeads()) {
      const head = readHead(h);
      const row = headRow(h.name, modelScaling(head.instance, 1).instance, 2, 1, m);
      worst = Math.max(worst, Number(row[6]));
      unit.push(row);
      if (m === HEAD_SIZES[HEAD_SIZES.length - 1]) native.push(headRow(h.name, head.instance, 2, head.scale, m));
    }
  }
  const header = ['head', 'm', 'lower', 'RKHS', 'RKHS / lower', 'moment', 'moment / lower', 'smaller'];
  return [
    '**Real heads** (test/fixtures/heads, n = 120 or 128, d = dv = 64). Unit setting of def:model-scaling (keys / R_k, values / R_v, scale 1), ρ = 2; coresets from `buildCoreset(inst, { rho: 2, size: m, seed: 0 })` with m = 32 and 64 (n/4 and n/2: the fixtures are too small for size 256); lower = `verify()`\'s falsifier (default budget); moment certificate recentred at the coreset\'s mean key (`subsetMeasure(…, true)`, as `verify` does).',
    '',
    ...table(header, unit),
    '',
    `Target (issue 15): ≤ 10× at ρ = 2 on real heads. Worst moment / lower here: ${worst.toFixed(1)}× (${worst <= 10 ? 'met' : 'NOT met'}).`,
    '',
    `The same heads in their native setting (raw keys and values, logit scale 1/8, ‖q‖ ≤ 2, m = ${HEAD_SIZES[HEAD_SIZES.length - 1]}): this is the unit setting at ρ = 2·R_k/8 ≈ 5.8–7.8 (R_k = 23–31), with errors times R_v — a much larger radius, where neither certificate is within 10×:`,
    '',
    ...table(header, native),
  ];
}

function fail(withReference: boolean): string[] {
  const n = 65_536;
  const inst = randomUnitInstance(n, 64, 64, 7);
  const coreset = { indices: randomSubset(n, 256, 8), weights: new Float64Array(256).fill(1) };
  const a = timed(() => verify(inst, coreset, { rho: 2, eps: 0.05 }));
  const rows: (string | number)[][] = [['`verify`, default (`witnessCheck: auto`)', a.seconds.toFixed(2), a.value.lower.toFixed(4), a.value.verdict, a.value.witnessProof ?? '?']];
  let ref = 'not run';
  if (withReference) {
    const b = timed(() => verify(inst, coreset, { rho: 2, eps: 0.05, witnessCheck: 'reference' }));
    rows.push(["`verify`, `witnessCheck: 'reference'`", b.seconds.toFixed(2), b.value.lower.toFixed(4), b.value.verdict, b.value.witnessProof ?? '?']);
    ref = b.seconds <= 25 ? 'met' : 'NOT met';
  }
  return [
    ...table(['run', 'seconds', 'lower', 'verdict (ε = 0.05)', 'proof of lower'], rows),
    '',
    `n = ${n}, d = dv = 64, random unit instance (seed 7), uniform random 256-subset, ρ = 2. Targets: ≤ 10 s by default (${a.seconds <= 10 ? 'met' : 'NOT met'}), ≤ 25 s with the reference (${ref}). Timings from one run on the loaded shared machine.`,
  ];
}

/** The falsifier's lower bound (default budget, seed 0) on a coreset. */
function falsifierLower(inst: Instance, coreset: { indices: Uint32Array; weights: Float64Array }, rho: number): number {
  return verify(inst, coreset, { rho, eps: 1e-9, rkhs: 'never', moment: 'never', residual: 'never', bnbNodes: 1 }).lower;
}

function bnb(): string[] {
  const out: string[] = [];
  // Rank 4 at n = 4096: the sup within 1 % in ≤ 60 s?
  {
    const rho = 2;
    const inst = lowRankInstance(4096, 64, 4, 5);
    const coreset = buildCoreset(inst, { rho, size: 256, seed: 0 }).coreset;
    const c = normalizeCoreset(coreset, inst.n);
    const lo = falsifierLower(inst, coreset, rho);
    const span = spanOf(inst, c);
    const cpu0 = process.cpuUsage();
    const t = timed(() => branchAndBound(inst, c, rho, { tolerance: 0, relativeTolerance: 0.01, maxNodes: 1e9, maxSeconds: BNB_SECONDS, span }));
    const cpu = process.cpuUsage(cpu0);
    const sup = Math.max(lo, t.value.lower);
    const ratio = t.value.upper / sup;
    const rc = t.value.recentred;
    out.push(
      ...table(
        ['case', 'span rank', 'seconds (wall)', 'CPU s', 'nodes', 'recentred cells (own / translated / tighter)', 'upper', 'best lower (falsifier, B&B)', 'upper / lower', 'within 1 %'],
        [['low-rank r = 4, n = 4096, d = dv = 64, `build --size 256`, ρ = 2', span.rank, t.seconds.toFixed(1), ((cpu.user + cpu.system) / 1e6).toFixed(1), t.value.nodes, `${rc.evaluated - rc.translated} / ${rc.translated} / ${rc.tighter}`, t.value.upper.toPrecision(4), sup.toFixed(4), ratio.toFixed(2), t.value.complete ? 'yes' : 'no']],
      ),
      '',
      `Target (issue 15): the sup within 1 % for spans of rank ≤ 4 at n = 4096 in ≤ 60 s — ${t.value.complete && t.seconds <= 60 ? 'met' : `NOT met (${t.value.complete ? `took ${t.seconds.toFixed(0)} s` : `stopped at the ${BNB_SECONDS} s cap`})`}. Cells use the smaller of the cube bound and the recentred bound (lem:recentred-cell-bound): own = N-row moments computed, translated = from the enclosing cell's.`,
      '',
    );
  }
  // 2-D, --tolerance 1e-3: upper ≤ sup + 1e-3 against an independent dense grid.
  {
    const rho = 2;
    const inst = randomUnitInstance(512, 2, 8, 11);
    const coreset = buildCoreset(inst, { rho, size: 32, seed: 0 }).coreset;
    const c = normalizeCoreset(coreset, inst.n);
    const pts: [Float64Array, number][] = [];
    const G = 300;
    for (let a = 0; a <= G; a++) {
      for (let b = 0; b <= G; b++) {
        const q = Float64Array.of(-rho + (2 * rho * a) / G, -rho + (2 * rho * b) / G);
        if (Math.hypot(q[0], q[1]) <= rho) pts.push([q, naiveError(inst, q, c)]);
      }
    }
    pts.sort((x, y) => y[1] - x[1]);
    const sup = Math.max(pts[0][1], naiveError(inst, searchSup(inst, c, rho, pts.slice(0, 40).map((x) => x[0])), c));
    const v = timed(() => verify(inst, coreset, { rho, eps: 1.2 * sup, bnbTolerance: 1e-3 }));
    out.push(
      ...table(
        ['case', 'seconds', 'upper', 'sup (grid 301² + compass)', 'upper − sup', 'upper from', '≤ sup + 1e-3'],
        [['2-D, n = 512, dv = 8, 32-point coreset, ρ = 2, ε = 1.2·sup, `bnbTolerance: 1e-3`', v.seconds.toFixed(1), v.value.upper.toPrecision(6), sup.toPrecision(6), (v.value.upper - sup).toExponential(2), v.value.upperMethod ?? '?', v.value.upper <= sup + 1e-3 && v.value.upper >= sup ? 'yes' : 'NO']],
      ),
      '',
    );
  }
  // The residual form: near-low-rank keys and the low-rank family (rank 8).
  {
    const rho = 2;
    const rows: (string | number)[][] = [];
    for (const [name, inst] of [
      ['rank 4 + noise 0.003, n = 4096', lowRankInstance(4096, 64, 4, 6, 0.003)],
      ['low-rank family (rank 8, seed 5), n = 4096', lowRankInstance(4096, 64, 8, 5)],
    ] as const) {
      const coreset = buildCoreset(inst, { rho, size: 256, seed: 0 }).coreset;
      const c = normalizeCoreset(coreset, inst.n);
      const lo = falsifierLower(inst, coreset, rho);
      const lead = leadingSpanOf(inst, c, 4);
      const floor = cellDefect(lead, rho, 1, 1, 0, 0);
      const m = momentCertificate(subsetMeasure(inst, c, rho, 1, true), rho).upper;
      const t = timed(() => branchAndBound(inst, c, rho, { tolerance: 0, relativeTolerance: 0.01, maxNodes: 1e9, maxSeconds: BNB_SECONDS, span: lead }));
      rows.push([name, lo.toFixed(4), lead.residual.toPrecision(3), floor.toPrecision(3), t.value.upper.toPrecision(3), (t.value.upper / lo).toFixed(1), m.toPrecision(3), (m / lo).toFixed(1), t.seconds.toFixed(1)]);
    }
    out.push(
      ...table(['keys', 'lower', 'residual ē', 'floor 4R_v·tanh(ρē/2) (R_v = 1)', 'residual B&B (≤ 60 s)', '/ lower', 'moment', '/ lower', 'B&B s'], rows),
      '',
      'Residual branch-and-bound on the leading 4-dimensional span (`lem:residual-reduction`); `verify` runs it only when the floor is below half of min(the other bounds, 2R_v).',
    );
  }
  return out;
}

/** The certificates' benchmark section. */
export default function run(): BenchResult {
  const lines: string[] = [];
  if (sections.has('ratios') || sections.has('iso')) lines.push(...ratios(!sections.has('ratios')));
  if (sections.has('heads')) lines.push('', ...heads());
  if (sections.has('fail') || sections.has('fail-reference')) lines.push('', ...fail(sections.has('fail-reference')));
  if (sections.has('bnb')) lines.push('', '### Branch-and-bound (rank 4, tolerance, residual form)', '', ...bnb());
  return { title: 'Certificates: upper / lower, cost, proofs of failure', lines };
}
