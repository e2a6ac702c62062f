/**
 * The target proxy T of the halving (a weighted subset of the rows) as the
 * "full" side of a falsifier pair: the ε-targeted search measures a
 * candidate against T, which is |T|/n as expensive as against the instance.
 * @module
 */
import { sharedFloat64 } from '../helper-thread.js';
import type { Instance } from '../types.js';
import type { NormalizedCoreset } from '../validate.js';
import { makePair, type Pair } from '../verify/batch.js';
import type { TargetMeasure } from './herd.js';

/** A pair against the proxy, and the coreset's rows as positions in T. */
export interface ProxyPair {
  readonly pair: Pair;
  /** Positions in T of the coreset rows that belong to T (the others are not marked). */
  readonly coreRows: Uint32Array;
}

/**
 * Builds the falsifier pair (T with its weights, coreset): by the triangle
 * inequality at each query, err_full(w) ≤ err_T(w) + err_full(T)
 * (`def:coreset-error`), so a small error against T is a small error
 * against the instance up to the proxy's own error; the search uses it only
 * to steer, the answer is verified against the instance.
 * @lemma def:coreset-error
 */
export function proxyPair(inst: Instance, target: TargetMeasure, c: NormalizedCoreset): ProxyPair {
  const { d, dv } = inst;
  const t = target.rows.length;
  // On shared memory: the falsifier's helper thread reads them without a copy.
  const K = t > 0 ? sharedFloat64(t * d) : new Float64Array(0);
  const V = t > 0 ? sharedFloat64(t * dv) : new Float64Array(0);
  const position = new Map<number, number>();
  for (let j = 0; j < t; j++) {
    const r = target.rows[j];
    K.set(inst.K.subarray(r * d, (r + 1) * d), j * d);
    V.set(inst.V.subarray(r * dv, (r + 1) * dv), j * dv);
    position.set(r, j);
  }
  const base = makePair(inst, c);
  const coreRows = Uint32Array.from(
    Array.from(c.indices, (r) => position.get(r) ?? -1).filter((j) => j >= 0),
  );
  return { pair: { ...base, full: { m: t, K, V, w: target.weights } }, coreRows };
}
