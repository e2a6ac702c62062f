/**
 * Conformance profiles (`--profile quick|standard|deep`) and the plan of
 * scaled cases they, or the pinning flags `--family --n --d --dv --rho
 * --eps`, give. The case counts, shapes and typical times are documented in
 * conformance/PROFILES.md.
 * @module
 */
import { InputError } from '../errors.js';
import { seededRng } from '../families/index.js';
import { scaledCase, scaledFamilies, type ScaledFamily, type ScaledParams } from './scaled.js';
import type { ConformCase } from './cases.js';

/** The profile names, cheapest first. */
export const PROFILE_NAMES = ['quick', 'standard', 'deep'] as const;
/** A profile name. */
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** Case counts and the grids the scaled cases draw from. */
export interface Profile {
  readonly name: ProfileName;
  /** Cases of the small, shrinking (fast-check) families. */
  readonly smallCases: number;
  /** Cases of the scaled families (cycled through in order). */
  readonly scaledCases: number;
  readonly n: readonly number[];
  readonly d: readonly number[];
  /** dv as a multiple of d (dv ≠ d in two of three draws). */
  readonly dvRatio: readonly number[];
  readonly rho: readonly number[];
  readonly eps: readonly number[];
}

const LARGE = { n: [512, 1024, 2048, 4096], d: [64, 128], dvRatio: [0.5, 1, 0.25], rho: [1, 2, 4, 8], eps: [0.005, 0.01, 0.02, 0.05, 0.1] };

const PROFILES: Record<ProfileName, Profile> = {
  quick: { name: 'quick', smallCases: 40, scaledCases: 4, n: [128, 256], d: [16, 64], dvRatio: [0.5, 1], rho: [1, 2, 4], eps: [0.02, 0.05, 0.1] },
  standard: { name: 'standard', smallCases: 50, scaledCases: 18, ...LARGE },
  deep: { name: 'deep', smallCases: 200, scaledCases: 72, ...LARGE },
};

/**
 * Returns the profile named `name`.
 *
 * Error: {@link InputError} (`usage`, `--profile`) for another name.
 * @lemma def:eps-coreset
 */
export function profile(name: string): Profile {
  if (!(PROFILE_NAMES as readonly string[]).includes(name)) throw new InputError('usage', '--profile', `must be one of ${PROFILE_NAMES.join(', ')}, got '${name}'`);
  return PROFILES[name as ProfileName];
}

/** Pinned values: each replaces the profile's grid for that parameter. */
export interface Pins {
  readonly n?: readonly number[];
  readonly d?: readonly number[];
  readonly dv?: readonly number[];
  readonly rho?: readonly number[];
  readonly eps?: readonly number[];
}

/** A scaled case to be generated when its turn comes (generation is lazy). */
export interface PlannedCase {
  readonly id: string;
  readonly family: string;
  readonly anchor: string;
  /** The seed of the instance and of the verifier for this case. */
  readonly seed: number;
  /** Builds the case, and the flags that regenerate it alone (its real parameters). */
  readonly make: () => { readonly case: ConformCase; readonly regen: readonly string[] };
}

/** Largest n·(d + dv) of a pinned scaled case: 2²⁴ doubles, 128 MiB of instance. */
export const MAX_SCALED_ENTRIES = 1 << 24;

/**
 * Plans `count` scaled cases: case k uses family k mod |families|, draws
 * its parameters from the grids (pins replace grids) with the seed
 * `seed + k`, which also seeds its instance and its verifier, so
 * `--family F --n … --d … --dv … --rho … --eps … --seed (seed+k)
 * --scaled-cases 1` regenerates it as case 0.
 *
 * Error: {@link InputError} (`usage`) for a pinned shape above
 * {@link MAX_SCALED_ENTRIES}.
 * @lemma def:eps-coreset
 */
export function planScaled(prof: Profile, families: readonly ScaledFamily[], pins: Pins, count: number, seed: number): PlannedCase[] {
  const pick = <T>(rng: ReturnType<typeof seededRng>, xs: readonly T[]): T => xs[Math.floor(rng.uniform() * xs.length)];
  for (const n of pins.n ?? []) for (const d of pins.d ?? [1]) for (const dv of pins.dv ?? [d]) {
    if (n * (d + dv) > MAX_SCALED_ENTRIES) throw new InputError('usage', '--n/--d/--dv', `a case of n=${n}, d=${d}, dv=${dv} has more than ${MAX_SCALED_ENTRIES} entries`);
  }
  const out: PlannedCase[] = [];
  for (let k = 0; k < count && families.length > 0; k++) {
    const family = families[k % families.length];
    const caseSeed = (seed + k) | 0;
    const rng = seededRng(caseSeed);
    const n = pick(rng, pins.n ?? prof.n);
    const d = pick(rng, pins.d ?? prof.d);
    const dv = pins.dv ? pick(rng, pins.dv) : Math.max(1, Math.round(d * pick(rng, prof.dvRatio)));
    const rho = pick(rng, pins.rho ?? prof.rho);
    const eps = pick(rng, pins.eps ?? prof.eps);
    const p: ScaledParams = { n, d, dv, rho, eps, seed: caseSeed };
    out.push({
      id: `${family.name}-${k}`,
      family: family.name,
      anchor: family.anchor,
      seed: caseSeed,
      make: () => {
        const { params, inst } = scaledCase(family, p);
        return { regen: regenArgs(family.name, params), case: { family: family.name, inst, rho: params.rho, eps: params.eps } };
      },
    });
  }
  return out;
}

/**
 * The command-line flags that regenerate a scaled case as case 0 of a run.
 * @lemma def:eps-coreset
 */
export function regenArgs(family: string, p: ScaledParams): string[] {
  return ['--family', family, '--n', String(p.n), '--d', String(p.d), '--dv', String(p.dv), '--rho', String(p.rho), '--eps', String(p.eps), '--seed', String(p.seed), '--scaled-cases', '1'];
}

/**
 * Selects families by name: `names` may mix small and scaled family names.
 *
 * Error: {@link InputError} (`usage`, `--family`) for an unknown name.
 * @lemma def:eps-coreset
 */
export function selectFamilies<S extends { readonly name: string }>(names: readonly string[] | undefined, small: readonly S[]): { small: S[]; scaled: ScaledFamily[] } {
  const all = scaledFamilies();
  if (names === undefined) return { small: [...small], scaled: [...all] };
  for (const n of names) {
    if (!small.some((f) => f.name === n) && !all.some((f) => f.name === n)) {
      throw new InputError('usage', '--family', `unknown family '${n}'; small: ${small.map((f) => f.name).join(', ')}; scaled: ${all.map((f) => f.name).join(', ')}`);
    }
  }
  return { small: small.filter((f) => names.includes(f.name)), scaled: all.filter((f) => names.includes(f.name)) };
}
