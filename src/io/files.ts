/**
 * Reading whole files with errors a user can act on: regular files only,
 * with a size bound checked before anything is read (so `/dev/zero`, a FIFO
 * with no writer or a terminal is refused at once instead of blocking or
 * filling memory).
 * @module
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { InputError } from '../errors.js';
import { maxInputBytes } from './limits.js';

/**
 * Reads a whole regular file as bytes.
 *
 * Method: opens without blocking (`O_NONBLOCK`: opening a FIFO with no
 * writer would otherwise wait forever), checks with `fstat` on the open
 * descriptor that it is a regular file of at most `limit` bytes, reads
 * exactly that many bytes and checks that nothing follows (a file growing
 * while read is refused, not cut).
 *
 * Special cases: a missing, unreadable or directory path, a device, FIFO or
 * socket, and a file over the bound are {@link InputError}s (`usage`)
 * naming `what` and the path, never a raw system error.
 * @lemma def:instance
 */
export function readBytes(path: string, what: string, limit = maxInputBytes()): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new InputError('usage', what, `cannot read '${path}': ${systemReason(e)}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new InputError('usage', what, `cannot read '${path}': ${notRegular(st)}; give a regular file`);
    if (st.size > limit) {
      throw new InputError('usage', what, `cannot read '${path}': it has ${st.size} bytes, more than the ${limit} bytes an input may have here (the smaller of 2 GiB and 1/8 of memory)`);
    }
    const out = new Uint8Array(st.size);
    let got = 0;
    while (got < out.length) {
      const k = readSync(fd, out, got, out.length - got, null);
      if (k === 0) throw new InputError('usage', what, `cannot read '${path}': it shrank from ${st.size} to ${got} bytes while being read`);
      got += k;
    }
    if (readSync(fd, new Uint8Array(1), 0, 1, null) !== 0) throw new InputError('usage', what, `cannot read '${path}': it grew beyond ${st.size} bytes while being read`);
    return out;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError('usage', what, `cannot read '${path}': ${systemReason(e)}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * What a non-regular file is, for messages. @internal
 * @lemma def:instance
 */
export function notRegular(st: Stats): string {
  if (st.isDirectory()) return 'it is a directory';
  if (st.isFIFO()) return 'it is a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'it is a character device';
  if (st.isBlockDevice()) return 'it is a block device';
  if (st.isSocket()) return 'it is a socket';
  return 'it is not a regular file';
}

/**
 * A system error as words a user can act on. @internal
 * @lemma def:instance
 */
export function systemReason(e: unknown): string {
  const code = (e as { code?: string }).code;
  const known: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EISDIR: 'it is a directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOTDIR: 'a parent is not a directory',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EFBIG: 'file too large (a file-size limit, e.g. ulimit -f)',
    EROFS: 'read-only file system',
    EXDEV: 'the temporary file and the target are on different file systems',
  };
  return (code && known[code]) ?? (e as Error).message ?? String(e);
}
