/**
 * The committed real-head fixtures (test/fixtures/heads, written by
 * scripts/capture-heads.ts): each head's keys, values, queries and logit
 * scale, read through the library's own `.npy` reader.
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMatrix } from '../../src/io/read-matrix.js';
import type { Instance } from '../../src/types.js';

export const HEADS_DIR = join(import.meta.dirname, '..', 'fixtures', 'heads');
/** The n = 1024 heads (layer 0 of text-a for tuning; layer 1 of text-b held out), same layout. */
export const LONG_HEADS_DIR = join(import.meta.dirname, '..', 'fixtures', 'heads-long');

/** One array of the manifest. */
export interface ManifestArray {
  readonly file: string;
  readonly shape: [number, number];
  readonly dtype: string;
  readonly sha256: string;
}

/** One head of the manifest. */
export interface ManifestHead {
  readonly name: string;
  readonly paragraph: number;
  readonly tokens: number;
  readonly layer: number;
  readonly head: number;
  readonly headDim: number;
  readonly logitScale: number;
  readonly arrays: Record<'q' | 'k' | 'v' | 'out', ManifestArray>;
}

/** The manifest's heads. */
export const manifestHeads = (dir: string = HEADS_DIR): ManifestHead[] => (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { heads: ManifestHead[] }).heads;

/** A real head: the instance (its own keys and values), its own queries (one per token) and its logit scale. */
export interface RealHead {
  readonly name: string;
  readonly instance: Instance;
  readonly queries: Float64Array;
  readonly scale: number;
  readonly out: Float64Array;
}

/** Reads one committed head by manifest entry. */
export function readHead(h: ManifestHead, dir: string = HEADS_DIR): RealHead {
  const m = (key: 'q' | 'k' | 'v' | 'out') => readMatrix(join(dir, h.arrays[key].file));
  const k = m('k');
  const v = m('v');
  return { name: h.name, instance: { n: k.rows, d: k.cols, dv: v.cols, K: k.data, V: v.data }, queries: m('q').data, scale: h.logitScale, out: m('out').data };
}
