/**
 * The one score of the peer grid, for every method: max(the peers' README
 * estimator run exactly with scorer seed 1000 + s, the verifier's falsifier
 * at budget 16384 with seed FALSIFIER_SEED + s, a seed the builder's own
 * searches — seed + 1, seed + 7919·(round + 1) — do not reach).
 * Scores are memoised on disk by (instance, ρ, seed, coreset) hash, so a
 * re-run re-scores only coresets that changed.
 * @module
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Coreset, Instance } from '../../src/types.js';
import { normalizeCoreset } from '../../src/validate.js';
import { makePair } from '../../src/verify/batch.js';
import { falsify } from '../../src/verify/falsify.js';
import { protocolError } from '../build-protocol.js';

/**
 * The falsifier's budget in the score (4× the verifier's default), or 0 for
 * the README estimator alone (PEERS_FALSIFIER_BUDGET; that is the peers' own
 * protocol, no weaker than what they were scored with).
 */
export const FALSIFIER_BUDGET = Number(process.env.PEERS_FALSIFIER_BUDGET ?? 16384);

/** The falsifier's seed offset in the score (far from the builder's seed + small offsets). */
export const FALSIFIER_SEED = 1_000_003;

/** The scorer's identity (cache entries scored by another scorer are not reused). */
export const SCORER = `readme@1000+s;falsifier${FALSIFIER_BUDGET}@${FALSIFIER_SEED}+s`;

/** Both estimators' values (falsifier null when not run); the score is their max. */
export interface Score {
  readonly readme: number;
  readonly falsifier: number | null;
}

/** SHA-256 of a coreset's indices and weights, in order. */
export function coresetHash(c: Coreset): string {
  const h = createHash('sha256');
  h.update(new Uint8Array(c.indices.buffer, c.indices.byteOffset, c.indices.byteLength));
  h.update(new Uint8Array(c.weights.buffer, c.weights.byteOffset, c.weights.byteLength));
  return h.digest('hex');
}

/** Where memoised scores live (PEERS_SCORE_DIR, default under the OS temp dir): one small file per score, so parallel runs do not clash. */
export function scoreDir(): string {
  return process.env.PEERS_SCORE_DIR ?? join(tmpdir(), 'attn-coreset-peer-scores');
}

/** PEERS_MEMO_ONLY=1: compute nothing, use only what the memo holds (to assemble parallel runs' results). */
export const MEMO_ONLY = process.env.PEERS_MEMO_ONLY === '1';

/** Thrown under MEMO_ONLY for a value the memo lacks. */
export class NotMemoised extends Error {}

/** One estimator's value, memoised under `tag`. */
function memo(tag: string, instHash: string, c: Coreset, rho: number, seed: number, f: () => number): number {
  const key = createHash('sha256').update(`${tag}|${instHash}|${rho}|${seed}|${coresetHash(c)}`).digest('hex');
  const dir = scoreDir();
  const file = join(dir, `${key}.json`);
  if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { value: number }).value;
  if (MEMO_ONLY) throw new NotMemoised(tag);
  const value = f();
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${file}.${process.pid}`, JSON.stringify({ value }));
  renameSync(`${file}.${process.pid}`, file);
  return value;
}

/** Scores a coreset of `inst` at ρ (each estimator memoised separately). */
export function score(inst: Instance, instHash: string, c: Coreset, rho: number, seed: number, knownReadme?: number): Score {
  const readme = knownReadme ?? memo('readme-v1', instHash, c, rho, seed, () => protocolError(inst, c, { rho, seed: 1000 + seed }).error);
  if (FALSIFIER_BUDGET === 0) return { readme, falsifier: null };
  const falsifier = memo(`falsifier-${FALSIFIER_BUDGET}@${FALSIFIER_SEED}-v1`, instHash, c, rho, seed, () => {
    const nc = normalizeCoreset(c, inst.n);
    return falsify(makePair(inst, nc), { rho, budget: FALSIFIER_BUDGET, seed: FALSIFIER_SEED + seed, coreRows: nc.indices }).error;
  });
  return { readme, falsifier };
}

/** The score: the larger of the two estimators. */
export const scoreValue = (s: Score): number => Math.max(s.readme, s.falsifier ?? -Infinity);

/** Which estimator gave the score: 'R' (README estimator), 'F' (falsifier), 'R=F' (equal to 1e-9 relative). */
export function scoreSource(s: Score): 'R' | 'F' | 'R=F' {
  if (s.falsifier === null) return 'R';
  if (Math.abs(s.readme - s.falsifier) <= 1e-9 * Math.max(s.readme, s.falsifier)) return 'R=F';
  return s.readme > s.falsifier ? 'R' : 'F';
}
