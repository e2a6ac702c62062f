/**
 * Case families at the scale real KV-cache compressors work at (n in the
 * thousands, d = 64/128), each built to break a rule that is deployed in
 * practice. They are seeded generators, not fast-check arbitraries: a case
 * is regenerated from its family, shape, (ρ, ε) and seed, which the report
 * prints, instead of being shrunk.
 * @module
 */
import { InputError } from '../errors.js';
import { attentionSinkInstance, clusteredInstance, orthonormalInstance, randomUnitVector, seededRng, sphereInstance, uniformTrap, type Rng } from '../families/index.js';
import { uniformTrapSize } from '../bounds.js';
import type { Instance } from '../types.js';

/** The shape, radius, target and seed of one scaled case. */
export interface ScaledParams {
  readonly n: number;
  readonly d: number;
  readonly dv: number;
  readonly rho: number;
  readonly eps: number;
  readonly seed: number;
}

/** A named generator of large instances and the anchor its hardness comes from. */
export interface ScaledFamily {
  readonly name: string;
  readonly anchor: string;
  /** The rule this family is built to break (for the docs and the report). */
  readonly breaks: string;
  /** The parameters the family really uses (trap and orthonormal fix n, dv). */
  readonly adjust?: (p: ScaledParams) => ScaledParams;
  /** Generates the instance of the (adjusted) parameters, deterministically from `p.seed`. */
  readonly make: (p: ScaledParams) => Instance;
}

function unitRows(rng: Rng, n: number, d: number, norm: (i: number) => number): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = randomUnitVector(rng, d, out.subarray(i * d, (i + 1) * d));
    const r = norm(i);
    for (let j = 0; j < d; j++) row[j] *= r;
  }
  return out;
}

/** Unit vectors within angle ≈ `spread` of `centre` (Gaussian noise, renormalised). */
function around(rng: Rng, centre: Float64Array, spread: number, out: Float64Array): void {
  let s = 0;
  for (let j = 0; j < out.length; j++) {
    out[j] = centre[j] + spread * rng.normal();
    s += out[j] * out[j];
  }
  const r = Math.sqrt(s);
  for (let j = 0; j < out.length; j++) out[j] /= r;
}

/** Attention sink at row 0 and keys of norm 0.3…1 spread over the whole sequence. */
const sinkRecent: ScaledFamily = {
  name: 'sink-recent',
  anchor: 'def:attention',
  breaks: 'keep the attention sink and a window of recent rows (StreamingLLM)',
  make: ({ n, d, dv, seed }) => {
    const rng = seededRng(seed);
    return { n, d, dv, K: unitRows(rng, n, d, (i) => (i === 0 ? 1 : 0.3 + 0.7 * rng.uniform())), V: unitRows(rng, n, dv, () => 1) };
  },
};

/** A few unit heavy hitters; the light keys share one value, so one summed weight represents them all. */
const heavyFriendly: ScaledFamily = {
  name: 'heavy-hitter-friendly',
  anchor: 'def:weighted-set',
  breaks: 'keep the heavy hitters and drop the rest without reweighting (H2O without mass)',
  make: ({ n, d, dv, seed }) => {
    const rng = seededRng(seed);
    const heavy = Math.min(n, 8);
    const K = unitRows(rng, n, d, (i) => (i < heavy ? 1 : 0.05));
    const common = randomUnitVector(rng, dv);
    const V = new Float64Array(n * dv);
    for (let i = 0; i < n; i++) {
      if (i < heavy) randomUnitVector(rng, dv, V.subarray(i * dv, (i + 1) * dv));
      else V.set(common, i * dv);
    }
    return { n, d, dv, K, V };
  },
};

/**
 * Most keys near +u (they collect the accumulated attention of queries near
 * the keys' mean), a small group near −u with values of their own: a rule
 * ranking keys by accumulated attention drops exactly the group that rules
 * the queries pointing at −u.
 */
const heavyHostile: ScaledFamily = {
  name: 'heavy-hitter-hostile',
  anchor: 'def:eps-coreset',
  breaks: 'keep the keys with the most accumulated attention (H2O, scissorhands)',
  make: ({ n, d, dv, seed }) => {
    const rng = seededRng(seed);
    const u = randomUnitVector(rng, d);
    const minus = u.map((x) => -x);
    const group = Math.max(1, Math.min(16, Math.floor(n / 16)));
    const K = new Float64Array(n * d);
    for (let i = 0; i < n; i++) around(rng, i < n - group ? u : minus, 0.3, K.subarray(i * d, (i + 1) * d));
    return { n, d, dv, K, V: unitRows(rng, n, dv, () => 1) };
  },
};

