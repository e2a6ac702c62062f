/**
 * Generates the version-2 conformance vectors (compressed caches with their
 * outcomes): KIVI int4/int8 quantized caches, an exact duplicate merge, a
 * centroid merge, a value-refitted halving subset and the full set.
 * Witnesses come from the falsifier, errors at them from the decimal.js
 * reference; every outcome is then confirmed without attn-coreset by
 * `conformance/vectors/confirm_v2.py` (numpy), which the tests run.
 * `scripts/gen-vectors.ts` writes the result.
 * @module
 */
import { join } from 'node:path';
import { cacheOfCoreset } from '../../cache.js';
import { buildCoreset } from '../../construct/build.js';
import { mergeCache } from '../../construct/centroids.js';
import { quantizeCache } from '../../construct/quantize.js';
import { refitValues } from '../../construct/refit-values.js';
import { clusteredInstance, sphereInstance } from '../../families/index.js';
import { coresetErrorBound, evaluationProfile } from '../../fast/float-error.js';
import { formatHexFloat } from '../../io/hex-float.js';
import { readMatrix } from '../../io/read-matrix.js';
import * as Ref from '../../reference/index.js';
import type { Cache, Instance } from '../../types.js';
import { verify } from '../../verify/verify.js';
import { encodeBase64Float64 } from '../cache-response.js';
import { doubleBelow } from './exact-bounds.js';
import { hexRows, input } from './generate.js';
import type { CacheVectorCase, CacheVectorFile, VectorCache } from './types-v2.js';

/** Identifies the generator in every v2 file header. */
export const GENERATOR_V2 = 'attn-coreset scripts/gen-vectors.ts (caches from src/construct, witnesses from the falsifier, errors from the decimal.js reference)';

/** How every v2 outcome was confirmed independently (written into each file). */
export const CONFIRMATION_V2 =
  'conformance/vectors/confirm_v2.py recomputes every outcome in numpy float64 without attn-coreset code: ' +
  'a fail, the error at the witness (within tolerance of error, and above eps; the witness inside the ball); ' +
  'a regrouping pass, that the cache is the distinct (k, v) rows of the input weighted by multiplicity, and error 0 at the queries; ' +
  'a certificate pass, a search of the ball (random and projected-gradient queries) finding no error above upperAtMost; ' +
  'a quantized cache, that the KIVI recipe re-applied to the input gives the cache bit for bit.';

/** The falsifier's seed for every v2 vector (the verifier is deterministic given it). */
const SEED = 1;

const KIVI = 'confirm_v2.py: the KIVI recipe re-applied in numpy gives this cache bit for bit; ';
const FAIL = 'numpy float64 error at the witness within tolerance of error, above eps';
const CERT = 'verifier certificate (upperAtMost ≤ eps); numpy search of the ball found no error above upperAtMost';
const REGROUP = 'numpy: the cache is the distinct (k, v) rows weighted by multiplicity; error 0 at the queries';

function encodeCache(c: Cache, encoding: 'hex' | 'base64'): VectorCache {
  if (encoding === 'base64') return { m: c.m, encoding, keys: encodeBase64Float64(c.K), values: encodeBase64Float64(c.V), weights: encodeBase64Float64(c.weights) };
  return { m: c.m, encoding, keys: hexRows(c.K, c.m, c.d), values: hexRows(c.V, c.m, c.dv), weights: Array.from(c.weights, formatHexFloat) };
}

interface Spec {
  readonly id: string;
  readonly anchor: string;
  readonly description: string;
  readonly inst: Instance;
  readonly cache: Cache;
  readonly rho: number;
  readonly eps: number;
  readonly encoding?: 'hex' | 'base64';
  readonly construction?: CacheVectorCase['construction'];
  readonly confirmedBy: string;
}

function vector(s: Spec, expect: CacheVectorCase['expect']): CacheVectorCase {
  const made = s.construction === undefined ? {} : { construction: s.construction };
  return { id: s.id, anchor: s.anchor, description: s.description, input: input(s.inst, s.rho, s.eps), cache: encodeCache(s.cache, s.encoding ?? 'hex'), ...made, expect };
}

