import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { exitCodeOf } from '../../src/conform/reporters/index.js';
import { runVectors } from '../../src/conform/vectors/check-impl.js';
import { allVectorFiles } from '../../src/conform/vectors/generate.js';
import { readVectorDir } from '../../src/conform/vectors/read.js';
import { selfCheckVector } from '../../src/conform/vectors/self-check.js';
import { PROTOCOL_SCHEMAS } from '../../src/conform/schemas.js';
import { VECTORS_SCHEMA } from '../../src/conform/vectors/schema.js';
import { independentError } from './helpers/independent.js';
import { survivorsAfterKill } from './helpers/processes.js';
import { standInVerify } from './helpers/stand-in-verifier.js';

const DIR = 'conformance/vectors/v1';
const read = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

describe('conformance vectors v1', () => {
  it('are the files scripts/gen-vectors.ts writes (closed forms + reference), and so are the schemas', () => {
    const files = allVectorFiles();
    expect(readdirSync(DIR).sort()).toEqual(Object.keys(files).map((f) => `${f}.json`).sort());
    for (const [name, f] of Object.entries(files)) expect(read(join(DIR, `${name}.json`))).toEqual(f);
    for (const [name, s] of Object.entries(PROTOCOL_SCHEMAS)) expect(read(join('conformance/schema', name))).toEqual(s);
    expect(read('conformance/schema/vectors-v1.json')).toEqual(VECTORS_SCHEMA);
  });

  it('validate against the schema, with header counts and unique ids, and every anchor of the hard families present', () => {
    const vs = readVectorDir(DIR);
    expect(vs.length).toBe(Object.values(allVectorFiles()).reduce((s, f) => s + f.count, 0));
    const anchors = new Set(vs.map((v) => v.vector.anchor));
    for (const a of ['prop:uniform-weights-fail', 'prop:orthonormal-floor', 'def:weighted-set', 'def:attention']) expect(anchors).toContain(a);
  });

  it('hold when re-derived with the reference', () => {
    for (const v of readVectorDir(DIR)) expect(selfCheckVector(v)).toEqual({ id: v.vector.id, problem: null });
  });

  it('state true lower bounds: an independent evaluation at each witness reaches errorAtLeast', () => {
    for (const v of readVectorDir(DIR)) {
      const e = v.vector.expect;
      if (e.kind !== 'uniform-fails') continue;
      const rows = (data: Float64Array, cols: number) => Array.from({ length: v.inst.n }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols)));
      const q = e.witness.map(parseHex);
      const err = independentError(rows(v.inst.K, v.inst.d), rows(v.inst.V, v.inst.dv), q, e.coreset.indices, e.coreset.weights.map(parseHex));
      // binary64 evaluation of a value whose reference is ≥ errorAtLeast: within 1e-12 below it at worst.
      expect(err).toBeGreaterThan(parseHex(e.errorAtLeast) - 1e-12);
      expect(err).toBeGreaterThan(v.eps);
    }
  });

  it('reject a tampered file: a wrong count, a duplicate id, a bad hex float, a false expectation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vectors-'));
    const good = allVectorFiles()['orthonormal-floor'];
    const write = (x: unknown) => writeFileSync(join(dir, 'v.json'), JSON.stringify(x));
    write({ ...good, count: good.count + 1 });
    expect(() => readVectorDir(dir)).toThrow(InputError);
    write({ ...good, count: good.count + 1, cases: [...good.cases, good.cases[0]] });
    expect(() => readVectorDir(dir)).toThrow(/appears twice/);
    const badHex = structuredClone(good);
    (badHex.cases[0].input.K[0] as string[])[0] = '1.0';
    write(badHex);
    expect(() => readVectorDir(dir)).toThrow(/schema/);
    const lie = structuredClone(good);
    const e = lie.cases[0].expect;
    if (e.kind !== 'floor') throw new Error('expected a floor vector');
    (e as { errorAtLeast: string }).errorAtLeast = '0x1p+1'; // error ≥ 2 is false: ‖A_1 − A_w‖ < 2 here
    write(lie);
    const [v] = readVectorDir(dir);
    expect(selfCheckVector(v).problem).toMatch(/< errorAtLeast/);
  });
});

function parseHex(s: string): number {
  // An independent hex-float reader for the test: sign, 1 or 0 leading digit, fraction, binary exponent.
  const m = /^(-?)0x([01])(?:\.([0-9a-f]+))?p([+-]\d+)$/.exec(s)!;
  const frac = m[3] ?? '';
  const mant = parseInt(m[2] + frac, 16); // ≤ 53 bits: exact
  const x = mant * 2 ** (Number(m[4]) - 4 * frac.length);
  return m[1] === '-' ? -x : x;
}

describe('runVectors', () => {
  it('passes the exact implementation on every vector', async () => {
    const report = await runVectors(readVectorDir(DIR), { command: 'node test/conform/impls/exact.mjs', verify: standInVerify });
    expect(report.failed).toBe(0);
    expect(exitCodeOf(report)).toBe(0);
  });

  it('fails uniform random subsets on the trap and floor vectors, with exact witnesses', async () => {
    const report = await runVectors(readVectorDir(DIR), { command: 'node test/conform/impls/uniform-subset.mjs', verify: standInVerify });
    expect(exitCodeOf(report)).toBe(1);
    const floor = report.cases.filter((c) => c.family === 'orthonormal-floor');
    expect(floor.every((c) => c.status === 'fail' && /prop:orthonormal-floor/.test(c.failure!.message))).toBe(true);
    const trap = report.cases.filter((c) => c.family === 'uniform-trap');
    expect(trap.every((c) => c.status === 'fail')).toBe(true);
    for (const c of [...floor, ...trap]) expect(c.lower!).toBeGreaterThan(c.eps);
    expect(await survivorsAfterKill()).toEqual([]);
  });
});
