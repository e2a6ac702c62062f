/**
 * The verifier's targets (DESIGN §7, issue 3): falsifier with the default
 * budget on n = 65,536, d = 64 in ≤ 10 s; and on ../shared/bench/iso4096
 * with uniform random 256-subsets, at least the peers' protocol values
 * with fewer evaluations (the protocol is run here too, bench/protocol.ts).
 * @module
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeCoreset } from '../src/validate.js';
import { makePair } from '../src/verify/batch.js';
import { defaultBudget } from '../src/verify/defaults.js';
import { falsify } from '../src/verify/falsify.js';
import { verify } from '../src/verify/verify.js';
import { randomSubset, randomUnitInstance, table, timed, type BenchResult } from './harness.js';
import { readNpy } from './npy.js';
import { protocolEstimate } from './protocol.js';

const here = dirname(fileURLToPath(import.meta.url));
/** CI has ../shared beside the clone: resolve from the repository root. */
const ISO = resolve(here, '..', '..', 'shared', 'bench', 'iso4096');
const SEEDS = (process.env.BENCH_SEEDS ?? '1,2,3').split(',').map(Number);

function large(): string[] {
  const n = 65_536;
  const inst = randomUnitInstance(n, 64, 64, 7);
  const coreset = { indices: randomSubset(n, 256, 8), weights: new Float64Array(256).fill(1) };
  const c = normalizeCoreset(coreset, n);
  const budget = defaultBudget(n, 64, 64);
  const f = timed(() => falsify(makePair(inst, c), { rho: 2, budget, seed: 0, coreRows: c.indices }));
  const v = timed(() => verify(inst, coreset, { rho: 2, eps: 0.05 }));
  const vf = timed(() => verify(inst, coreset, { rho: 2, eps: 0.05, witnessCheck: 'reference' }));
  return [
    ...table(
      ['run', 'seconds', 'evaluations', 'error found', 'verdict (ε = 0.05)'],
      [
        ['`falsify`, default budget', f.seconds.toFixed(2), f.value.evaluations, f.value.error.toFixed(4), '—'],
        [`\`verify\`, default (\`witnessCheck: 'auto'\`): fail proved by ${{ reference: 'the 40-digit reference', 'fixed-point': 'exact fixed-point logits (40 digits)', 'float-bound': 'binary64 minus its lem:float-error bound' }[v.value.witnessProof ?? 'reference']} (certificates skipped above n = 4096)`, v.seconds.toFixed(2), v.value.evaluations, v.value.lower.toFixed(4), v.value.verdict],
        ["`verify`, `witnessCheck: 'reference'` (fail confirmed by exact fixed-point logits, 40 digits)", vf.seconds.toFixed(2), vf.value.evaluations, vf.value.lower.toFixed(4), vf.value.verdict],
      ],
    ),
    '',
    `n = ${n}, d = dv = 64, random unit instance, uniform random 256-subset, ρ = 2, default budget ${budget}. Target ≤ 10 s (falsifier): ${f.seconds <= 10 ? 'met' : 'NOT met'}; verify by default ${v.seconds <= 10 ? 'met' : 'NOT met'}; with the reference check ${vf.seconds <= 10 ? 'met' : 'NOT met'} (its own target is ≤ 25 s: ${vf.seconds <= 25 ? 'met' : 'NOT met'}).`,
    `verify methods: ${v.value.methods.join('; ')}.`,
  ];
}

function iso(): string[] {
  if (!existsSync(join(ISO, 'K.npy'))) return [`Skipped: ${ISO} not found (the benchmark data lives in ../shared beside the clone).`];
  const K = readNpy(join(ISO, 'K.npy'));
  const V = readNpy(join(ISO, 'V.npy'));
  const inst = { n: K.rows, d: K.cols, dv: V.cols, K: K.data, V: V.data };
  const budget = defaultBudget(inst.n, inst.d, inst.dv);
  const rows: Array<Array<string | number>> = [];
  const sums: Record<string, { ours: number; proto: number; k: number; wins: number }> = {};
  for (const rho of [2, 4]) {
    for (const seed of SEEDS) {
      const c = normalizeCoreset({ indices: randomSubset(inst.n, 256, 1000 + seed), weights: new Float64Array(256).fill(1) }, inst.n);
      const pair = makePair(inst, c);
      const ours = timed(() => falsify(pair, { rho, budget, seed, coreRows: c.indices }));
      const proto = timed(() => protocolEstimate(pair, rho, seed));
      process.stderr.write(`  iso4096 ρ=${rho} seed=${seed}: ours ${ours.value.error.toFixed(4)} protocol ${proto.value.error.toFixed(4)}\n`);
      rows.push([rho, seed, ours.value.error.toFixed(4), ours.value.evaluations, ours.seconds.toFixed(1), proto.value.error.toFixed(4), proto.value.evaluations, proto.seconds.toFixed(1)]);
      const s = (sums[rho] ??= { ours: 0, proto: 0, k: 0, wins: 0 });
      s.ours += ours.value.error;
      s.proto += proto.value.error;
      s.k++;
      if (ours.value.error >= proto.value.error * (1 - 1e-9)) s.wins++;
    }
  }
  const summary = Object.entries(sums).map(([rho, s]) => `ρ = ${rho}: mean falsifier ${(s.ours / s.k).toFixed(4)} vs protocol ${(s.proto / s.k).toFixed(4)} (published uniform mean ${rho === '2' ? '0.078' : '0.180'}); falsifier ≥ protocol on ${s.wins}/${s.k} subsets.`);
  return [
    ...table(['ρ', 'subset seed', 'falsifier error', 'evaluations', 's', 'protocol error', 'evaluations', 's'], rows),
    '',
    ...summary,
    `Same subsets for both estimators (uniform random 256-subsets, weights 1). The protocol is ../shared/bench/README.md's estimator, implemented in bench/protocol.ts with the same batched kernel.`,
  ];
}

export default function run(): BenchResult {
  return { title: 'Verifier: falsifier speed and strength', lines: ['### n = 65,536, d = 64', '', ...large(), '', '### iso4096, uniform random 256-subsets', '', ...iso()] };
}
