/**
 * Property: the moment certificate is never below an exact error at a ball
 * point, nor below the branch-and-bound value.
 * @module
 */
import fc from 'fast-check';
import * as Ref from '../../src/reference/index.js';
import { normalizeCoreset } from '../../src/validate.js';
import { isCache } from '../../src/fast/support.js';
import { unionRows } from '../../src/fast/union.js';
import type { Cache, Coreset, Instance } from '../../src/types.js';
import { makePair } from '../../src/verify/batch.js';
import { branchAndBound } from '../../src/verify/branch-and-bound.js';
import { falsify } from '../../src/verify/falsify.js';
import { cacheMeasure } from '../../src/verify/cache-measure.js';
import { subsetMeasure } from '../../src/verify/measure.js';
import { momentCertificate } from '../../src/verify/moment.js';
import { keySpan } from '../../src/verify/span.js';
import { intoBall } from '../../src/verify/witness.js';
import { describeCase, requireAtMost } from '../internal/violation.js';
import { certificateCase, type CertificateCase } from '../verify/falsified-error-never-exceeds-certificates.js';

/**
 * A compressed cache made from a weighted subset: its rows moved off the
 * instance's by a deterministic jitter of size `amp` (keys and values), so
 * the union has n + m distinct rows; the weights are the subset's.
 */
function jitteredCache(inst: Instance, w: Coreset, amp: number, phase: number): Cache {
  const { d, dv } = inst;
  const m = w.indices.length;
  const K = new Float64Array(m * d);
  const V = new Float64Array(m * dv);
  for (let j = 0; j < m; j++) {
    const i = w.indices[j];
    for (let a = 0; a < d; a++) K[j * d + a] = inst.K[i * d + a] + amp * Math.sin(7 * j + 3 * a + phase);
    for (let a = 0; a < dv; a++) V[j * dv + a] = inst.V[i * dv + a] + amp * Math.cos(5 * j + 2 * a + phase);
  }
  return { m, d, dv, K, V, weights: Float64Array.from(w.weights) };
}

/**
 * Generates the property: for any instance, weighted set and radius, the
 * 40-digit reference error at the falsifier's witness and at random ball
 * points (‖q‖ = ρ and inside) is ≤ the moment certificate, in both numerator
 * forms and with keys recentred or not (`lem:moment-certificate`,
 * `lem:moment-rounding`), and when the keys
 * span ≤ 3 dimensions the certificate is ≥ the exact error at the
 * branch-and-bound's best point. With `cache`, the weighted set becomes a
 * compressed cache (its rows jittered off the instance's) and the
 * certificate is that of its union measure (`lem:cache-moment-certificate`).
 * @lemma lem:moment-certificate
 * @lemma lem:moment-rounding
 * @lemma lem:cache-moment-certificate
 */
export function momentCertificateBoundsSampledErrors(): fc.IPropertyWithHooks<[CertificateCase & { split: boolean; center: boolean; dirs: number[][]; cache: boolean; amp: number; phase: number }]> {
  const cases = certificateCase({ maxN: 9, maxD: 4, maxDv: 3 }).chain((base) =>
    fc
      .record({
        split: fc.boolean(),
        center: fc.boolean(),
        cache: fc.boolean(),
        amp: fc.constantFrom(1e-3, 0.1, 0.5),
        phase: fc.integer({ min: 0, max: 100 }),
        dirs: fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: base.inst.d, maxLength: base.inst.d }), { minLength: 4, maxLength: 4 }),
      })
      .map((extra) => ({ ...base, ...extra })),
  );
  return fc.property(cases, ({ inst: I, w, rho, seed, split, center, dirs, cache, amp, phase }) => {
    const c = normalizeCoreset(w, I.n);
    const C = cache ? jitteredCache(I, w, amp, phase) : c;
    const mu = isCache(C) ? cacheMeasure(I, C, rho, 1, center) : subsetMeasure(I, c, rho, 1, center);
    const cert = momentCertificate(mu, rho, { split });
    if (!Number.isFinite(cert.upper)) return;
    const label = `rho=${rho} split=${split} center=${center}${cache ? ` cache amp=${amp} phase=${phase}` : ''}`;
    const input = (q?: Float64Array): (() => string) => () => describeCase(I, q, isCache(C) ? C : w, label);
    const f = falsify(makePair(I, C), { rho, budget: 256, seed, coreRows: isCache(C) ? null : c.indices });
    const points = [intoBall(f.query, rho)];
    dirs.forEach((v, k) => {
      const nv = Math.hypot(...v);
      if (nv > 0) points.push(intoBall(Float64Array.from(v, (x) => (x / nv) * rho * (k % 2 === 0 ? 1 : 0.5)), rho));
    });
    if (keySpan(unionRows(I, C).rows).rank <= 3) points.push(intoBall(branchAndBound(I, C, rho, { tolerance: 1e-3, maxNodes: 3000 }).witness, rho));
    for (const q of points) requireAtMost('reference error ≤ moment certificate', Ref.coresetError(I, q, C, { digits: 40 }), cert.upper, input(q));
  });
}
