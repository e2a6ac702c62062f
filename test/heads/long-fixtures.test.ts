import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkHead } from '../../scripts/capture/check.js';
import { LONG_HEADS_DIR, manifestHeads, readHead } from '../helpers/heads.js';

const heads = manifestHeads(LONG_HEADS_DIR);
const f32 = (a: Float64Array): Float32Array => Float32Array.from(a);
const manifest = JSON.parse(readFileSync(join(LONG_HEADS_DIR, 'manifest.json'), 'utf8')) as {
  maxSequenceLength: number;
  heads: { name: string; tokens: number; maxLength: number; layer: number; text: { file: string; sha256: string } }[];
};

describe('n = 1024 real-head fixtures (heads-long)', () => {
  it('hold the sha256 the manifest records for every array and text, tuning and held-out heads from different layers and texts', () => {
    for (const h of heads) {
      for (const a of Object.values(h.arrays)) {
        expect(createHash('sha256').update(readFileSync(join(LONG_HEADS_DIR, a.file))).digest('hex'), a.file).toBe(a.sha256);
      }
    }
    for (const h of manifest.heads) {
      expect(createHash('sha256').update(readFileSync(h.text.file)).digest('hex'), h.text.file).toBe(h.text.sha256);
      expect([h.tokens, h.maxLength]).toEqual([1024, 1024]);
    }
    expect(manifest.maxSequenceLength).toBe(128);
    const tuning = manifest.heads.filter((h) => h.name.startsWith('text-a'));
    const heldOut = manifest.heads.filter((h) => h.name.startsWith('text-b'));
    expect(tuning.length).toBeGreaterThan(0);
    expect(heldOut.length).toBeGreaterThan(0);
    expect(new Set(tuning.map((h) => h.layer))).not.toEqual(new Set(heldOut.map((h) => h.layer)));
  });

  // One head of each layer: the check is O(n²·d) a head.
  it("reproduce the model's own attention output within the float32 bound (one head per layer)", () => {
    for (const layer of [0, 1]) {
      const h = heads.find((x) => x.layer === layer)!;
      const r = readHead(h, LONG_HEADS_DIR);
      expect([r.instance.n, r.instance.d]).toEqual([h.tokens, h.headDim]);
      expect(h.logitScale).toBe(Math.fround(1 / Math.sqrt(h.headDim)));
      const t = { q: f32(r.queries), k: f32(r.instance.K), v: f32(r.instance.V), out: f32(r.out) };
      expect(checkHead(t, r.instance.n, r.instance.d, r.scale).maxRatio, h.name).toBeLessThanOrEqual(1);
    }
  });
});
