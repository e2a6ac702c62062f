/**
 * A small falsifier standing in for `verify()` in the harness tests, so they
 * exercise the harness and not the verifier: structured queries (±ρ·k_i,
 * ρ·e_j, a line search along ±k_i) plus seeded random queries in the ball,
 * errors from src/fast, `fail` only beyond ε + the `lem:float-error` bound.
 */
import { coresetError, coresetErrorBound, evaluationProfile } from '../../../src/fast/index.js';
import type { Compressed, Instance } from '../../../src/types.js';
import type { VerifyOptions, VerifyResult } from '../../../src/verify/types.js';
import { rng } from '../../cli/attention-helpers.js';


function queries(inst: Instance, rho: number, seed: number): Float64Array[] {
  const { n, d, K } = inst;
  const out: Float64Array[] = [];
  const scaled = (u: ArrayLike<number>, r: number) => {
    const s = Math.hypot(...Array.from(u));
    return s > 0 ? Float64Array.from(u, (x) => (x / s) * r * (1 - 1e-12)) : null;
  };
  for (let i = 0; i < Math.min(n, 64); i++) {
    const k = K.subarray(i * d, (i + 1) * d);
    for (let t = -32; t <= 32; t++) {
      const q = scaled(k, (rho * t) / 32);
      if (q) out.push(q);
    }
  }
  for (let j = 0; j < d; j++) for (const s of [1, -1]) out.push(Float64Array.from({ length: d }, (_, c) => (c === j ? s * rho : 0)));
  const rnd = rng(seed);
  for (let r = 0; r < 200; r++) {
    const g = Array.from({ length: d }, () => rnd() * 2 - 1);
    const q = scaled(g, rho * Math.sqrt(rnd()));
    if (q) out.push(q);
  }
  return out;
}

/** The stand-in verifier: same contract as `verify()` (DESIGN §3), no certificate. */
export function standInVerify(inst: Instance, coreset: Compressed, opts: VerifyOptions): VerifyResult {
  let best = -1;
  let witness: Float64Array = new Float64Array(inst.d);
  let slack = 0;
  const qs = queries(inst, opts.rho, opts.seed ?? 0);
  for (const q of qs) {
    const e = coresetError(inst, q, coreset);
    if (e > best) {
      best = e;
      witness = q;
      slack = coresetErrorBound(evaluationProfile(inst, q, null), evaluationProfile(inst, q, coreset));
    }
  }
  return {
    verdict: best - slack > opts.eps ? 'fail' : 'not-refuted',
    lower: best,
    witness,
    upper: Infinity,
    methods: ['stand-in'],
    evaluations: qs.length,
    seconds: 0,
    repeatedIndices: 0,
  };
}
