/**
 * Unit keys in a few tight clusters of very unequal mass.
 * @module
 */
import { InputError } from '../errors.js';
import type { Instance } from '../types.js';
import { randomUnitVector, seededRng } from './rng.js';
import { checkShape, type InstanceShape } from './sphere.js';

/** Options of {@link clusteredInstance}. */
export interface ClusteredShape extends InstanceShape {
  /** Number of clusters; @defaultValue 4 */
  readonly clusters?: number;
  /** Angular spread of a cluster (std. dev. of the Gaussian before renormalising); @defaultValue 0.05 */
  readonly spread?: number;
  /** Cluster c gets a share ∝ skew^{−c} of the keys; @defaultValue 8 */
  readonly skew?: number;
}

/**
 * Generates unit keys in clusters whose sizes fall geometrically (mass
 * ratio `skew` between consecutive clusters) and values shared per cluster
 * up to noise (`def:instance`): a uniform sample misses the light clusters,
 * whose keys still dominate queries pointing at them.
 * @lemma def:instance
 * @example
 * ```ts
 * import { clusteredInstance } from 'attn-coreset';
 *
 * const inst = clusteredInstance({ n: 256, d: 16, clusters: 4, seed: 1 });
 * console.log(inst.n, inst.d);
 * ```
 */
export function clusteredInstance(shape: ClusteredShape): Instance {
  const { n, d, dv, seed } = checkShape(shape);
  const clusters = shape.clusters ?? 4;
  const spread = shape.spread ?? 0.05;
  const skew = shape.skew ?? 8;
  if (!Number.isInteger(clusters) || clusters < 1) throw new InputError('parameter', 'clusters', `must be an integer ≥ 1, got ${clusters}`);
  if (!(spread >= 0) || !(skew >= 1)) throw new InputError('parameter', 'spread/skew', 'need spread ≥ 0 and skew ≥ 1');
  const rng = seededRng(seed);
  const centres = Array.from({ length: clusters }, () => randomUnitVector(rng, d));
  const values = Array.from({ length: clusters }, () => randomUnitVector(rng, dv));
  const shares = centres.map((_, c) => skew ** -c);
  const total = shares.reduce((a, b) => a + b, 0);
  const K = new Float64Array(n * d);
  const V = new Float64Array(n * dv);
  for (let i = 0; i < n; i++) {
    let x = rng.uniform() * total;
    let c = 0;
    while (c < clusters - 1 && x >= shares[c]) x -= shares[c++];
    perturb(rng, centres[c], spread, K.subarray(i * d, (i + 1) * d));
    perturb(rng, values[c], spread, V.subarray(i * dv, (i + 1) * dv));
  }
  return { n, d, dv, K, V };
}

function perturb(rng: ReturnType<typeof seededRng>, centre: Float64Array, spread: number, out: Float64Array): void {
  let s = 0;
  for (let j = 0; j < out.length; j++) {
    out[j] = centre[j] + spread * rng.normal();
    s += out[j] * out[j];
  }
  const r = Math.sqrt(s);
  if (r === 0) out.set(centre);
  else for (let j = 0; j < out.length; j++) out[j] /= r;
}
