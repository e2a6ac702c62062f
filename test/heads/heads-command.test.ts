import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { encodeSafetensors } from '../../src/io/safetensors.js';
import { HEADS_DIR, manifestHeads, readHead } from '../helpers/heads.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'attn-heads-cmd-'));
// Three heads: two copied from the fixtures (with the manifest for their scales), one whose keys do not parse.
const names = manifestHeads().slice(0, 2).map((h) => h.name);
for (const name of names) cpSync(join(HEADS_DIR, name), join(dir, name), { recursive: true });
cpSync(join(HEADS_DIR, 'manifest.json'), join(dir, 'manifest.json'));
cpSync(join(HEADS_DIR, names[0]), join(dir, 'broken'), { recursive: true });
writeFileSync(join(dir, 'broken', 'k.npy'), 'not an npy file');
const lines = (out: string) => out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));

describe('attn-coreset heads', () => {
  it('writes one JSON line per head, reports the head that does not parse, runs the others, exit 2', async () => {
    const io = memoryIo();
    const code = await runCli(['heads', '--dir', dir, '--eps', '3', '--threads', '1'], io);
    expect(code).toBe(2);
    const docs = lines(io.stdout);
    expect(docs.map((d) => d.head)).toEqual(['broken', ...names].sort());
    const broken = docs.find((d) => d.head === 'broken');
    expect(broken.ok).toBe(false);
    expect(broken.error).toMatch(/k\.npy/);
    for (const d of docs.filter((x) => x.ok)) {
      expect(d.scale).toBe(0.125); // from the manifest
      expect(d.heldOut.n + d.fit).toBe(d.n);
      expect(d.size).toBeLessThanOrEqual(Math.round(d.n / 4));
    }
    expect(io.stdout).toMatch(/\| broken \| — .* error: /);
  });

  it('reads several heads from one safetensors file (<head>.k, .v, .q)', async () => {
    const h = readHead(manifestHeads()[0]);
    const m = (data: Float64Array, cols: number) => ({ rows: data.length / cols, cols, data });
    const file = join(dir, 'heads.safetensors');
    writeFileSync(file, encodeSafetensors({ 'a.k': m(h.instance.K, h.instance.d), 'a.v': m(h.instance.V, h.instance.dv), 'a.q': m(h.queries, h.instance.d), 'b.k': m(h.instance.K, h.instance.d), 'b.v': m(h.instance.V, h.instance.dv), 'b.q': m(h.queries, h.instance.d) }, 'F32'));
    const io = memoryIo();
    expect(await runCli(['heads', '--dir', file, '--eps', '3', '--scale', '0.125', '--threads', '1', '--json'], io)).toBe(0);
    const docs = lines(io.stdout);
    expect(docs.map((d) => d.head)).toEqual(['a', 'b']);
    expect(docs[0].heldOut).toEqual(docs[1].heldOut);
  });

  it('gives the same lines on two worker threads as on one (subprocess)', () => {
    const run = (threads: string) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'heads', '--dir', dir, '--eps', '3', '--threads', threads], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    const one = run('1');
    const two = run('2');
    expect(two.stderr).not.toMatch(/\n\s+at /);
    expect(two.status).toBe(2);
    expect(lines(two.stdout)).toEqual(lines(one.stdout));
    expect(two.stdout).toMatch(/3 heads, 2 thread\(s\);/);
  });

  it('rejects a directory without heads and a bad --fraction, exit 2', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'attn-empty-'));
    for (const argv of [['heads', '--dir', empty, '--eps', '1'], ['heads', '--dir', dir, '--eps', '1', '--fraction', '0']]) {
      const io = memoryIo();
      expect(await runCli(argv, io)).toBe(2);
    }
  });
});
