/**
 * Attention sinks: dominant keys (identical copies of one sink row, a cone
 * of keys close to it) among weaker or isotropic ones.
 * @module
 */
import { InputError } from '../errors.js';
import type { Instance } from '../types.js';
import { randomUnitVector, seededRng, type Rng } from './rng.js';
import { checkShape, type InstanceShape } from './sphere.js';

/** Options of {@link attentionSinkInstance}. */
export interface SinkShape extends InstanceShape {
  /** Norm of every key that is neither a sink nor near one (sinks have norm 1); @defaultValue 0.1 */
  readonly otherKeyNorm?: number;
  /** Number of identical sink rows (same unit key u, same value): the sink's weight; @defaultValue 1 */
  readonly sinks?: number;
  /** Number of unit keys within `nearSinkRadius` radians of u, with isotropic values; @defaultValue 0 */
  readonly nearSink?: number;
  /** Largest angle between a near-sink key and u; @defaultValue 0.2 */
  readonly nearSinkRadius?: number;
}

/**
 * Generates ball keys (`def:instance`, ‖k_i‖ ≤ 1): rows 0..sinks−1 are one
 * unit key u with one unit value (the sink, weight `sinks`), the next
 * `nearSink` rows are unit keys cos θ·u + sin θ·t (θ uniform in
 * [0, nearSinkRadius], t a uniform unit direction orthogonal to u) with
 * uniform unit values, and the rest are uniform directions of norm
 * `otherKeyNorm` with uniform unit values. For queries near ρu the sink and
 * its cone carry most of the mass: a coreset must weigh the sink exactly and
 * resolve the cone's random values, which an average-case fit does not
 * insist on. The defaults (one sink, no cone, short other keys) give the
 * original single-sink family, draw for draw.
 *
 * @example
 * ```ts
 * import { attentionSinkInstance } from 'attn-coreset';
 *
 * const inst = attentionSinkInstance({ n: 256, d: 16, sinks: 2, seed: 1 }); // a few keys every query attends to
 * console.log(inst.n);
 * ```
 * @lemma def:instance
 */
export function attentionSinkInstance(shape: SinkShape): Instance {
  const { n, d, dv, seed } = checkShape(shape);
  const r = shape.otherKeyNorm ?? 0.1;
  if (!(r >= 0 && r <= 1)) throw new InputError('parameter', 'otherKeyNorm', `must be in [0, 1], got ${r}`);
  const sinks = shape.sinks ?? 1;
  if (!Number.isInteger(sinks) || sinks < 1 || sinks > n) throw new InputError('parameter', 'sinks', `must be an integer in [1, n = ${n}], got ${sinks}`);
  const near = shape.nearSink ?? 0;
  if (!Number.isInteger(near) || near < 0 || near > n - sinks) throw new InputError('parameter', 'nearSink', `must be an integer in [0, n − sinks = ${n - sinks}], got ${near}`);
  const radius = shape.nearSinkRadius ?? 0.2;
  if (!(radius >= 0 && radius <= Math.PI)) throw new InputError('parameter', 'nearSinkRadius', `must be in [0, π], got ${radius}`);
  const rng = seededRng(seed);
  const K = new Float64Array(n * d);
  const V = new Float64Array(n * dv);
  const u = K.subarray(0, d);
  for (let i = 0; i < n; i++) {
    const k = K.subarray(i * d, (i + 1) * d);
    const v = V.subarray(i * dv, (i + 1) * dv);
    if (i > 0 && i < sinks) {
      k.set(u);
      v.set(V.subarray(0, dv));
      continue;
    }
    if (i >= sinks && i < sinks + near) nearKey(rng, u, radius, k);
    else {
      randomUnitVector(rng, d, k);
      if (i > 0) for (let j = 0; j < d; j++) k[j] *= r;
    }
    randomUnitVector(rng, dv, v);
  }
  return { n, d, dv, K, V };
}

/** A unit key at angle θ ~ U[0, radius] from u, in a uniform direction orthogonal to u (d = 1: u itself). */
function nearKey(rng: Rng, u: Float64Array, radius: number, out: Float64Array): void {
  const d = u.length;
  const theta = radius * rng.uniform();
  for (;;) {
    randomUnitVector(rng, d, out);
    let c = 0;
    for (let j = 0; j < d; j++) c += out[j] * u[j];
    let s = 0;
    for (let j = 0; j < d; j++) {
      out[j] -= c * u[j];
      s += out[j] * out[j];
    }
    if (d === 1 || s > 1e-12) {
      const t = s > 0 ? Math.sin(theta) / Math.sqrt(s) : 0;
      for (let j = 0; j < d; j++) out[j] = Math.cos(theta) * u[j] + t * out[j];
      let nn = 0;
      for (let j = 0; j < d; j++) nn += out[j] * out[j];
      const f = 1 / Math.sqrt(nn);
      for (let j = 0; j < d; j++) out[j] *= f;
      return;
    }
  }
}
