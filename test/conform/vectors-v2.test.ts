import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { exitCodeOf } from '../../src/conform/reporters/index.js';
import { runVectors } from '../../src/conform/vectors/check-impl.js';
import { allVectorFiles } from '../../src/conform/vectors/generate.js';
import { allCacheVectorFiles, V2_HEAD } from '../../src/conform/vectors/generate-v2.js';
import { readCacheVectorFile, type LoadedCacheVector } from '../../src/conform/vectors/read-v2.js';
import { readVectorSet, readVectorSets } from '../../src/conform/vectors/read-set.js';
import { VECTORS_SCHEMA } from '../../src/conform/vectors/schema.js';
import { VECTORS_V2_SCHEMA } from '../../src/conform/vectors/schema-v2.js';
import { selfCheckCacheVector } from '../../src/conform/vectors/self-check-v2.js';
import { vectorFileText } from '../../src/conform/vectors/text.js';
import type { CacheVectorFile } from '../../src/conform/vectors/types-v2.js';
import { InputError } from '../../src/errors.js';
import { formatHexFloat, parseHexFloat } from '../../src/io/hex-float.js';
import { verify } from '../../src/verify/verify.js';
import { manifestHeads } from '../helpers/heads.js';
import { requireInCi, SYSTEM_PYTHON, systemPythonHas } from '../helpers/python.js';

const V1 = 'conformance/vectors/v1';
const V2 = 'conformance/vectors/v2';
const CONFIRM = 'conformance/vectors/confirm_v2.py';
const text = (p: string) => readFileSync(p, 'utf8');
const numpy = systemPythonHas('numpy');
const v2Files = allCacheVectorFiles(process.cwd());

function scratch(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vectors-v2-'));
  for (const [name, doc] of Object.entries(files)) writeFileSync(join(dir, name), typeof doc === 'string' ? doc : JSON.stringify(doc));
  return dir;
}

const merged = (): CacheVectorFile => structuredClone(v2Files.merged);

/** The committed v2 set's vectors. */
function v2(): LoadedCacheVector[] {
  const set = readVectorSet(V2);
  if (set.version !== 2) throw new Error(`${V2} is version ${set.version}`);
  return set.vectors;
}

