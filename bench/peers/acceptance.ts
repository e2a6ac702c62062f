/**
 * Issue 11's acceptance instances, held out from the builder's tuning: other
 * sink layouts (two sink directions; many sinks with a wide, dense cone), a
 * mixture (clusters + a sink + isotropic keys) — all n = 1024, d = dv = 64,
 * the issue's hold-out size — and the long real heads (test/fixtures/heads-long,
 * n = 1024, in the unit setting of def:model-scaling: keys and values divided
 * by their largest row norm, so ρ plays R_q·R_k·scale).
 * @module
 */
import { attentionSinkInstance, clusteredInstance, sphereInstance } from '../../src/families/index.js';
import { seededRng } from '../../src/families/rng.js';
import type { Instance } from '../../src/types.js';
import { LONG_HEADS_DIR, manifestHeads, readHead } from '../../test/helpers/heads.js';

/** Rows of several instances (same d, dv) stacked, then put in a seeded random order (no block structure for an order-sensitive method to exploit). */
export function stackShuffled(parts: readonly Instance[], seed: number): Instance {
  const { d, dv } = parts[0];
  const n = parts.reduce((a, p) => a + p.n, 0);
  const rows: [Float64Array, Float64Array][] = [];
  for (const p of parts) for (let i = 0; i < p.n; i++) rows.push([p.K.subarray(i * d, (i + 1) * d), p.V.subarray(i * dv, (i + 1) * dv)]);
  const rng = seededRng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  const K = new Float64Array(n * d);
  const V = new Float64Array(n * dv);
  rows.forEach(([k, v], i) => {
    K.set(k, i * d);
    V.set(v, i * dv);
  });
  return { n, d, dv, K, V };
}

/** A sink block alone: `sinks` copies of one unit key and value plus `near` unit keys within `radius` of it (attentionSinkInstance's first rows). */
const sinkBlock = (sinks: number, near: number, radius: number, d: number, seed: number): Instance =>
  attentionSinkInstance({ n: sinks + near, d, dv: d, seed, sinks, nearSink: near, nearSinkRadius: radius });

/** A grid instance (same shape as instances.ts's GridInstance). */
export interface AcceptanceInstance {
  readonly family: string;
  readonly name: string;
  readonly inst: Instance;
  readonly halvings: Readonly<Record<number, number>>;
}

/** m = 64 → h = 4, m = 256 → h = 2 at n = 1024. */
const N1024 = { 64: 4, 256: 2 };
const N = 1024;
const D = 64;

/** The synthetic acceptance instances (n = 1024, d = dv = 64). */
export function acceptanceSynthetic(): AcceptanceInstance[] {
  const twoSinks = stackShuffled([sinkBlock(4, 48, 0.25, D, 21), sinkBlock(4, 48, 0.25, D, 22), sphereInstance({ n: N - 104, d: D, seed: 23 })], 24);
  const mixture = stackShuffled(
    [clusteredInstance({ n: 256, d: D, dv: D, seed: 31, clusters: 3, spread: 0.08, skew: 4 }), sinkBlock(6, 40, 0.2, D, 32), sphereInstance({ n: N - 256 - 46, d: D, seed: 33 })],
    34,
  );
  return [
    { family: 'acceptance: sinks', name: 'two sinks (2 directions × (4 sinks + 48 keys within 0.25 rad), rest isotropic; seeds 21–24)', inst: twoSinks, halvings: N1024 },
    {
      family: 'acceptance: sinks',
      name: 'many sinks (24 sinks, 160 keys within 0.4 rad, rest isotropic of norm 0.9; seed 17)',
      inst: attentionSinkInstance({ n: N, d: D, dv: D, seed: 17, sinks: 24, nearSink: 160, nearSinkRadius: 0.4, otherKeyNorm: 0.9 }),
      halvings: N1024,
    },
    { family: 'acceptance: mixture', name: 'mixture (256 in 3 clusters spread 0.08 skew 4 + 6 sinks, 40 within 0.2 rad + 722 isotropic; seeds 31–34)', inst: mixture, halvings: N1024 },
  ];
}

/** Rows divided by the largest row norm (every row in the unit ball, the largest on its sphere). */
export function scaledToUnitBall(X: Float64Array, n: number, k: number): Float64Array {
  let mx = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let a = 0; a < k; a++) s += X[i * k + a] ** 2;
    mx = Math.max(mx, Math.sqrt(s));
  }
  return X.map((x) => x / mx);
}

/** The 6 long real heads (n = 1024; text-a layer 0 was used for tuning, text-b layer 1 is held out). */
export function acceptanceLongHeads(): AcceptanceInstance[] {
  return manifestHeads(LONG_HEADS_DIR).map((h) => {
    const head = readHead(h, LONG_HEADS_DIR).instance;
    const inst = { ...head, K: scaledToUnitBall(head.K, head.n, head.d), V: scaledToUnitBall(head.V, head.n, head.dv) };
    return { family: h.name.startsWith('text-b') ? 'acceptance: long heads (held out)' : 'acceptance: long heads (tuning)', name: `${h.name} (n = ${head.n}, d = ${head.d})`, inst, halvings: N1024 };
  });
}