/** Clusters of very unequal mass with values shared per cluster (`clusteredInstance`). */
const clusteredValues: ScaledFamily = {
  name: 'clustered-values',
  anchor: 'def:instance',
  breaks: 'uniform or strided sampling (misses the light clusters)',
  make: ({ n, d, dv, seed }) => clusteredInstance({ n, d, dv, seed, clusters: 6, spread: 0.05, skew: 4 }),
};

/** Pairs of keys 1e-3 apart with opposite values: merging them keeps a value that should cancel. */
const oppositeDuplicates: ScaledFamily = {
  name: 'opposite-duplicates',
  anchor: 'def:weighted-set',
  breaks: 'merge near-duplicate keys into one representative',
  make: ({ n, d, dv, seed }) => {
    const rng = seededRng(seed);
    const K = new Float64Array(n * d);
    const V = new Float64Array(n * dv);
    for (let i = 0; i < n; i += 2) {
      const k = randomUnitVector(rng, d, K.subarray(i * d, (i + 1) * d));
      const v = randomUnitVector(rng, dv, V.subarray(i * dv, (i + 1) * dv));
      if (i + 1 < n) {
        around(rng, k, 1e-3, K.subarray((i + 1) * d, (i + 2) * d));
        for (let j = 0; j < dv; j++) V[(i + 1) * dv + j] = -v[j];
      }
    }
    return { n, d, dv, K, V };
  },
};

/** Unit keys and values uniform on the sphere (the paper's unit setting). */
const sphereLarge: ScaledFamily = {
  name: 'sphere-large',
  anchor: 'def:instance',
  breaks: 'any fixed-position rule (window, stride) on unstructured keys',
  make: ({ n, d, dv, seed }) => sphereInstance({ n, d, dv, seed }),
};

/** One dominant unit key among keys of norm 0.1 (`attentionSinkInstance`). */
const sinkDominant: ScaledFamily = {
  name: 'sink-dominant',
  anchor: 'def:attention',
  breaks: 'dropping or mis-weighting the sink',
  make: ({ n, d, dv, seed }) => attentionSinkInstance({ n, d, dv, seed, otherKeyNorm: 0.1 }),
};

/** Largest trap radius whose T_ρ has at most `maxN` rows. */
function trapRho(rho: number, maxN: number): number {
  let r = rho;
  while (r > 0.25 && uniformTrapSize(r) + 1 > maxN) r -= 0.25;
  return r;
}

/** The uniform-weights trap T_ρ (`prop:uniform-weights-fail`) at the largest ρ ≤ the case's with n ≤ the case's. */
const trapLarge: ScaledFamily = {
  name: 'trap-large',
  anchor: 'prop:uniform-weights-fail',
  breaks: 'uniform weights (every uniform-weight coreset needs ≈ e^{2ρ}(1−2ε) points)',
  adjust: (p) => {
    const rho = trapRho(p.rho, p.n);
    return { ...p, rho, n: uniformTrapSize(rho) + 1, dv: 1 };
  },
  make: ({ rho, d }) => uniformTrap(rho, d).instance,
};

/** The orthonormal family (`prop:orthonormal-floor`) with n = d rows. */
const orthonormalLarge: ScaledFamily = {
  name: 'orthonormal-large',
  anchor: 'prop:orthonormal-floor',
  breaks: 'any rule that drops a row of an orthonormal key set',
  adjust: (p) => ({ ...p, n: Math.min(p.n, p.d), d: Math.min(p.n, p.d), dv: Math.min(p.n, p.d) }),
  make: ({ n }) => orthonormalInstance(n),
};

/**
 * Returns the scaled families, in the order the profiles cycle through them
 * (the rules most deployed first).
 * @lemma def:eps-coreset
 */
export function scaledFamilies(): readonly ScaledFamily[] {
  return [sinkRecent, heavyHostile, oppositeDuplicates, clusteredValues, heavyFriendly, trapLarge, orthonormalLarge, sphereLarge, sinkDominant];
}

/**
 * Returns the scaled family named `name`.
 *
 * Error: {@link InputError} (`usage`, `--family`) listing the names.
 * @lemma def:eps-coreset
 */
export function scaledFamily(name: string): ScaledFamily {
  const f = scaledFamilies().find((x) => x.name === name);
  if (f === undefined) throw new InputError('usage', '--family', `unknown scaled family '${name}' (${scaledFamilies().map((x) => x.name).join(', ')})`);
  return f;
}

/**
 * Generates the instance of a scaled case, with the parameters it really
 * has (after the family's adjustment).
 * @lemma def:instance
 */
export function scaledCase(family: ScaledFamily, p: ScaledParams): { readonly params: ScaledParams; readonly inst: Instance } {
  const params = family.adjust ? family.adjust(p) : p;
  return { params, inst: family.make(params) };
}
