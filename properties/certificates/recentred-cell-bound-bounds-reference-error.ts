/**
 * Property: the recentred cell bound is never below the reference error at
 * a point of its cell, and branch-and-bound with it is never below an
 * independent search's sup.
 * @module
 */
import fc from 'fast-check';
import * as Ref from '../../src/reference/index.js';
import type { Cache, Coreset, Instance } from '../../src/types.js';
import { normalizeCoreset, type NormalizedCoreset } from '../../src/validate.js';
import { branchAndBound } from '../../src/verify/branch-and-bound.js';
import { translatedCellBound } from '../../src/verify/cell-translate.js';
import { cellMeasure, centreData, recentredCell, recentredCellBound } from '../../src/verify/local-cell.js';
import { spanOf } from '../../src/verify/span.js';
import { intoBall } from '../../src/verify/witness.js';
import { lowRankKeyInstance } from '../arbitraries/low-rank-key-instance.js';
import { weighting } from '../arbitraries/weighting.js';
import { searchSup } from '../internal/independent-search.js';
import { describeCase, requireAtMost } from '../internal/violation.js';

/** A cache on the coreset's own keys (so in the keys' span) with values rounded to a grid of step 2⁻³. */
function roundedValueCache(inst: Instance, c: NormalizedCoreset): Cache {
  const m = c.indices.length;
  const K = new Float64Array(m * inst.d);
  const V = new Float64Array(m * inst.dv);
  c.indices.forEach((i, j) => {
    K.set(inst.K.subarray(i * inst.d, (i + 1) * inst.d), j * inst.d);
    for (let k = 0; k < inst.dv; k++) V[j * inst.dv + k] = Math.round(inst.V[i * inst.dv + k] * 8) / 8;
  });
  return { m, d: inst.d, dv: inst.dv, K, V, weights: Float64Array.from(c.weights) };
}

const norm = (x: ArrayLike<number>, from: number, len: number): number => {
  let s = 0;
  for (let t = 0; t < len; t++) s += x[from + t] ** 2;
  return Math.sqrt(s);
};

/**
 * Generates the property of `lem:recentred-cell-bound`: keys in a random
 * r ≤ 4 dimensional subspace (n ≤ 24, d ≤ 6), a weighted set or a cache on
 * its keys with rounded values, scale s ∈ ±[0.25, 2], ρ ∈ [0.1, 3]; a cell of
 * the reduced ball (centre anywhere within 1.1R, half-width h ∈ [10⁻³, 0.4]).
 * The bound, and the bound translated from an enclosing cell 2, 4 or 8
 * times wider (centre shifted inside), are ≥ the 30-digit reference error
 * at the cell's centre (pulled into the ball) and at random points of the
 * cell inside the ball; and
 * branch-and-bound (which uses it) returns an upper bound ≥ the reference
 * error at the best point of an independent compass search.
 * @lemma lem:recentred-cell-bound
 */
export function recentredCellBoundBoundsReferenceError() {
  const arb = lowRankKeyInstance({ maxN: 24, maxD: 6, maxDv: 3, maxRank: 4 }).chain((inst) =>
    fc.record({
      inst: fc.constant(inst),
      w: weighting(inst.n, { fullSet: false }) as fc.Arbitrary<Coreset>,
      cache: fc.boolean(),
      scale: fc.tuple(fc.double({ min: 0.25, max: 2, noNaN: true }), fc.boolean()).map(([x, neg]) => (neg ? -x : x)),
      rho: fc.double({ min: 0.1, max: 3, noNaN: true }),
      centre: fc.array(fc.double({ min: -1.1, max: 1.1, noNaN: true }), { minLength: 4, maxLength: 4 }),
      h: fc.double({ min: 1e-3, max: 0.4, noNaN: true }),
      widen: fc.constantFrom(2, 4, 8),
      shift: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
      pts: fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }), { minLength: 4, maxLength: 4 }),
    }),
  );
  return fc.property(arb, ({ inst, w, cache, scale, rho, centre, h, widen, shift, pts }) => {
    const sub = normalizeCoreset(w, inst.n);
    const c = cache ? roundedValueCache(inst, sub) : sub;
    const span = spanOf(inst, c);
    if (span.rank > 4) return;
    const r = span.rank;
    const { n, dv } = inst;
    const red: Instance = { n, d: r, dv, K: span.keys.subarray(0, n * r), V: inst.V };
    const cr = cache ? { ...(c as Cache), d: r, K: span.keys.subarray(n * r) } : sub;
    const info = (): string => describeCase(inst, undefined, w, `rho=${rho} scale=${scale} cache=${cache} rank=${r} h=${h}`);
    // The cell, and H₁ from radii about the origin (any centre is allowed).
    const R = rho;
    const yc = Float64Array.from({ length: r }, (_, l) => centre[l] * R);
    let Rk = 0;
    for (let i = 0; i < n; i++) Rk = Math.max(Rk, norm(red.K, i * r, r));
    let Rv = 0;
    for (let i = 0; i < n; i++) Rv = Math.max(Rv, norm(inst.V, i * dv, dv));
    const H1 = scale * scale * (Rk * (1 + 1e-12)) ** 2 * Rv * (1 + 1e-12);
    const V = cache ? Float64Array.from([...inst.V, ...(c as Cache).V]) : inst.V;
    const mu = cellMeasure(n, span.keys, r, V, dv, c, scale);
    const bound = recentredCellBound(mu, yc, h, R, centreData(red, yc, scale, H1));
    // The same cell bounded from an enclosing cell `widen` times wider (its centre shifted inside).
    const H = h * widen;
    const yp = Float64Array.from(yc, (x, l) => x + shift[l] * (H - h) * (1 - 1e-9));
    const outer = recentredCell(mu, yp, H, R, centreData(red, yp, scale, H1)).expansion;
    const translated = outer === null ? Infinity : translatedCellBound(mu, outer, yc, h, R, centreData(red, yc, scale, H1));
    const at = (y: Float64Array): number => Ref.coresetError(red, y, cr, { digits: 30, scale }).toNumber();
    const inCell = (y: Float64Array): boolean => y.every((x, l) => Math.abs(x - yc[l]) <= h) && norm(y, 0, r) <= R;
    const cands = [intoBall(yc, R), ...pts.map((p) => Float64Array.from({ length: r }, (_, l) => yc[l] + p[l] * h))];
    for (const y of cands) {
      if (!inCell(y) || !(Number.isFinite(bound) || Number.isFinite(translated))) continue;
      const e = at(y);
      if (Number.isFinite(bound)) requireAtMost('reference err(y) ≤ recentred cell bound', e, bound, info);
      if (Number.isFinite(translated)) requireAtMost('reference err(y) ≤ translated cell bound', e, translated, info);
    }
    if (cache) return;
    const bb = branchAndBound(inst, sub, rho, { tolerance: 1e-4, maxNodes: 120, scale, span });
    // err with scale s at q is err with scale 1 at s·q: search that ball, map back.
    const sr = Math.abs(scale) * rho;
    const found = searchSup(inst, sub, sr, [intoBall(bb.witness.map((x) => x * scale), sr)]);
    const q = intoBall(found.map((x) => x / scale), rho);
    requireAtMost('reference err at the independent search ≤ branch-and-bound upper', Ref.coresetError(inst, q, sub, { digits: 30, scale }).toNumber(), bb.upper, info);
  });
}