function kivi(inst: Instance, bits: number): Pick<Spec, 'cache' | 'construction'> {
  return { cache: quantizeCache(inst, { bits, group: 32 }), construction: { method: 'kivi', bits, group: 32 } };
}

/**
 * A case whose cache fails at ε: the falsifier's witness, the reference
 * error there (nearest and rounded down) and the `lem:float-error` bound of
 * a binary64 evaluation at it.
 * @lemma lem:cache-float-error
 */
export function failVector(s: Spec): CacheVectorCase {
  const r = verify(s.inst, s.cache, { rho: s.rho, eps: s.eps, seed: SEED });
  if (r.verdict !== 'fail') throw new Error(`${s.id}: expected the verifier to refute the cache, got ${r.verdict}`);
  const q = r.witness;
  const exact = Ref.coresetError(s.inst, q, s.cache);
  const atLeast = doubleBelow(exact);
  if (!(atLeast > s.eps)) throw new Error(`${s.id}: the error at the witness ${atLeast} does not exceed ε = ${s.eps}`);
  const tolerance = coresetErrorBound(evaluationProfile(s.inst, q, null), evaluationProfile(s.inst, q, s.cache));
  if (!(atLeast - tolerance > s.eps)) throw new Error(`${s.id}: error − tolerance does not exceed ε`);
  return vector(s, {
    outcome: 'fail',
    witness: Array.from(q, formatHexFloat),
    error: formatHexFloat(Ref.toNearestDouble(exact)),
    errorAtLeast: formatHexFloat(atLeast),
    tolerance: formatHexFloat(tolerance),
    confirmedBy: s.confirmedBy,
  });
}

/**
 * A case whose cache the verifier certifies at ε (upper ≤ ε).
 * @lemma lem:cache-rkhs-certificate
 */
export function certifiedVector(s: Spec): CacheVectorCase {
  const r = verify(s.inst, s.cache, { rho: s.rho, eps: s.eps, seed: SEED });
  if (r.verdict !== 'certified') throw new Error(`${s.id}: expected a certificate, got ${r.verdict} (upper ${r.upper})`);
  return vector(s, { outcome: 'pass', proof: 'certificate', upperAtMost: formatHexFloat(r.upper), lower: formatHexFloat(r.lower), confirmedBy: s.confirmedBy });
}

/**
 * The exact regrouping of an instance (`def:compressed-cache`): one row per
 * distinct (k, v) pair, in order of first appearance, weight = multiplicity.
 * @lemma def:compressed-cache
 */
export function regroupCache(inst: Instance): Cache {
  const { n, d, dv } = inst;
  const rowKey = (i: number) => [...inst.K.subarray(i * d, (i + 1) * d), ...inst.V.subarray(i * dv, (i + 1) * dv)].map(formatHexFloat).join(',');
  const first = new Map<string, number>();
  const reps: number[] = [];
  const mult: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = rowKey(i);
    const j = first.get(k);
    if (j === undefined) (first.set(k, reps.length), reps.push(i), mult.push(1));
    else mult[j]++;
  }
  return cacheOfCoreset(inst, { indices: Uint32Array.from(reps), weights: Float64Array.from(mult) });
}

function regroupVector(s: Spec, queries: number[][]): CacheVectorCase {
  for (const q of queries) {
    const e = Ref.coresetError(s.inst, Float64Array.from(q), s.cache);
    if (!e.isZero() && e.greaterThan(1e-40)) throw new Error(`${s.id}: a regrouping has error ${e} at ${q}`);
  }
  return vector(s, { outcome: 'pass', proof: 'regrouping', queries: queries.map((q) => q.map(formatHexFloat)), confirmedBy: s.confirmedBy });
}

function file(cases: CacheVectorCase[]): CacheVectorFile {
  return { version: 2, generator: GENERATOR_V2, confirmation: CONFIRMATION_V2, count: cases.length, cases };
}

