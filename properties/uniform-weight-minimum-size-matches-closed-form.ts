/**
 * Property: the smallest uniform-weight ε-coreset of T_ρ, found numerically,
 * has the closed-form size.
 * @module
 */
import fc from 'fast-check';
import type { Decimal } from 'decimal.js';
import { minUniformCoresetSize, uniformTrapSize } from '../src/bounds.js';
import { uniformTrap, uniformTrapSubset } from '../src/families/uniform-trap.js';
import * as Ref from '../src/reference/index.js';
import type { Instance } from '../src/types.js';
import { exact, Exact, work } from './internal/exact.js';
import { requireThat } from './internal/violation.js';

/** Constraints of {@link uniformWeightMinimumSizeMatchesClosedForm}. */
export interface MinimumSizeConstraints {
  /** @defaultValue [1, 2, 3] */
  readonly rhos?: readonly number[];
  /** @defaultValue [0.05, 0.1, 0.3] */
  readonly epsilons?: readonly number[];
}

const DIGITS = 30;
const GRID = 16;
const GOLDEN_STEPS = 40;
/** Two rows, ±1 with values ±1: T_ρ's rows are identical within each sign, so a multiset weight stands for them (def:weighted-set). */
const PAIR: Instance = { n: 2, d: 1, dv: 1, K: Float64Array.of(1, -1), V: Float64Array.of(1, -1) };

function gap(q: Decimal, M: number, j: number): Decimal {
  const a = Ref.attention(PAIR, [q], { indices: Uint32Array.of(0, 1), weights: Float64Array.of(1, M) }, { digits: DIGITS });
  const b = Ref.attention(PAIR, [q], { indices: Uint32Array.of(0, 1), weights: Float64Array.of(1, j) }, { digits: DIGITS });
  return a[0].minus(b[0]).abs();
}

/** Maximises the error over [−ρ, ρ]: a grid, then golden-section search around the best grid point. */
function maxError(rho: number, M: number, j: number): { value: Decimal; at: Decimal } {
  const r = exact(rho);
  let best = { value: new Exact(-1), at: new Exact(0), g: 0 };
  for (let g = 0; g <= GRID; g++) {
    const t = r.times(2 * g - GRID).div(GRID);
    const v = gap(t, M, j);
    if (v.gt(best.value)) best = { value: v, at: t, g };
  }
  let lo = r.times(2 * Math.max(0, best.g - 1) - GRID).div(GRID);
  let hi = r.times(2 * Math.min(GRID, best.g + 1) - GRID).div(GRID);
  const phi = work(5).sqrt().minus(1).div(2);
  for (let k = 0; k < GOLDEN_STEPS; k++) {
    const x1 = hi.minus(hi.minus(lo).times(phi));
    const x2 = lo.plus(hi.minus(lo).times(phi));
    if (gap(x1, M, j).gt(gap(x2, M, j))) hi = x2;
    else lo = x1;
  }
  const mid = lo.plus(hi).div(2);
  const v = gap(mid, M, j);
  return v.gt(best.value) ? { value: v, at: mid } : best;
}

/**
 * Generates the property of `prop:uniform-weights-fail` (claim 3), checked by
 * a method that uses neither the closed form nor its argmax: for each (ρ, ε),
 * maximise the reference error of the uniform subset with the +1 key and j
 * minus keys over [−ρ, ρ] numerically (grid + golden section), binary-search
 * the smallest j with maximum ≤ ε, and compare 1 + j with
 * `minUniformCoresetSize(ρ, ε)`; then confirm on the full T_ρ instance
 * (M + 1 rows) that size m* has error ≤ ε at its numerical maximiser and
 * m* − 1 (if ≥ 2) has error > ε at its own.
 * @lemma prop:uniform-weights-fail
 */
export function uniformWeightMinimumSizeMatchesClosedForm(constraints: MinimumSizeConstraints = {}): fc.IPropertyWithHooks<[[number, number]]> {
  const rhos = constraints.rhos ?? [1, 2, 3];
  const epss = constraints.epsilons ?? [0.05, 0.1, 0.3];
  const pairs = rhos.flatMap((r) => epss.map((e) => [r, e] as [number, number]));
  return fc.property(fc.constantFrom(...pairs), ([rho, eps]) => {
    const M = uniformTrapSize(rho);
    const e = exact(eps);
    let lo = 1;
    let hi = M;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (maxError(rho, M, mid).value.lte(e)) hi = mid;
      else lo = mid + 1;
    }
    const mStar = 1 + lo;
    const closed = minUniformCoresetSize(rho, eps);
    const info = () => `ρ=${rho} ε=${eps} M=${M}`;
    requireThat('numerical minimum size = closed form', mStar === closed, info, `numerical ${mStar}, closed form ${closed}`);
    const trap = uniformTrap(rho);
    const at = maxError(rho, M, mStar - 1).at;
    const ok = Ref.coresetError(trap.instance, [at], uniformTrapSubset(trap, mStar), { digits: DIGITS });
    requireThat('size m* is an ε-coreset at its maximiser (full T_ρ)', ok.lte(e), info, `err=${ok}`);
    if (mStar - 1 >= 2) {
      const at2 = maxError(rho, M, mStar - 2).at;
      const bad = Ref.coresetError(trap.instance, [at2], uniformTrapSubset(trap, mStar - 1), { digits: DIGITS });
      requireThat('size m* − 1 is not (full T_ρ)', bad.gt(e), info, `err=${bad}`);
    }
    void Exact;
  });
}
