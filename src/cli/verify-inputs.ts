/**
 * The inputs `verify` and `report` share: keys, values, a coreset file or a
 * compressed cache, ρ, ε, optional queries and the search options.
 * @module
 */
import { InputError } from '../errors.js';
import { readCoresetFile } from '../io/coreset-file.js';
import { readInstance } from '../io/instance.js';
import { readMatrix } from '../io/read-matrix.js';
import type { Cache, Compressed, Instance } from '../types.js';
import { MAX_BUDGET } from '../verify/defaults.js';
import { optionalNumber, requiredNumber, requiredString, stringOption, type ParsedArgs } from './args.js';
import { CACHE_OPTIONS, hasCacheOption, readCacheOption } from './cache-option.js';

/** The option table entries of the shared inputs, for `parseCommandArgs`. */
export const VERIFY_INPUT_OPTIONS = {
  keys: { type: 'string' },
  values: { type: 'string' },
  coreset: { type: 'string' },
  rho: { type: 'string' },
  eps: { type: 'string' },
  queries: { type: 'string' },
  scope: { type: 'string' },
  confidence: { type: 'string' },
  scale: { type: 'string' },
  budget: { type: 'string' },
  seed: { type: 'string' },
  ...CACHE_OPTIONS,
} as const;

/** The parsed options, before any file is read. */
export interface VerifyOptionsParsed {
  readonly keys: string;
  readonly values: string;
  readonly coresetPath: string | undefined;
  readonly cacheGiven: boolean;
  readonly rho: number;
  readonly eps: number;
  readonly scale: number | undefined;
  readonly budget: number | undefined;
  readonly seed: number;
  readonly confidence: number;
  readonly queriesPath: string | undefined;
  readonly scope: 'ball' | 'queries';
}

/** The inputs once read. */
export interface VerifyInputs {
  readonly inst: Instance;
  readonly compressed: Compressed;
  readonly cache: Cache | undefined;
  /** Distinct coreset points, or cache rows. */
  readonly size: number;
  readonly queries: Float64Array | undefined;
}

/**
 * Parses the shared options (`def:eps-coreset`): exactly one of `--coreset`
 * and the cache options, ρ, ε > 0, the search options and the scope.
 *
 * Special cases: a missing or conflicting option is an {@link InputError}.
 * @lemma def:eps-coreset
 */
export function parseVerifyOptions(args: ParsedArgs): VerifyOptionsParsed {
  const keys = requiredString(args, 'keys');
  const values = requiredString(args, 'values');
  const coresetPath = stringOption(args, 'coreset');
  const cacheGiven = hasCacheOption(args);
  if (coresetPath !== undefined && cacheGiven) throw new InputError('usage', '--coreset', 'give either --coreset or a cache (--cache, --cache-keys/--cache-values), not both');
  if (coresetPath === undefined && !cacheGiven) throw new InputError('usage', '--coreset', 'is required (or --cache C, or --cache-keys K′ --cache-values V′)');
  const rho = requiredNumber(args, 'rho', { positive: true });
  const eps = requiredNumber(args, 'eps', { positive: true });
  const scale = optionalNumber(args, 'scale');
  const budget = optionalNumber(args, 'budget', { integer: true, min: 1, max: MAX_BUDGET });
  const seed = optionalNumber(args, 'seed', { integer: true }) ?? 0;
  const confidence = optionalNumber(args, 'confidence', { positive: true, max: 1 }) ?? 0.95;
  if (confidence >= 1) throw new InputError('usage', '--confidence', `must be in (0, 1), got ${confidence}`);
  const queriesPath = stringOption(args, 'queries');
  const scope = stringOption(args, 'scope') ?? (queriesPath === undefined ? 'ball' : 'queries');
  if (scope !== 'ball' && scope !== 'queries') throw new InputError('usage', '--scope', `must be 'ball' or 'queries', got '${scope}'`);
  if (scope === 'queries' && queriesPath === undefined) throw new InputError('usage', '--scope', "'queries' needs --queries");
  return { keys, values, coresetPath, cacheGiven, rho, eps, scale, budget, seed, confidence, queriesPath, scope };
}

/**
 * Reads the instance, the coreset file or cache (`def:compressed-cache`)
 * and the queries the options name, each checked against the instance.
 *
 * Special cases: queries with the wrong number of columns are an
 * {@link InputError} (`shape`); the readers' own errors pass through.
 * @lemma def:instance
 * @lemma def:compressed-cache
 */
export function readVerifyInputs(args: ParsedArgs, o: VerifyOptionsParsed): VerifyInputs {
  const inst = readInstance(o.keys, o.values);
  const cache = o.cacheGiven ? readCacheOption(args, inst.d, inst.dv) : undefined;
  const file = o.coresetPath === undefined ? undefined : readCoresetFile(o.coresetPath, inst.n);
  const compressed = cache ?? (file as NonNullable<typeof file>).coreset;
  const size = cache?.m ?? (file as NonNullable<typeof file>).size;
  let queries: Float64Array | undefined;
  if (o.queriesPath !== undefined) {
    const Q = readMatrix(o.queriesPath);
    if (Q.cols !== inst.d) throw new InputError('shape', o.queriesPath, `has ${Q.cols} columns, keys have d = ${inst.d}`);
    queries = Q.data;
  }
  return { inst, compressed, cache, size, queries };
}
