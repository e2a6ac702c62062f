import { execFileSync } from 'node:child_process';

/** Whether `python3` runs here (tests of the Python adapter skip, saying so, when it does not). */
export function hasPython(): boolean {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
