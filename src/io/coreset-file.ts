/**
 * Weighted sets as JSON: `{"indices": [...], "weights": [...]}`.
 * @module
 */
import { InputError } from '../errors.js';
import type { Coreset } from '../types.js';
import { normalizeCoreset } from '../validate.js';
import { readBytes } from './files.js';
import { jsonTextOf, parseJsonText } from './json-matrix.js';
import { writeBytes } from './write-file.js';
import { describeJson, formatNumberJson, parseNumericValue } from './numeric.js';

/** A weighted set read from a file, with what normalisation found. */
export interface CoresetFile {
  /** The entries as written (validated against n; repeats kept). */
  readonly coreset: Coreset;
  /** Entries whose index had already appeared (their weights add). */
  readonly repeated: number;
  /** Size of the weighted set: distinct indices of positive weight. */
  readonly size: number;
}

/**
 * Whether a parsed JSON value has the shape of a coreset file (an object with
 * `indices`). @internal
 * @lemma def:weighted-set
 */
export function isCoresetJson(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && 'indices' in value;
}

/**
 * Reads a weighted set (`def:weighted-set`) from parsed JSON
 * `{"indices": [i…], "weights": [a…]}` against an instance of `n` rows.
 * `weights` may be omitted (every weight 1); weights may be numbers,
 * hex-float or decimal strings. Other keys (metadata) are ignored.
 *
 * Special cases: non-integer or negative indices, indices ≥ n, unequal
 * lengths, non-finite or negative weights and all-zero weights are
 * {@link InputError}s naming the file and the entry. Repeated indices are a
 * multiset: counted in `repeated`, not an error.
 * @lemma def:weighted-set
 */
export function coresetFromJson(value: unknown, where: string, n: number): CoresetFile {
  if (!isCoresetJson(value)) throw new InputError('format', where, `expected {"indices": [...], "weights": [...]}, got ${describeJson(value)}`);
  const { indices, weights } = value as { indices: unknown; weights?: unknown };
  if (!Array.isArray(indices)) throw new InputError('format', `${where} indices`, `expected an array, got ${describeJson(indices)}`);
  const idx = new Uint32Array(indices.length);
  indices.forEach((i, j) => {
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i > 0xffffffff) {
      throw new InputError('format', `${where} indices[${j}]`, `is ${describeJson(i)}; indices must be integers ≥ 0`);
    }
    idx[j] = i;
  });
  let w: Float64Array;
  if (weights === undefined) w = new Float64Array(indices.length).fill(1);
  else {
    if (!Array.isArray(weights)) throw new InputError('format', `${where} weights`, `expected an array, got ${describeJson(weights)}`);
    w = Float64Array.from(weights, (a, j) => parseNumericValue(a, `${where} weights[${j}]`));
  }
  const coreset: Coreset = { indices: idx, weights: w };
  const norm = normalizeCoreset(coreset, n, where);
  return { coreset, repeated: norm.repeated, size: norm.indices.length };
}

/**
 * Reads a coreset JSON file for an instance of `n` rows (see
 * {@link coresetFromJson}).
 *
 * @example
 * ```ts
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { readCoresetFile, writeCoresetFile } from 'attn-coreset';
 *
 * const dir = mkdtempSync(join(tmpdir(), 'attn-'));
 * writeCoresetFile(join(dir, 'c.json'), { indices: new Uint32Array([2, 2, 5]), weights: new Float64Array([1, 1, 3]) });
 * const { coreset, repeated } = readCoresetFile(join(dir, 'c.json'), 8); // checked against n = 8
 * console.log(coreset.indices, repeated); // repeated indices are counted (their weights add)
 * ```
 * @lemma def:weighted-set
 */
export function readCoresetFile(path: string, n: number): CoresetFile {
  const bytes = readBytes(path, path);
  return coresetFromJson(parseJsonText(jsonTextOf(bytes, path), path), path, n);
}

/**
 * Formats a weighted set as coreset JSON, weights as shortest round-trip
 * numbers or (with `hex`) exact hex floats; `extra` keys (metadata) come
 * first.
 * @lemma def:weighted-set
 */
export function formatCoresetJson(c: Coreset, options: { hex?: boolean; extra?: Record<string, unknown> } = {}): string {
  const head = Object.entries(options.extra ?? {}).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},\n`).join('');
  const w = Array.from(c.weights, (a, j) => formatNumberJson(a, options.hex ?? false, `weights[${j}]`)).join(', ');
  return `{\n${head}  "indices": [${Array.from(c.indices).join(', ')}],\n  "weights": [${w}]\n}\n`;
}

/**
 * Writes a weighted set to a JSON file (see {@link formatCoresetJson}),
 * atomically: an existing file is replaced only by a complete one.
 * @lemma def:weighted-set
 * @example
 * ```ts
 * import { mkdtempSync, readFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { writeCoresetFile } from 'attn-coreset';
 *
 * const dir = mkdtempSync(join(tmpdir(), 'attn-'));
 * writeCoresetFile(join(dir, 'c.json'), { indices: new Uint32Array([0, 3]), weights: new Float64Array([0.5, 1.5]) }, { hex: true });
 * console.log(readFileSync(join(dir, 'c.json'), 'utf8')); // {"indices": [...], "weights": ["0x1p-1", "0x1.8p+0"]}
 * ```
 */
export function writeCoresetFile(path: string, c: Coreset, options: { hex?: boolean; extra?: Record<string, unknown> } = {}): void {
  writeBytes(path, formatCoresetJson(c, options), path);
}
