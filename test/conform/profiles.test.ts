import { describe, expect, it } from 'vitest';
import { linePrefixer } from '../../src/conform/line-prefix.js';
import { planScaled, profile, PROFILE_NAMES } from '../../src/conform/profiles.js';
import { scaledFamilies, scaledFamily } from '../../src/conform/scaled.js';

describe('planScaled', () => {
  it('gives every profile the shapes the issue asks for (n to 4096, d 64/128, dv ≠ d, ρ to 8, ε to 0.005) in standard and deep', () => {
    for (const name of ['standard', 'deep'] as const) {
      const p = profile(name);
      expect(Math.max(...p.n)).toBe(4096);
      expect(p.d).toEqual([64, 128]);
      expect(p.dvRatio.some((r) => r !== 1)).toBe(true);
      expect(Math.max(...p.rho)).toBe(8);
      expect(Math.min(...p.eps)).toBe(0.005);
      expect(p.scaledCases).toBeGreaterThanOrEqual(scaledFamilies().length);
    }
    expect(PROFILE_NAMES).toEqual(['quick', 'standard', 'deep']);
  });

  it('regenerates case k from its regen flags as case 0 of a pinned run', () => {
    const plan = planScaled(profile('standard'), scaledFamilies(), {}, 9, 7);
    for (const planned of plan) {
      const made = planned.make();
      const r = made.regen;
      const get = (k: string) => Number(r[r.indexOf(k) + 1]);
      const again = planScaled(profile('standard'), [scaledFamily(r[r.indexOf('--family') + 1])], { n: [get('--n')], d: [get('--d')], dv: [get('--dv')], rho: [get('--rho')], eps: [get('--eps')] }, 1, get('--seed'))[0].make();
      const same = (x: Float64Array, y: Float64Array) => Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(Buffer.from(y.buffer, y.byteOffset, y.byteLength));
      expect(same(again.case.inst.K, made.case.inst.K)).toBe(true);
      expect(same(again.case.inst.V, made.case.inst.V)).toBe(true);
      expect([again.case.rho, again.case.eps]).toEqual([made.case.rho, made.case.eps]);
    }
  });

  it('builds instances of the shape it names, keys in the unit ball', () => {
    for (const planned of planScaled(profile('quick'), scaledFamilies(), {}, 9, 1)) {
      const { case: c, regen } = planned.make();
      const n = Number(regen[regen.indexOf('--n') + 1]);
      expect(c.inst.n).toBe(n);
      expect(c.inst.K.length).toBe(c.inst.n * c.inst.d);
      expect(c.inst.V.length).toBe(c.inst.n * c.inst.dv);
      for (let i = 0; i < c.inst.n; i++) expect(Math.hypot(...c.inst.K.subarray(i * c.inst.d, (i + 1) * c.inst.d))).toBeLessThanOrEqual(1 + 1e-12);
    }
  });

  it('refuses a pinned shape above the entry cap', () => {
    expect(() => planScaled(profile('quick'), scaledFamilies(), { n: [1 << 20], d: [128] }, 1, 1)).toThrow(/entries/);
  });
});

describe('linePrefixer', () => {
  // Regression (issue 12): --verbose prefixed chunks, so a line split over two chunks got "[impl] " in its middle.
  it('prefixes whole lines, whatever the chunk boundaries', () => {
    let out = '';
    const sink = linePrefixer('[impl] ', (s) => (out += s));
    for (const chunk of ['loa', 'ding mod', 'el\nstep 1\n\nstep', ' 2\npartial']) sink(chunk);
    sink.flush();
    expect(out).toBe('[impl] loading model\n[impl] step 1\n[impl] \n[impl] step 2\n[impl] partial\n');
  });
});
