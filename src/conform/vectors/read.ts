/**
 * Reads and validates conformance vector files: JSON, the v1 schema, the
 * header count, ids unique across the directory, shapes consistent, every
 * hex float finite.
 * @module
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { InputError } from '../../errors.js';
import { readBytes } from '../../io/files.js';
import { parseHexFloat } from '../../io/hex-float.js';
import { jsonTextOf } from '../../io/json-matrix.js';
import type { Coreset, Instance } from '../../types.js';
import { VECTORS_SCHEMA } from './schema.js';
import type { Hex, VectorCase, VectorCoreset } from './types.js';

const validate = new Ajv({ strict: true, allErrors: false }).compile(VECTORS_SCHEMA);

/** A vector with its input decoded to doubles. */
export interface LoadedVector {
  /** The file stem, e.g. "uniform-trap". */
  readonly file: string;
  readonly vector: VectorCase;
  readonly inst: Instance;
  readonly rho: number;
  readonly eps: number;
}

/**
 * Decodes a hex float that must be finite (vectors carry no NaN or ∞).
 * @lemma def:instance
 */
export function finiteHex(s: Hex, where: string): number {
  const x = parseHexFloat(s, where);
  if (!Number.isFinite(x)) throw new InputError('not-finite', where, `is ${s}`);
  return x;
}

/**
 * Decodes a vector's exact coreset (`def:weighted-set`).
 * @lemma def:weighted-set
 */
export function decodeCoreset(c: VectorCoreset, where: string): Coreset {
  if (c.indices.length !== c.weights.length) throw new InputError('shape', where, `has ${c.indices.length} indices but ${c.weights.length} weights`);
  return { indices: Uint32Array.from(c.indices), weights: Float64Array.from(c.weights, (w, j) => finiteHex(w, `${where}.weights[${j}]`)) };
}

/**
 * Decodes n rows of `cols` hex floats (row-major), naming the row and
 * column of a wrong shape or a non-finite entry.
 * @lemma def:instance
 */
export function hexMatrix(rows: Hex[][], n: number, cols: number, where: string): Float64Array {
  if (rows.length !== n) throw new InputError('shape', where, `has ${rows.length} rows, expected n = ${n}`);
  const out = new Float64Array(n * cols);
  rows.forEach((row, i) => {
    if (row.length !== cols) throw new InputError('shape', `${where} row ${i}`, `has ${row.length} entries, expected ${cols}`);
    row.forEach((s, j) => (out[i * cols + j] = finiteHex(s, `${where} row ${i}, column ${j}`)));
  });
  return out;
}

/** The vector versions this reader knows. */
export const VECTOR_VERSIONS = [1, 2] as const;

/**
 * Reads a vector file as JSON (regular files only, size-bounded) and
 * returns it with its version (1 or 2), or an InputError naming the file.
 * @lemma def:instance
 */
export function readVectorJson(path: string): { version: 1 | 2; doc: unknown } {
  // Regular files only, size-bounded (readBytes): a FIFO named x.json must
  // not hang the check.
  const text = jsonTextOf(readBytes(path, path), path);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new InputError('format', path, `is not a readable JSON file: ${(e as Error).message}`);
  }
  const version = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as { version?: unknown }).version : undefined;
  if (version !== 1 && version !== 2) {
    throw new InputError('format', path, `has vector version ${JSON.stringify(version) ?? 'missing'}; this attn-coreset reads versions ${VECTOR_VERSIONS.join(' and ')}`);
  }
  return { version, doc };
}

/**
 * Reads a vector file of the given version: its JSON, the schema of that
 * version (`check`), and the header count; returns its cases and file stem.
 * @lemma def:instance
 */
export function readCheckedCases<C>(path: string, version: 1 | 2, check: ValidateFunction): { file: string; cases: C[] } {
  const read = readVectorJson(path);
  if (read.version !== version) throw new InputError('format', path, `is a version ${read.version} vector file, expected version ${version}`);
  if (!check(read.doc)) {
    const e = check.errors?.[0];
    throw new InputError('format', path, `does not match the vectors v${version} schema: ${e?.instancePath || '/'} ${e?.message ?? ''}`);
  }
  const f = read.doc as { count: number; cases: C[] };
  if (f.count !== f.cases.length) throw new InputError('format', path, `header count ${f.count} but ${f.cases.length} cases`);
  return { file: basename(path).replace(/\.json$/, ''), cases: f.cases };
}

/**
 * Decodes a vector's input (n, d, dv, K, V, ρ, ε) to doubles, naming the
 * case and entry of a wrong shape or non-finite value.
 * @lemma def:instance
 */
export function decodeInput(input: VectorCase['input'], where: string): { inst: Instance; rho: number; eps: number } {
  const { n, d, dv } = input;
  const inst: Instance = { n, d, dv, K: hexMatrix(input.K, n, d, `${where} K`), V: hexMatrix(input.V, n, dv, `${where} V`) };
  return { inst, rho: finiteHex(input.rho, `${where} rho`), eps: finiteHex(input.eps, `${where} eps`) };
}

/**
 * Reads one version-1 vector file and checks it against the v1 schema and
 * its header.
 * @lemma def:instance
 */
export function readVectorFile(path: string): LoadedVector[] {
  const { file, cases } = readCheckedCases<VectorCase>(path, 1, validate);
  return cases.map((vector) => ({ file, vector, ...decodeInput(vector.input, `${path}: ${vector.id}`) }));
}

/**
 * Lists the `*.json` files of a vector directory, sorted by name.
 * @lemma def:instance
 */
export function vectorFileNames(dir: string): string[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    names = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch (e) {
    throw new InputError('usage', dir, `is not a readable directory: ${(e as Error).message}`);
  }
  if (names.length === 0) throw new InputError('empty', dir, 'contains no .json vector files');
  return names.map((f) => join(dir, f));
}

/**
 * Refuses a case id that appears twice among `ids` (across a directory or
 * across the sets one check reads).
 * @lemma def:instance
 */
export function assertUniqueIds(ids: readonly string[], where: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new InputError('format', where, `case id ${JSON.stringify(id)} appears twice`);
    seen.add(id);
  }
}

/**
 * Reads every `*.json` vector file of a directory (sorted by name), with
 * case ids unique across the directory.
 * @lemma def:instance
 */
export function readVectorDir(dir: string): LoadedVector[] {
  const all = vectorFileNames(dir).flatMap((f) => readVectorFile(f));
  assertUniqueIds(all.map((v) => v.vector.id), dir);
  return all;
}
