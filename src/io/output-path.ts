/**
 * Outputs must not be inputs: `--queries Q.npy --out Q.npy` would replace
 * the data while (or before) it is read.
 * @module
 */
import { statSync, type Stats } from 'node:fs';
import { InputError } from '../errors.js';
import { notRegular } from './system-error.js';
import { splitTensorSpec } from './read-matrix.js';

/** A named path: the option it came from and its text. */
export interface NamedPath {
  /** The option, for messages (`--out`). */
  readonly what: string;
  /** A path, or a matrix spec (`file.safetensors:tensor`, `file.npz:member`). */
  readonly path: string;
}

function stats(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function identity(path: string): string | undefined {
  const st = stats(path);
  return st === undefined ? undefined : `${st.dev}:${st.ino}`;
}

/**
 * Refuses outputs that are the same file as an input (by device and inode,
 * so links and different spellings of one path count), or as each other,
 * and outputs that exist but are not regular files (a FIFO would block the
 * write): checked before any work, so nothing is computed in vain.
 *
 * Special cases: an output that does not exist yet cannot be an input and
 * passes; the refusal is an {@link InputError} (`usage`) naming the options.
 * @lemma def:instance
 */
export function refuseOutputsThatAreInputs(outputs: readonly NamedPath[], inputs: readonly NamedPath[]): void {
  const seen = new Map<string, { p: NamedPath; kind: string }>();
  for (const input of inputs) {
    const id = identity(splitTensorSpec(input.path).path);
    if (id !== undefined && !seen.has(id)) seen.set(id, { p: input, kind: 'an input' });
  }
  for (const out of outputs) {
    const st = stats(out.path);
    if (st === undefined) continue;
    if (!st.isFile()) throw new InputError('usage', out.what, `refusing to write '${out.path}': ${notRegular(st)}, not a regular file`);
    const id = `${st.dev}:${st.ino}`;
    const other = seen.get(id);
    if (other !== undefined) {
      throw new InputError('usage', out.what, `'${out.path}' is the same file as ${other.p.what} '${other.p.path}'; writing it would replace ${other.kind}; choose another path`);
    }
    seen.set(id, { p: out, kind: 'another output' });
  }
}
