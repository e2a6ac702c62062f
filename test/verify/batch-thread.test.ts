import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCoreset } from '../../src/construct/build.js';
import { sphereInstance } from '../../src/families/index.js';
import { normalizeCoreset } from '../../src/validate.js';
import { evalBatch, makePair } from '../../src/verify/batch.js';
import { batchEvaluator } from '../../src/verify/batch-thread.js';
import { falsify } from '../../src/verify/falsify.js';
import { verify } from '../../src/verify/verify.js';

/** The bits of a Float64Array, for exact comparison (NaN and −0 included). */
const bits = (x: Float64Array): string => Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex');

// Large enough that every batch of ≥ 4 queries goes to the helper (HELPER_MIN_WORK).
const inst = sphereInstance({ n: 2048, d: 32, dv: 32, seed: 21 });
const c = normalizeCoreset({ indices: Uint32Array.from({ length: 96 }, (_, j) => 21 * j + 5), weights: Float64Array.from({ length: 96 }, (_, j) => 10 + (j % 7)) }, inst.n);
const pair = makePair(inst, c);

const withThreads = <T>(t: '1' | '2', f: () => T): T => {
  const saved = process.env.ATTN_CORESET_THREADS;
  process.env.ATTN_CORESET_THREADS = t;
  try {
    return f();
  } finally {
    if (saved === undefined) delete process.env.ATTN_CORESET_THREADS;
    else process.env.ATTN_CORESET_THREADS = saved;
  }
};

describe('batchEvaluator on two threads', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.ATTN_CORESET_THREADS;
    process.env.ATTN_CORESET_THREADS = '2';
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.ATTN_CORESET_THREADS;
    else process.env.ATTN_CORESET_THREADS = saved;
  });

  it('gives the bits of evalBatch on one thread for every batch size, with and without the gradient', () => {
    const d = pair.d;
    const ev = batchEvaluator(pair, 64);
    try {
      for (const B of [64, 37, 8, 5, 4, 3, 2, 1]) {
        const Q = Float64Array.from({ length: B * d }, (_, t) => 0.9 * Math.sin(1.7 * t + B));
        for (const grad of [true, false]) {
          const F = new Float64Array(B);
          const G = new Float64Array(B * d);
          ev.evaluate(Q, B, F, grad ? G : undefined);
          const F1 = new Float64Array(B);
          const G1 = new Float64Array(B * d);
          evalBatch(pair, Q, B, F1, grad ? G1 : undefined);
          expect(bits(F)).toBe(bits(F1));
          expect(bits(G)).toBe(bits(G1));
          expect(F.every((x) => x > 0)).toBe(true); // a real comparison, not two zero arrays
        }
      }
      // The helper took part in the batches of 4 or more (5 sizes × 2).
      expect(ev.helped).toBe(10);
    } finally {
      ev.close();
    }
    // After close, batches run on this thread (same bits).
    const Q = Float64Array.from({ length: 8 * d }, (_, t) => Math.cos(t));
    const F = new Float64Array(8);
    const F1 = new Float64Array(8);
    ev.evaluate(Q, 8, F);
    evalBatch(pair, Q, 8, F1);
    expect(bits(F)).toBe(bits(F1));
    expect(ev.helped).toBe(10);
  });

  it('falsify and verify return the same bits on one thread and on two', () => {
    const opts = { rho: 2, budget: 600, seed: 4, coreRows: c.indices, keep: 6 };
    const two = falsify(pair, opts);
    const one = withThreads('1', () => falsify(pair, opts));
    expect(two.error).toBe(one.error);
    expect(two.evaluations).toBe(one.evaluations);
    expect(bits(two.query)).toBe(bits(one.query));
    expect((two.queries ?? []).map(bits)).toEqual((one.queries ?? []).map(bits));
    // verify's witness check costs O(n·d) decimal operations: a smaller
    // instance, where the screening batches (64 queries) still reach the helper.
    const vi = sphereInstance({ n: 768, d: 16, dv: 16, seed: 23 });
    const vc = { indices: Uint32Array.from({ length: 40 }, (_, j) => 19 * j), weights: new Float64Array(40).fill(vi.n / 40) };
    const vOpts = { rho: 2, eps: 0.01, budget: 400, seed: 2, rkhs: 'never' as const };
    const v2 = verify(vi, vc, vOpts);
    const v1 = withThreads('1', () => verify(vi, vc, vOpts));
    expect(v2.verdict).toBe(v1.verdict);
    expect(v2.lower).toBe(v1.lower);
    expect(bits(v2.witness)).toBe(bits(v1.witness));
  });

  it('a build with the sup-aware refinement is bit-for-bit the same on one thread and on two', () => {
    const small = sphereInstance({ n: 1536, d: 32, dv: 32, seed: 22 });
    const two = buildCoreset(small, { rho: 2, size: 48, seed: 1 }).coreset;
    const one = withThreads('1', () => buildCoreset(small, { rho: 2, size: 48, seed: 1 }).coreset);
    expect(Array.from(two.indices)).toEqual(Array.from(one.indices));
    expect(bits(two.weights)).toBe(bits(one.weights));
  });
});
