import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import type { Command } from '../../src/cli/command.js';
import { EXIT_FAILED, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE } from '../../src/cli/exit-codes.js';
import { memoryIo } from '../../src/cli/io.js';
import { registeredCommands } from '../../src/cli/registry.js';
import { runCli } from '../../src/cli/run.js';

const fake = (run: Command['run']): Command => ({ name: 'fake', summary: 'a test command', usage: 'attn-coreset fake --x X\n\n  --x X  a value', run });

describe('exit codes', () => {
  it('are the documented constants', () => {
    expect([EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL]).toEqual([0, 1, 2, 3]);
  });
});

describe('registeredCommands', () => {
  it('lists valid commands with unique names, including attention', () => {
    const cmds = registeredCommands();
    expect(cmds.map((c) => c.name)).toContain('attention');
    expect(new Set(cmds.map((c) => c.name)).size).toBe(cmds.length);
  });

  it('gives every registered command a help text whose first line is its usage', async () => {
    for (const c of registeredCommands()) {
      const io = memoryIo();
      expect(await runCli([c.name, '--help'], io), c.name).toBe(EXIT_OK);
      expect(io.stdout).toContain(`attn-coreset ${c.name}`);
      expect(c.usage.trimStart().startsWith(`attn-coreset ${c.name}`), `${c.name} usage starts with its usage line`).toBe(true);
    }
  });
});

describe('runCli', () => {
  it('prints the command list for --help and help, to stdout with exit 0', async () => {
    for (const argv of [['--help'], ['help'], ['-h']]) {
      const io = memoryIo();
      expect(await runCli(argv, io)).toBe(EXIT_OK);
      expect(io.stdout).toMatch(/commands:\n(.|\n)*attention +evaluate/);
      expect(io.stdout).toMatch(/3 +internal error/);
    }
  });

  it('prints the list to stderr with exit 2 when no command is given', async () => {
    const io = memoryIo();
    expect(await runCli([], io)).toBe(EXIT_USAGE);
    expect(io.stderr).toMatch(/usage: attn-coreset <command>/);
    expect(io.stdout).toBe('');
  });

  it('prints the version', async () => {
    const io = memoryIo();
    expect(await runCli(['--version'], io)).toBe(EXIT_OK);
    expect(io.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('rejects an unknown command with exit 2 and a hint', async () => {
    const io = memoryIo();
    expect(await runCli(['atention'], io)).toBe(EXIT_USAGE);
    expect(io.stderr).toMatch(/unknown command 'atention' \(did you mean attention\?\)/);
  });

  it('answers help <command> and <command> --help without running it', async () => {
    let ran = false;
    const cmd = fake(async () => ((ran = true), 0));
    for (const argv of [['help', 'fake'], ['fake', '--x', '1', '--help']]) {
      const io = memoryIo();
      expect(await runCli(argv, io, [cmd])).toBe(EXIT_OK);
      expect(io.stdout).toMatch(/^attn-coreset fake: a test command\n\nattn-coreset fake --x X/);
    }
    expect(ran).toBe(false);
  });

  it('passes the command its arguments and returns its exit code', async () => {
    const io = memoryIo();
    expect(await runCli(['fake', 'a', 'b'], io, [fake(async (argv) => (argv.join() === 'a,b' ? EXIT_FAILED : EXIT_OK))])).toBe(EXIT_FAILED);
  });

  it('maps an InputError about an option to exit 2 with the usage line', async () => {
    const io = memoryIo();
    const code = await runCli(['fake'], io, [fake(async () => Promise.reject(new InputError('usage', '--x', 'is required')))]);
    expect(code).toBe(EXIT_USAGE);
    expect(io.stderr).toBe("attn-coreset fake: --x: is required\nusage: attn-coreset fake --x X\nrun 'attn-coreset fake --help' for details\n");
  });

  it('maps an InputError about the data to exit 2 without the usage line', async () => {
    const io = memoryIo();
    const code = await runCli(['fake'], io, [fake(async () => Promise.reject(new InputError('not-finite', 'k.npy row 1, column 2', 'entry is NaN')))]);
    expect(code).toBe(EXIT_USAGE);
    expect(io.stderr).toBe('attn-coreset fake: k.npy row 1, column 2: entry is NaN\n');
  });

  it('maps anything else to exit 3, "internal error", and no stack unless ATTN_CORESET_DEBUG=1', async () => {
    const boom = fake(async () => {
      throw new RangeError('boom');
    });
    const quiet = memoryIo();
    expect(await runCli(['fake'], quiet, [boom])).toBe(EXIT_INTERNAL);
    expect(quiet.stderr).toMatch(/^attn-coreset fake: internal error: RangeError: boom\nThis is a bug/);
    expect(quiet.stderr).not.toMatch(/\n\s+at /);
    const debug = memoryIo({ env: { ATTN_CORESET_DEBUG: '1' } });
    expect(await runCli(['fake'], debug, [boom])).toBe(EXIT_INTERNAL);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});
