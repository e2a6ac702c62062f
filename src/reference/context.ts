/**
 * Precision handling of the reference: a private decimal.js constructor per
 * call, working precision = requested digits + guard digits, one rounding at
 * the end.
 * @module
 */
import { Decimal } from 'decimal.js';
import { InputError } from '../errors.js';
import type { AttentionOptions, Instance } from '../types.js';
import { exactDecimal } from './exact.js';

/** Options of every reference function. */
export interface ReferenceOptions extends AttentionOptions {
  /**
   * Significant digits of the result (before the final rounding the work
   * runs with guard digits, see {@link guardDigits}).
   * @defaultValue 50
   */
  readonly digits?: number;
}

/** The default number of significant digits of a reference result. */
export const DEFAULT_DIGITS = 50;

/**
 * Guard digits for a computation over `terms` summands: each of the O(terms)
 * operations loses at most one unit in the last place, so log10(terms) digits
 * cover the accumulated rounding and 10 more keep it well below the final
 * rounding. Guard digits do not restore significant digits lost to
 * cancellation in signed sums (N_a(q), the covariance): there the guarantee
 * is absolute, relative to R_v (and R_kR_v).
 * @lemma lem:float-error
 */
export function guardDigits(terms: number): number {
  return 10 + Math.ceil(Math.log10(terms + 10));
}

/** Instance entries as exact decimals (row-major, like {@link Instance}). */
export interface InstanceD {
  readonly n: number;
  readonly d: number;
  readonly dv: number;
  readonly K: readonly Decimal[];
  readonly V: readonly Decimal[];
}

/** @internal */
export interface Ctx {
  readonly D: typeof Decimal;
  readonly digits: number;
  readonly scale: Decimal;
}

/**
 * Computes the working context: a private decimal.js constructor at digits +
 * guard digits, and the logit scale converted exactly.
 * @lemma lem:float-error
 * @internal
 */
export function makeCtx(options: ReferenceOptions, terms: number): Ctx {
  const digits = options.digits ?? DEFAULT_DIGITS;
  if (!Number.isInteger(digits) || digits < 1 || digits > 10_000) {
    throw new InputError('parameter', 'digits', `must be an integer in 1..10000, got ${digits}`);
  }
  const D = Decimal.clone({ precision: digits + guardDigits(terms), rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });
  const scale = exactDecimal(options.scale ?? 1, D);
  return { D, digits, scale };
}

/**
 * Rounds a working value once to the requested significant digits.
 * @lemma lem:float-error
 * @internal
 */
export function finalise(x: Decimal, ctx: Ctx): Decimal {
  return x.toSignificantDigits(ctx.digits, Decimal.ROUND_HALF_EVEN);
}

const cache = new WeakMap<object, InstanceD>();

/**
 * Converts a binary64 instance to exact decimals (cached per instance
 * object, or per `key` when given, e.g. the cache whose rows `inst` views,
 * since the conversion is exact and precision-independent).
 * @lemma def:instance
 */
export function toInstanceD(inst: Instance | InstanceD, key?: object): InstanceD {
  if (!(inst.K instanceof Float64Array)) return inst as InstanceD;
  const f = inst as Instance;
  const k = key ?? f;
  let hit = cache.get(k);
  if (hit === undefined || hit.n !== f.n) {
    hit = { n: f.n, d: f.d, dv: f.dv, K: Array.from(f.K, (x) => exactDecimal(x)), V: Array.from(f.V, (x) => exactDecimal(x)) };
    cache.set(k, hit);
  }
  return hit;
}
