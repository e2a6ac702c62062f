import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';

/** Debian's python3, the one .ci/run installs numpy and pytest for. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

/** Whether `python3` runs here (tests of the Python adapter skip, saying so, when it does not). */
export function hasPython(): boolean {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether the system python imports every one of `modules` (e.g. numpy, pytest). */
export function systemPythonHas(...modules: string[]): boolean {
  try {
    execFileSync(SYSTEM_PYTHON, ['-c', modules.map((m) => `import ${m}`).join('; ')], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Registers a test that fails in CI (CI=true) when the system python lacks
 * `module`: .ci/run installs the Debian package `pkg`, so there a missing
 * module is a failure, not a quiet skip.
 */
export function requireInCi(have: boolean, module: string, pkg: string, title = `CI has ${module} in ${SYSTEM_PYTHON}`): void {
  it.runIf(!have && process.env.CI === 'true')(title, () => {
    expect.fail(`no ${module} in ${SYSTEM_PYTHON}: .ci/run should have installed ${pkg}`);
  });
}
