/**
 * Property: a head with logit scale 1/√d_h is R_v times the unit setting.
 * @module
 */
import fc from 'fast-check';
import { gamma } from '../src/fast/float-error.js';
import { modelScaling } from '../src/fast/model-scaling.js';
import * as Ref from '../src/reference/index.js';
import type { InstanceD } from '../src/reference/index.js';
import type { Instance } from '../src/types.js';
import { interiorQuery } from './arbitraries/interior-query.js';
import { unitSphereInstance } from './arbitraries/unit-sphere-instance.js';
import { supportRowNorm } from './internal/decimal-instance.js';
import { exact, Exact, exactNormSquared, work } from './internal/exact.js';
import { REFERENCE_DIGITS, referenceAllowance } from './internal/reference.js';
import { describeCase, requireAtMost, requireWithin } from './internal/violation.js';

/** A head: keys and values of arbitrary norms, a query, R_q and d_h. */
export interface HeadCase {
  readonly head: Instance;
  readonly q: Float64Array;
  readonly queryNorm: number;
  readonly headDim: number;
}

/** Constraints of {@link modelScalingPreservesAttention}. */
export interface ModelScalingConstraints {
  /** @defaultValue 30 */
  readonly digits?: number;
}

const headCase: fc.Arbitrary<HeadCase> = unitSphereInstance({ minN: 1, maxN: 6, maxD: 4 }).chain((base) =>
  fc
    .record({
      rows: fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: base.n, maxLength: base.n }),
      kScale: fc.double({ min: 0.1, max: 30, noNaN: true }),
      vScale: fc.double({ min: 0.1, max: 30, noNaN: true }),
      queryNorm: fc.double({ min: 0.1, max: 40, noNaN: true }),
      headDim: fc.integer({ min: 1, max: 128 }),
    })
    .chain(({ rows, kScale, vScale, queryNorm, headDim }) => {
      const K = base.K.map((x, t) => x * kScale * rows[Math.floor(t / base.d)]);
      const V = base.V.map((x) => x * vScale);
      const head = { ...base, K, V };
      return interiorQuery(base.d, queryNorm).map((q) => ({ head, q, queryNorm, headDim }));
    }),
);

/**
 * Generates the property of `def:model-scaling`: with R_k, R_v the largest
 * key and value norms and σ = fl(1/√d_h) the head's logit scale,
 * A_head(q) = R_v·A_unit(σR_k·q) exactly, where the unit instance has keys
 * k/R_k and values v/R_v (decimal, exact to the working precision) and
 * ‖σR_k q‖ ≤ R_q·R_k·σ = ρ; and the fast `modelScaling` returns R_k, R_v and
 * ρ = R_q R_k/√d_h each within γ_{d+8} relative (a norm, a square root, a
 * product and a quotient).
 * @lemma def:model-scaling
 */
export function modelScalingPreservesAttention(constraints: ModelScalingConstraints = {}): fc.IPropertyWithHooks<[HeadCase]> {
  const digits = constraints.digits ?? REFERENCE_DIGITS;
  return fc.property(headCase, ({ head, q, queryNorm, headDim }) => {
    const info = () => describeCase(head, q, null, `R_q=${queryNorm} d_h=${headDim}`);
    const sigma = 1 / Math.sqrt(headDim);
    const P = digits + 20;
    const D = Exact.clone({ precision: P });
    const Rk = supportRowNorm(head.K, head.d, head.n, null);
    const Rv = supportRowNorm(head.V, head.dv, head.n, null);
    const unit: InstanceD = {
      n: head.n,
      d: head.d,
      dv: head.dv,
      K: Array.from(head.K, (x) => new D(exact(x)).div(Rk)),
      V: Array.from(head.V, (x) => new D(exact(x)).div(Rv)),
    };
    const qUnit = Array.from(q, (x) => exact(x).times(exact(sigma)).times(Rk));
    const Ahead = Ref.attention(head, q, null, { scale: sigma, digits });
    const Aunit = Ref.attention(unit, qUnit, null, { digits });
    for (let c = 0; c < head.dv; c++) {
      requireWithin(`A_head[${c}] = R_v·A_unit[${c}]`, Ahead[c], Aunit[c].times(Rv), referenceAllowance(digits - 2, Rv.times(2)), info);
    }
    const s = modelScaling(head, queryNorm, headDim);
    const rel = gamma(head.d + 8);
    requireWithin('keyScale = R_k', s.keyScale, Rk, Rk.times(rel), info);
    requireWithin('valueScale = R_v', s.valueScale, Rv, Rv.times(rel), info);
    const rho = exact(queryNorm).times(Rk).div(work(headDim).sqrt());
    requireWithin('ρ = R_q·R_k/√d_h', s.rho, rho, rho.times(rel), info);
    const qn = work(exactNormSquared(q)).sqrt().times(exact(sigma)).times(Rk);
    requireAtMost('‖σR_k q‖ ≤ R_q·σ·R_k', qn, exact(queryNorm).times(exact(sigma)).times(Rk), info);
  });
}
