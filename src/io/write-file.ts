/**
 * Atomic file writes: every output goes to a temporary file in the target's
 * directory and is renamed over the target only once it is completely on
 * disk, so a failed write (full disk, file-size limit, a crash) leaves the
 * previous file as it was and no temporary file behind.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { notRegular, systemReason } from './system-error.js';

/** One file of {@link writeFiles}. */
export interface FileToWrite {
  /** Where to write (an existing regular file is replaced). */
  readonly path: string;
  readonly content: Uint8Array | string;
  /** What the file is, for messages (the option, e.g. `--out`). */
  readonly what: string;
}

/** Longest target name kept in a temporary name (NAME_MAX is 255). */
const TEMP_STEM = 180;

/**
 * Writes a whole file (text or bytes) atomically, replacing it (see
 * {@link writeFiles}).
 * @lemma def:instance
 */
export function writeBytes(path: string, content: Uint8Array | string, what: string): void {
  writeFiles([{ path, content, what }]);
}

/**
 * Writes several files, all or none: each is written to a temporary file
 * beside its target and synced; only when every one is complete are they
 * renamed over their targets.
 *
 * Method: an existing target is resolved through symbolic links (the link
 * stays, its file is replaced) and its permission bits are kept. A failure
 * while writing removes every temporary file and leaves every target as it
 * was; the renames that follow are within one directory each and do not
 * fail for lack of space.
 *
 * Special cases: an existing target that is not a regular file (FIFO,
 * device, directory) is refused before anything is written, as are two
 * outputs naming the same file; every failure is an {@link InputError}
 * (`usage`) naming `what`, the path and the reason (e.g. "no space left on
 * the device").
 * @lemma def:instance
 */
export function writeFiles(files: readonly FileToWrite[]): void {
  const plans = files.map((f) => ({ ...f, ...resolveTarget(f.path, f.what) }));
  for (let a = 0; a < plans.length; a++) {
    for (let b = 0; b < a; b++) {
      if (plans[a].target === plans[b].target) throw new InputError('usage', plans[a].what, `'${plans[a].path}' is the same file as ${plans[b].what} '${plans[b].path}'`);
    }
  }
  const temps: string[] = [];
  let k = 0;
  try {
    for (; k < plans.length; k++) {
      const p = plans[k];
      const tmp = join(dirname(p.target), `.${basename(p.target).slice(0, TEMP_STEM)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
      writeTemp(tmp, p.content, p.mode, () => temps.push(tmp));
    }
  } catch (e) {
    removeAll(temps);
    const p = plans[k];
    throw new InputError('usage', p.what, `cannot write '${p.path}': ${systemReason(e)}; nothing was written`);
  }
  for (k = 0; k < plans.length; k++) {
    try {
      renameSync(temps[k], plans[k].target);
    } catch (e) {
      removeAll(temps.slice(k));
      throw new InputError('usage', plans[k].what, `cannot write '${plans[k].path}': ${systemReason(e)}`);
    }
  }
}

function resolveTarget(path: string, what: string): { target: string; mode: number | undefined } {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return { target: resolve(path), mode: undefined };
    throw new InputError('usage', what, `cannot write '${path}': ${systemReason(e)}`);
  }
  if (!st.isFile()) throw new InputError('usage', what, `refusing to write '${path}': ${notRegular(st)}, not a regular file`);
  return { target: realpathSync(path), mode: st.mode & 0o777 };
}

function writeTemp(tmp: string, content: Uint8Array | string, mode: number | undefined, created: () => void): void {
  const fd = openSync(tmp, 'wx', 0o666);
  created();
  try {
    // The replaced file's permissions, not the umask's: replacing must not
    // change who may read it.
    if (mode !== undefined) fchmodSync(fd, mode);
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeAll(paths: readonly string[]): void {
  for (const p of paths) {
    try {
      unlinkSync(p);
    } catch {
      // Already gone (e.g. its directory was removed): nothing left behind.
    }
  }
}
