/**
 * Reads a vector set: a directory of vector files of one version
 * (`conformance/vectors/v1`, `conformance/vectors/v2`), each file read by
 * the reader of its version.
 * @module
 */
import { InputError } from '../../errors.js';
import { assertUniqueIds, readVectorFile, readVectorJson, vectorFileNames, type LoadedVector } from './read.js';
import { readCacheVectorFile, type LoadedCacheVector } from './read-v2.js';

/** A vector of either version. */
export type AnyLoadedVector = LoadedVector | LoadedCacheVector;

/** One directory's vectors, all of one version. */
export type VectorSet =
  | { readonly dir: string; readonly version: 1; readonly vectors: LoadedVector[] }
  | { readonly dir: string; readonly version: 2; readonly vectors: LoadedCacheVector[] };

/**
 * Whether a loaded vector is a v2 cache case.
 * @lemma def:compressed-cache
 */
export const isCacheVector = (v: AnyLoadedVector): v is LoadedCacheVector => 'cache' in v;

/**
 * Reads every `*.json` file of `dir` (sorted by name); the files must share
 * one version, and case ids must be unique across the directory.
 * @lemma def:compressed-cache
 */
export function readVectorSet(dir: string): VectorSet {
  const files = vectorFileNames(dir);
  const versions = files.map((f) => readVectorJson(f).version);
  const odd = versions.findIndex((v) => v !== versions[0]);
  if (odd >= 0) throw new InputError('format', files[odd], `is a version ${versions[odd]} vector file, but ${files[0]} is version ${versions[0]}: one directory holds one version`);
  const set: VectorSet = versions[0] === 1 ? { dir, version: 1, vectors: files.flatMap(readVectorFile) } : { dir, version: 2, vectors: files.flatMap(readCacheVectorFile) };
  assertUniqueIds(set.vectors.map((v) => v.vector.id), dir);
  return set;
}

/**
 * Reads several sets for one check, with case ids unique across all of them.
 * @lemma def:compressed-cache
 */
export function readVectorSets(dirs: readonly string[]): VectorSet[] {
  const sets = dirs.map(readVectorSet);
  assertUniqueIds(sets.flatMap((s) => s.vectors.map((v) => v.vector.id)), dirs.join(', '));
  return sets;
}
