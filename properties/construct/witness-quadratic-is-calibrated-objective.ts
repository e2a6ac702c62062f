/**
 * Property: the refinement's sub-problem is the calibrated witness objective
 * it stands for, and the witness errors are quasi-convex in the weights.
 * @module
 */
import fc from 'fast-check';
import { witnessQuadratic, type WitnessProblem } from '../../src/construct/witness-fit.js';
import { gamma } from '../../src/fast/float-error.js';
import { describeCase, requireAtMost, requireWithin } from '../internal/violation.js';

/** (‖R‖² + λ(Z − Z_T)²)/Z_T² with R = Σ_a w_a e_a (v_a − y), Z = Σ_a w_a e_a, written out; and ‖R‖/Z. */
function direct(e: number[], vals: number[][], y: number[], zt: number, w: number[], lambda: number): { value: number; abs: number; err: number } {
  const R = y.map(() => 0);
  let Z = 0;
  w.forEach((x, a) => {
    Z += x * e[a];
    vals[a].forEach((v, c) => (R[c] += x * e[a] * (v - y[c])));
  });
  const r2 = R.reduce((s, t) => s + t * t, 0);
  const abs = w.reduce((s, x, a) => s + x * e[a] * (1 + vals[a].reduce((t, v, c) => t + Math.abs(v - y[c]), 0)), 0);
  return { value: (r2 + lambda * (Z - zt) ** 2) / (zt * zt), abs: (abs * abs * (1 + lambda) + lambda * zt * zt) / (zt * zt), err: Z > 0 ? Math.sqrt(r2) / Z : Infinity };
}

const row = (n: number, min: number, max: number) => fc.array(fc.double({ min, max, noNaN: true }), { minLength: n, maxLength: n });
/** Zero or in [10⁻⁶, max]: no subnormal weights or multipliers, whose products would underflow below any relative allowance. */
const sparse = (n: number, max: number) => fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max, noNaN: true })), { minLength: n, maxLength: n });

/**
 * Generates the property of `lem:sup-refinement` item 4 on random small
 * data (p rows, J witnesses, dv-dimensional values, multipliers π): (a) with
 * μ = 0, wᵀQw − 2ℓᵀw + λΣ_j π_j equals Σ_j π_j(‖R_j‖² + λ(Z_j − Z_T,j)²)/Z_T,j²
 * written out term by term, within γ_k·Σ|terms|; (b) wᵀQw ≥ 0 within the
 * same allowance (positive semidefinite); (c) on the segment between two
 * weightings each witness error is at most the larger end value
 * (quasi-convexity), within a relative γ_k.
 * @lemma lem:sup-refinement
 */
export function witnessQuadraticIsCalibratedObjective() {
  const data = fc.record({ p: fc.integer({ min: 1, max: 5 }), J: fc.integer({ min: 1, max: 4 }), dv: fc.integer({ min: 1, max: 3 }) }).chain(({ p, J, dv }) =>
    fc.record({
      e: fc.array(row(p, 1e-3, 1), { minLength: J, maxLength: J }),
      vals: fc.array(row(dv, -1, 1), { minLength: p, maxLength: p }),
      ys: fc.array(row(dv, -1, 1), { minLength: J, maxLength: J }),
      zt: row(J, 0.1, 2),
      pi: sparse(J, 1),
      w: sparse(p, 2),
      w2: sparse(p, 2),
      theta: fc.double({ min: 0, max: 1, noNaN: true }),
      lambda: fc.double({ min: 0.01, max: 1, noNaN: true }),
    }),
  );
  return fc.property(data, ({ e, vals, ys, zt, pi, w, w2, theta, lambda }) => {
    const p = w.length;
    const J = zt.length;
    const dv = vals[0].length;
    const dotv = (x: number[], y: number[]) => x.reduce((s, t, c) => s + t * y[c], 0);
    const P: WitnessProblem = {
      p,
      J,
      E: Float64Array.from(e.flat()),
      g: Float64Array.from(ys.flatMap((y) => vals.map((v) => dotv(v, y)))),
      VV: Float64Array.from(vals.flatMap((a) => vals.map((b) => dotv(a, b)))),
      yy: Float64Array.from(ys, (y) => dotv(y, y)),
      z: Float64Array.from(zt),
      G: new Float64Array(p * p),
      b: new Float64Array(p),
    };
    const { Q, l } = witnessQuadratic(P, Float64Array.from(pi), lambda, 0);
    let quad = 0;
    for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) quad += w[a] * Q[a * p + c] * w[c];
    const assembled = quad - 2 * dotv(Array.from(l), w) + lambda * pi.reduce((s, x) => s + x, 0);
    let expected = 0;
    let abs = 0;
    for (let j = 0; j < J; j++) {
      const t = direct(e[j], vals, ys[j], zt[j], w, lambda);
      expected += pi[j] * t.value;
      abs += pi[j] * t.abs;
    }
    const input = () => describeCase({ n: p, d: 1, dv, K: new Float64Array(p), V: Float64Array.from(vals.flat()) }, undefined, undefined, `E=${JSON.stringify(e)} y=${JSON.stringify(ys)} zt=${zt} π=${pi} w=${w} λ=${lambda}`);
    // Σ|terms| of the assembled side: every product that enters Q and ℓ, taken in absolute value.
    let absQ = lambda * pi.reduce((t, x) => t + x, 0);
    for (let j = 0; j < J; j++) {
      const r = pi[j] / (zt[j] * zt[j]);
      for (let a = 0; a < p; a++) {
        absQ += (2 * lambda * pi[j] * e[j][a] * w[a]) / zt[j];
        for (let c = 0; c < p; c++) absQ += r * w[a] * w[c] * e[j][a] * e[j][c] * (Math.abs(P.VV[a * p + c]) + Math.abs(P.g[j * p + a]) + Math.abs(P.g[j * p + c]) + P.yy[j] + lambda);
      }
    }
    const allow = gamma(2 * (p * p + 5 * J + dv + 8)) * 4 * (absQ + abs);
    requireWithin('assembled quadratic = calibrated witness objective', assembled, expected, allow, input);
    requireAtMost('wᵀQw ≥ 0', -quad, allow, input);
    const mid = w.map((x, a) => theta * x + (1 - theta) * w2[a]);
    for (let j = 0; j < J; j++) {
      const ends = Math.max(direct(e[j], vals, ys[j], zt[j], w, lambda).err, direct(e[j], vals, ys[j], zt[j], w2, lambda).err);
      const m = direct(e[j], vals, ys[j], zt[j], mid, lambda).err;
      if (Number.isFinite(ends)) requireAtMost(`witness ${j}: err on the segment ≤ max of its ends`, m, ends * (1 + gamma(4 * (p + dv + 4))) + gamma(4 * (p + dv + 4)) * 4, input);
    }
  });
}
