import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { requireInCi, SYSTEM_PYTHON, systemPythonHas } from '../helpers/python.js';

// README's "Check your own KV compression in five minutes" stays true: its
// numpy script runs, prints the --scale and --rho the commands use, every
// option of its commands is in that command's --help, and verify on the
// dumped files gives the verdict and numbers the README quotes. The report
// command is only checked against its --help here (test/report runs it).
const README = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
const TITLE = '## Check your own KV compression in five minutes';
const section = README.slice(README.indexOf(TITLE), README.indexOf('\n## ', README.indexOf(TITLE) + TITLE.length));
const block = (lang: string) => new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(section)?.[1] ?? '';
/** The `npx attn-coreset …` commands of the shell block, continuation lines joined, redirection dropped. */
const commands = block('sh')
  .replace(/\\\n\s*/g, ' ')
  .split('\n')
  .filter((l) => l.startsWith('npx attn-coreset '))
  .map((l) => l.replace(/\s*>.*$/, '').split(/\s+/).slice(2));

const PY = SYSTEM_PYTHON;
const numpy = systemPythonHas('numpy');
const dir = mkdtempSync(join(tmpdir(), 'attn-walkthrough-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README walk-through', () => {
  requireInCi(numpy, 'numpy', 'python3-numpy');

  it('has the script and the verify and report commands', () => {
    expect(section.startsWith(TITLE)).toBe(true);
    expect(block('python')).toContain('np.savez');
    expect(commands.map((c) => c[0])).toEqual(['verify', 'report']);
  });

  it('uses only options the commands have', async () => {
    for (const [name, ...args] of commands) {
      const io = memoryIo();
      expect(await runCli([name, '--help'], io)).toBe(0);
      for (const flag of args.filter((a) => a.startsWith('--'))) expect(io.stdout, `${name} ${flag}`).toContain(flag);
    }
  });

  it.skipIf(!numpy)('the script prints the scale and radius the commands use, and verify says what the README says', async () => {
    writeFileSync(join(dir, 'dump.py'), block('python'));
    const printed = execFileSync(PY, ['dump.py'], { cwd: dir, encoding: 'utf8' }).trim();
    expect(block('sh')).toContain(`# prints ${printed}`);
    const [verifyArgs] = commands;
    const io = memoryIo();
    const paths = verifyArgs.slice(1).map((a) => (/\.(npz|npy)(:|$)/.test(a) ? join(dir, a) : a));
    expect(await runCli(['verify', ...paths], io)).toBe(0);
    const r = JSON.parse(io.stdout) as { verdict: string; queryStats: { exceeding: number; max: number; exceedUpper: number } };
    expect(r.verdict).toBe('certified');
    expect(r.queryStats.exceeding).toBe(0);
    expect(section).toContain(`max error ${r.queryStats.max.toFixed(4)}`);
    expect(section).toContain(`\`exceedUpper\` ${r.queryStats.exceedUpper.toFixed(3)}`);
  });
});
