import { describe, expect, it } from 'vitest';
import { attentionSinkInstance, clusteredInstance, orthonormalInstance, orthonormalWitness, randomUnitVector, seededRng, sphereInstance, uniformTrap, uniformTrapSubset, uniformTrapWeighted } from '../../src/families/index.js';
import { InputError } from '../../src/errors.js';
import { validateInstance } from '../../src/validate.js';

const rowNorms = (data: Float64Array, cols: number) => Array.from({ length: data.length / cols }, (_, i) => Math.hypot(...data.subarray(i * cols, (i + 1) * cols)));

describe('seededRng', () => {
  it('is reproducible and seed-dependent', () => {
    const a = seededRng(5);
    const b = seededRng(5);
    const c = seededRng(6);
    const xs = [a.uniform(), a.uniform(), a.normal()];
    expect([b.uniform(), b.uniform(), b.normal()]).toEqual(xs);
    expect(c.uniform()).not.toBe(xs[0]);
  });
  it('has uniform outputs in [0, 1) with mean near ½ (10⁴ draws, 5σ = 0.0145)', () => {
    const r = seededRng(1);
    let s = 0;
    for (let i = 0; i < 10_000; i++) {
      const u = r.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      s += u;
    }
    expect(Math.abs(s / 10_000 - 0.5)).toBeLessThan(0.0145);
  });
});

describe('sphereInstance', () => {
  it('is in the unit setting and reproducible from its seed', () => {
    const inst = sphereInstance({ n: 50, d: 7, dv: 3, seed: 11 });
    expect(() => validateInstance(inst, { unit: true })).not.toThrow();
    expect(sphereInstance({ n: 50, d: 7, dv: 3, seed: 11 }).K).toEqual(inst.K);
    expect(sphereInstance({ n: 50, d: 7, dv: 3, seed: 12 }).K).not.toEqual(inst.K);
  });
  it('rejects a zero size', () => {
    expect(() => sphereInstance({ n: 0, d: 2 })).toThrow(InputError);
  });
});

describe('clusteredInstance', () => {
  it('has unit keys and a heaviest first cluster', () => {
    const inst = clusteredInstance({ n: 400, d: 5, clusters: 3, spread: 0.01, skew: 8, seed: 3 });
    expect(() => validateInstance(inst, { unit: true })).not.toThrow();
    // Group rows by near-parallel keys (spread 0.01 keeps a cluster within
    // cos > 0.99). With skew 8 the first cluster's expected share is
    // 64/73 ≈ 88%; > 60% of 400 rows is far outside binomial fluctuation.
    const groups = new Map<number, number>();
    for (let i = 0; i < inst.n; i++) {
      let g = -1;
      for (const [j] of groups) if (Math.abs(inst.K.subarray(i * 5, i * 5 + 5).reduce((s, x, a) => s + x * inst.K[j * 5 + a], 0) - 1) < 1e-2) g = j;
      groups.set(g === -1 ? i : g, (groups.get(g === -1 ? i : g) ?? 0) + 1);
    }
    const sizes = [...groups.values()].sort((a, b) => b - a);
    expect(sizes.length).toBeLessThanOrEqual(3);
    expect(sizes[0]).toBeGreaterThan(0.6 * inst.n);
  });
});

describe('attentionSinkInstance', () => {
  it('has one unit key and the rest of the given norm', () => {
    const inst = attentionSinkInstance({ n: 10, d: 4, seed: 2, otherKeyNorm: 0.05 });
    const norms = rowNorms(inst.K, 4);
    expect(Math.abs(norms[0] - 1)).toBeLessThan(1e-15);
    for (const r of norms.slice(1)) expect(Math.abs(r - 0.05)).toBeLessThan(1e-16);
  });
});

