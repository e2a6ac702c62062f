/**
 * An independent search for the sup of the coreset error (own softmax, own
 * ascent), against which certified upper bounds are checked.
 * @module
 */
import type { Instance } from '../../src/types.js';
import type { NormalizedCoreset } from '../../src/validate.js';

/**
 * Computes the coreset error at q by its own softmax (no code of src/ on
 * the path), for independent checks of the certified bounds.
 * @internal
 * @lemma def:coreset-error
 */
export function naiveError(inst: Instance, q: ArrayLike<number>, c: NormalizedCoreset): number {
  const { n, d, dv, K, V } = inst;
  const l = new Float64Array(n);
  let top = -Infinity;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let a = 0; a < d; a++) s += q[a] * K[i * d + a];
    l[i] = s;
    top = Math.max(top, s);
  }
  const w = new Float64Array(n);
  c.indices.forEach((i, j) => (w[i] += c.weights[j]));
  const a1 = new Float64Array(dv);
  const aw = new Float64Array(dv);
  let z1 = 0;
  let zw = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp(l[i] - top);
    z1 += e;
    zw += w[i] * e;
    for (let b = 0; b < dv; b++) {
      a1[b] += e * V[i * dv + b];
      aw[b] += w[i] * e * V[i * dv + b];
    }
  }
  let s = 0;
  for (let b = 0; b < dv; b++) s += (a1[b] / z1 - aw[b] / zw) ** 2;
  return Math.sqrt(s);
}

/**
 * Computes an independent estimate of the sup of err over the ball: compass
 * search from the given starts (steps halving to 1e-4·ρ, points pulled
 * radially into the ball) on {@link naiveError}; returns the best point.
 * @internal
 * @lemma def:coreset-error
 */
export function searchSup(inst: Instance, c: NormalizedCoreset, rho: number, starts: readonly Float64Array[]): Float64Array {
  const d = inst.d;
  const into = (x: Float64Array): Float64Array => {
    const r = Math.hypot(...x);
    return r > rho ? x.map((t) => (t * rho) / r) : x;
  };
  let best = starts[0];
  let bestE = -1;
  for (const s of starts) {
    let x = into(Float64Array.from(s));
    let e = naiveError(inst, x, c);
    for (let h = rho / 4; h > 1e-4 * rho; ) {
      let moved = false;
      for (let a = 0; a < 2 * d && !moved; a++) {
        const y = Float64Array.from(x);
        y[a >> 1] += a & 1 ? -h : h;
        const z = into(y);
        const f = naiveError(inst, z, c);
        if (f > e) [x, e, moved] = [z, f, true];
      }
      if (!moved) h /= 2;
    }
    if (e > bestE) [best, bestE] = [x, e];
  }
  return best;
}

