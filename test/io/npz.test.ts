import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseHexFloat } from '../../src/io/hex-float.js';
import { encodeNpy } from '../../src/io/npy.js';
import { decodeNpz } from '../../src/io/npz.js';
import { readMatrix } from '../../src/io/read-matrix.js';
import { deflateRawSync } from 'node:zlib';
import { makeZip } from '../helpers/zip.js';

const FIX = new URL('../fixtures/io/', import.meta.url);
const fixture = (name: string): string => new URL(`npz/${name}`, FIX).pathname;
type Expected = Record<string, Record<string, { shape: number[]; hex: string[] }>>;
const expected = (JSON.parse(readFileSync(new URL('npz-expected.json', FIX), 'utf8')) as { fixtures: Expected }).fixtures;
const dir = mkdtempSync(join(tmpdir(), 'attn-npz-'));

/** Bit-for-bit equality of a decoded matrix with numpy's float.hex() values. */
function expectBitExact(spec: string, want: { shape: number[]; hex: string[] }): void {
  const m = readMatrix(spec);
  const cols = want.shape.length === 1 ? want.shape[0] : want.shape[want.shape.length - 1];
  expect([spec, m.cols, m.data.length]).toEqual([spec, cols, want.hex.length]);
  want.hex.forEach((h, k) => {
    if (!Object.is(m.data[k], parseHexFloat(h))) throw new Error(`${spec} entry ${k}: read ${m.data[k]}, numpy wrote ${h}`);
  });
}

function hasNumpy(): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import numpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const npy = encodeNpy({ rows: 2, cols: 2, data: Float64Array.of(1, -2, 0.5, 3) });

