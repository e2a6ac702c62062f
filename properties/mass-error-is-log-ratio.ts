/**
 * Property: the log mass error is |ln Z_w − ln Z_1|, fast within its bound.
 * @module
 */
import fc from 'fast-check';
import { evaluationProfile } from '../src/fast/float-error.js';
import { logMassError, logMassErrorBound } from '../src/fast/mass-error.js';
import { logPartition } from '../src/fast/partition.js';
import * as Ref from '../src/reference/index.js';
import { logMassError as refLogMassError } from '../src/reference/mass-error.js';
import type { Coreset } from '../src/types.js';
import { attentionCase, type AttentionCase } from './arbitraries/attention-case.js';
import type { LadderConstraints } from './fast-logits-within-float-error-of-reference.js';
import { supportNorms } from './internal/decimal-instance.js';
import { exact, exactNormSquared, work } from './internal/exact.js';
import { REFERENCE_DIGITS, referenceAllowance } from './internal/reference.js';
import { describeCase, requireWithin } from './internal/violation.js';

/**
 * Generates the property of `def:mass-error` at one query: (1) the reference
 * `logMassError` equals |ln Z_w(q) − ln Z_1(q)| formed from two reference
 * log-partitions; (2) the fast `logMassError` is within
 * {@link logMassErrorBound} of it (`lem:float-error`), logits up to ±5000
 * and weights from 1e−300 to 1e306 included.
 * @lemma def:mass-error
 * @lemma lem:float-error
 */
export function massErrorIsLogRatio(constraints: LadderConstraints = {}): fc.IPropertyWithHooks<[AttentionCase]> {
  const digits = constraints.digits ?? REFERENCE_DIGITS;
  return fc.property(attentionCase({ ...constraints.cases, fullSet: false }), ({ instance, q, w, scale }) => {
    const c = w as Coreset;
    const info = () => describeCase(instance, q, w, `scale=${scale}`);
    const ref = refLogMassError(instance, q, c, { scale, digits });
    const l1 = Ref.logPartition(instance, q, null, { scale, digits });
    const lw = Ref.logPartition(instance, q, c, { scale, digits });
    const { Rk } = supportNorms(instance, null);
    const size = l1.abs().plus(lw.abs()).plus(1).plus(work(exactNormSquared(q)).sqrt().times(Rk).times(exact(Math.abs(scale))));
    requireWithin('reference logMassError = |ln Z_w − ln Z_1|', ref, lw.minus(l1).abs(), referenceAllowance(digits, size).times(3), info);
    const fast = logMassError(instance, q, c, { scale });
    const bound = logMassErrorBound(
      evaluationProfile(instance, q, null, { scale }),
      evaluationProfile(instance, q, c, { scale }),
      logPartition(instance, q, null, { scale }),
      logPartition(instance, q, c, { scale }),
    );
    requireWithin('fast logMassError within logMassErrorBound', fast, ref, referenceAllowance(digits, size).plus(exact(bound)), info);
  });
}
