/**
 * Generates the conformance vectors from closed forms and the decimal.js
 * reference only (never from the code under test): the uniform-weights trap
 * T_ρ, the orthonormal floor, exact weighted sets of duplicates, and
 * attention values. `scripts/gen-vectors.ts` writes the result.
 * @module
 */
import { Decimal } from 'decimal.js';
import { formatHexFloat } from '../../io/hex-float.js';
import * as Ref from '../../reference/index.js';
import type { Coreset, Instance } from '../../types.js';
import { minUniformCoresetSize, orthonormalFloorSize } from '../../bounds.js';
import { orthonormalInstance, orthonormalWitness, uniformTrap, uniformTrapSubset, uniformTrapWeighted } from '../../families/index.js';
import { doubleBelow } from './exact-bounds.js';
import type { Expectation, Hex, VectorCase, VectorCoreset, VectorFile } from './types.js';

/** Identifies the generator in every file header. */
export const GENERATOR = 'attn-coreset scripts/gen-vectors.ts (closed forms + decimal.js reference, 50 digits)';

const D = Decimal.clone({ precision: 60 });
/**
 * Writes a row-major matrix as rows of exact hex floats.
 * @lemma def:instance
 */
export const hexRows = (data: Float64Array, rows: number, cols: number): Hex[][] =>
  Array.from({ length: rows }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols), formatHexFloat));
const hexCoreset = (c: Coreset): VectorCoreset => ({ indices: Array.from(c.indices), weights: Array.from(c.weights, formatHexFloat) });

/**
 * Writes a vector's input: the instance and (ρ, ε) as exact hex floats.
 * @lemma def:instance
 */
export function input(inst: Instance, rho: number, eps: number): VectorCase['input'] {
  return { n: inst.n, d: inst.d, dv: inst.dv, K: hexRows(inst.K, inst.n, inst.d), V: hexRows(inst.V, inst.n, inst.dv), rho: formatHexFloat(rho), eps: formatHexFloat(eps) };
}

function vector(id: string, anchor: string, description: string, inst: Instance, rho: number, eps: number, expect: Expectation): VectorCase {
  return { id, anchor, description, input: input(inst, rho, eps), expect };
}

function file(cases: VectorCase[]): VectorFile {
  return { version: 1, generator: GENERATOR, count: cases.length, cases };
}

/**
 * Vectors of `prop:uniform-weights-fail` on T_ρ: the weighted set
 * {+ key: 1, one − key: M} is exact; the largest failing uniform-weight set
 * {+ key, m−1 − keys} fails at the midpoint of the two tanh centres with
 * error 2·tanh(¼·ln(M/(m−1))); dropping the + key fails at q = ρ.
 * @lemma prop:uniform-weights-fail
 */
export function trapVectors(): VectorFile {
  const cases: VectorCase[] = [];
  for (const rho of [0.5, 1, 1.5, 2]) {
    for (const eps of [0.1, 0.25]) {
      const trap = uniformTrap(rho);
      const { instance: inst, M } = trap;
      const tag = `trap/rho=${rho}/eps=${eps}`;
      const queries = [-rho, -rho / 2, 0, rho / 2, rho].map((t) => [formatHexFloat(t)]);
      cases.push(
        vector(`${tag}/weighted-exact`, 'prop:uniform-weights-fail', `T_ρ with M = ${M}: the weighted set {+ key: 1, one − key: ${M}} has error 0 at every query`, inst, rho, eps, {
          kind: 'exact',
          coreset: hexCoreset(uniformTrapWeighted(trap)),
          queries,
        }),
      );
      // Uniform sets {+, m−1 −} fail iff m − 1 < M·((2−ε)/(2+ε))² (decided exactly in src/bounds.ts).
      const minUniformSize = minUniformCoresetSize(rho, eps);
      const m = minUniformSize - 1; // the largest failing size
      if (m >= 2) {
        const uni = uniformTrapSubset(trap, m);
        const mid = (Math.log(M) + Math.log(m - 1)) / 4; // midpoint of the centres ½ln M and ½ln(m−1)
        const err = Ref.coresetError(inst, Float64Array.of(mid), uni);
        const closed = new D(M).div(m - 1).ln().div(4).tanh().times(2);
        cases.push(
          vector(`${tag}/uniform-m=${m}`, 'prop:uniform-weights-fail', `T_ρ with M = ${M}: the uniform-weight set {+ key, ${m - 1} − keys} fails; every uniform-weight set of fewer than ${minUniformSize} points fails`, inst, rho, eps, {
            kind: 'uniform-fails',
            coreset: hexCoreset(uni),
            witness: [formatHexFloat(mid)],
            errorAtLeast: formatHexFloat(doubleBelow(err)),
            closedForm: formatHexFloat(Ref.toNearestDouble(closed)),
            minUniformSize,
          }),
        );
      }
      const drop = uniformTrapSubset(trap, M, false);
      const errDrop = Ref.coresetError(inst, Float64Array.of(rho), drop);
      const closedDrop = new D(rho).minus(new D(M).ln().div(2)).tanh().plus(1);
      cases.push(
        vector(`${tag}/uniform-without-plus`, 'prop:uniform-weights-fail', `T_ρ with M = ${M}: dropping the + key fails with error 1 + tanh(ρ − ½ln M) ≥ 1 at q = ρ`, inst, rho, eps, {
          kind: 'uniform-fails',
          coreset: hexCoreset(drop),
          witness: [formatHexFloat(rho)],
          errorAtLeast: formatHexFloat(doubleBelow(errDrop)),
          closedForm: formatHexFloat(Ref.toNearestDouble(closedDrop)),
          minUniformSize,
        }),
      );
    }
  }
  return file(cases);
}

