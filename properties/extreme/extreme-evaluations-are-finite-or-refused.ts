/**
 * Property: at extreme finite inputs every evaluation entry point returns a
 * finite, correct value or a clear InputError.
 * @module
 */
import type { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { attention } from '../../src/fast/attention.js';
import { coresetError } from '../../src/fast/coreset-error.js';
import { attentionErrorBound, evaluationProfile } from '../../src/fast/float-error.js';
import { logPartition } from '../../src/fast/partition.js';
import * as Ref from '../../src/reference/index.js';
import { extremeScaleCase, type ExtremeScaleCase } from '../arbitraries/extreme-scale-case.js';
import { outcomeOf } from '../internal/outcome.js';
import { describeCase, requireThat, requireWithin } from '../internal/violation.js';

/** Significant digits of the reference here (ample against binary64). */
const DIGITS = 25;

const finiteD = (x: Decimal): boolean => x.isFinite();

/**
 * Generates the property of `def:representable-output`: for keys, queries,
 * scales, values and weights at the ends of binary64, fast and reference
 * `attention`, `coresetError` and `logPartition` each return a finite value
 * or throw an `InputError` (the fast path only for a logit that is not a
 * double); the reference always answers (attention is a convex combination,
 * `lem:shift-invariance`), and the fast attention, when it answers, is
 * within its `lem:float-error` bound of the reference. Never NaN, never an
 * internal error.
 * @lemma def:representable-output
 * @lemma lem:shift-invariance
 */
export function extremeEvaluationsAreFiniteOrRefused(): fc.IPropertyWithHooks<[ExtremeScaleCase]> {
  return fc.property(extremeScaleCase(), ({ instance, q, scale, w }) => {
    const info = () => describeCase(instance, q, w, `scale=${scale}`);
    const o = { scale };
    const ref = outcomeOf('Ref.attention', () => Ref.attention(instance, q, w, { scale, digits: DIGITS }), info);
    requireThat('the reference attention answers', 'value' in ref, info, 'refused' in ref ? ref.refused.message : '');
    const refRow = 'value' in ref ? ref.value : [];
    requireThat('the reference attention is finite', refRow.every(finiteD), info);
    const fast = outcomeOf('attention', () => attention(instance, q, w, o), info);
    if ('value' in fast) {
      requireThat('fast attention is finite', fast.value.every(Number.isFinite), info, `got ${Array.from(fast.value)}`);
      const bound = attentionErrorBound(evaluationProfile(instance, q, w, o));
      requireThat('the float-error bound is a number', !Number.isNaN(bound), info);
      if (Number.isFinite(bound)) for (let c = 0; c < instance.dv; c++) requireWithin(`fast attention component ${c} vs reference`, fast.value[c], refRow[c], bound, info);
    } else {
      requireThat('fast attention refuses only a logit overflow', fast.refused.code === 'overflow', info, fast.refused.message);
    }
    const rerr = outcomeOf('Ref.coresetError', () => Ref.coresetError(instance, q, w, { scale, digits: DIGITS }), info);
    requireThat('the reference coreset error is finite', 'value' in rerr && finiteD(rerr.value), info);
    const ferr = outcomeOf('coresetError', () => coresetError(instance, q, w, o), info);
    if ('value' in ferr) requireThat('fast coreset error is finite and ≥ 0', Number.isFinite(ferr.value) && ferr.value >= 0, info, `got ${ferr.value}`);
    const rlz = outcomeOf('Ref.logPartition', () => Ref.logPartition(instance, q, w, { scale, digits: DIGITS }), info);
    requireThat('the reference log-partition is finite', 'value' in rlz && finiteD(rlz.value), info);
    const flz = outcomeOf('logPartition', () => logPartition(instance, q, w, o), info);
    if ('value' in flz) requireThat('fast log-partition is not NaN', !Number.isNaN(flz.value), info, `got ${flz.value}`);
  });
}
