import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, linkSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { encodeNpy } from '../../src/io/npy.js';
import { writeBytes, writeFiles } from '../../src/io/write-file.js';
import { tempDir } from './attention-helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = tempDir('attn-atomic-');
const keys = join(dir, 'k.npy');
const values = join(dir, 'v.json');
writeFileSync(keys, encodeNpy({ rows: 2, cols: 2, data: Float64Array.of(1, 0, 0, 1) }));
writeFileSync(values, '[[1], [-1]]');

/** Files in `d` whose names say they are our temporaries. */
const strays = (d: string): string[] => readdirSync(d).filter((f) => f.endsWith('.tmp'));

async function cli(...argv: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  const io = memoryIo();
  const code = await runCli(argv, io);
  return { code, stderr: io.stderr, stdout: io.stdout };
}

describe('writeFiles', () => {
  it('writes all files or none: a failing second file leaves the first target untouched and no temporary behind', () => {
    const a = join(dir, 'a.txt');
    writeFileSync(a, 'old a');
    expect(() => writeFiles([{ path: a, content: 'new a', what: '--keys' }, { path: join(dir, 'missing-dir', 'b.txt'), content: 'b', what: '--values' }])).toThrow(
      /--values: cannot write '.*b\.txt': no such file or directory; nothing was written/,
    );
    expect(readFileSync(a, 'utf8')).toBe('old a');
    expect(strays(dir)).toEqual([]);
  });

  it('keeps the permissions of the file it replaces, and replaces the file a symbolic link points to', () => {
    const f = join(dir, 'perm.txt');
    writeFileSync(f, 'old');
    chmodSync(f, 0o640);
    const link = join(dir, 'link.txt');
    symlinkSync(f, link);
    writeBytes(link, 'new', '--out');
    expect(readFileSync(f, 'utf8')).toBe('new');
    expect(statSync(f).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toContain('link.txt');
    expect(strays(dir)).toEqual([]);
  });

  it('refuses a FIFO or a directory as the target before writing anything (a FIFO used to block)', () => {
    const fifo = join(dir, 'out-fifo.npy');
    try {
      execFileSync('mkfifo', [fifo]);
      expect(() => writeBytes(fifo, 'x', '--out')).toThrow(/--out: refusing to write '.*out-fifo\.npy': it is a FIFO \(named pipe\), not a regular file/);
    } catch (e) {
      if ((e as { code?: string }).code !== 'ENOENT') throw e; // no mkfifo: nothing to test
    }
    expect(() => writeBytes(dir, 'x', '--out')).toThrow(/it is a directory, not a regular file/);
  });

  it('refuses two outputs that are one file', () => {
    expect(() => writeFiles([{ path: join(dir, 'same.txt'), content: '1', what: '--keys' }, { path: `${dir}/./same.txt`, content: '2', what: '--values' }])).toThrow(/--values: .* is the same file as --keys/);
  });
});

describe('CLI outputs', () => {
  it('refuses --out naming an input (same path, a hard link or another spelling), before reading anything', async () => {
    const q = join(dir, 'q.npy');
    writeFileSync(q, encodeNpy({ rows: 1, cols: 2, data: Float64Array.of(0.5, 0) }));
    const before = readFileSync(q);
    const hard = join(dir, 'q-hard.npy');
    linkSync(q, hard);
    for (const out of [q, hard, join(dir, '..', dir.split('/').pop() as string, 'q.npy')]) {
      const r = await cli('attention', '--keys', keys, '--values', values, '--queries', q, '--out', out);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--out: '.*' is the same file as --queries '.*q\.npy'; writing it would replace an input/);
    }
    expect(readFileSync(q).equals(before)).toBe(true);
    const b = await cli('build', '--keys', keys, '--values', values, '--rho', '1', '--size', '1', '--out', keys);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/same file as --keys/);
  });

  it('refuses --out naming a FIFO before reading or computing anything', async () => {
    const fifo = join(dir, 'cli-fifo.json');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      return; // no mkfifo here: nothing to test
    }
    const r = await cli('attention', '--keys', join(dir, 'absent.npy'), '--values', values, '--queries', keys, '--out', fifo);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out: refusing to write '.*cli-fifo\.json': it is a FIFO \(named pipe\), not a regular file/);
    const c = await cli('conform', '--impl', 'true', '--out', fifo);
    expect(c.stderr).toMatch(/--out: refusing to write/);
  });

  it('gen refuses one file for both keys and values, and writes neither when one cannot be written', async () => {
    const k = join(dir, 'gk.npy');
    writeFileSync(k, 'previous keys');
    const same = await cli('gen', '--family', 'sphere', '--n', '4', '--d', '2', '--keys', k, '--values', k);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/--values: .* is the same file as --keys/);
    const r = await cli('gen', '--family', 'sphere', '--n', '4', '--d', '2', '--keys', k, '--values', join(dir, 'nowhere', 'v.npy'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--values: cannot write .*no such file or directory; nothing was written/);
    expect(readFileSync(k, 'utf8')).toBe('previous keys');
    expect(strays(dir)).toEqual([]);
  });

  it('says in every writing command\'s --help that existing files are replaced', async () => {
    for (const c of ['attention', 'build', 'gen', 'conform', 'vectors']) {
      const r = await cli(c, '--help');
      expect([c, r.stdout]).toEqual([c, expect.stringMatching(/replaced/)]);
    }
  });

  it('leaves the previous file intact and no temporary file when a file-size limit stops the write (ulimit -f)', () => {
    const q = join(dir, 'q200.npy');
    const data = new Float64Array(400).map((_, t) => (t % 7) / 10);
    writeFileSync(q, encodeNpy({ rows: 200, cols: 2, data }));
    const out = join(dir, 'result.npy');
    writeFileSync(out, 'previous result');
    // The result is 200 doubles + header = 1728 bytes; the limit is 1024 bytes.
    const script = `ulimit -f 1 && exec "${process.execPath}" --import tsx src/cli/main.ts attention --keys "${keys}" --values "${values}" --queries "${q}" --out "${out}"`;
    const r = spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    if (r.error !== undefined) return; // no bash here: nothing to test
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/result\.npy: cannot write '.*result\.npy': file too large \(a file-size limit, e\.g\. ulimit -f\); nothing was written/);
    expect(readFileSync(out, 'utf8')).toBe('previous result');
    expect(strays(dir)).toEqual([]);
  });
});

describe('cache builds', () => {
  it('refuse --out naming an input for cache builds too', async () => {
    const io = memoryIo();
    const code = await runCli(['build', '--keys', keys, '--values', values, '--rho', '1', '--method', 'merge', '--size', '1', '--out', values], io);
    expect(code).toBe(2);
    expect(io.stderr).toMatch(/--out: '.*v\.json' is the same file as --values/);
  });
});
