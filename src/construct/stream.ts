/**
 * Merge-and-reduce over a growing cache (`lem:merge`): a streaming builder
 * whose summary stays small and whose (ε, δ) accounting is carried along.
 * @module
 */
import { InputError } from '../errors.js';
import type { Coreset, Instance } from '../types.js';
import { validateInstance, validatePositive } from '../validate.js';
import { herd } from './herd.js';
import { measureErrors } from './measure.js';
import { mergeAccounting, reduceAccounting, type AccountedCoreset } from './merge.js';
import { defaultKernelScale, DEFAULT_LAMBDA } from './pipeline.js';

/** Options of {@link CoresetStream}. */
export interface StreamOptions {
  readonly rho: number;
  /** Size each summary is reduced to. */
  readonly size: number;
  /** @defaultValue 0 */
  readonly seed?: number;
}

/**
 * A streaming coreset of the rows pushed so far: `push(rows)` appends a chunk
 * of row indices of `inst` (the cache grows), `result()` returns the merged
 * summary and its accounted (ε, δ). Chunks are summarised to `size` rows and
 * kept on levels like a binary counter: two summaries on one level are
 * merged (`lem:merge` part 1) and reduced back to `size` rows (part 3).
 *
 * Error: each reduce step's own (ε′, δ′) is *measured* by
 * {@link measureErrors} (sampled queries, a lower estimate), so the
 * accounting is exact bookkeeping of measured terms, not a certificate.
 * @lemma lem:merge
 * @example
 * ```ts
 * import { CoresetStream, sphereInstance } from 'attn-coreset';
 *
 * const inst = sphereInstance({ n: 64, d: 4, seed: 1 }); // 64 unit keys and values in R^4
 * const stream = new CoresetStream(inst, { rho: 1, size: 8 });
 * for (let start = 0; start < 64; start += 16) {
 *   stream.push(Uint32Array.from({ length: 16 }, (_, i) => start + i)); // the cache grows by 16 rows
 * }
 * const { coreset, eps, delta, rows } = stream.result();
 * console.log(coreset.indices.length, rows, eps, delta);
 * ```
 */
export class CoresetStream {
  private readonly levels: (AccountedCoreset | undefined)[] = [];
  private readonly valueBound: number;
  private reduces = 0;
  private pushed = 0;

  constructor(
    private readonly inst: Instance,
    private readonly options: StreamOptions,
  ) {
    validateInstance(inst);
    validatePositive(options.rho, 'rho');
    if (!Number.isInteger(options.size) || options.size < 1) throw new InputError('parameter', 'size', `must be an integer ≥ 1, got ${options.size}`);
    let rv = 0;
    for (let i = 0; i < inst.n; i++) {
      let s = 0;
      for (let c = 0; c < inst.dv; c++) s += inst.V[i * inst.dv + c] ** 2;
      rv = Math.max(rv, Math.sqrt(s));
    }
    this.valueBound = rv > 0 ? rv : 1;
  }

  /**
   * Appends a chunk of distinct, not yet pushed rows and updates the levels.
   * @lemma lem:merge
   */
  push(rows: Uint32Array): void {
    if (rows.length === 0) return;
    for (const [t, i] of rows.entries()) {
      if (i >= this.inst.n) throw new InputError('index-range', `rows[${t}]`, `is ${i}, but the instance has rows 0..${this.inst.n - 1}`);
    }
    this.pushed += rows.length;
    const exact: Coreset = { indices: Uint32Array.from(rows), weights: new Float64Array(rows.length).fill(1) };
    let carry = this.reduce({ coreset: exact, eps: 0, delta: 0 });
    for (let level = 0; ; level++) {
      const here = this.levels[level];
      if (here === undefined) {
        this.levels[level] = carry;
        return;
      }
      this.levels[level] = undefined;
      const acc = mergeAccounting([here, carry], this.valueBound);
      const merged: AccountedCoreset = { coreset: concat(here.coreset, carry.coreset), ...acc };
      carry = this.reduce(merged);
    }
  }

  /**
   * Returns the union of every level's summary with the accounting of
   * `lem:merge` part 2, plus how many rows and reduce steps it covers.
   * @lemma lem:merge
   */
  result(): AccountedCoreset & { rows: number; reduces: number; valueBound: number } {
    const parts = this.levels.filter((x): x is AccountedCoreset => x !== undefined);
    if (parts.length === 0) throw new InputError('empty', 'stream', 'no rows were pushed');
    const acc = mergeAccounting(parts, this.valueBound);
    const coreset = parts.map((p) => p.coreset).reduce(concat);
    return { coreset, ...acc, rows: this.pushed, reduces: this.reduces, valueBound: this.valueBound };
  }

  /** Reduces a summary to `size` rows by greedy selection against it (weighted target). */
  private reduce(a: AccountedCoreset): AccountedCoreset {
    const { size, rho } = this.options;
    const c = a.coreset;
    if (c.indices.length <= size) return a;
    let total = 0;
    for (const w of c.weights) total += w;
    const target = { rows: c.indices, weights: c.weights.map((w) => w / total) };
    const h = herd(this.inst, c.indices, target, size, { s: defaultKernelScale(rho), lambda: DEFAULT_LAMBDA });
    let hs = 0;
    for (const w of h.weights) hs += w;
    const keep: number[] = [];
    h.weights.forEach((w, j) => {
      if (w > 0) keep.push(j);
    });
    const reduced: Coreset = {
      indices: Uint32Array.from(keep, (j) => h.rows[j]),
      weights: Float64Array.from(keep, (j) => (h.weights[j] / hs) * total),
    };
    this.reduces++;
    const step = measureErrors(this.inst, c, reduced, { rho, seed: (this.options.seed ?? 0) + this.reduces });
    return { coreset: reduced, ...reduceAccounting(a, step) };
  }
}

function concat(a: Coreset, b: Coreset): Coreset {
  const indices = new Uint32Array(a.indices.length + b.indices.length);
  indices.set(a.indices);
  indices.set(b.indices, a.indices.length);
  const weights = new Float64Array(indices.length);
  weights.set(a.weights);
  weights.set(b.weights, a.weights.length);
  return { indices, weights };
}
