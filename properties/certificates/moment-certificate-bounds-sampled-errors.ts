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
import { makePair } from '../../src/verify/batch.js';
import { branchAndBound } from '../../src/verify/branch-and-bound.js';
import { falsify } from '../../src/verify/falsify.js';
import { cacheMeasure } from '../../src/verify/cache-measure.js';
import { subsetMeasure } from '../../src/verify/measure.js';
import { momentCertificate } from '../../src/verify/moment.js';
import { keySpan } from '../../src/verify/span.js';
import { intoBall } from '../../src/verify/witness.js';
import { describeCase, requireAtMost } from '../internal/violation.js';
import { quantized } from '../caches/cache-case.js';
import { certificateCase, type CertificateCase } from '../verify/falsified-error-never-exceeds-certificates.js';

/**
 * Generates the property: for any instance, weighted set and radius, the
 * 40-digit reference error at the falsifier's witness and at random ball
 * points (‖q‖ = ρ and inside) is ≤ the moment certificate, in both numerator
 * forms and with keys recentred or not (`lem:moment-certificate`,
 * `lem:moment-rounding`), and when the keys
 * span ≤ 3 dimensions the certificate is ≥ the exact error at the
 * branch-and-bound's best point. With `cache`, the weighted set becomes a
 * compressed cache (its rows rounded to a grid of step 2^{−bits}) and the
 * certificate is that of its union measure (`lem:cache-moment-certificate`).
 * The directional bound (`lem:moment-directional`, a subset's measure) is
 * checked on its own, not only where it is the smaller.
 * @lemma lem:moment-directional
 * @lemma lem:moment-certificate
 * @lemma lem:moment-rounding
 * @lemma lem:cache-moment-certificate
 */
export function momentCertificateBoundsSampledErrors(): fc.IPropertyWithHooks<[CertificateCase & { split: boolean; center: boolean; dirs: number[][]; cache: boolean; bits: number }]> {
  const cases = certificateCase({ maxN: 9, maxD: 4, maxDv: 3 }).chain((base) =>
    fc
      .record({
        split: fc.boolean(),
        center: fc.boolean(),
        cache: fc.boolean(),
        bits: fc.constantFrom(1, 3, 8),
        dirs: fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: base.inst.d, maxLength: base.inst.d }), { minLength: 4, maxLength: 4 }),
      })
      .map((extra) => ({ ...base, ...extra })),
  );
  return fc.property(cases, ({ inst: I, w, rho, seed, split, center, dirs, cache, bits }) => {
    const c = normalizeCoreset(w, I.n);
    const C = cache ? quantized(I, w, bits) : c;
    const mu = isCache(C) ? cacheMeasure(I, C, rho, 1, center) : subsetMeasure(I, c, rho, 1, center);
    const cert = momentCertificate(mu, rho, { split });
    if (!Number.isFinite(cert.upper)) return;
    const label = `rho=${rho} split=${split} center=${center}${cache ? ` cache bits=${bits}` : ''}`;
    const input = (q?: Float64Array): (() => string) => () => describeCase(I, q, isCache(C) ? C : w, label);
    const f = falsify(makePair(I, C), { rho, budget: 256, seed, coreRows: isCache(C) ? null : c.indices });
    const points = [intoBall(f.query, rho)];
    dirs.forEach((v, k) => {
      const nv = Math.hypot(...v);
      if (nv > 0) points.push(intoBall(Float64Array.from(v, (x) => (x / nv) * rho * (k % 2 === 0 ? 1 : 0.5)), rho));
    });
    if (keySpan(unionRows(I, C).rows).rank <= 3) points.push(intoBall(branchAndBound(I, C, rho, { tolerance: 1e-3, maxNodes: 3000 }).witness, rho));
    for (const q of points) {
      const e = Ref.coresetError(I, q, C, { digits: 40 });
      requireAtMost('reference error ≤ moment certificate', e, cert.upper, input(q));
      if (cert.directional !== null) requireAtMost('reference error ≤ directional moment bound', e, cert.directional, input(q));
    }
  });
}
