/**
 * Kernel thinning's results, cached in the committed bench/peers/kt-cache.json
 * (per instance hash, ρ, halvings and seed: size, SHA-256 of the index list,
 * both estimators' values, seconds), with the goodpoints commit and the
 * kernel. Re-running the builder's side needs neither Python nor goodpoints;
 * `PEERS_KT=run` re-runs kt.thin (needs GOODPOINTS_GIT) and checks that its
 * indices hash to the cached ones.
 * @module
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The committed cache file. */
export const KT_CACHE = join(here, 'kt-cache.json');

/** One cached kt.thin run. */
export interface KtEntry {
  readonly instance: string;
  readonly rho: number;
  readonly halvings: number;
  readonly seed: number;
  readonly size: number;
  readonly distinct: number;
  readonly indicesSha256: string;
  readonly readme: number;
  readonly falsifier: number | null;
  readonly seconds: number;
}

/** The cache file's content. */
export interface KtCache {
  goodpoints: string;
  kernel: string;
  entries: Record<string, KtEntry>;
}

/** The cache key of a run. */
export const ktKey = (instHash: string, rho: number, halvings: number, seed: number): string => `${instHash.slice(0, 16)}|${rho}|${halvings}|${seed}`;

/** SHA-256 of an index list as decimal text joined by commas (order kept: kt.thin's output order). */
export const indicesHash = (indices: readonly number[]): string => createHash('sha256').update(indices.join(',')).digest('hex');

/** Reads the cache (an empty one when the file is absent). */
export function readKtCache(kernel: string): KtCache {
  if (!existsSync(KT_CACHE)) return { goodpoints: '', kernel, entries: {} };
  return JSON.parse(readFileSync(KT_CACHE, 'utf8')) as KtCache;
}

/** Writes the cache atomically, merged with the file's current entries (parallel runs on disjoint families), keys sorted. */
export function writeKtCache(c: KtCache): void {
  const all = { ...readKtCache(c.kernel).entries, ...c.entries };
  const entries = Object.fromEntries(Object.keys(all).sort().map((k) => [k, all[k]]));
  const tmp = `${KT_CACHE}.${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify({ ...c, entries }, null, 1)}\n`);
  renameSync(tmp, KT_CACHE);
}
