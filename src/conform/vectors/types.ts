/**
 * The data model of conformance vectors, version 1 (files under
 * `conformance/vectors/v1/`, schema in `./schema.ts`). Every number that must
 * be exact is a hexadecimal float string ("0x1.8p+1").
 * @module
 */

/** A hex-float string, e.g. "0x1.8p+1" (`formatHexFloat` of src/io). */
export type Hex = string;

/** A weighted set with exact weights. */
export interface VectorCoreset {
  readonly indices: number[];
  readonly weights: Hex[];
}

/** What a vector asserts about its input. */
export type Expectation =
  /** This weighted set has error 0 at every query (checked at `queries`). */
  | { readonly kind: 'exact'; readonly coreset: VectorCoreset; readonly queries: Hex[][] }
  /**
   * This uniform-weight set fails at ε: its error at `witness` is ≥
   * `errorAtLeast` > ε; and every uniform-weight set of fewer than
   * `minUniformSize` points fails (`prop:uniform-weights-fail`).
   */
  | {
      readonly kind: 'uniform-fails';
      readonly coreset: VectorCoreset;
      readonly witness: Hex[];
      readonly errorAtLeast: Hex;
      readonly closedForm: Hex;
      readonly minUniformSize: number;
    }
  /**
   * Every ε-coreset has size ≥ `minSize` (`prop:orthonormal-floor`): the set
   * without row `omitted`, weights 1, has error ≥ `errorAtLeast` > ε at `witness`.
   */
  | { readonly kind: 'floor'; readonly minSize: number; readonly omitted: number; readonly witness: Hex[]; readonly errorAtLeast: Hex }
  /** A_w(q) at each query, correctly rounded to binary64 (`coreset` null: every weight 1). */
  | { readonly kind: 'attention'; readonly coreset: VectorCoreset | null; readonly queries: Hex[][]; readonly values: Hex[][] };

/** One vector. */
export interface VectorCase {
  /** Stable across regenerations; never reused for different content. */
  readonly id: string;
  /** The anchor the case exercises. */
  readonly anchor: string;
  readonly description: string;
  readonly input: {
    readonly n: number;
    readonly d: number;
    readonly dv: number;
    readonly K: Hex[][];
    readonly V: Hex[][];
    readonly rho: Hex;
    readonly eps: Hex;
  };
  readonly expect: Expectation;
}

/** One vector file. */
export interface VectorFile {
  readonly version: 1;
  readonly generator: string;
  readonly count: number;
  readonly cases: VectorCase[];
}
