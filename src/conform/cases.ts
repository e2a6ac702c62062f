/**
 * Default case families of the conformance harness: seeded fast-check
 * arbitraries of (instance, ρ, ε), each named for the hardness it carries
 * (STYLE 9). The harness takes any list of families; these are used when the
 * caller gives none (`./families.ts` adds those of `attn-coreset/properties`).
 * @module
 */
import fc from 'fast-check';
import { orthonormalInstance, uniformTrap } from '../families/index.js';
import type { Instance } from '../types.js';

/** One conformance case: an instance and the (ρ, ε) it must be compressed at. */
export interface ConformCase {
  readonly family: string;
  readonly inst: Instance;
  readonly rho: number;
  readonly eps: number;
}

/** A named source of cases and the anchor its hardness comes from. */
export interface CaseFamily {
  readonly name: string;
  readonly anchor: string;
  readonly arbitrary: fc.Arbitrary<ConformCase>;
}

/** ρ on a grid of quarters, 0.25 … max: shrinks towards small radii. */
function rhoArb(maxQuarters: number): fc.Arbitrary<number> {
  return fc.integer({ min: 1, max: maxQuarters }).map((k) => k / 4);
}

/** ε on a grid of fiftieths, 0.02 … 0.4. */
const epsArb = fc.integer({ min: 1, max: 20 }).map((k) => k / 50);

/**
 * Coordinates on an integer grid, normalised afterwards: they shrink to 0 in
 * a few steps (doubles take dozens), which keeps shrinking within budget.
 */
const grid = (len: number) => fc.array(fc.integer({ min: -16, max: 16 }), { minLength: len, maxLength: len });

/** The unit vector along the first `dim` entries of `x` (e₁ when they are all 0). */
function unit(x: number[], dim: number): number[] {
  const y = x.slice(0, dim);
  const s = Math.hypot(...y);
  return s > 0 ? y.map((t) => t / s) : y.map((_, j) => (j === 0 ? 1 : 0));
}

function instanceOf(keys: number[][], values: number[][]): Instance {
  const n = keys.length;
  const d = keys[0].length;
  const dv = values[0].length;
  return { n, d, dv, K: Float64Array.from(keys.flat()), V: Float64Array.from(values.flat()) };
}

// Families draw rows at the largest dimension and cut them to (d, dv), with
// no fc.chain: fast-check then shrinks n by dropping rows and d by cutting
// columns while keeping the rest of the failing instance.
const MAX_D = 5;
const MAX_DV = 3;

/**
 * Unit keys and values, uniform-ish on the sphere (`def:instance`, the
 * paper's unit setting).
 * @lemma def:instance
 */
export function sphereFamily(maxN = 16): CaseFamily {
  const arbitrary = fc
    .record({
      rows: fc.array(fc.tuple(grid(MAX_D), grid(MAX_DV)), { minLength: 1, maxLength: maxN }),
      d: fc.integer({ min: 1, max: MAX_D }),
      dv: fc.integer({ min: 1, max: MAX_DV }),
      rho: rhoArb(12),
      eps: epsArb,
    })
    .map(({ rows, d, dv, rho, eps }) => ({
      family: 'sphere',
      inst: instanceOf(
        rows.map(([k]) => unit(k, d)),
        rows.map(([, v]) => unit(v, dv)),
      ),
      rho,
      eps,
    }));
  return { name: 'sphere', anchor: 'def:instance', arbitrary };
}

/**
 * Keys in the unit ball with norms on a grid of tenths (0 included), unit
 * values: small-norm keys keep a logit near 0 at every query, so dropping
 * them is visible.
 * @lemma def:instance
 */
export function ballFamily(maxN = 16): CaseFamily {
  const arbitrary = fc
    .record({
      rows: fc.array(fc.tuple(grid(MAX_D), fc.integer({ min: 0, max: 10 }), grid(MAX_DV)), { minLength: 1, maxLength: maxN }),
      d: fc.integer({ min: 1, max: MAX_D }),
      dv: fc.integer({ min: 1, max: MAX_DV }),
      rho: rhoArb(12),
      eps: epsArb,
    })
    .map(({ rows, d, dv, rho, eps }) => ({
      family: 'ball',
      inst: instanceOf(
        rows.map(([k, r]) => unit(k, d).map((x) => (x * r) / 10)),
        rows.map(([, , v]) => unit(v, dv)),
      ),
      rho,
      eps,
    }));
  return { name: 'ball', anchor: 'def:instance', arbitrary };
}

/**
 * The uniform-weights trap T_ρ (`prop:uniform-weights-fail`): every
 * uniform-weight ε-coreset has size ≈ e^{2ρ}(1−2ε), a weighted one has size 2.
 * @lemma prop:uniform-weights-fail
 */
export function trapFamily(maxRhoQuarters = 8): CaseFamily {
  const arbitrary = fc
    .record({ rho: rhoArb(maxRhoQuarters), eps: epsArb, d: fc.integer({ min: 1, max: 3 }) })
    .map(({ rho, eps, d }) => ({ family: 'trap', inst: uniformTrap(rho, d).instance, rho, eps }));
  return { name: 'trap', anchor: 'prop:uniform-weights-fail', arbitrary };
}

/**
 * The orthonormal family of `prop:orthonormal-floor`, n = 1 … maxN.
 * @lemma prop:orthonormal-floor
 */
export function orthonormalFamily(maxN = 8): CaseFamily {
  const arbitrary = fc
    .record({ n: fc.integer({ min: 1, max: maxN }), rho: rhoArb(12), eps: epsArb })
    .map(({ n, rho, eps }) => ({ family: 'orthonormal', inst: orthonormalInstance(n), rho, eps }));
  return { name: 'orthonormal', anchor: 'prop:orthonormal-floor', arbitrary };
}

/**
 * Exact duplicates: a few distinct unit (key, value) pairs, each repeated. An
 * implementation that merges duplicates must carry their multiplicity as a
 * weight (`def:weighted-set`).
 * @lemma def:weighted-set
 */
export function clusterFamily(): CaseFamily {
  const arbitrary = fc
    .record({
      centres: fc.array(fc.tuple(grid(MAX_D), grid(MAX_DV), fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: 4 }),
      d: fc.integer({ min: 1, max: 3 }),
      dv: fc.integer({ min: 1, max: 2 }),
      rho: rhoArb(12),
      eps: epsArb,
    })
    .map(({ centres, d, dv, rho, eps }) => {
      const keys: number[][] = [];
      const values: number[][] = [];
      for (const [k, v, r] of centres) for (let t = 0; t < r; t++) (keys.push(unit(k, d)), values.push(unit(v, dv)));
      return { family: 'clusters', inst: instanceOf(keys, values), rho, eps };
    });
  return { name: 'clusters', anchor: 'def:weighted-set', arbitrary };
}

/**
 * Turns any arbitrary of instances (e.g. from `attn-coreset/properties`)
 * into a case family, with ρ and ε on the harness's grids.
 * @lemma def:instance
 */
export function familyFromInstances(name: string, anchor: string, instances: fc.Arbitrary<Instance>): CaseFamily {
  const arbitrary = fc.record({ inst: instances, rho: rhoArb(12), eps: epsArb }).map(({ inst, rho, eps }) => ({ family: name, inst, rho, eps }));
  return { name, anchor, arbitrary };
}
