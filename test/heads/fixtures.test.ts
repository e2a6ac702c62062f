import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkHead } from '../../scripts/capture/check.js';
import { HEADS_DIR, manifestHeads, readHead } from '../helpers/heads.js';

const heads = manifestHeads();
const f32 = (a: Float64Array): Float32Array => Float32Array.from(a);

describe('real-head fixtures', () => {
  it('are listed in the manifest with the sha256 of every committed array', () => {
    expect(heads.length).toBeGreaterThanOrEqual(4);
    for (const h of heads) {
      for (const a of Object.values(h.arrays)) {
        const digest = createHash('sha256').update(readFileSync(join(HEADS_DIR, a.file))).digest('hex');
        expect(digest, a.file).toBe(a.sha256);
      }
    }
  });

  it('have the shapes and logit scale the manifest records (n ≤ 128 tokens, s = 1/√d_h)', () => {
    for (const h of heads) {
      const r = readHead(h);
      expect([r.instance.n, r.instance.d, r.instance.dv]).toEqual([h.tokens, h.headDim, h.headDim]);
      expect(r.queries.length).toBe(h.tokens * h.headDim);
      // The graph's constant is float32(1/√d_h); for d_h = 64 that is exactly 1/8.
      expect(h.logitScale).toBe(Math.fround(1 / Math.sqrt(h.headDim)));
    }
  });

  it("reproduce the model's own attention output: softmax(s·QKᵀ)V within the float32 bound", () => {
    for (const h of heads) {
      const r = readHead(h);
      const t = { q: f32(r.queries), k: f32(r.instance.K), v: f32(r.instance.V), out: f32(r.out) };
      expect(checkHead(t, r.instance.n, r.instance.d, r.scale).maxRatio, h.name).toBeLessThanOrEqual(1);
    }
  });

  it('fail that check when values of another head are paired with these keys (the check can fail)', () => {
    const a = readHead(heads[0]);
    const b = readHead(heads.find((h) => h.paragraph === heads[0].paragraph && h.head !== heads[0].head)!);
    const t = { q: f32(a.queries), k: f32(a.instance.K), v: f32(b.instance.V), out: f32(a.out) };
    expect(checkHead(t, a.instance.n, a.instance.d, a.scale).maxRatio).toBeGreaterThan(1);
  });
});
