import { describe, expect, it } from 'vitest';
import { buildCoreset } from '../../src/construct/build.js';
import { sphereInstance } from '../../src/families/sphere.js';
import { bnbProbeNodes, bnbProjectedNodes, bnbWorthContinuing } from '../../src/verify/bnb-routing.js';
import { defaultNodes } from '../../src/verify/defaults.js';
import { verify } from '../../src/verify/verify.js';

/** Nodes of every branch-and-bound run `verify()` reports in its methods. */
function bnbNodes(methods: readonly string[]): number[] {
  return methods.flatMap((m) => {
    const hit = /^branch-and-bound: span \d, (\d+) nodes/.exec(m);
    return hit === null ? [] : [Number(hit[1])];
  });
}

describe('bnbWorthContinuing', () => {
  it('continues when the probe already beats the other bounds or no other bound exists, and never once complete', () => {
    expect(bnbWorthContinuing({ upper: 0.1, nodes: 100, complete: false }, 3, 1000, 0.2)).toBe(true);
    expect(bnbWorthContinuing({ upper: 5, nodes: 100, complete: false }, 3, 1000, Infinity)).toBe(true);
    expect(bnbWorthContinuing({ upper: 0.1, nodes: 100, complete: true }, 3, 1000, 0.2)).toBe(false);
  });

  it('projects 2^rank times the nodes per halving level, each dividing the bound by 4', () => {
    // Two levels (16× the bound) at rank 4: (2^4)^2 = 256 times the nodes.
    expect(bnbProjectedNodes(100, 1.6, 0.1, 4)).toBeCloseTo(25_600, 6);
    expect(bnbWorthContinuing({ upper: 1.6, nodes: 100, complete: false }, 4, 12_800, 0.1)).toBe(true);
    expect(bnbWorthContinuing({ upper: 1.6, nodes: 100, complete: false }, 4, 12_799, 0.1)).toBe(false);
  });
});

describe('verify (branch-and-bound routing)', () => {
  // With the recentred cell bound (lem:recentred-cell-bound) the 32-row coreset of
  // this instance is one where the search does beat the moment certificate (below);
  // the 64-row one, at ε = 0.05, is one where its projection says it cannot.
  it('stops a rank-4 search after its probe when the moment certificate is far below it', () => {
    const inst = sphereInstance({ n: 512, d: 4, seed: 3 });
    const { coreset } = buildCoreset(inst, { rho: 2, size: 64, seed: 0 });
    const v = verify(inst, coreset, { rho: 2, eps: 0.05 });
    const runs = bnbNodes(v.methods);
    const limit = defaultNodes(512, 4, 4);
    // One run, the probe (a box splits into ≤ 16 children past the limit), far below the limit.
    expect(runs).toHaveLength(1);
    expect(runs[0]).toBeLessThanOrEqual(bnbProbeNodes(4, limit) + 16);
    expect(runs[0]).toBeLessThan(limit / 4);
    expect(v.methods.some((m) => m.startsWith('branch-and-bound stopped after its probe'))).toBe(true);
    expect(v.upperMethod).toBe('moment');
  });

  it('still certifies a rank-2 coreset by branch-and-bound', () => {
    const inst = sphereInstance({ n: 256, d: 2, seed: 3 });
    const { coreset } = buildCoreset(inst, { rho: 2, size: 16, seed: 0 });
    const v = verify(inst, coreset, { rho: 2, eps: 0.02 });
    expect(v.verdict).toBe('certified');
    expect(v.upperMethod).toBe('branch-and-bound');
  });

  it('continues a rank-4 search past its probe where it can beat the moment certificate, and ends below it', () => {
    const inst = sphereInstance({ n: 512, d: 4, seed: 3 });
    const { coreset } = buildCoreset(inst, { rho: 2, size: 32, seed: 0 });
    const v = verify(inst, coreset, { rho: 2, eps: 0.1 });
    expect(bnbNodes(v.methods)).toHaveLength(2);
    expect(v.upperMethod).toBe('branch-and-bound');
    const moment = v.methods.map((m) => /^moment: ([0-9.e+-]+)/.exec(m)).find((x) => x !== null);
    expect(moment).toBeDefined();
    expect(v.upper).toBeLessThan(Number(moment?.[1]));
  });

  it('certifies a rank-3 coreset by branch-and-bound (within its probe here)', () => {
    const inst = sphereInstance({ n: 128, d: 3, seed: 3 });
    const { coreset } = buildCoreset(inst, { rho: 2, size: 16, seed: 0 });
    const v = verify(inst, coreset, { rho: 2, eps: 0.1 });
    expect(bnbNodes(v.methods).length).toBeGreaterThanOrEqual(1);
    expect(v.verdict).toBe('certified');
    expect(v.upperMethod).toBe('branch-and-bound');
  });
});
