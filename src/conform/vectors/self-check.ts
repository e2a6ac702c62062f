/**
 * Re-derives what each vector asserts with the decimal.js reference, so that
 * a vector file can be trusted (or a hand-edited one caught) without the
 * code under test.
 * @module
 */
import type { Decimal } from 'decimal.js';
import { minUniformCoresetSize, orthonormalFloorSize, uniformTrapSize } from '../../bounds.js';
import * as Ref from '../../reference/index.js';
import type { Coreset } from '../../types.js';
import { decodeCoreset, finiteHex, type LoadedVector } from './read.js';

/**
 * An "exact" weighted set's reference error must be 0 up to the rounding of
 * the reference's own sums: at 50 digits, 10⁻⁴⁰ leaves 10 digits for the
 * O(n) roundings of Z and N (n ≤ 10⁴ here) and the cancellation in A_1 − A_w.
 */
export const EXACT_TOLERANCE = 1e-40;

/** Agreement of a closed form with the reference at the rounded witness: the witness is the nearest double to the exact maximiser, and err is flat there (a maximum), so they agree to far better than 1e-12. */
export const CLOSED_FORM_TOLERANCE = 1e-12;

/** What the self-check found for one vector: `null` when it holds. */
export interface SelfCheck {
  readonly id: string;
  readonly problem: string | null;
}

const query = (row: string[], where: string) => Float64Array.from(row, (s, j) => finiteHex(s, `${where}[${j}]`));

function errAt(v: LoadedVector, q: Float64Array, w: Coreset): Decimal {
  return Ref.coresetError(v.inst, q, w);
}

/**
 * Checks one vector's expectation with the reference.
 * @lemma prop:uniform-weights-fail
 * @lemma prop:orthonormal-floor
 */
export function selfCheckVector(v: LoadedVector): SelfCheck {
  const e = v.vector.expect;
  const id = v.vector.id;
  const fail = (problem: string): SelfCheck => ({ id, problem });
  switch (e.kind) {
    case 'exact': {
      const w = decodeCoreset(e.coreset, `${id} coreset`);
      for (const [k, row] of e.queries.entries()) {
        const err = errAt(v, query(row, `${id} queries[${k}]`), w);
        if (err.greaterThan(EXACT_TOLERANCE)) return fail(`error ${err.toSignificantDigits(6)} at queries[${k}], expected 0`);
      }
      return { id, problem: null };
    }
    case 'uniform-fails': {
      const w = decodeCoreset(e.coreset, `${id} coreset`);
      const weights = Array.from(w.weights);
      if (weights.some((x) => x !== weights[0])) return fail('the coreset does not have uniform weights');
      if (v.inst.n !== uniformTrapSize(v.rho) + 1) return fail(`n = ${v.inst.n} is not 1 + ⌊e^{2ρ}⌋ (T_ρ)`);
      if (e.minUniformSize !== minUniformCoresetSize(v.rho, v.eps)) return fail(`minUniformSize ${e.minUniformSize} is not 1 + ⌈M·((2−ε)/(2+ε))²⌉ = ${minUniformCoresetSize(v.rho, v.eps)}`);
      const err = errAt(v, query(e.witness, `${id} witness`), w);
      const atLeast = finiteHex(e.errorAtLeast, `${id} errorAtLeast`);
      if (err.lessThan(Ref.exactDecimal(atLeast))) return fail(`reference error ${err.toSignificantDigits(17)} < errorAtLeast ${atLeast}`);
      if (!(atLeast > v.eps)) return fail(`errorAtLeast ${atLeast} does not exceed ε = ${v.eps}`);
      const closed = finiteHex(e.closedForm, `${id} closedForm`);
      if (err.minus(Ref.exactDecimal(closed)).abs().greaterThan(CLOSED_FORM_TOLERANCE)) return fail(`closed form ${closed} and reference ${err.toSignificantDigits(17)} disagree`);
      return { id, problem: null };
    }
    case 'floor': {
      const { n } = v.inst;
      const rest = Array.from({ length: n }, (_, i) => i).filter((i) => i !== e.omitted);
      if (e.minSize !== n || e.omitted >= n) return fail('minSize must be n and omitted a row');
      const bound = orthonormalFloorSize(v.rho, v.eps);
      if (!(n <= bound)) return fail(`n = ${n} exceeds the floor's range: ${bound} (prop:orthonormal-floor)`);
      const w: Coreset = { indices: Uint32Array.from(rest), weights: Float64Array.from(rest, () => 1) };
      const err = errAt(v, query(e.witness, `${id} witness`), w);
      const atLeast = finiteHex(e.errorAtLeast, `${id} errorAtLeast`);
      if (err.lessThan(Ref.exactDecimal(atLeast))) return fail(`reference error ${err.toSignificantDigits(17)} < errorAtLeast ${atLeast}`);
      if (!(atLeast > v.eps)) return fail(`errorAtLeast ${atLeast} does not exceed ε = ${v.eps}`);
      return { id, problem: null };
    }
    case 'attention': {
      const w = e.coreset === null ? null : decodeCoreset(e.coreset, `${id} coreset`);
      for (const [k, row] of e.queries.entries()) {
        const got = Ref.attention(v.inst, query(row, `${id} queries[${k}]`), w).map((x) => Ref.toNearestDouble(x));
        const want = e.values[k].map((s, c) => finiteHex(s, `${id} values[${k}][${c}]`));
        if (got.some((x, c) => !Object.is(x, want[c]))) return fail(`A_w(queries[${k}]) is ${got.join(', ')}, the vector says ${want.join(', ')}`);
      }
      return { id, problem: null };
    }
  }
}