describe('conformance vectors v2 (compressed caches)', () => {
  it('are, byte for byte, what scripts/gen-vectors.ts writes (v1 files and schema unchanged alongside)', () => {
    expect(readdirSync(V2).sort()).toEqual(Object.keys(v2Files).map((f) => `${f}.json`).sort());
    for (const [name, f] of Object.entries(v2Files)) expect(text(join(V2, `${name}.json`))).toBe(vectorFileText(f));
    expect(text('conformance/schema/vectors-v2.json')).toBe(vectorFileText(VECTORS_V2_SCHEMA));
    for (const [name, f] of Object.entries(allVectorFiles())) expect(text(join(V1, `${name}.json`))).toBe(vectorFileText(f));
    expect(text('conformance/schema/vectors-v1.json')).toBe(vectorFileText(VECTORS_SCHEMA));
    // The generator is deterministic: a second run gives the same files.
    expect(allCacheVectorFiles(process.cwd())).toEqual(v2Files);
  });

  it('cover int4 (a real head among them), an exact regrouping, a centroid merge, a value refit and the full set, one case base64', () => {
    const vs = { vectors: v2() };
    const ids = vs.vectors.map((v) => v.vector.id);
    for (const p of [/^cache\/int4\/sphere/, /^cache\/int4\/head-/, /^cache\/duplicates\//, /^cache\/centroids\//, /^cache\/refit-values\//, /^cache\/full\//]) expect(ids.some((id) => p.test(id))).toBe(true);
    const outcome = (re: RegExp) => vs.vectors.filter((v) => re.test(v.vector.id)).map((v) => v.vector.expect.outcome);
    expect(outcome(/^cache\/int4\//)).toEqual(['fail', 'fail']);
    expect(outcome(/^cache\/(duplicates|full)\//)).toEqual(['pass', 'pass']);
    expect(vs.vectors.filter((v) => v.vector.cache.encoding === 'base64').map((v) => v.vector.id)).toEqual([expect.stringMatching(/^cache\/int4\/head-/)]);
    // The head's keys are scaled by its manifest's logit scale.
    expect(manifestHeads().find((h) => h.name === V2_HEAD.name)!.logitScale).toBe(V2_HEAD.scale);
  });

  it('hold: reference at the witnesses, lem:float-error tolerances, KIVI re-made, and the verifier reaches each expected verdict', () => {
    for (const v of v2()) expect(selfCheckCacheVector(v)).toEqual({ id: v.vector.id, problem: null });
  });

  requireInCi(numpy, 'numpy', 'python3-numpy', `have numpy in CI for ${CONFIRM}`);

  it.skipIf(!numpy)(`are confirmed independently by ${CONFIRM} (numpy float64)${numpy ? '' : ` (skipped: no numpy in ${SYSTEM_PYTHON})`}`, () => {
    const r = spawnSync(SYSTEM_PYTHON, [CONFIRM, V2], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; ok: boolean; detail: string });
    expect(lines.map((l) => l.id).sort()).toEqual(v2().map((v) => v.vector.id).sort());
    expect(lines.every((l) => l.ok)).toBe(true);
    expect(lines.filter((l) => /bit-identical/.test(l.detail))).toHaveLength(3);
    // And it is not a rubber stamp: a fail whose stated error is off by 10⁻⁹ is not confirmed.
    const lie = merged();
    const e = lie.cases.find((c) => c.expect.outcome === 'fail')!.expect as { error: string };
    e.error = formatHexFloat(parseHexFloat(e.error, 'error') + 1e-9);
    const bad = spawnSync(SYSTEM_PYTHON, [CONFIRM, scratch({ 'merged.json': lie })], { encoding: 'utf8', timeout: 120_000 });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('"ok": false');
  });

  it('catch false expectations: an expected fail turned into a pass, and a regrouping with a wrong multiplicity', () => {
    const flip = merged();
    const k = flip.cases.findIndex((c) => c.expect.outcome === 'fail');
    (flip.cases[k] as { expect: unknown }).expect = { outcome: 'pass', proof: 'certificate', upperAtMost: flip.cases[k].input.eps, lower: '0x0p+0', confirmedBy: 'a lie' };
    const [, lied] = readCacheVectorFile(join(scratch({ 'merged.json': flip }), 'merged.json'));
    expect(selfCheckCacheVector(lied).problem).toMatch(/verdict is fail.*expects certified/);
    const weights = merged();
    const w = weights.cases[0].cache.weights as string[];
    [w[0], w[1]] = [w[1], w[0]];
    const [wrong] = readCacheVectorFile(join(scratch({ 'merged.json': weights }), 'merged.json'));
    expect(selfCheckCacheVector(wrong, verify).problem).toMatch(/not the regrouping/);
  });

  it('refuse malformed files with an InputError naming the file: wrong version, a missing member, wrong shapes, mixed versions', () => {
    const bad = (doc: unknown) => join(scratch({ 'v.json': doc }), 'v.json');
    expect(() => readCacheVectorFile(bad({ ...merged(), version: 3 }))).toThrow(/has vector version 3; this attn-coreset reads versions 1 and 2/);
    const missing = merged();
    delete (missing.cases[0].cache as { values?: unknown }).values;
    expect(() => readCacheVectorFile(bad(missing))).toThrow(/v\.json: does not match the vectors v2 schema: \/cases\/0\/cache/);
    const rows = merged();
    (rows.cases[0].cache as { m: number }).m += 1;
    expect(() => readCacheVectorFile(bad(rows))).toThrow(/cache\.weights: has 5 entries, expected m = 6/);
    const cols = merged();
    (cols.cases[1].cache.keys as string[][])[2].pop();
    expect(() => readCacheVectorFile(bad(cols))).toThrow(/cache\.keys row 2: has 3 entries, expected 4/);
    const b64 = structuredClone(v2Files.quantized);
    const head = b64.cases.find((c) => c.cache.encoding === 'base64')!;
    (head.cache as { weights: string }).weights = (head.cache.weights as string).slice(0, -12) + '=';
    expect(() => readCacheVectorFile(bad(b64))).toThrow(InputError);
    const mixed = scratch({ 'a.json': allVectorFiles().attention, 'b.json': merged() });
    expect(() => readVectorSet(mixed)).toThrow(/b\.json: is a version 2 vector file, but .*a\.json is version 1/);
    expect(() => readVectorSets([V2, V2])).toThrow(/appears twice/);
  });

  it('vectors check exits 2 on a malformed v2 file, 0 on the set, and without a path checks v1 and v2', async () => {
    const run = async (...argv: string[]) => {
      const io = memoryIo();
      return { code: await runCli(argv, io), out: io.stdout, err: io.stderr };
    };
    const r = await run('vectors', 'check', scratch({ 'v.json': { ...merged(), version: 7 } }));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/v\.json: has vector version 7/);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    const all = await run('vectors', 'check', '--json');
    expect(all.code).toBe(0);
    const ids: string[] = JSON.parse(all.out).cases.map((c: { id: string }) => c.id);
    expect(ids.filter((id) => id.startsWith('cache/'))).toHaveLength(v2().length);
    expect(ids.filter((id) => !id.startsWith('cache/'))).toHaveLength(readVectorSet(V1).vectors.length);
  });
});

describe('runVectors on v2 inputs', () => {
  it('passes the full cache and fails int4-dequantized rows with a witness', async () => {
    const vs = v2().filter((v) => /int4|refit/.test(v.vector.id));
    const full = await runVectors(vs, { command: 'node test/conform/impls/full-cache.mjs', verify });
    expect(full.failed).toBe(0);
    const int4 = await runVectors(vs, { command: 'node test/conform/impls/int4-cache.mjs', verify });
    expect(exitCodeOf(int4)).toBe(1);
    const failed = int4.cases.filter((c) => c.status === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    for (const c of failed) expect(c.lower!).toBeGreaterThan(c.eps);
  });
});
