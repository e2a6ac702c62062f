/**
 * The peers' reference estimator of ../shared/bench/README.md, implemented
 * as written there, as the baseline the falsifier must match:
 * 1. 4096 queries uniform on the sphere of radius ρ, plus ρ·k_i for 1024
 *    random keys;
 * 2. from the 32 worst, 200 steps of projected gradient ascent on err(q)²
 *    over the ball, analytic gradient, normalised steps, adaptive step size
 *    (×1.5 on success, ×0.5 on failure, starting at 0.1·ρ).
 * @module
 */
import { evalBatch, type Pair } from '../src/verify/batch.js';
import { createRng } from '../src/verify/rng.js';

/** Runs the protocol; returns the best error and the evaluations spent. */
export function protocolEstimate(pair: Pair, rho: number, seed: number): { error: number; evaluations: number } {
  const { d, full } = pair;
  const rng = createRng(seed);
  const rows = 4096 + 1024;
  const X = new Float64Array(rows * d);
  for (let r = 0; r < 4096; r++) {
    let s = 0;
    for (let a = 0; a < d; a++) {
      const g = rng.gaussian();
      X[r * d + a] = g;
      s += g * g;
    }
    for (let a = 0; a < d; a++) X[r * d + a] *= rho / Math.sqrt(s);
  }
  for (let r = 4096; r < rows; r++) {
    const i = rng.int(full.m);
    for (let a = 0; a < d; a++) X[r * d + a] = rho * full.K[i * d + a];
  }
  const F = new Float64Array(rows);
  for (let r0 = 0; r0 < rows; r0 += 64) evalBatch(pair, X.subarray(r0 * d, (r0 + 64) * d), 64, F.subarray(r0, r0 + 64));
  const top = Array.from({ length: rows }, (_, r) => r)
    .sort((a, b) => F[b] - F[a])
    .slice(0, 32);
  const B = 32;
  const Q = new Float64Array(B * d);
  top.forEach((r, b) => Q.set(X.subarray(r * d, (r + 1) * d), b * d));
  const f = new Float64Array(B);
  const G = new Float64Array(B * d);
  evalBatch(pair, Q, B, f, G);
  const h = new Float64Array(B).fill(0.1 * rho);
  const C = new Float64Array(B * d);
  const fc = new Float64Array(B);
  const Gc = new Float64Array(B * d);
  for (let step = 0; step < 200; step++) {
    for (let b = 0; b < B; b++) {
      let ng = 0;
      for (let a = 0; a < d; a++) ng += G[b * d + a] ** 2;
      ng = Math.sqrt(ng) || 1;
      let nq = 0;
      for (let a = 0; a < d; a++) {
        const x = Q[b * d + a] + (h[b] * G[b * d + a]) / ng;
        C[b * d + a] = x;
        nq += x * x;
      }
      nq = Math.sqrt(nq);
      if (nq > rho) for (let a = 0; a < d; a++) C[b * d + a] *= rho / nq;
    }
    evalBatch(pair, C, B, fc, Gc);
    for (let b = 0; b < B; b++) {
      if (fc[b] > f[b]) {
        f[b] = fc[b];
        Q.set(C.subarray(b * d, (b + 1) * d), b * d);
        G.set(Gc.subarray(b * d, (b + 1) * d), b * d);
        h[b] *= 1.5;
      } else {
        h[b] *= 0.5;
      }
    }
  }
  let best = 0;
  for (let r = 0; r < rows; r++) best = Math.max(best, F[r]);
  for (let b = 0; b < B; b++) best = Math.max(best, f[b]);
  return { error: Math.sqrt(best), evaluations: rows + B + 200 * B };
}