/** Where the v2 vectors' real head comes from and how it is cut down. */
export interface FixtureHead {
  /** Directory with the head's k.npy and v.npy (test/fixtures/heads/<name>). */
  readonly dir: string;
  readonly name: string;
  /** The head's logit scale; the vector's keys are the head's keys times it. */
  readonly scale: number;
  /** Rows kept (the first tokens). */
  readonly tokens: number;
}

/**
 * The instance of a committed real head: its first `tokens` rows, keys
 * multiplied by the logit scale (so the kernel is e^{⟨q,k⟩}).
 * @lemma def:model-scaling
 */
export function fixtureHeadInstance(h: FixtureHead): Instance {
  const k = readMatrix(join(h.dir, 'k.npy'));
  const v = readMatrix(join(h.dir, 'v.npy'));
  const n = Math.min(h.tokens, k.rows);
  return { n, d: k.cols, dv: v.cols, K: k.data.slice(0, n * k.cols).map((x) => x * h.scale), V: v.data.slice(0, n * v.cols) };
}

/**
 * Quantized caches (`lem:quantization-error`): int4 of a sphere instance
 * and of a real head fail; int8 of the sphere instance is certified.
 * @lemma lem:quantization-error
 */
export function quantizedVectors(head: FixtureHead): CacheVectorFile {
  const sphere = sphereInstance({ n: 32, d: 4, dv: 4, seed: 3 });
  const real = fixtureHeadInstance(head);
  const anchor = 'lem:quantization-error';
  return file([
    failVector({ id: 'cache/int4/sphere/n=32/rho=2/eps=0.01', anchor, description: 'int4 KIVI cache (keys per channel, values per token, group 32) of 32 random unit keys and values in d = 4: fails', inst: sphere, ...kivi(sphere, 4), rho: 2, eps: 0.01, confirmedBy: KIVI + FAIL }),
    certifiedVector({ id: 'cache/int8/sphere/n=32/rho=2/eps=0.01', anchor, description: 'int8 KIVI cache of the same instance: certified', inst: sphere, ...kivi(sphere, 8), rho: 2, eps: 0.01, confirmedBy: KIVI + CERT }),
    failVector({
      id: `cache/int4/head-${head.name}/tokens=${real.n}/rho=1/eps=0.05`,
      anchor,
      description: `int4 KIVI cache (group 32) of the first ${real.n} tokens of the real head ${head.name} (test/fixtures/heads; keys × logit scale ${head.scale}), base64 encoded: fails`,
      inst: real,
      ...kivi(real, 4),
      rho: 1,
      eps: 0.05,
      encoding: 'base64',
      confirmedBy: KIVI + FAIL,
    }),
  ]);
}

/**
 * Merged caches: an exact merge of duplicate rows passes (A_C ≡ A_1); a
 * centroid merge (`lem:centroid-mass`) fails at a small ε and is certified
 * at a larger one.
 * @lemma lem:centroid-mass
 */
export function mergedVectors(): CacheVectorFile {
  const centres: [number[], number[], number][] = [
    [[0.6, 0.8, 0], [1, 0], 3],
    [[1, 0, 0], [0, -1], 1],
    [[0, -1, 0.5], [-0.6, 0.8], 4],
    [[-0.8, 0.6, -0.25], [0.28, -0.96], 2],
    [[0.125, 0.25, 0.375], [0.5, 0.5], 5],
  ];
  const K: number[] = [];
  const V: number[] = [];
  // Interleaved, so that the duplicates of a pair are not adjacent.
  for (let t = 0; t < 5; t++) for (const [k, v, r] of centres) if (t < r) (K.push(...k), V.push(...v));
  const dup: Instance = { n: K.length / 3, d: 3, dv: 2, K: Float64Array.from(K), V: Float64Array.from(V) };
  const cl = clusteredInstance({ n: 48, d: 4, dv: 4, seed: 5 });
  const merged = mergeCache(cl, { size: 8, seed: 1 });
  const cdesc = 'centroid merge (k-means++ then Lloyd, 8 clusters: mean key, mean value, weight = count) of a 48-row clustered instance in d = 4';
  return file([
    regroupVector(
      { id: 'cache/duplicates/rho=1/eps=0.01', anchor: 'def:compressed-cache', description: 'five distinct (key, value) pairs repeated 3, 1, 4, 2, 5 times, interleaved; the cache has one row per pair, weight = multiplicity: exact', inst: dup, cache: regroupCache(dup), rho: 1, eps: 0.01, confirmedBy: REGROUP },
      [[0, 0, 0], [1, 0, 0], [0, -0.6, 0.8], [-0.48, 0.36, 0.8]],
    ),
    failVector({ id: 'cache/centroids/clustered/m=8/rho=2/eps=0.002', anchor: 'lem:centroid-mass', description: `${cdesc}: fails at ε = 0.002`, inst: cl, cache: merged, rho: 2, eps: 0.002, confirmedBy: FAIL }),
    certifiedVector({ id: 'cache/centroids/clustered/m=8/rho=2/eps=0.01', anchor: 'lem:centroid-mass', description: `${cdesc}: certified at ε = 0.01`, inst: cl, cache: merged, rho: 2, eps: 0.01, confirmedBy: CERT }),
  ]);
}

