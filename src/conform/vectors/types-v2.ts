/**
 * The data model of conformance vectors, version 2 (files under
 * `conformance/vectors/v2/`, schema in `./schema-v2.ts`): each case gives an
 * instance and a compressed cache (`def:compressed-cache`) with the outcome
 * the cache must get at the case's (ρ, ε). Exact numbers are hex floats;
 * a cache's rows may instead be one base64 string of little-endian binary64
 * values (the protocol-2 wire form).
 * @module
 */
import type { Hex, VectorCase } from './types.js';

/** A cache as a vector writes it. */
export interface VectorCache {
  readonly m: number;
  /** `hex`: members are rows of hex floats; `base64`: each member is one base64 string (row-major). */
  readonly encoding: 'hex' | 'base64';
  readonly keys: Hex[][] | string;
  readonly values: Hex[][] | string;
  readonly weights: Hex[] | string;
}

/** What a v2 vector asserts about its cache. */
export type CacheExpectation =
  /**
   * E(C) > ε: at `witness` (‖witness‖ ≤ ρ) the error is `error` (the exact
   * error rounded to nearest) and at least `errorAtLeast` > ε; a binary64
   * evaluation there lies within `tolerance` of the exact error
   * (`lem:float-error` with the cache's norms, `lem:cache-float-error`).
   */
  | {
      readonly outcome: 'fail';
      readonly witness: Hex[];
      readonly error: Hex;
      readonly errorAtLeast: Hex;
      readonly tolerance: Hex;
      readonly confirmedBy: string;
    }
  /**
   * E(C) = 0 ≤ ε: the cache is an exact regrouping of the instance (its rows
   * are the instance's distinct (k, v) pairs, each weighted by its
   * multiplicity), so A_C ≡ A_1; the error is checked to be 0 at `queries`.
   */
  | { readonly outcome: 'pass'; readonly proof: 'regrouping'; readonly queries: Hex[][]; readonly confirmedBy: string }
  /**
   * E(C) ≤ `upperAtMost` ≤ ε, proved by the verifier's certificate (the
   * verdict must be `certified`); `lower` is the largest error the
   * verifier's search found (the reference's value at its witness), which an
   * independent search must not beat by more than its own rounding.
   */
  | { readonly outcome: 'pass'; readonly proof: 'certificate'; readonly upperAtMost: Hex; readonly lower: Hex; readonly confirmedBy: string };

/** One v2 vector. */
export interface CacheVectorCase {
  /** Stable across regenerations; never reused for different content. */
  readonly id: string;
  readonly anchor: string;
  readonly description: string;
  /** As in version 1. */
  readonly input: VectorCase['input'];
  readonly cache: VectorCache;
  /** How the cache was made, when a recipe can re-make it bit for bit (the KIVI quantizer). */
  readonly construction?: { readonly method: 'kivi'; readonly bits: number; readonly group: number };
  readonly expect: CacheExpectation;
}

/** One v2 vector file. */
export interface CacheVectorFile {
  readonly version: 2;
  readonly generator: string;
  /** How the expected outcomes were confirmed independently of the code under test. */
  readonly confirmation: string;
  readonly count: number;
  readonly cases: CacheVectorCase[];
}
