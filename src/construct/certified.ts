/**
 * The certified build: the smallest size whose *certificate* is ≤ ε — a
 * coreset with a proof (`def:eps-coreset` by `lem:rkhs-certificate` or
 * `lem:moment-certificate`), not only one the falsifier does not refute.
 * @module
 */
import { InputError } from '../errors.js';
import type { Coreset, Instance } from '../types.js';
import { normalizeCoreset } from '../validate.js';
import { subsetMeasure } from '../verify/measure.js';
import { momentCertificate } from '../verify/moment.js';
import { rkhsCertificate } from '../verify/rkhs.js';
import type { VerifyResult } from '../verify/types.js';
import { verify } from '../verify/verify.js';
import { buildCoreset } from './build.js';
import { boundRatio, buildForEps, type EpsBuildOptions } from './targeted.js';

/**
 * Largest n for {@link buildCertified}: every trial evaluates both
 * certificates, O(n²·d) each (≈ 15 s at n = 4096, d = 64 on the loaded
 * benchmark machine), so 16384 rows already cost minutes per trial.
 */
export const CERTIFY_MAX_N = 16_384;

/** One size the certified search tried. */
export interface CertifiedTrial {
  readonly size: number;
  /** min(RKHS, moment) certificate of the coreset built at this size. */
  readonly upper: number;
  readonly upperMethod: 'rkhs' | 'moment';
}

/** Result of {@link buildCertified}. */
export interface CertifiedBuildResult {
  readonly coreset: Coreset;
  readonly size: number;
  /** Its certified bound (≤ ε unless `certified` is false). */
  readonly upper: number;
  readonly upperMethod: 'rkhs' | 'moment';
  /** Whether a size with certificate ≤ ε was found (else the largest tried, n, is returned). */
  readonly certified: boolean;
  /** The ε-targeted (unrefuted) size the search started from, and size / it. */
  readonly unrefutedSize: number;
  readonly sizeOverUnrefuted: number;
  /** size / (√d·e^ρ/ε). */
  readonly boundRatio: number;
  /** `verify()` of the result at ε (its upper is the same certificate or better). */
  readonly verification: VerifyResult;
  readonly trials: readonly CertifiedTrial[];
  readonly seconds: number;
}

function certificateOf(inst: Instance, coreset: Coreset, rho: number): CertifiedTrial {
  const c = normalizeCoreset(coreset, inst.n);
  const r = rkhsCertificate(inst, c, rho).upper;
  const m = momentCertificate(subsetMeasure(inst, c, rho, 1, true), rho).upper;
  return { size: c.indices.length, upper: Math.min(r, m), upperMethod: m < r ? 'moment' : 'rkhs' };
}

/**
 * Computes a coreset of (about) the smallest size whose certified upper
 * bound min(RKHS, moment) is ≤ ε (`def:eps-coreset`).
 *
 * Method: the ε-targeted search (`buildForEps`) gives the unrefuted size m_u;
 * no refuted size can be certified, so the search runs on sizes ≥ m_u: grow
 * by the factor certificate/ε (clamped to [1.25, 4]) until a certificate is
 * ≤ ε, then bisect to within max(1, ⌊lo/32⌋). The certificate need not be
 * monotone in the size; the result is certified whatever the bisection
 * skipped. Each size is built afresh by `buildCoreset` (same method, seed).
 *
 * Special cases: n > `CERTIFY_MAX_N` is refused (InputError); when even the
 * full set's size fails (never in exact arithmetic: ĉ = 0 there), the
 * largest tried is returned with `certified: false`.
 * @lemma def:eps-coreset
 * @lemma lem:moment-certificate
 * @lemma lem:rkhs-certificate
 * @example
 * ```ts
 * import { buildCertified, sphereInstance } from 'attn-coreset';
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const r = buildCertified(inst, { rho: 0.5, eps: 0.1, seed: 1, budget: 256 });
 * console.log(r.size, r.certified, r.upper, r.upperMethod); // certified: upper ≤ ε
 * ```
 */
export function buildCertified(inst: Instance, options: EpsBuildOptions): CertifiedBuildResult {
  const t0 = performance.now();
  if (inst.n > CERTIFY_MAX_N) throw new InputError('parameter', 'n', `${inst.n} > ${CERTIFY_MAX_N}: certificates cost O(n²d) per trial; build --eps gives an unrefuted coreset instead`);
  const { rho, eps } = options;
  const method = options.method ?? 'halving';
  const seed = options.seed ?? 0;
  const unrefuted = buildForEps(inst, options);
  const trials: CertifiedTrial[] = [];
  const built = new Map<number, Coreset>();
  const at = (m: number): CertifiedTrial => {
    const coreset = m === unrefuted.size ? unrefuted.coreset : buildCoreset(inst, { rho, size: m, method, seed }).coreset;
    built.set(m, coreset);
    const t = certificateOf(inst, coreset, rho);
    trials.push({ ...t, size: m });
    return t;
  };
  let lo = unrefuted.size - 1;
  let hi = -1;
  let m = unrefuted.size;
  for (;;) {
    const t = at(m);
    if (t.upper <= eps) {
      hi = m;
      break;
    }
    lo = m;
    if (m >= inst.n) break;
    const f = Math.min(4, Math.max(1.25, t.upper / eps));
    m = Math.min(inst.n, Math.ceil(m * f));
  }
  if (hi > 0) {
    while (hi - lo > Math.max(1, Math.floor(lo / 32))) {
      const mid = Math.floor((lo + hi) / 2);
      if (at(mid).upper <= eps) hi = mid;
      else lo = mid;
    }
  }
  const size = hi > 0 ? hi : inst.n;
  const best = trials.filter((t) => t.size === size).pop() as CertifiedTrial;
  const coreset = built.get(size) as Coreset;
  const verification = verify(inst, coreset, { rho, eps, seed: options.verifySeed ?? seed + 1, rkhs: 'always', moment: 'always', ...(options.budget !== undefined ? { budget: options.budget } : {}) });
  return {
    coreset,
    size,
    upper: best.upper,
    upperMethod: best.upperMethod,
    certified: hi > 0,
    unrefutedSize: unrefuted.size,
    sizeOverUnrefuted: size / unrefuted.size,
    boundRatio: boundRatio(size, inst.d, rho, eps),
    verification,
    trials,
    seconds: (performance.now() - t0) / 1000,
  };
}
