/**
 * NumPy `.npz` files: zip archives of `.npy` members, as `numpy.savez` and
 * `numpy.savez_compressed` write them (`file.npz:member` selects one).
 * @module
 */
import { InputError } from '../errors.js';
import type { Mat64 } from '../types.js';
import { decodeNpy } from './npy.js';
import { listSome } from './limits.js';
import { extractZipEntry, hasZipMagic, readZipDirectory, type ZipEntry } from './zip.js';

/** The member names of an `.npz` file as `np.load(f).files` lists them ("keys", not "keys.npy"). */
function memberName(e: ZipEntry): string {
  return e.name.endsWith('.npy') ? e.name.slice(0, -4) : e.name;
}

/**
 * Decodes one member of an `.npz` file into a binary64 matrix: the one
 * named `member` (as `np.load` names it, `keys`, or with its `.npy`), or
 * the only member when `member` is undefined. The member is read by
 * `decodeNpy`, so everything a `.npy` file may be, it may be.
 *
 * Method: the zip central directory (zip64 aware) locates the member; it is
 * extracted (stored, or deflated with its output bounded by the declared
 * size) and checked against its CRC-32, then decoded.
 *
 * Special cases: not a zip, truncated, a missing member (the available ones
 * are listed), several members and none named, other compression methods,
 * CRC mismatch, object arrays or pickles (refused by `decodeNpy`: nothing
 * is ever unpickled) are {@link InputError}s naming the file and member.
 *
 * @example
 * ```ts
 * const K = decodeNpz(readFileSync('cache.npz'), 'cache.npz', 'keys');
 * ```
 * @lemma def:instance
 */
export function decodeNpz(bytes: Uint8Array, where: string, member?: string): Mat64 {
  // np.load decides by the first four bytes; a zip found only by its end
  // record is not an .npz to numpy, nor to us.
  if (!hasZipMagic(bytes)) throw new InputError('format', where, 'is not an .npz file: it does not start with a zip signature ("PK\\x03\\x04")');
  const entries = readZipDirectory(bytes, where);
  const list = listSome(entries.map((e) => `'${memberName(e)}'`)) || 'none';
  let entry: ZipEntry | undefined;
  if (member === undefined) {
    if (entries.length !== 1) throw new InputError('usage', where, `has ${entries.length} members; name one as ${where}:NAME. Available: ${list}`);
    entry = entries[0];
  } else {
    entry = entries.find((e) => e.name === `${member}.npy`) ?? entries.find((e) => e.name === member);
    if (entry === undefined) throw new InputError('usage', where, `has no member '${listSome([member])}'. Available: ${list}`);
  }
  const at = `${where}:${memberName(entry)}`;
  if (!entry.name.endsWith('.npy')) throw new InputError('format', at, `is not a .npy member ('${entry.name}'); an .npz holds arrays saved by numpy`);
  return decodeNpy(extractZipEntry(bytes, entry, where), at);
}
