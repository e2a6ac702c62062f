/**
 * Where the heads of a many-heads run come from: the subdirectories of a
 * directory (each with k, v, q files, as test/fixtures/heads), or one
 * safetensors file holding tensors `<head>.k`, `<head>.v`, `<head>.q`.
 * @module
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { readBytes } from '../io/files.js';
import { jsonTextOf } from '../io/json-matrix.js';
import { readMatrix } from '../io/read-matrix.js';
import { parseSafetensorsHeader } from '../io/safetensors.js';
import type { Instance } from '../types.js';

/** One head to run: its name and the matrix specs of its keys, values and queries. */
export interface HeadSource {
  readonly name: string;
  readonly keys: string;
  readonly values: string;
  readonly queries: string;
  /** Logit scale from the directory's manifest.json (`heads[].logitScale`), if any. */
  readonly scale?: number;
}

const EXTENSIONS = ['npy', 'safetensors', 'json'];

function find(dir: string, base: string): string | undefined {
  for (const ext of EXTENSIONS) {
    const p = join(dir, `${base}.${ext}`);
    try {
      if (statSync(p).isFile()) return p;
    } catch {
      // absent: try the next extension
    }
  }
  return undefined;
}

function manifestScales(dir: string): Map<string, number> {
  const scales = new Map<string, number>();
  try {
    // readBytes: regular files only, size-bounded (a FIFO must not block).
    const where = join(dir, 'manifest.json');
    const m = JSON.parse(jsonTextOf(readBytes(where, where), where)) as { heads?: { name?: unknown; logitScale?: unknown }[] };
    for (const h of m.heads ?? []) if (typeof h.name === 'string' && typeof h.logitScale === 'number') scales.set(h.name, h.logitScale);
  } catch {
    // no (readable) manifest: scales come from --scale
  }
  return scales;
}

/**
 * Lists the heads under `path`: a directory's subdirectories (sorted by
 * name) that hold at least one of k, v, q files — a subdirectory missing
 * one is still listed, so that its run reports the missing file — or the
 * `<head>.k|v|q` tensors of a safetensors file.
 *
 * Special cases: a path that is neither, or holds no head, is an
 * {@link InputError}.
 * @lemma def:query-distribution
 */
export function listHeads(path: string): HeadSource[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new InputError('usage', path, 'no such file or directory');
  }
  if (st.isDirectory()) {
    const scales = manifestScales(path);
    const heads: HeadSource[] = [];
    for (const name of readdirSync(path).sort()) {
      const dir = join(path, name);
      if (!statSync(dir).isDirectory()) continue;
      const [keys, values, queries] = ['k', 'v', 'q'].map((b) => find(dir, b));
      if (keys === undefined && values === undefined && queries === undefined) continue;
      const scale = scales.get(name);
      heads.push({ name, keys: keys ?? join(dir, 'k.npy'), values: values ?? join(dir, 'v.npy'), queries: queries ?? join(dir, 'q.npy'), ...(scale !== undefined ? { scale } : {}) });
    }
    if (heads.length === 0) throw new InputError('usage', path, 'holds no head (subdirectories with k, v, q files)');
    return heads;
  }
  const header = parseSafetensorsHeader(readBytes(path, path), path);
  const names = [...new Set(header.tensors.map((t) => t.name).filter((t) => /\.[kvq]$/.test(t)).map((t) => t.slice(0, -2)))].sort();
  if (names.length === 0) throw new InputError('format', path, "holds no head (tensors named '<head>.k', '<head>.v', '<head>.q')");
  return names.map((name) => ({ name, keys: `${path}:${name}.k`, values: `${path}:${name}.v`, queries: `${path}:${name}.q` }));
}

/**
 * Reads one head: its instance and its queries (columns checked against d).
 * @lemma def:query-distribution
 */
export function readHeadSource(h: HeadSource): { instance: Instance; queries: Float64Array } {
  const K = readMatrix(h.keys);
  const V = readMatrix(h.values);
  const Q = readMatrix(h.queries);
  if (V.rows !== K.rows) throw new InputError('shape', h.values, `has ${V.rows} rows, keys have ${K.rows}`);
  if (Q.cols !== K.cols) throw new InputError('shape', h.queries, `has ${Q.cols} columns, keys have d = ${K.cols}`);
  return { instance: { n: K.rows, d: K.cols, dv: V.cols, K: K.data, V: V.data }, queries: Q.data };
}