/**
 * Vectors of `prop:orthonormal-floor`: keys = values = e₁ … e_n with
 * n ≤ 1 + e^ρ(1/ε − 1), so every ε-coreset is the whole set; omitting the
 * last row costs error ≥ p = e^ρ/(e^ρ + n − 1) > ε at q = ρ·e_n.
 * @lemma prop:orthonormal-floor
 */
export function floorVectors(): VectorFile {
  const cases: VectorCase[] = [];
  for (const [n, rho, eps] of [
    [2, 1, 0.1],
    [3, 1, 0.25],
    [5, 2, 0.1],
    [8, 2, 0.25],
    [12, 3, 0.5],
  ] as const) {
    const limit = orthonormalFloorSize(rho, eps);
    if (!(n <= limit)) throw new Error(`floor vector n = ${n} exceeds the floor's range ${limit}`);
    const inst = orthonormalInstance(n);
    const omitted = n - 1;
    const rest = Array.from({ length: n - 1 }, (_, j) => j);
    const w: Coreset = { indices: Uint32Array.from(rest), weights: Float64Array.from(rest, () => 1) };
    const q = orthonormalWitness(n, omitted, rho);
    const err = Ref.coresetError(inst, q, w);
    cases.push(
      vector(`orthonormal/n=${n}/rho=${rho}/eps=${eps}`, 'prop:orthonormal-floor', `keys = values = e_1..e_${n}: every ε-coreset keeps all ${n} rows`, inst, rho, eps, {
        kind: 'floor',
        minSize: n,
        omitted,
        witness: Array.from(q, formatHexFloat),
        errorAtLeast: formatHexFloat(doubleBelow(err)),
      }),
    );
  }
  return file(cases);
}

/**
 * Vectors of `def:weighted-set`: exact duplicates merged into one
 * representative with their multiplicity as weight are exact.
 * @lemma def:weighted-set
 */
export function duplicateVectors(): VectorFile {
  const cases: VectorCase[] = [];
  const centres: [number[], number[], number][] = [
    [[0.6, 0.8], [1, 0], 3],
    [[1, 0], [0, -1], 1],
    [[0, -1], [-0.6, 0.8], 4],
    [[-0.8, 0.6], [0.28, -0.96], 2],
  ];
  for (const [rho, eps] of [
    [1, 0.05],
    [3, 0.05],
  ] as const) {
    const keys: number[] = [];
    const values: number[] = [];
    const reps: number[] = [];
    const mult: number[] = [];
    for (const [k, v, r] of centres) {
      reps.push(keys.length / 2);
      mult.push(r);
      for (let t = 0; t < r; t++) (keys.push(...k), values.push(...v));
    }
    const inst: Instance = { n: keys.length / 2, d: 2, dv: 2, K: Float64Array.from(keys), V: Float64Array.from(values) };
    const queries = [
      [0, 0],
      [rho, 0],
      [0, -rho],
      [-rho * 0.6, rho * 0.8],
    ].map((q) => q.map(formatHexFloat));
    cases.push(
      vector(`duplicates/rho=${rho}`, 'def:weighted-set', 'four distinct (key, value) pairs repeated 3, 1, 4, 2 times: one representative each, weighted by multiplicity, is exact', inst, rho, eps, {
        kind: 'exact',
        coreset: hexCoreset({ indices: Uint32Array.from(reps), weights: Float64Array.from(mult) }),
        queries,
      }),
    );
  }
  return file(cases);
}

/**
 * Vectors of `def:attention`: A_w(q) correctly rounded to binary64 from the
 * reference, including logits near 700 (where an unshifted exp overflows).
 * @lemma def:attention
 */
export function attentionVectors(): VectorFile {
  const inst: Instance = { n: 3, d: 2, dv: 1, K: Float64Array.of(1, 0, 0, 1, 0.6, 0.8), V: Float64Array.of(1, -1, 0.5) };
  const queries = [
    [0, 0],
    [2, 0],
    [-1, 3],
    [700, 0],
    [0, -710],
  ];
  const cases: VectorCase[] = [];
  for (const [name, w] of [
    ['full', null],
    ['weighted', { indices: Uint32Array.of(0, 2), weights: Float64Array.of(2, 0.5) }],
  ] as const) {
    const values = queries.map((q) => Ref.attention(inst, Float64Array.from(q), w).map((x) => formatHexFloat(Ref.toNearestDouble(x))));
    cases.push(
      vector(`attention/${name}`, 'def:attention', `A_w(q) of a 3-point instance, ${name === 'full' ? 'every weight 1' : 'weights {0: 2, 2: 0.5}'}, at five queries (logits up to ±710), correctly rounded`, inst, 710, 0.1, {
        kind: 'attention',
        coreset: w === null ? null : hexCoreset(w),
        queries: queries.map((q) => q.map(formatHexFloat)),
        values,
      }),
    );
  }
  return file(cases);
}

/**
 * Every vector file by name (`<name>.json` in `conformance/vectors/v1/`).
 * @lemma def:eps-coreset
 */
export function allVectorFiles(): Record<string, VectorFile> {
  return {
    'uniform-trap': trapVectors(),
    'orthonormal-floor': floorVectors(),
    'exact-duplicates': duplicateVectors(),
    attention: attentionVectors(),
  };
}