/**
 * A value-refitted cache (`lem:value-refit`): the halving subset of 8 rows
 * with its values refitted by ridge least squares on sampled ball queries.
 * @lemma lem:value-refit
 */
export function refittedVectors(): CacheVectorFile {
  const inst = clusteredInstance({ n: 48, d: 4, dv: 4, seed: 5 });
  const rho = 2;
  const subset = buildCoreset(inst, { rho, size: 8, method: 'halving', seed: 1 });
  const cache = refitValues(inst, cacheOfCoreset(inst, subset.coreset), { rho, seed: 1 });
  const desc = `halving subset of ${cache.m} rows of a 48-row clustered instance in d = 4, values refitted (ridge λ = 1e-3 on sampled ball queries)`;
  const anchor = 'lem:value-refit';
  return file([
    failVector({ id: 'cache/refit-values/clustered/rho=2/eps=0.005', anchor, description: `${desc}: fails at ε = 0.005`, inst, cache, rho, eps: 0.005, confirmedBy: FAIL }),
    certifiedVector({ id: 'cache/refit-values/clustered/rho=2/eps=0.15', anchor, description: `${desc}: certified at ε = 0.15`, inst, cache, rho, eps: 0.15, confirmedBy: CERT }),
  ]);
}

/**
 * The full set as a cache (K, V, weights 1): the trivial pass.
 * @lemma def:compressed-cache
 */
export function fullVectors(): CacheVectorFile {
  const inst = sphereInstance({ n: 32, d: 4, dv: 4, seed: 3 });
  const cache: Cache = { m: inst.n, d: inst.d, dv: inst.dv, K: inst.K, V: inst.V, weights: new Float64Array(inst.n).fill(1) };
  return file([
    regroupVector({ id: 'cache/full/sphere/n=32/rho=2/eps=0.01', anchor: 'def:compressed-cache', description: 'the full set as a cache (every row, weight 1): exact', inst, cache, rho: 2, eps: 0.01, confirmedBy: REGROUP }, [
      [0, 0, 0, 0],
      [2, 0, 0, 0],
      [0, 0, -1.2, 1.6],
    ]),
  ]);
}

/** The real head of the v2 vectors (directory relative to the repository root; scale as in its manifest). */
export const V2_HEAD: FixtureHead = { dir: 'test/fixtures/heads/p0-l0-h0', name: 'p0-l0-h0', scale: 0.125, tokens: 16 };

/**
 * Every v2 vector file by name (`<name>.json` in `conformance/vectors/v2/`),
 * reading the fixture head under the repository `root`.
 * @lemma def:compressed-cache
 */
export function allCacheVectorFiles(root: string): Record<string, CacheVectorFile> {
  const head = { ...V2_HEAD, dir: join(root, V2_HEAD.dir) };
  return { quantized: quantizedVectors(head), merged: mergedVectors(), refitted: refittedVectors(), full: fullVectors() };
}
