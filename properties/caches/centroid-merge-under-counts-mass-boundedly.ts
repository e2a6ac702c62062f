/**
 * Property: a centroid merge keeps the mass within e^{ρ_s r} below Z_1.
 * @module
 */
import fc from 'fast-check';
import { mergeClusters } from '../../src/construct/centroids.js';
import { gamma } from '../../src/fast/float-error.js';
import * as Ref from '../../src/reference/index.js';
import type { Cache, Instance } from '../../src/types.js';
import type { AttentionCaseConstraints } from '../arbitraries/attention-case.js';
import { exact } from '../internal/exact.js';
import { REFERENCE_DIGITS, referenceAllowance } from '../internal/reference.js';
import { describeCase, requireAtMost } from '../internal/violation.js';
import { cacheCase } from './cache-case.js';

/** max_i ‖k_i − k′_{cluster(i)}‖ to the cache's own (rounded) centroid keys, rounded up: the upper side of the lemma holds for any centre, so this r needs no rounding allowance. */
function radiusUpper(inst: Instance, c: Cache, cluster: (i: number) => number): number {
  let r = 0;
  for (let i = 0; i < inst.n; i++) {
    const j = cluster(i);
    let s = 0;
    for (let a = 0; a < inst.d; a++) s += (inst.K[i * inst.d + a] - c.K[j * inst.d + a]) ** 2;
    r = Math.max(r, Math.sqrt(s));
  }
  return r * (1 + gamma(inst.d + 4)) + 1e-300;
}

/**
 * Generates the property of `lem:centroid-mass`: for a merged cache —
 * clusters by row index (i mod g, from `cacheCase`), or {@link mergeClusters}'
 * k-means clusters — 0 ≤ ln Z_1(q) − ln Z_C(q) ≤ |s|·‖q‖·r in the reference,
 * r the largest distance of a key from its cluster's centroid key. The
 * centroid keys are binary64 means, each entry within γ_{n+1}·max|k| of the
 * exact mean, so the lower side is checked up to |s|‖q‖γ_{n+1}√d·R_k (the
 * logit shift that rounding can cause); the upper side holds for any centre.
 * @lemma lem:centroid-mass
 */
export function centroidMergeUnderCountsMassBoundedly(cases: AttentionCaseConstraints = {}) {
  const arb = fc.tuple(cacheCase({ largeLogits: false, ...cases }), fc.integer({ min: 1, max: 6 }), fc.boolean());
  return fc.property(arb, ([c, size, useKmeans]) => {
    fc.pre(useKmeans || c.kind === 'centroids');
    const { instance, q, scale } = c;
    let cache = c.cache;
    let cluster = (i: number): number => i % cache.m;
    if (useKmeans) {
      const merged = mergeClusters(instance, { size, seed: size });
      cache = merged.cache;
      cluster = (i: number): number => merged.assign[i];
    }
    const l1 = Ref.logPartition(instance, q, null, { scale, digits: REFERENCE_DIGITS });
    const lc = Ref.logPartition(instance, q, cache, { scale, digits: REFERENCE_DIGITS });
    const gap = l1.minus(lc);
    const slack = referenceAllowance(REFERENCE_DIGITS, l1.abs().plus(lc.abs()).plus(1));
    const info = () => describeCase(instance, q, cache, `kind=${useKmeans ? 'kmeans' : c.kind} scale=${scale}`);
    const r = radiusUpper(instance, cache, cluster);
    let rk = 0;
    for (let i = 0; i < instance.n; i++) rk = Math.max(rk, Math.hypot(...instance.K.subarray(i * instance.d, (i + 1) * instance.d)));
    const meanRounding = exact(Math.abs(scale) * Math.hypot(...q) * gamma(instance.n + 1) * Math.sqrt(instance.d) * rk * (1 + gamma(instance.d + 8)));
    requireAtMost('ln Z_C ≤ ln Z_1 (Jensen)', exact(0), gap.plus(slack).plus(meanRounding), info);
    const bound = Math.abs(scale) * Math.hypot(...q) * r * (1 + gamma(instance.d + 6));
    requireAtMost('ln Z_1 − ln Z_C ≤ ρ_s r', gap, exact(bound).plus(slack), info);
  });
}
