/**
 * The computation and the JSON document of `attn-coreset attention`.
 * @module
 */
import type { Decimal } from 'decimal.js';
import { attention, attentionErrorBound, evaluationProfile } from '../../fast/index.js';
import { attention as refAttention, toNearestDouble } from '../../reference/index.js';
import { InputError, OutputNotRepresentableError } from '../../errors.js';
import type { Instance, Mat64, Weighting } from '../../types.js';
import { jsonRows } from '../../io/json-matrix.js';
import type { Progress } from '../progress.js';

/** Attention rows A_w(q) for every query, with what the output reports. */
export interface AttentionResult {
  readonly method: 'fast' | 'reference';
  /** The rows as doubles (the reference's rounded to nearest). */
  readonly values: Mat64;
  /** Reference only: each entry as a decimal string of `digits` significant digits. */
  readonly decimals?: readonly string[];
  /** Fast only: the `lem:float-error` bound on ‖Â(q) − A(q)‖₂ per query. */
  readonly errorBounds?: Float64Array;
}

/** Runs one query's evaluation, naming the query row in an overflow error. */
function atQuery<T>(r: number, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof OutputNotRepresentableError) throw new OutputNotRepresentableError(`query row ${r}: ${e.where.replace(/^output /, '')}`, e.message.slice(e.where.length + 2).replace(/^not representable: /, ''));
    if (e instanceof InputError && e.code === 'overflow') throw new InputError('overflow', `query row ${r}: ${e.where}`, e.message.slice(e.where.length + 2));
    throw e;
  }
}

/**
 * Computes A_w(q) (`def:attention`) for every row of `Q` with the fast
 * binary64 path, and each row's forward error bound (`lem:float-error`).
 * @lemma def:attention
 * @lemma lem:float-error
 */
export function fastAttentionRows(inst: Instance, Q: Mat64, w: Weighting, scale: number, progress: Progress): AttentionResult {
  const { dv } = inst;
  const data = new Float64Array(Q.rows * dv);
  const errorBounds = new Float64Array(Q.rows);
  for (let r = 0; r < Q.rows; r++) {
    progress.update(`attention: query ${r + 1}/${Q.rows}`);
    const q = Q.data.subarray(r * Q.cols, (r + 1) * Q.cols);
    atQuery(r, () => attention(inst, q, w, { scale }, data.subarray(r * dv, (r + 1) * dv)));
    errorBounds[r] = attentionErrorBound(evaluationProfile(inst, q, w, { scale }));
  }
  progress.done();
  return { method: 'fast', values: { rows: Q.rows, cols: dv, data }, errorBounds };
}

/**
 * Computes A_w(q) (`def:attention`) for every row of `Q` with the decimal.js
 * reference to `digits` significant digits; decimal strings in scientific
 * notation with exactly `digits` digits, and the nearest doubles.
 * @lemma def:attention
 */
export function referenceAttentionRows(inst: Instance, Q: Mat64, w: Weighting, scale: number, digits: number, progress: Progress): AttentionResult {
  const { dv } = inst;
  const data = new Float64Array(Q.rows * dv);
  const decimals: string[] = [];
  for (let r = 0; r < Q.rows; r++) {
    progress.update(`attention (reference, ${digits} digits): query ${r + 1}/${Q.rows}`);
    const row: Decimal[] = refAttention(inst, Q.data.subarray(r * Q.cols, (r + 1) * Q.cols), w, { digits, scale });
    row.forEach((x, c) => {
      decimals.push(x.toExponential(digits - 1));
      // |A_c| ≤ max|v_c| ≤ MAX_VALUE exactly; only the rounding to `digits`
      // can step past it, and the nearest double is then ±MAX_VALUE.
      data[r * dv + c] = Math.min(Number.MAX_VALUE, Math.max(-Number.MAX_VALUE, toNearestDouble(x)));
    });
  }
  progress.done();
  return { method: 'reference', values: { rows: Q.rows, cols: dv, data }, decimals };
}

/**
 * Checks that every output entry is a finite double before it is written.
 * The evaluations above are built to make this hold (the exact A_w(q) is a
 * convex combination of finite values); this is the second line of
 * defence, so an Infinity or NaN is never written, nor blamed on an input.
 *
 * Error: {@link OutputNotRepresentableError} naming the entry (exit 2).
 * @lemma def:representable-output
 */
export function requireRepresentable(res: AttentionResult): void {
  const { cols, data } = res.values;
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k])) throw new OutputNotRepresentableError(`query row ${Math.floor(k / cols)}, component ${k % cols}`, `${data[k]} is not a finite binary64`);
  }
}

/**
 * Formats the result as the attention JSON document: `shape` and `data`
 * (so `readMatrix` reads it back as the attention matrix), then `method`,
 * and `nearest`/`digits` (reference) or `errorBound` (fast), then `meta`.
 * Rows are one per line; `hex` writes doubles as exact hex floats.
 * @lemma def:attention
 */
export function attentionDocument(res: AttentionResult, meta: Record<string, unknown>, hex: boolean, digits?: number): string {
  const { rows, cols } = res.values;
  const block = (lines: string[]): string => `[\n    ${lines.join(',\n    ')}\n  ]`;
  const parts: string[] = [`"shape": [${rows}, ${cols}]`];
  if (res.decimals !== undefined) {
    const dec = res.decimals;
    const lines = Array.from({ length: rows }, (_, r) => `[${dec.slice(r * cols, (r + 1) * cols).map((s) => `"${s}"`).join(', ')}]`);
    parts.push(`"data": ${block(lines)}`, `"method": "reference"`, `"digits": ${digits}`, `"nearest": ${block(jsonRows(res.values, hex))}`);
  } else {
    parts.push(`"data": ${block(jsonRows(res.values, hex))}`, `"method": "fast"`);
    if (res.errorBounds) parts.push(`"errorBound": [${Array.from(res.errorBounds, (b) => JSON.stringify(b)).join(', ')}]`);
  }
  for (const [k, v] of Object.entries(meta)) parts.push(`${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `{\n  ${parts.join(',\n  ')}\n}\n`;
}
