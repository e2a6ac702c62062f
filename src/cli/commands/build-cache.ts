/**
 * `attn-coreset build` for compressed caches: `--method quantize`,
 * `--method merge`, and `--method halving --refit-values`.
 * @module
 */
import { buildCoreset } from '../../construct/build.js';
import { mergeCache } from '../../construct/centroids.js';
import { quantizedBytes, quantizeCache } from '../../construct/quantize.js';
import { refitValues } from '../../construct/refit-values.js';
import { cacheOfCoreset } from '../../cache.js';
import { InputError } from '../../errors.js';
import { formatCacheJson, writeCacheFile } from '../../io/cache-file.js';
import { readInstance } from '../../io/instance.js';
import { readMatrix } from '../../io/read-matrix.js';
import type { Cache } from '../../types.js';
import { validateQueries } from '../../verify/queries.js';
import { verify } from '../../verify/verify.js';
import { flagOption, optionalNumber, requiredNumber, requiredString, stringOption, type ParsedArgs } from '../args.js';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { writeJson } from '../json-output.js';
import { note } from '../progress.js';

/** Option table entries the cache builds add to `build`. */
export const CACHE_BUILD_OPTIONS = {
  bits: { type: 'string' },
  group: { type: 'string' },
  'refit-values': { type: 'boolean' },
  lambda: { type: 'string' },
} as const;

/** Usage lines of the cache builds. */
export const CACHE_BUILD_USAGE = `Compressed caches (written as .safetensors or .json with --out):
  --method quantize --bits 2|4|8 [--group G]
                  KIVI: keys per channel over G tokens, values per token over
                  G channels, asymmetric min/max; the dequantized rows, weight 1
  --method merge --size M
                  k-means on the keys (seeded), each cluster one row: mean key,
                  mean value, weight = its count
  --method halving --size M --refit-values [--lambda L] [--queries Q] [--scale S]
                  the halving subset (refitted weights), then values by ridge
                  least squares on sampled ball queries (or the queries in Q),
                  pulled toward the subset's values by L (default 1e-3)
  Memory is reported in bytes: a float row costs (d + dv)·8, a b-bit
  quantized cache its bits plus float16 scale and minimum per group.`;

/**
 * Whether the arguments ask for a cache rather than a subset.
 * @lemma def:compressed-cache
 */
export function wantsCache(method: string, args: ParsedArgs): boolean {
  return method === 'quantize' || method === 'merge' || flagOption(args, 'refit-values');
}

/**
 * Runs a cache build and writes the cache (`def:compressed-cache`), with
 * its memory in bytes and, with `--verify-eps`, the verifier's verdict.
 * @lemma def:compressed-cache
 * @lemma lem:quantization-error
 * @lemma lem:centroid-mass
 * @lemma lem:value-refit
 */
export async function runCacheBuild(args: ParsedArgs, method: string, io: CliIo): Promise<number> {
  const inst = readInstance(requiredString(args, 'keys'), requiredString(args, 'values'));
  const rho = requiredNumber(args, 'rho', { positive: true });
  const seed = optionalNumber(args, 'seed', { integer: true }) ?? 0;
  const verifyEps = optionalNumber(args, 'verify-eps', { positive: true });
  const budget = optionalNumber(args, 'budget', { integer: true, min: 1 });
  const scale = optionalNumber(args, 'scale');
  for (const o of ['holdout', 'confidence', 'regularization']) if (stringOption(args, o) !== undefined) throw new InputError('usage', `--${o}`, 'applies only to query-aware subset builds');
  if (stringOption(args, 'eps') !== undefined) throw new InputError('usage', '--eps', 'cache builds take a size (or --bits); verify them with --verify-eps');
  let cache: Cache;
  let bytes: number;
  const params: Record<string, unknown> = { n: inst.n, d: inst.d, dv: inst.dv, rho, method, seed };
  if (method === 'quantize') {
    const bits = requiredNumber(args, 'bits', { integer: true });
    const group = optionalNumber(args, 'group', { integer: true, min: 1 }) ?? 32;
    cache = quantizeCache(inst, { bits, group });
    bytes = quantizedBytes(inst.n, inst.d, inst.dv, bits, group);
    Object.assign(params, { bits, group });
  } else {
    const size = requiredNumber(args, 'size', { integer: true, min: 1 });
    if (method === 'merge') {
      cache = mergeCache(inst, { size, seed });
    } else if (method === 'halving') {
      const lambda = optionalNumber(args, 'lambda', { min: 0 });
      const qPath = stringOption(args, 'queries');
      let given: Float64Array | undefined;
      if (qPath !== undefined) {
        const Q = readMatrix(qPath);
        if (Q.cols !== inst.d) throw new InputError('shape', qPath, `has ${Q.cols} columns, keys have d = ${inst.d}`);
        validateQueries(Q.data, inst.d, rho, qPath);
        given = Q.data;
      }
      const subset = buildCoreset(inst, { rho, size, method: 'halving', seed });
      cache = refitValues(inst, cacheOfCoreset(inst, subset.coreset), { rho, seed, ...(scale !== undefined ? { scale } : {}), ...(lambda !== undefined ? { lambda } : {}), ...(given ? { given } : {}) });
      Object.assign(params, { refitValues: true, lambda: lambda ?? 1e-3, fittingQueries: given ? given.length / inst.d : 'sampled' });
    } else {
      throw new InputError('usage', '--refit-values', `applies to --method halving, not '${method}'`);
    }
    bytes = cache.m * (inst.d + inst.dv) * 8;
    Object.assign(params, { size });
  }
  if (stringOption(args, 'queries') !== undefined && !(method === 'halving')) throw new InputError('usage', '--queries', 'applies to --refit-values (fitting queries), not to --method quantize|merge');
  const v = verifyEps === undefined ? undefined : verify(inst, cache, { rho, eps: verifyEps, seed: seed + 1, ...(scale !== undefined ? { scale } : {}), ...(budget !== undefined ? { budget } : {}) });
  if (scale !== undefined) params.scale = scale;
  const doc = {
    parameters: { ...params, rows: cache.m, bytes, ...(verifyEps !== undefined ? { eps: verifyEps } : {}) },
    verdict: v === undefined ? null : { verdict: v.verdict, lower: v.lower, upper: v.upper, methods: v.methods },
  };
  const out = stringOption(args, 'out');
  const hex = flagOption(args, 'hex');
  if (out === undefined) io.out(formatCacheJson(cache, { hex, extra: doc }));
  else {
    writeCacheFile(out, cache, { hex, extra: doc });
    if (flagOption(args, 'json')) writeJson(io, { command: 'build', out, ...doc });
  }
  note(io, `build: ${method}, n = ${inst.n}, ${cache.m} cache rows, ${bytes} bytes${v ? `, verdict ${v.verdict}` : ''}${out ? ` → ${out}` : ''}`);
  return v?.verdict === 'fail' ? EXIT_FAILED : EXIT_OK;
}
