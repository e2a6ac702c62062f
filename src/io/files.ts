/**
 * Reading and writing whole files with errors a user can act on.
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { InputError } from '../errors.js';

/**
 * Reads a whole file as bytes.
 *
 * Special cases: a missing, unreadable or directory path is an
 * {@link InputError} (`usage`) naming `what` and the path, never a raw
 * system error.
 * @lemma def:instance
 */
export function readBytes(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new InputError('usage', what, `cannot read '${path}': ${systemReason(e)}`);
  }
}

/**
 * Writes a whole file (text or bytes), replacing it.
 *
 * Special cases: an unwritable path is an {@link InputError} (`usage`).
 * @lemma def:instance
 */
export function writeBytes(path: string, content: Uint8Array | string, what: string): void {
  try {
    writeFileSync(path, content);
  } catch (e) {
    throw new InputError('usage', what, `cannot write '${path}': ${systemReason(e)}`);
  }
}

function systemReason(e: unknown): string {
  const code = (e as { code?: string }).code;
  const known: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EISDIR: 'it is a directory',
    EACCES: 'permission denied',
    ENOTDIR: 'a parent is not a directory',
  };
  return (code && known[code]) ?? (e as Error).message ?? String(e);
}
