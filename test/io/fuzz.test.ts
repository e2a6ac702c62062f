import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { encodeNpy } from '../../src/io/npy.js';
import { decodeMatrix } from '../../src/io/read-matrix.js';
import { encodeSafetensors } from '../../src/io/safetensors.js';
import { coresetFromJson } from '../../src/io/coreset-file.js';

/** Decoding either yields a consistent matrix or throws an InputError; nothing else. */
function decodesCleanly(bytes: Uint8Array, name: string): boolean {
  try {
    const m = decodeMatrix(bytes, name);
    return m.data.length === m.rows * m.cols;
  } catch (e) {
    if (e instanceof InputError) return true;
    throw e;
  }
}

const m = { rows: 3, cols: 2, data: Float64Array.of(1, -2, 0.5, 3, 1e-300, -0) };
const seeds: [string, Uint8Array][] = [
  ['f.npy', encodeNpy(m)],
  ['f4.npy', encodeNpy(m, { dtype: '<f4' })],
  ['f.safetensors', encodeSafetensors({ a: m, b: m })],
  ['f.json', new TextEncoder().encode('{"shape": [3, 2], "data": [[1, -2], ["0x1p-1", 3], [1e-300, "-0"]]}')],
  ['noext', encodeNpy(m)],
];

describe('decodeMatrix (property)', () => {
  it('never throws anything but an InputError on mutated or truncated files', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.option(fc.nat()),
        ([name, good], flips, cut) => {
          const b = good.slice();
          for (const [pos, val] of flips) b[pos % b.length] = val;
          return decodesCleanly(cut === null ? b : b.subarray(0, cut % (b.length + 1)), name);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('never throws anything but an InputError on random bytes, whatever the extension', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom('r.npy', 'r.safetensors', 'r.json', 'r'), (b, name) => decodesCleanly(b, name)),
      { numRuns: 2000 },
    );
  });
});

describe('coresetFromJson (property)', () => {
  it('never throws anything but an InputError on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ indices: fc.jsonValue(), weights: fc.jsonValue() }, { requiredKeys: ['indices'] })), (value) => {
        try {
          coresetFromJson(value, 'c.json', 4);
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

// The project's fuzzer (scripts/fuzz, `npm run fuzz`): its quick run is part
// of the suite; the deep run's last result is in bench/RESULTS.md.
describe('fuzzer (scripts/fuzz)', () => {
  it('finds nothing but values and typed errors in 1,000 mutants of every reader and of the numeric options', async () => {
    const { fuzzTarget } = await import('../../scripts/fuzz/run.js');
    const { TARGETS } = await import('../../scripts/fuzz/targets.js');
    expect(TARGETS.map((t) => t.name)).toEqual(['npy', 'npz', 'safetensors', 'json-matrix', 'coreset', 'weights', 'cache', 'numeric-option']);
    for (const t of TARGETS) {
      const r = await fuzzTarget(t.name, 1, 1000);
      expect({ target: t.name, findings: r.findings }).toEqual({ target: t.name, findings: [] });
      // Both outcomes occur, so the mutants are neither all valid nor all garbage.
      expect(r.values, t.name).toBeGreaterThan(10);
      expect(r.typedErrors, t.name).toBeGreaterThan(10);
      expect(r.values + r.typedErrors).toBe(1000);
    }
  });

  it('reads every npy and npz mutant it accepts exactly as np.load does, when python3 with numpy is here', async () => {
    try {
      execFileSync('/usr/bin/python3', ['-c', 'import numpy'], { stdio: 'ignore' });
    } catch {
      return; // no numpy: the oracle cannot run here
    }
    const { numpyOracle } = await import('../../scripts/fuzz/numpy-oracle.js');
    for (const target of ['npy', 'npz']) {
      const o = numpyOracle(target, 1, 1000);
      expect(o.compared, target).toBeGreaterThan(30);
      expect({ target, disagreements: o.disagreements }).toEqual({ target, disagreements: [] });
    }
  });

  it('reports a hang, memory over 1 GB and an untyped exception when a target has them (its detection is real)', async () => {
    const { fuzzTarget } = await import('../../scripts/fuzz/run.js');
    // The probe's cases: 0 returns, 1 loops forever, 2 throws a TypeError.
    const r = await fuzzTarget('probe', 1, 3);
    expect(r.findings.map((f) => [f.index, f.kind])).toEqual([
      [1, 'hang'],
      [2, 'exception'],
    ]);
    expect(r.values).toBe(1);
    // Case 1 touches 1.1 GiB (slow on a loaded machine: a generous hang bound here).
    const mem = await fuzzTarget('probe-memory', 1, 2, { hangMs: 60_000 });
    expect(mem.findings.map((f) => [f.index, f.kind])).toEqual([[1, 'memory']]);
  });
});
