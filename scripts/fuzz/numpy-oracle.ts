/**
 * The numpy oracle of `npm run fuzz -- --numpy`: every npy / npz mutant our
 * reader returns a value for is loaded by numpy too (`np.load`, never with
 * pickles allowed), and the two must agree bit for bit on shape and entries.
 * A mutant we accept and numpy refuses, or whose values differ, is a
 * disagreement.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeMatrix } from '../../src/io/read-matrix.js';
import { caseInput, targetNamed } from './cases.js';

/** Outcome of the oracle on one target. */
export interface OracleResult {
  readonly target: string;
  readonly compared: number;
  readonly disagreements: string[];
}

const SCRIPT = `
import json, sys, numpy as np
cases = json.load(open(sys.argv[1]))
bad = []
for c in cases:
    try:
        f = np.load(c['file'], allow_pickle=False)
        a = f[c['member'] if c['member'] is not None else f.files[0]] if hasattr(f, 'files') else f
        shape = np.shape(a)
        theirs = np.asarray(a, dtype='<f8').ravel(order='C')
        ours = np.frombuffer(bytes.fromhex(c['bits']), '<f8')
        same = theirs.size == ours.size and (shape[-1:] == (c['cols'],) or theirs.size == 0) and bool(np.all((ours.view('<u8') == theirs.view('<u8')) | (np.isnan(ours) & np.isnan(theirs))))
        if not same:
            bad.append('%s: values differ' % c['name'])
    except Exception as e:
        bad.append('%s: numpy refuses it: %s' % (c['name'], str(e)[:120]))
print(json.dumps(bad))
`;

/**
 * Compares our values with numpy's on the first `count` cases of an npy or
 * npz target (of the run with `seed`); needs /usr/bin/python3 with numpy.
 */
export function numpyOracle(name: string, seed: number, count: number): OracleResult {
  const target = targetNamed(name);
  if (target.numpyMember === undefined) throw new Error(`target '${name}' has no numpy oracle`);
  const dir = mkdtempSync(join(tmpdir(), 'attn-fuzz-numpy-'));
  try {
    const cases: { name: string; file: string; member: string | null; cols: number; bits: string }[] = [];
    const ext = name === 'npz' ? 'npz' : 'npy';
    for (let i = 0; i < count; i++) {
      const { input, choice } = caseInput(target, seed, i);
      const member = target.numpyMember(choice);
      let m;
      try {
        m = decodeMatrix(input, `fuzz.${ext}`, member);
      } catch {
        continue;
      }
      // Little-endian bytes of our doubles (the platform's order is little-endian on every machine we run on).
      const bits = Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength).toString('hex');
      const file = join(dir, `${i}.${ext}`);
      writeFileSync(file, input);
      cases.push({ name: `${name} case ${i}`, file, member: member ?? null, cols: m.cols, bits });
    }
    writeFileSync(join(dir, 'cases.json'), JSON.stringify(cases));
    const out = execFileSync('/usr/bin/python3', ['-c', SCRIPT, join(dir, 'cases.json')], { encoding: 'utf8', maxBuffer: 1 << 26 });
    return { target: name, compared: cases.length, disagreements: JSON.parse(out) as string[] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
