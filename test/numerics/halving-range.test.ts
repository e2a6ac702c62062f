/**
 * Regression (issue 13): `build --method halving` at ρ = 1.7e308 (or keys
 * of norm 1e160) ran its walk on an infinite kernel and returned 1 row when
 * 3 were asked for; it now refuses with exit 2 and names the remedy.
 */
import { describe, expect, it } from 'vitest';
import { buildCoreset } from '../../src/construct/build.js';
import { MAX_KERNEL_EXPONENT } from '../../src/construct/kernel-range.js';
import { defaultKernelScale } from '../../src/construct/pipeline.js';
import type { Instance } from '../../src/types.js';

const unitLine: Instance = { n: 8, d: 1, dv: 1, K: Float64Array.of(1, -1, 1, -1, 1, -1, 1, -1), V: Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8) };

describe('halving outside the kernel range', () => {
  it('refuses ρ = 1.7e308 with an InputError naming ρ and the other methods', () => {
    expect(() => buildCoreset(unitLine, { rho: 1.7e308, size: 3, method: 'halving' })).toThrow(/rho: the halving kernel .* beyond binary64.*sensitivity or uniform/);
  });

  it('refuses keys of norm 1e160 at ρ = 1', () => {
    const big: Instance = { ...unitLine, K: unitLine.K.map((x) => x * 1e160) };
    expect(() => buildCoreset(big, { rho: 1, size: 3, method: 'halving' })).toThrow(/halving kernel/);
  });

  it('still builds 3 rows at the largest accepted ρ (s = ρ − 1 = MAX_KERNEL_EXPONENT)', () => {
    expect(defaultKernelScale(MAX_KERNEL_EXPONENT + 1)).toBe(MAX_KERNEL_EXPONENT);
    expect(buildCoreset(unitLine, { rho: MAX_KERNEL_EXPONENT + 1, size: 3, method: 'halving' }).size).toBe(3);
  });
});
