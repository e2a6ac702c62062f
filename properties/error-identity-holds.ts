/**
 * Property: the error identity equals A_1 − A_w.
 * @module
 */
import fc from 'fast-check';
import type { Decimal } from 'decimal.js';
import { errorIdentity, errorIdentityErrorBound } from '../src/fast/error-identity.js';
import * as Ref from '../src/reference/index.js';
import type { Coreset } from '../src/types.js';
import { attentionCase, type AttentionCase, type AttentionCaseConstraints } from './arbitraries/attention-case.js';
import { supportNorms } from './internal/decimal-instance.js';
import { Exact, exact } from './internal/exact.js';
import { distance, referenceAllowance } from './internal/reference.js';
import { describeCase, requireWithin } from './internal/violation.js';

/** Constraints of {@link errorIdentityHolds}. */
export interface ErrorIdentityConstraints {
  /** @defaultValue { fullSet: false, largeLogits: false } */
  readonly cases?: AttentionCaseConstraints;
  /** Reference digits of A_1 − A_w. @defaultValue 30 */
  readonly digits?: number;
}

/** Working digits of the decimal identity: 30 more than the comparison, for its cancellation. */
const IDENTITY_EXTRA_DIGITS = 30;

/**
 * Evaluates (ΔN − A_1ΔZ)/Z_ŵ straight from `lem:error-identity` in decimal,
 * independently of `errorIdentity`, and returns it with S/Z_ŵ
 * (S = Σ(1/n + ŵ_i)e^{ℓ_i}), the factor its cancellation amplifies by.
 */
function identityD(instance: AttentionCase['instance'], q: Float64Array, w: Coreset, scale: number, digits: number): { r: Decimal[]; amp: Decimal } {
  const D = Exact.clone({ precision: digits });
  const { n, dv, V } = instance;
  const ell = Ref.logits(instance, q, { scale, digits });
  const e = ell.map((l) => D.exp(l));
  const dense = Array.from({ length: n }, () => new D(0));
  let W = new D(0);
  for (let j = 0; j < w.indices.length; j++) {
    dense[w.indices[j]] = dense[w.indices[j]].plus(exact(w.weights[j]));
    W = W.plus(exact(w.weights[j]));
  }
  const wh = dense.map((x) => x.div(W));
  const un = new D(1).div(n);
  let Z1 = new D(0);
  let Zw = new D(0);
  let dZ = new D(0);
  let S = new D(0);
  const N1 = Array.from({ length: dv }, () => new D(0));
  const dN = Array.from({ length: dv }, () => new D(0));
  for (let i = 0; i < n; i++) {
    const c = un.minus(wh[i]);
    Z1 = Z1.plus(e[i]);
    Zw = Zw.plus(wh[i].times(e[i]));
    dZ = dZ.plus(c.times(e[i]));
    S = S.plus(un.plus(wh[i]).times(e[i]));
    for (let t = 0; t < dv; t++) {
      N1[t] = N1[t].plus(e[i].times(exact(V[i * dv + t])));
      dN[t] = dN[t].plus(c.times(e[i]).times(exact(V[i * dv + t])));
    }
  }
  const r = N1.map((x, t) => dN[t].minus(x.div(Z1).times(dZ)).div(Zw));
  return { r, amp: S.div(Zw) };
}

/**
 * Generates the property of `lem:error-identity`: (1) the identity evaluated
 * in decimal from its statement equals A_1(q) − A_w(q) from the reference
 * (tolerance: reference allowances, the identity's working precision times
 * its amplification S/Z_ŵ); (2) the fast {@link errorIdentity} is within
 * {@link errorIdentityErrorBound} of A_1 − A_w (`lem:float-error`).
 * @lemma lem:error-identity
 * @lemma lem:float-error
 */
export function errorIdentityHolds(constraints: ErrorIdentityConstraints = {}): fc.IPropertyWithHooks<[AttentionCase]> {
  const digits = constraints.digits ?? 30;
  const cases = attentionCase({ fullSet: false, largeLogits: false, ...constraints.cases });
  return fc.property(cases, ({ instance, q, w, scale }) => {
    const c = w as Coreset;
    const info = () => describeCase(instance, q, w, `scale=${scale}`);
    const A1 = Ref.attention(instance, q, null, { scale, digits });
    const Aw = Ref.attention(instance, q, c, { scale, digits });
    const diff = A1.map((x, t) => x.minus(Aw[t]));
    const { Rv } = supportNorms(instance, null);
    const refTol = referenceAllowance(digits, Rv).times(2);
    const P = digits + IDENTITY_EXTRA_DIGITS;
    const { r, amp } = identityD(instance, q, c, scale, P);
    for (let t = 0; t < instance.dv; t++) {
      const tol = refTol.plus(referenceAllowance(P - 5, amp.times(Rv).times(instance.n)));
      requireWithin(`identity component ${t} equals A_1 − A_w`, r[t], diff[t], tol, info);
    }
    const fast = errorIdentity(instance, q, c, { scale });
    const bound = errorIdentityErrorBound(instance, q, c, { scale });
    requireWithin('fast errorIdentity within errorIdentityErrorBound of A_1 − A_w', 0, distance(fast, diff), refTol.times(Math.sqrt(instance.dv)).plus(exact(bound)), info);
  });
}
