import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { jsonText, writeJson } from '../../src/cli/json-output.js';
import { createProgress, note } from '../../src/cli/progress.js';

describe('jsonText', () => {
  it('writes typed arrays as arrays, non-finite numbers and bigints as strings', () => {
    const text = jsonText({ w: Float64Array.of(0.5, -1), i: Uint32Array.of(3), upper: Infinity, lower: -Infinity, x: NaN, big: 2n ** 70n }, 0);
    expect(JSON.parse(text)).toEqual({ w: [0.5, -1], i: [3], upper: 'Infinity', lower: '-Infinity', x: 'NaN', big: '1180591620717411303424' });
  });

  it('writeJson puts one document and a newline on stdout, nothing on stderr', () => {
    const io = memoryIo();
    writeJson(io, { ok: true });
    expect(io.stdout).toBe('{\n  "ok": true\n}\n');
    expect(io.stderr).toBe('');
  });
});

describe('createProgress and note', () => {
  it('write nothing when stderr is not a TTY', () => {
    const io = memoryIo({ tty: false });
    const p = createProgress(io, 0);
    p.update('step 1');
    p.done();
    note(io, 'summary');
    expect(io.stderr + io.stdout).toBe('');
  });

  it('rewrite one stderr line on a TTY and clear it when done', () => {
    const io = memoryIo({ tty: true });
    const p = createProgress(io, 0);
    p.update('step 10');
    p.update('step 2');
    p.done();
    note(io, 'summary');
    expect(io.stderr).toBe('\rstep 10\rstep 2 \r       \rsummary\n');
    expect(io.stdout).toBe('');
  });
});