describe('uniformTrap', () => {
  it('has one +1 row and M = ⌊e^{2ρ}⌋ −1 rows', () => {
    const t = uniformTrap(1);
    expect(t.M).toBe(7);
    expect(Array.from(t.instance.K)).toEqual([1, -1, -1, -1, -1, -1, -1, -1]);
    expect(Array.from(t.instance.V)).toEqual(Array.from(t.instance.K));
  });
  it('embeds in R^d along e₁', () => {
    const t = uniformTrap(0.5, 3);
    expect(t.instance.d).toBe(3);
    expect(Array.from(t.instance.K.subarray(0, 6))).toEqual([1, 0, 0, -1, 0, 0]);
  });
  it('builds uniform subsets and the exact weighted pair', () => {
    const t = uniformTrap(1);
    expect(Array.from(uniformTrapSubset(t, 3).indices)).toEqual([0, 1, 2]);
    expect(Array.from(uniformTrapSubset(t, 3, false).indices)).toEqual([1, 2, 3]);
    expect(Array.from(uniformTrapWeighted(t).weights)).toEqual([1, 7]);
    expect(() => uniformTrapSubset(t, 9)).toThrow(InputError);
  });
});

describe('orthonormalInstance', () => {
  it('has keys = values = the standard basis and witness ρe_i', () => {
    const inst = orthonormalInstance(3);
    expect(Array.from(inst.K)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(Array.from(inst.V)).toEqual(Array.from(inst.K));
    expect(Array.from(orthonormalWitness(3, 1, 2.5))).toEqual([0, 2.5, 0]);
    expect(() => orthonormalWitness(3, 3, 1)).toThrow(InputError);
  });
});

describe('attentionSinkInstance (sinks and a near-sink cone)', () => {
  const inst = attentionSinkInstance({ n: 200, d: 16, seed: 5, sinks: 8, nearSink: 64, nearSinkRadius: 0.2, otherKeyNorm: 1 });
  const d = 16;
  const cosTo0 = (i: number): number => inst.K.subarray(i * d, (i + 1) * d).reduce((s, x, a) => s + x * inst.K[a], 0);
  it('repeats the sink key and value exactly', () => {
    for (let i = 1; i < 8; i++) {
      expect(Array.from(inst.K.subarray(i * d, (i + 1) * d))).toEqual(Array.from(inst.K.subarray(0, d)));
      expect(Array.from(inst.V.subarray(i * 16, (i + 1) * 16))).toEqual(Array.from(inst.V.subarray(0, 16)));
    }
  });
  it('puts the cone within the radius and the rest on the sphere', () => {
    const norms = rowNorms(inst.K, d);
    for (const r of norms) expect(Math.abs(r - 1)).toBeLessThan(1e-14);
    for (let i = 8; i < 72; i++) expect(Math.acos(Math.min(1, cosTo0(i)))).toBeLessThanOrEqual(0.2 + 1e-7);
    // An isotropic unit key in R^16 is within 0.2 rad of u with probability ≈ 0.
    for (let i = 72; i < 200; i++) expect(cosTo0(i)).toBeLessThan(Math.cos(0.2));
  });
  it('keeps the single-sink defaults draw for draw', () => {
    // The original generator: per row a unit key (scaled by 0.1 after row 0), then a unit value.
    const rng = seededRng(2);
    const K = new Float64Array(12 * 4);
    const V = new Float64Array(12 * 4);
    for (let i = 0; i < 12; i++) {
      const k = randomUnitVector(rng, 4, K.subarray(i * 4, i * 4 + 4));
      if (i > 0) for (let j = 0; j < 4; j++) k[j] *= 0.1;
      randomUnitVector(rng, 4, V.subarray(i * 4, i * 4 + 4));
    }
    const a = attentionSinkInstance({ n: 12, d: 4, seed: 2 });
    expect(Array.from(a.K)).toEqual(Array.from(K));
    expect(Array.from(a.V)).toEqual(Array.from(V));
  });
  it('names a bad parameter', () => {
    expect(() => attentionSinkInstance({ n: 10, d: 4, sinks: 11 })).toThrow(/sinks/);
    expect(() => attentionSinkInstance({ n: 10, d: 4, sinks: 4, nearSink: 7 })).toThrow(/nearSink/);
    expect(() => attentionSinkInstance({ n: 10, d: 4, nearSinkRadius: -1 })).toThrow(/nearSinkRadius/);
  });
});