describe('decodeNpz', () => {
  it('reads every member numpy wrote (savez, savez_compressed, positional arr_N, Fortran order, zip64 records) bit for bit', () => {
    const files = Object.keys(expected);
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const members = Object.entries(expected[file]);
      for (const [member, want] of members) expectBitExact(`${fixture(file)}:${member}`, want);
      if (members.length === 1) expectBitExact(fixture(file), members[0][1]);
    }
  });

  it('reads files numpy writes now, when python3 with numpy is here', () => {
    if (!hasNumpy()) return; // the committed fixtures above still run
    const script = `
import numpy as np, json, sys
rng = np.random.default_rng(7)
a = rng.standard_normal((5, 3)) * np.array([1e-300, 1.0, 1e300])
b = rng.standard_normal(4).astype(np.float32)
np.savez(sys.argv[1] + '/live.npz', a=a, b=b)
np.savez_compressed(sys.argv[1] + '/live-c.npz', a=a, b=b)
print(json.dumps({'a': [float(x).hex() for x in a.ravel()], 'b': [float(x).hex() for x in b.astype(np.float64)]}))`;
    const out = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, dir], { encoding: 'utf8' })) as { a: string[]; b: string[] };
    for (const f of ['live.npz', 'live-c.npz']) {
      expectBitExact(`${join(dir, f)}:a`, { shape: [5, 3], hex: out.a });
      expectBitExact(`${join(dir, f)}:b.npy`, { shape: [4], hex: out.b });
    }
  });

  it('lists the members when none or a wrong one is named', () => {
    expect(() => readMatrix(fixture('kvw.npz'))).toThrow(/kvw\.npz: has 3 members; name one as .*kvw\.npz:NAME\. Available: 'keys', 'values', 'weights'/);
    expect(() => readMatrix(`${fixture('kvw.npz')}:queries`)).toThrow(/kvw\.npz: has no member 'queries'\. Available: 'keys', 'values', 'weights'/);
  });

  it('refuses object arrays without unpickling, and compression methods numpy does not write', () => {
    expect(() => readMatrix(fixture('object.npz'))).toThrow(/object\.npz:obj: has object \(pickled Python objects\) dtype '\|O'/);
    expect(() => readMatrix(fixture('bzip2.npz'))).toThrow(/bzip2\.npz member 'keys\.npy': uses zip compression method 12 \(bzip2\)/);
    const pickle = makeZip([{ name: 'evil.pkl', data: Uint8Array.of(0x80, 0x04, 0x2e) }]);
    expect(() => decodeNpz(pickle, 'p.npz')).toThrow(/p\.npz:evil\.pkl: is not a \.npy member/);
  });

  it('refuses what is not a zip, and every truncation of a real file', () => {
    expect(() => decodeNpz(npy, 'x.npz')).toThrow(/x\.npz: is not an \.npz file: it does not start with a zip signature/);
    writeFileSync(join(dir, 'npy-inside.npz'), npy);
    expect(() => readMatrix(join(dir, 'npy-inside.npz'))).toThrow(/is not what it claims: the extension says \.npz but the bytes are a \.npy file/);
    const whole = new Uint8Array(readFileSync(fixture('kvw-compressed.npz')));
    for (let cut = 0; cut < whole.length; cut++) {
      try {
        decodeNpz(whole.subarray(0, cut), 'cut.npz', 'keys');
        throw new Error(`a file cut at ${cut} of ${whole.length} bytes was read`);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        expect(e.message).toMatch(/^cut\.npz/);
      }
    }
  });

  it('refuses a CRC mismatch, a corrupt deflate stream, encryption and a wrong declared size', () => {
    const bad = new Uint8Array(readFileSync(fixture('kvw.npz')));
    // One bit of the first stored member's float data (its .npy header is 128 bytes).
    bad[Buffer.from(bad).indexOf('\x93NUMPY', 0, 'latin1') + 150] ^= 1;
    expect(() => decodeNpz(bad, 'crc.npz', 'keys')).toThrow(/crc\.npz member 'keys\.npy': fails its CRC-32 check/);
    expect(() => decodeNpz(makeZip([{ name: 'a.npy', data: npy, method: 8, raw: Uint8Array.of(0xff, 0xff, 0xff) }]), 'z.npz')).toThrow(/z\.npz member 'a\.npy': has a corrupt deflate stream/);
    expect(() => decodeNpz(makeZip([{ name: 'a.npy', data: npy, flags: 1 }]), 'e.npz')).toThrow(/is encrypted/);
    expect(() => decodeNpz(makeZip([{ name: 'a.npy', data: npy, method: 8, declaredSize: npy.length + 5 }]), 's.npz')).toThrow(/inflates to \d+ bytes but declares/);
  });

  it('stops a zip bomb at the size it declares instead of inflating it (20 MB of zeros declared as 1 KB)', () => {
    const zeros = new Uint8Array(20_000_000);
    const bomb = makeZip([{ name: 'a.npy', data: new Uint8Array(1024), method: 8, raw: deflateRawSync(zeros), declaredSize: 1024 }]);
    expect(bomb.length).toBeLessThan(40_000);
    expect(() => decodeNpz(bomb, 'bomb.npz')).toThrow(/bomb\.npz member 'a\.npy': inflates to more than the 1024 bytes it declares/);
  });

  // Found by the numpy oracle of the fuzzer: archives we read and np.load refuses.
  it('refuses what np.load refuses: no zip signature at byte 0, a newer zip version, strong encryption, a directory size its entries do not fill', () => {
    const ok = makeZip([{ name: 'a.npy', data: npy }]);
    const prefixed = new Uint8Array(ok.length + 4);
    prefixed.set(ok, 4);
    expect(() => decodeNpz(prefixed, 'p.npz')).toThrow(/does not start with a zip signature/);
    const version = ok.slice();
    version[ok.length - 22 - 46 - 5 + 6] = 64; // central entry: version needed 6.4
    expect(() => decodeNpz(version, 'v.npz')).toThrow(/needs zip version 6\.4 to extract/);
    expect(() => decodeNpz(makeZip([{ name: 'a.npy', data: npy, flags: 0x40 }]), 'e.npz')).toThrow(/is encrypted/);
    const size = ok.slice();
    new DataView(size.buffer).setUint32(size.length - 22 + 12, 46 + 5 + 1, true); // directory one byte longer
    expect(() => decodeNpz(size, 's.npz')).toThrow(/s\.npz: is truncated or corrupt: the central directory/);
  });

  it('refuses a member whose data overlaps the next member (the shape of a zip bomb), as Python 3.11+ zipfile does', () => {
    const z = makeZip([{ name: 'a.npy', data: npy }, { name: 'b.npy', data: npy }]);
    const dv = new DataView(z.buffer);
    const cd = dv.getUint32(z.length - 22 + 16, true);
    dv.setUint32(cd + 20, npy.length + 40, true); // a's compressed size now runs into b's local header
    expect(() => decodeNpz(z, 'o.npz', 'a')).toThrow(/o\.npz member 'a\.npy': overlaps the next member/);
    expect(Array.from(decodeNpz(z, 'o.npz', 'b').data)).toEqual([1, -2, 0.5, 3]);
  });

  it('refuses a member declaring more bytes than an input may have, before inflating anything', () => {
    const huge = makeZip([{ name: 'a.npy', data: npy, method: 8, declaredSize: 0xfffffffe }]);
    expect(() => decodeNpz(huge, 'h.npz')).toThrow(/h\.npz member 'a\.npy': declares 4294967294 bytes, more than the \d+ bytes an input may have here/);
  });

  it('reads an archive written by the test zip writer, stored and deflated', () => {
    for (const method of [0, 8]) {
      const m = decodeNpz(makeZip([{ name: 'k.npy', data: npy, method }]), 'w.npz', 'k');
      expect(Array.from(m.data)).toEqual([1, -2, 0.5, 3]);
    }
  });
});

