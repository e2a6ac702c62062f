/**
 * Reading zip archives as `numpy.savez` / `savez_compressed` write them
 * (PKWARE APPNOTE 6.3: stored and deflated members, zip64 records), with
 * every offset and size checked against the file before it is used.
 * @module
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { InputError } from '../errors.js';
import { maxInputBytes } from './limits.js';

/** One member of a zip archive, from its central directory record. */
export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflate (others are refused when extracted). */
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
  /** Where the next member's local header (or the directory) starts: this member's data must end by then. */
  readonly end: number;
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;
/** The newest "version needed to extract" Python's zipfile (numpy's reader) accepts: 6.3. */
const MAX_EXTRACT_VERSION = 63;

/**
 * Whether `bytes` starts like a zip archive ("PK\x03\x04", or "PK\x05\x06"
 * for an empty one). @internal
 * @lemma def:instance
 */
export function hasZipMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

/**
 * Lists the members of a zip archive from its central directory (zip64
 * aware).
 *
 * Special cases: no end-of-central-directory record ("not a zip archive"),
 * a multi-disk archive, records that point outside the file (truncated) and
 * duplicate names are {@link InputError}s (`format`) naming `where`.
 * @lemma def:instance
 */
export function readZipDirectory(bytes: Uint8Array, where: string): ZipEntry[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (what: string): never => {
    throw new InputError('format', where, what);
  };
  const u64 = (o: number): number => {
    const v = dv.getBigUint64(o, true);
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? fail(`is corrupt: a zip64 field holds ${v}, beyond any file`) : Number(v);
  };
  let eocd = -1;
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - MAX_COMMENT); p--) {
    if (dv.getUint32(p, true) === EOCD && p + 22 + dv.getUint16(p + 20, true) === bytes.length) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) fail(hasZipMagic(bytes) ? 'is a truncated zip archive: no end-of-central-directory record' : 'is not a zip archive (.npz files are zip archives of .npy members)');
  if (dv.getUint16(eocd + 4, true) !== 0 || dv.getUint16(eocd + 6, true) !== 0) fail('is a multi-disk zip archive; only single-file archives are read');
  let count = dv.getUint16(eocd + 10, true);
  let cdSize = dv.getUint32(eocd + 12, true);
  let cdOffset = dv.getUint32(eocd + 16, true);
  let cdEnd = eocd;
  if (eocd >= 20 && dv.getUint32(eocd - 20, true) === EOCD64_LOCATOR) {
    if (dv.getUint32(eocd - 16, true) !== 0 || dv.getUint32(eocd - 4, true) > 1) fail('is a multi-disk zip archive; only single-file archives are read');
    // Right before its locator, where Python's zipfile (numpy's reader) looks.
    const at = u64(eocd - 12);
    if (at !== eocd - 20 - 56 || dv.getUint32(at, true) !== EOCD64) fail('is corrupt: the zip64 end record is missing or misplaced');
    count = u64(at + 32);
    cdSize = u64(at + 40);
    cdOffset = u64(at + 48);
    cdEnd = at;
  }
  // The directory ends where the end records begin (no data prepended to
  // the archive, as numpy writes it); Python's zipfile reads every entry in
  // that span, so the entries must fill it exactly.
  if (cdOffset + cdSize !== cdEnd) fail(`is truncated or corrupt: the central directory [${cdOffset}, ${cdOffset + cdSize}) does not end where the end record begins (${cdEnd})`);
  if (count > cdSize / 46) fail(`is corrupt: ${count} entries cannot fit in a ${cdSize}-byte central directory`);
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > cdOffset + cdSize || dv.getUint32(p, true) !== CENTRAL) fail(`is corrupt: central directory entry ${k} is damaged`);
    const flags = dv.getUint16(p + 8, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > cdOffset + cdSize) fail(`is corrupt: central directory entry ${k} overruns the directory`);
    const rawName = bytes.subarray(p + 46, p + 46 + nameLen);
    const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(rawName);
    let size = dv.getUint32(p + 24, true);
    let compressedSize = dv.getUint32(p + 20, true);
    let localOffset = dv.getUint32(p + 42, true);
    // Zip64 extra field: the 64-bit values, in this order, of the fields
    // whose 32-bit slot holds 0xFFFFFFFF.
    for (let x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen; ) {
      const id = dv.getUint16(x, true);
      const len = dv.getUint16(x + 2, true);
      if (x + 4 + len > p + 46 + nameLen + extraLen) fail(`is corrupt: an extra field of member '${name}' overruns its record`);
      if (id === 0x0001) {
        let o = x + 4;
        const next = (): number => (o + 8 <= x + 4 + len ? ((o += 8), u64(o - 8)) : fail(`is corrupt: the zip64 field of member '${name}' is too short`));
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      x += 4 + len;
    }
    if (names.has(name)) fail(`has two members named '${name}'`);
    const needs = dv.getUint16(p + 6, true) & 0xff;
    if (needs > MAX_EXTRACT_VERSION) fail(`member '${name}' needs zip version ${needs / 10} to extract; at most ${MAX_EXTRACT_VERSION / 10} is read (as Python's zipfile)`);
    names.add(name);
    entries.push({ name, method: dv.getUint16(p + 10, true), flags, crc: dv.getUint32(p + 16, true), compressedSize, size, localOffset, end: cdOffset });
    p = end;
  }
  if (p !== cdOffset + cdSize) fail(`is corrupt: ${count} central directory entries fill ${p - cdOffset} of its ${cdSize} bytes`);
  // Each member ends where the next one (by offset) begins, as Python's
  // zipfile assigns it: overlapping members are how zip bombs are built.
  let next = cdOffset;
  const ends = new Map<ZipEntry, number>();
  for (const e of [...entries].sort((a, b) => b.localOffset - a.localOffset)) {
    ends.set(e, next);
    next = e.localOffset;
  }
  return entries.map((e) => ({ ...e, end: ends.get(e) ?? cdOffset }));
}

