/**
 * The instances of the peer grid (issue 11's first target): one per family
 * at n = 4096, d = dv = 64, and the committed real heads (n = 120–128).
 * @module
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attentionSinkInstance, clusteredInstance } from '../../src/families/index.js';
import { randomUnitVector, seededRng } from '../../src/families/rng.js';
import type { Instance } from '../../src/types.js';
import { manifestHeads, readHead } from '../../test/helpers/heads.js';
import { readNpy } from '../npy.js';
import { acceptanceLongHeads, acceptanceSynthetic, scaledToUnitBall } from './acceptance.js';

const here = dirname(fileURLToPath(import.meta.url));
/** iso4096's folder: PEERS_ISO_DIR, else ../shared/bench/iso4096 beside the repository. */
const ISO = process.env.PEERS_ISO_DIR ?? join(here, '..', '..', '..', 'shared', 'bench', 'iso4096');

/** One instance of the grid, with its family. */
export interface GridInstance {
  readonly family: string;
  readonly name: string;
  readonly inst: Instance;
  /** Halving rounds of kernel thinning per target size m (the size every method gets is ⌊n/2^h⌋). */
  readonly halvings: Readonly<Record<number, number>>;
}

/** Rank of the low-rank family's key span. */
export const LOW_RANK = 8;

/**
 * Unit keys in the span of LOW_RANK random orthonormal directions of R^d
 * (uniform on that subspace's sphere), uniform unit values.
 */
export function lowRankInstance(n: number, d: number, dv: number, seed: number): Instance {
  const rng = seededRng(seed);
  const basis: Float64Array[] = [];
  while (basis.length < LOW_RANK) {
    const b = randomUnitVector(rng, d);
    for (const c of basis) {
      let t = 0;
      for (let a = 0; a < d; a++) t += b[a] * c[a];
      for (let a = 0; a < d; a++) b[a] -= t * c[a];
    }
    let s = 0;
    for (let a = 0; a < d; a++) s += b[a] * b[a];
    if (s < 1e-8) continue;
    for (let a = 0; a < d; a++) b[a] /= Math.sqrt(s);
    basis.push(b);
  }
  const K = new Float64Array(n * d);
  const V = new Float64Array(n * dv);
  const c = new Float64Array(LOW_RANK);
  for (let i = 0; i < n; i++) {
    randomUnitVector(rng, LOW_RANK, c);
    for (let j = 0; j < LOW_RANK; j++) for (let a = 0; a < d; a++) K[i * d + a] += c[j] * basis[j][a];
    randomUnitVector(rng, dv, V.subarray(i * dv, (i + 1) * dv));
  }
  return { n, d, dv, K, V };
}

/** SHA-256 of an instance's shape and rows (cache keys). */
export function instanceHash(inst: Instance): string {
  const h = createHash('sha256');
  h.update(`${inst.n},${inst.d},${inst.dv};`);
  h.update(new Uint8Array(inst.K.buffer, inst.K.byteOffset, inst.K.byteLength));
  h.update(new Uint8Array(inst.V.buffer, inst.V.byteOffset, inst.V.byteLength));
  return h.digest('hex');
}

const BIG = { 64: 6, 256: 4 };

/**
 * The grid's instances: the bench families (iso4096 is skipped, with a note,
 * when ../shared/bench is absent) and the acceptance instances
 * (acceptance.ts); `set` picks 'base', 'acceptance' or 'all'.
 */
export function gridInstances(notes: string[], set: 'base' | 'acceptance' | 'all' = 'all'): GridInstance[] {
  const acceptance = set === 'base' ? [] : [...acceptanceSynthetic(), ...acceptanceLongHeads()];
  if (set === 'acceptance') return acceptance;
  const out: GridInstance[] = [];
  if (existsSync(join(ISO, 'K.npy'))) {
    const K = readNpy(join(ISO, 'K.npy'));
    const V = readNpy(join(ISO, 'V.npy'));
    out.push({ family: 'isotropic', name: 'iso4096', inst: { n: K.rows, d: K.cols, dv: V.cols, K: K.data, V: V.data }, halvings: BIG });
  } else notes.push(`iso4096 not found at ${ISO}: the isotropic family is skipped.`);
  out.push(
    { family: 'clustered', name: 'clustered (4 clusters, spread 0.05, skew 8; seed 3)', inst: clusteredInstance({ n: 4096, d: 64, dv: 64, seed: 3 }), halvings: BIG },
    { family: 'low-rank', name: `low-rank (keys in a random ${LOW_RANK}-dim span; seed 3)`, inst: lowRankInstance(4096, 64, 64, 3), halvings: BIG },
    {
      family: 'attention sink',
      name: 'sink (8 sinks, 64 keys within 0.2 rad, rest isotropic; seed 3)',
      inst: attentionSinkInstance({ n: 4096, d: 64, dv: 64, seed: 3, sinks: 8, nearSink: 64, nearSinkRadius: 0.2, otherKeyNorm: 1 }),
      halvings: BIG,
    },
  );
  for (const h of manifestHeads()) {
    const head = readHead(h).instance;
    const inst = { ...head, K: scaledToUnitBall(head.K, head.n, head.d), V: scaledToUnitBall(head.V, head.n, head.dv) };
    out.push({ family: 'real heads', name: h.name, inst, halvings: { 64: 1, 32: 2 } });
  }
  return [...out, ...acceptance];
}