describe('file.npz:member on the command line', () => {
  it('is accepted wherever a matrix is read (attention --keys f.npz:keys --values f.npz:values --queries f.npz:q)', async () => {
    const { memoryIo } = await import('../../src/cli/io.js');
    const { runCli } = await import('../../src/cli/run.js');
    const keys = encodeNpy({ rows: 2, cols: 2, data: Float64Array.of(1, 0, 0, 1) });
    const values = encodeNpy({ rows: 2, cols: 1, data: Float64Array.of(1, -1) });
    const q = encodeNpy({ rows: 1, cols: 2, data: Float64Array.of(1, 0) });
    const f = join(dir, 'cache.npz');
    writeFileSync(f, makeZip([{ name: 'keys.npy', data: keys, method: 8 }, { name: 'values.npy', data: values }, { name: 'q.npy', data: q, method: 8 }]));
    const io = memoryIo();
    const code = await runCli(['attention', '--keys', `${f}:keys`, '--values', `${f}:values`, '--queries', `${f}:q`], io);
    expect(code, io.stderr).toBe(0);
    // A(e₁) = (e − 1)/(e + 1) = tanh(1/2).
    expect((JSON.parse(io.stdout) as { data: number[][] }).data[0][0]).toBeCloseTo(Math.tanh(0.5), 14);
  });
});

describe('readCacheFile (.npz)', () => {
  it('reads keys, values and weights of a numpy-written cache bit for bit, savez and savez_compressed', async () => {
    const { readCacheFile } = await import('../../src/io/cache-file.js');
    for (const file of ['kvw.npz', 'kvw-compressed.npz']) {
      const c = readCacheFile(fixture(file), 3, 2);
      const want = expected[file];
      for (const [name, got] of [['keys', c.K], ['values', c.V], ['weights', c.weights]] as const) {
        want[name].hex.forEach((h, k) => {
          if (!Object.is(got[k], parseHexFloat(h))) throw new Error(`${file} ${name}[${k}]: read ${got[k]}, numpy wrote ${h}`);
        });
      }
      expect(c.m).toBe(4);
    }
    expect(() => readCacheFile(fixture('single.npz'), 3, 2)).toThrow(/single\.npz: has no member 'keys' \(it holds 'values'\)/);
    expect(() => readCacheFile(fixture('kvw.npz'), 2, 2)).toThrow(/kvw\.npz keys: have 3 columns, the instance's keys have d = 2/);
  });
});
