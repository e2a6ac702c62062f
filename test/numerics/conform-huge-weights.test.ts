/**
 * Regression (issue 13): `conform` against an implementation answering
 * with weights of 1e308 (or a repeated index with weight 1e308, whose
 * merged sum overflows) ended with exit 3 and no case reported.
 * Decision (conformance/protocol.md): weights that are each finite are
 * judged (A_w is invariant to a common factor, `lem:shift-invariance`, and
 * the evaluation rescales overflowing sums by a power of two); a repeated
 * index whose weights sum past binary64 is an `invalid-coreset` failure.
 */
import { describe, expect, it } from 'vitest';
import { checkAnswer, toCoreset } from '../../src/conform/check.js';
import type { Coreset } from '../../src/types.js';
import { verify } from '../../src/verify/verify.js';

const pm = { family: 'pm', inst: { n: 2, d: 1, dv: 1, K: Float64Array.of(1, -1), V: Float64Array.of(1, -1) }, rho: 1, eps: 0.05 };
const msg = (indices: number[], weights: number[]) => ({ type: 'response' as const, id: 'x', indices, weights });

describe('conform answers with weights of 1e308', () => {
  it('judges 1e308 on every row like weight 1 (the full set): certified or not refuted, not an error', async () => {
    const c = toCoreset(msg([0, 1], [1e308, 1e308]), 2);
    expect('reason' in c).toBe(false);
    const check = await checkAnswer(pm, c as Coreset, verify, {});
    expect(check.failure).toBeUndefined();
    expect(check.verify?.verdict).not.toBe('fail');
  });

  it('fails 1e308 + 1e308 on one index as invalid-coreset, naming the index and the remedy', () => {
    const c = toCoreset(msg([0, 0, 1], [1e308, 1e308, 1]), 2);
    expect(c).toMatchObject({ reason: 'invalid-coreset' });
    expect((c as { message: string }).message).toMatch(/response index 0: repeated weights sum past the largest binary64.*power of two/);
  });

  it('finds the real error of a lopsided answer {+1: 1e308, −1: 1}: fail, with a finite lower bound', async () => {
    // A_w(q) = tanh(q + ½ln 1e308) ≈ 1 on all of [−1, 1], A_1 = tanh(q): error ≈ 1 + tanh(1) at q = −1.
    const check = await checkAnswer(pm, toCoreset(msg([0, 1], [1e308, 1]), 2) as Coreset, verify, {});
    expect(check.failure?.reason).toBe('not-eps-coreset');
    expect(check.verify?.lower).toBeGreaterThan(1.7);
  });
});
