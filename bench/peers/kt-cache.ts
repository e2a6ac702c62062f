/**
 * Kernel thinning's results, cached in the committed bench/peers/kt-cache.json:
 * `runs` holds each kt.thin output (per instance hash, halvings and seed: the
 * index list, its SHA-256, seconds) and `entries` its scores per ρ (both
 * estimators, the scorer that produced them), with the goodpoints commit and
 * the kernel. Re-running the builder's side needs neither Python nor
 * goodpoints, and a new scorer re-scores the cached indices without
 * re-running kt.thin; `PEERS_KT=run` re-runs it (needs GOODPOINTS_GIT) and
 * checks that its indices hash to the cached ones.
 * @module
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The committed cache file. */
export const KT_CACHE = join(here, 'kt-cache.json');

/** The scores of one cached kt.thin run at one ρ. */
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
  /** score.ts's SCORER that produced `readme` and `falsifier` (absent: README estimator at 1000 + s, falsifier not run). */
  readonly scorer?: string;
}

/** One kt.thin output: its indices in output order, as decimal text joined by commas (repetitions kept). */
export interface KtRunEntry {
  readonly instance: string;
  readonly halvings: number;
  readonly seed: number;
  readonly indices: string;
  readonly indicesSha256: string;
  readonly seconds: number;
}

/** The cache file's content. */
export interface KtCache {
  goodpoints: string;
  kernel: string;
  entries: Record<string, KtEntry>;
  runs: Record<string, KtRunEntry>;
}

/** The cache key of a run's scores at ρ. */
export const ktKey = (instHash: string, rho: number, halvings: number, seed: number): string => `${instHash.slice(0, 16)}|${rho}|${halvings}|${seed}`;

/** The cache key of a run (kt.thin's output does not depend on ρ: the kernel has no ρ). */
export const ktRunKey = (instHash: string, halvings: number, seed: number): string => `${instHash.slice(0, 16)}|${halvings}|${seed}`;

/** SHA-256 of an index list as decimal text joined by commas (order kept: kt.thin's output order). */
export const indicesHash = (indices: readonly number[]): string => createHash('sha256').update(indices.join(',')).digest('hex');

/** Reads the cache (an empty one when the file is absent). */
export function readKtCache(kernel: string): KtCache {
  if (!existsSync(KT_CACHE)) return { goodpoints: '', kernel, entries: {}, runs: {} };
  const c = JSON.parse(readFileSync(KT_CACHE, 'utf8')) as KtCache;
  return { ...c, runs: c.runs ?? {} };
}

const sleep = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Runs f while holding a lock directory beside the cache (parallel runs update one file); a lock older than 60 s is stale. */
function locked(f: () => void): void {
  const lock = `${KT_CACHE}.lock`;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 60_000) rmdirSync(lock);
      } catch {
        /* gone meanwhile */
      }
      sleep(50);
    }
  }
  try {
    f();
  } finally {
    rmdirSync(lock);
  }
}

/**
 * Adds entries and runs to the file atomically (re-read under the lock, so
 * parallel runs on disjoint families keep each other's results), keys
 * sorted; also updates `c` in memory.
 */
export function putKt(c: KtCache, entries: Record<string, KtEntry>, runs: Record<string, KtRunEntry>, goodpoints?: string): void {
  Object.assign(c.entries, entries);
  Object.assign(c.runs, runs);
  locked(() => {
    const f = readKtCache(c.kernel);
    const sorted = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
    const out = { goodpoints: goodpoints ?? f.goodpoints ?? c.goodpoints, kernel: c.kernel, entries: sorted({ ...f.entries, ...entries }), runs: sorted({ ...f.runs, ...runs }) };
    const tmp = `${KT_CACHE}.${process.pid}`;
    writeFileSync(tmp, `${JSON.stringify(out, null, 1)}\n`);
    renameSync(tmp, KT_CACHE);
  });
}
