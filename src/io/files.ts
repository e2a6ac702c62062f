/**
 * Reading whole files with errors a user can act on: regular files only,
 * with a size bound checked before anything is read (so `/dev/zero`, a FIFO
 * with no writer or a terminal is refused at once instead of blocking or
 * filling memory).
 * @module
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../errors.js';
import { maxInputBytes } from './limits.js';
import { notRegular, systemReason } from './system-error.js';

// Writing lives in write-file.ts (atomic); re-exported so `files.js` stays the
// one place to import whole-file reads and writes from.
export { writeBytes } from './write-file.js';

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
