import { describe, expect, it } from 'vitest';
import { prepareTarget, selectFromTarget } from '../../src/construct/pipeline.js';
import { supRefine } from '../../src/construct/sup-refine.js';
import { supportDirections } from '../../src/construct/witness-set.js';
import { sphereInstance } from '../../src/families/index.js';

const inst = sphereInstance({ n: 96, d: 6, dv: 4, seed: 11 });
const rho = 2;

/** ρ·k/‖k‖ of `row`, computed here from the keys (not by the code under test). */
function direction(row: number): number[] {
  const k = Array.from(inst.K.subarray(row * inst.d, (row + 1) * inst.d));
  const norm = Math.sqrt(k.reduce((s, x) => s + x * x, 0));
  return k.map((x) => (rho * x) / norm);
}

/** Whether some witness equals ρ·k/‖k‖ of `row` to 1e-12 (relative to ρ). */
function hasDirection(witnesses: readonly Float64Array[], row: number): boolean {
  const q = direction(row);
  return witnesses.some((w) => w.every((x, a) => Math.abs(x - q[a]) <= 1e-12 * rho));
}

describe('supRefine support directions', () => {
  const prep = prepareTarget(inst, { rho, seed: 2 }, 8);
  const h = selectFromTarget(inst, prep, 8);
  const run = (supportWitnesses: boolean) =>
    supRefine(inst, prep.target, h.pool, h.rows, h.weights, h.gram, h.mean, prep.kernel, { rho, seed: 2, rounds: 1, budget: 32, keep: 4, supportWitnesses });

  it('puts ρ·k/‖k‖ of every input row into the witness set (and not without the option)', () => {
    const on = run(true);
    const off = run(false);
    for (const row of h.rows) expect(hasDirection(on.witnesses, row)).toBe(true);
    expect(Array.from(h.rows).filter((row) => hasDirection(off.witnesses, row)).length).toBeLessThan(h.rows.length);
  });

  it('gives queries of norm ρ along each key', () => {
    const rows = Array.from(h.rows);
    supportDirections(inst, rows, rho).forEach((q, j) => {
      expect(Math.abs(Math.hypot(...q) - rho)).toBeLessThan(1e-12 * rho);
      const want = direction(rows[j]);
      q.forEach((x, a) => expect(Math.abs(x - want[a])).toBeLessThanOrEqual(1e-12 * rho));
    });
  });
});