/**
 * Extracts one member's bytes: stored or deflated, output bounded by the
 * size the directory declares (at most `maxInputBytes()`), checked against
 * that size and the CRC-32.
 *
 * Special cases: encryption, compression methods other than 0 (stored) and
 * 8 (deflate), a local header that disagrees with the directory, data beyond
 * the file, a deflate stream that is corrupt or inflates to more or fewer
 * bytes than declared (a zip bomb stops at the bound), and a CRC mismatch
 * are {@link InputError}s (`format`) naming `where` and the member.
 * @lemma def:instance
 */
export function extractZipEntry(bytes: Uint8Array, e: ZipEntry, where: string): Uint8Array {
  const at = `${where} member '${e.name}'`;
  const fail = (what: string): never => {
    throw new InputError('format', at, what);
  };
  if (e.flags & 0x41) fail('is encrypted');
  if (e.flags & 0x20) fail('holds compressed patched data (flag bit 5), which zip readers do not support');
  if (e.method !== 0 && e.method !== 8) fail(`uses zip compression method ${e.method}${METHODS[e.method] ? ` (${METHODS[e.method]})` : ''}; numpy writes stored (0) or deflate (8) members`);
  const limit = maxInputBytes();
  if (e.size > limit) fail(`declares ${e.size} bytes, more than the ${limit} bytes an input may have here`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const p = e.localOffset;
  if (p + 30 > bytes.length || dv.getUint32(p, true) !== LOCAL) fail('is truncated or corrupt: its local header is missing');
  const nameLen = dv.getUint16(p + 26, true);
  const start = p + 30 + nameLen + dv.getUint16(p + 28, true);
  const localName = new TextDecoder(e.flags & 0x800 ? 'utf-8' : 'latin1').decode(bytes.subarray(p + 30, Math.min(bytes.length, p + 30 + nameLen)));
  if (localName !== e.name) fail(`is corrupt: its local header names '${localName.slice(0, 40)}'`);
  if (start + e.compressedSize > bytes.length) fail(`is truncated: its ${e.compressedSize} bytes of data run past the end of the file`);
  if (start + e.compressedSize > e.end) fail(`overlaps the next member or the directory (bytes ${start}..${start + e.compressedSize} pass ${e.end}): refused, as overlapping members are how zip bombs are built`);
  const raw = bytes.subarray(start, start + e.compressedSize);
  let out: Uint8Array;
  if (e.method === 0) {
    if (e.compressedSize !== e.size) fail(`is corrupt: stored with ${e.compressedSize} bytes but declares ${e.size}`);
    out = raw;
  } else {
    try {
      // maxOutputLength stops a stream that inflates beyond the declared
      // size (a zip bomb) at that size instead of filling memory.
      out = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size) });
    } catch (err) {
      const code = (err as { code?: string }).code;
      return fail(code === 'ERR_BUFFER_TOO_LARGE' ? `inflates to more than the ${e.size} bytes it declares` : `has a corrupt deflate stream (${(err as Error).message})`);
    }
    if (out.length !== e.size) fail(`inflates to ${out.length} bytes but declares ${e.size}`);
  }
  const crc = crc32(out) >>> 0;
  if (crc !== e.crc >>> 0) fail(`fails its CRC-32 check (0x${crc.toString(16)} computed, 0x${(e.crc >>> 0).toString(16)} recorded): the file is corrupt`);
  return out;
}

const METHODS: Record<number, string> = { 1: 'shrink', 6: 'implode', 9: 'deflate64', 12: 'bzip2', 14: 'lzma', 93: 'zstd', 95: 'xz', 99: 'AES encryption' };
