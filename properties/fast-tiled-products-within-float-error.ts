/**
 * Property: the tiled products of `fast/gemm` are within the summation
 * bound of `lem:float-error` of the exact sums, at every tile edge.
 * @module
 */
import fc from 'fast-check';
import { gamma } from '../src/fast/float-error.js';
import { accumulateTransposed, crossDots } from '../src/fast/gemm.js';
import { Exact, exact } from './internal/exact.js';
import { requireWithin } from './internal/violation.js';

/** Constraints of {@link fastTiledProductsWithinFloatError}. */
export interface TiledProductsConstraints {
  /** Largest row count of either factor (tiles are 2 × 4: edges below 8 matter). @defaultValue 9 */
  readonly maxRows?: number;
  /** Largest row length. @defaultValue 9 */
  readonly maxLength?: number;
}

const entry = fc.oneof(fc.constant(0), fc.double({ min: -1e3, max: 1e3, noNaN: true }).filter((x) => x === 0 || Math.abs(x) >= 1e-100));

/** One generated case of {@link fastTiledProductsWithinFloatError}. */
export interface TiledProductsCase {
  readonly na: number;
  readonly nb: number;
  readonly len: number;
  readonly A: number[];
  readonly B: number[];
  readonly out0: number[];
  /** P of the accumulation stored query-major (true) or row-major (false). */
  readonly queryMajor: boolean;
}

function caseOf(maxRows: number, maxLength: number): fc.Arbitrary<TiledProductsCase> {
  const dims = fc.record({ na: fc.integer({ min: 1, max: maxRows }), nb: fc.integer({ min: 1, max: maxRows }), len: fc.integer({ min: 1, max: maxLength }) });
  return dims.chain(({ na, nb, len }) =>
    fc.record({
      na: fc.constant(na),
      nb: fc.constant(nb),
      len: fc.constant(len),
      A: fc.array(entry, { minLength: na * len, maxLength: na * len }),
      B: fc.array(entry, { minLength: nb * len, maxLength: nb * len }),
      out0: fc.array(entry, { minLength: nb * len, maxLength: nb * len }),
      queryMajor: fc.boolean(),
    }),
  );
}

/**
 * Generates the property: (1) every entry of `crossDots` is within
 * γ_len·Σ_k|a_ik b_jk| of the exact ⟨a_i, b_j⟩, written at the requested
 * offset and stride and nowhere else; (2) every entry of
 * `accumulateTransposed` (out += Pᵀ X for an na × nb matrix P stored in
 * either layout and an na × len matrix X) is within
 * γ_{rows+1}·(|out| + Σ_i|P_ib X_ic|) of the exact value. Shapes run over
 * every remainder of the 2 × 4 tiles.
 * @lemma lem:float-error
 */
export function fastTiledProductsWithinFloatError(constraints: TiledProductsConstraints = {}): fc.IPropertyWithHooks<[TiledProductsCase]> {
  return fc.property(caseOf(constraints.maxRows ?? 9, constraints.maxLength ?? 9), (c) => {
    const { na, nb, len } = c;
    const A = Float64Array.from(c.A);
    const B = Float64Array.from(c.B);
    const show = () => `na=${na} nb=${nb} len=${len} A=[${c.A}] B=[${c.B}]`;
    // (1) crossDots at offset 3 and stride nb + 2: the gaps must stay NaN.
    const ld = nb + 2;
    const out = new Float64Array(3 + na * ld).fill(Number.NaN);
    crossDots(A, 0, na, B, 0, nb, len, out, 3, ld);
    for (let i = 0; i < na; i++) {
      for (let j = 0; j < ld; j++) {
        const at = 3 + i * ld + j;
        if (j >= nb) {
          if (!Number.isNaN(out[at])) throw new Error(`crossDots wrote outside its block at ${at}: ${show()}`);
          continue;
        }
        let s = new Exact(0);
        let abs = new Exact(0);
        for (let k = 0; k < len; k++) {
          const p = exact(A[i * len + k]).times(exact(B[j * len + k]));
          s = s.plus(p);
          abs = abs.plus(p.abs());
        }
        requireWithin(`crossDots[${i}][${j}] within γ_len·Σ|a b|`, out[at], s, abs.times(exact(gamma(len))), show);
      }
    }
    // (2) out (nb × len) += Pᵀ X, P_ib = A's entries (cycled) stored in the
    // chosen layout, X_i = B's entries (cycled) as na rows of length len.
    const Pv = (i: number, b: number) => A[(i * nb + b) % A.length];
    const P = Float64Array.from({ length: na * nb }, (_, t) => (c.queryMajor ? Pv(t % na, Math.floor(t / na)) : Pv(Math.floor(t / nb), t % nb)));
    const X = Float64Array.from({ length: na * len }, (_, t) => B[t % B.length]);
    const acc = Float64Array.from(c.out0);
    if (c.queryMajor) accumulateTransposed(P, 0, 1, na, nb, X, 0, na, len, acc);
    else accumulateTransposed(P, 0, nb, 1, nb, X, 0, na, len, acc);
    for (let b = 0; b < nb; b++) {
      for (let col = 0; col < len; col++) {
        const start = exact(c.out0[b * len + col]);
        let s = start;
        let abs = start.abs();
        for (let i = 0; i < na; i++) {
          const p = exact(Pv(i, b)).times(exact(X[i * len + col]));
          s = s.plus(p);
          abs = abs.plus(p.abs());
        }
        requireWithin(`accumulateTransposed[${b}][${col}] within γ_{rows+1}·(|out| + Σ|p x|)`, acc[b * len + col], s, abs.times(exact(gamma(na + 1))), show);
      }
    }
  });
}
