/**
 * Property: the exact-logit fixed-point err_w(q) agrees with the decimal
 * reference within the sum of their stated error bounds.
 * @module
 */
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import * as Ref from '../../src/reference/index.js';
import { coresetErrorFixed } from '../../src/reference/fixed/coreset-error.js';
import { isCache } from '../../src/fast/support.js';
import type { Compressed, Instance } from '../../src/types.js';
import { attentionCase } from '../arbitraries/attention-case.js';
import { exactDecimal } from '../../src/reference/exact.js';
import { describeCase, requireAtMost, requireWithin } from '../internal/violation.js';
import { dyadicExtremeCase } from './dyadic-extreme-case.js';

/** Constraints of {@link fixedPointErrorMatchesReference}. */
export interface FixedPointTwinConstraints {
  /** Digits asked of both. @defaultValue 40 */
  readonly digits?: number;
  /** Draw from {@link dyadicExtremeCase} (else from `attentionCase`). @defaultValue false */
  readonly extreme?: boolean;
}

const Big = Decimal.clone({ precision: 200 });

/** max_i |v_ic| over the instance and a cache, exactly. */
function maxEntry(inst: Instance, w: Compressed): Decimal {
  let m = 0;
  for (const x of inst.V) m = Math.max(m, Math.abs(x));
  if (isCache(w)) for (const x of w.V) m = Math.max(m, Math.abs(x));
  return exactDecimal(m, Big);
}

/**
 * Generates the property: |coresetErrorFixed(…).value − Ref.coresetError(…)|
 * ≤ its `bound` + the reference's allowance 10^{1−digits}·(err + 2√dv·max|v|)
 * (`referenceAllowance` with R_v ≤ √dv·max|v|), on ordinary inputs
 * (every family, weighting, query kind and scale of `attentionCase`) or on
 * extreme ones (subnormals, 10^{±300}, zeros, caches): the decimal twin of
 * `lem:exact-fixed-point-logits`. Also checks that the bound itself is
 * below 10^{−digits}·√dv·max|v|·16, i.e. the recomputation is as precise
 * as asked.
 * @lemma lem:exact-fixed-point-logits
 */
export function fixedPointErrorMatchesReference(constraints: FixedPointTwinConstraints = {}): fc.IPropertyWithHooks<[{ instance: Instance; q: Float64Array; w: Compressed | null; scale: number }]> {
  const digits = constraints.digits ?? 40;
  const cases = constraints.extreme ?? false ? dyadicExtremeCase() : attentionCase().filter((c) => c.w !== null);
  return fc.property(cases as fc.Arbitrary<{ instance: Instance; q: Float64Array; w: Compressed | null; scale: number }>, ({ instance, q, w, scale }) => {
    if (w === null) return;
    const info = () => describeCase(instance, q, w, `scale=${scale}`);
    const fx = coresetErrorFixed(instance, q, w, { digits, scale });
    const ref = Ref.coresetError(instance, q, w, { digits, scale });
    const rv = new Big(instance.dv).sqrt().times(maxEntry(instance, w));
    const allowance = new Big(10).pow(1 - digits).times(ref.abs().plus(rv.times(2)));
    requireWithin(`fixed-point vs reference err_w(q) at ${digits} digits`, fx.value, ref, new Big(fx.bound).plus(allowance), info);
    requireAtMost('fixed-point bound ≤ 16·10^{−digits}·√dv·max|v|', fx.bound, new Big(10).pow(-digits).times(rv).times(16), info);
  });
}
