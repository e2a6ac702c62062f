/**
 * The cache options shared by `verify` and `attention`: `--cache C` (a
 * `.safetensors` or JSON cache file) or `--cache-keys K --cache-values V
 * [--cache-weights W]` (separate matrix files).
 * @module
 */
import { InputError } from '../errors.js';
import { readCacheFile, readCacheParts } from '../io/cache-file.js';
import type { Cache } from '../types.js';
import { stringOption, type ParsedArgs } from './args.js';

/** The option table entries of the cache options, for `parseCommandArgs`. */
export const CACHE_OPTIONS = {
  cache: { type: 'string' },
  'cache-keys': { type: 'string' },
  'cache-values': { type: 'string' },
  'cache-weights': { type: 'string' },
} as const;

/** Usage lines of the cache options. */
export const CACHE_USAGE = `  --cache C       a compressed cache instead of a subset: .safetensors with
                  tensors keys (m × d), values (m × dv), optional weights (m),
                  .npz with members of those names (np.savez[_compressed]),
                  or JSON {"keys": [[...]], "values": [[...]], "weights": [...]}
                  (numbers or exact hex floats); weights default to 1
  --cache-keys K --cache-values V [--cache-weights W]
                  the same cache as separate matrix files (any matrix format)`;

/**
 * Reads the cache the options name, if any, checked against the instance's
 * d and dv (`def:compressed-cache`).
 *
 * Special cases: `--cache` together with a separate file, a separate file
 * without its partner, or weights without keys are {@link InputError}s
 * (`usage`).
 * @lemma def:compressed-cache
 */
export function readCacheOption(args: ParsedArgs, d: number, dv: number): Cache | undefined {
  const file = stringOption(args, 'cache');
  const keys = stringOption(args, 'cache-keys');
  const values = stringOption(args, 'cache-values');
  const weights = stringOption(args, 'cache-weights');
  if (file !== undefined) {
    if (keys !== undefined || values !== undefined || weights !== undefined) throw new InputError('usage', '--cache', 'give either --cache or --cache-keys/--cache-values/--cache-weights, not both');
    return readCacheFile(file, d, dv);
  }
  if (keys === undefined && values === undefined && weights === undefined) return undefined;
  if (keys === undefined || values === undefined) throw new InputError('usage', keys === undefined ? '--cache-keys' : '--cache-values', 'a cache given as separate files needs both --cache-keys and --cache-values');
  return readCacheParts(keys, values, weights, d, dv);
}

/**
 * Whether any cache option is present (before the instance is read).
 * @lemma def:compressed-cache
 */
export function hasCacheOption(args: ParsedArgs): boolean {
  return ['cache', 'cache-keys', 'cache-values', 'cache-weights'].some((k) => stringOption(args, k) !== undefined);
}
