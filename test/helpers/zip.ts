import { crc32, deflateRawSync } from 'node:zlib';

/** One member for {@link makeZip}; the overrides forge what a corrupt or hostile archive says. */
export interface ZipMember {
  readonly name: string;
  readonly data: Uint8Array;
  /** 0 stored, 8 deflate (default 0). */
  readonly method?: number;
  /** Bytes stored instead of the compressed data (for bombs and corruption). */
  readonly raw?: Uint8Array;
  readonly declaredSize?: number;
  readonly crc?: number;
  readonly flags?: number;
}

/**
 * A minimal zip writer for tests (APPNOTE 6.3 local headers, central
 * directory, end record; no zip64): enough to build archives numpy would
 * not write, such as bombs and corrupt ones.
 */
export function makeZip(members: readonly ZipMember[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const m of members) {
    const name = new TextEncoder().encode(m.name);
    const method = m.method ?? 0;
    const body = m.raw ?? (method === 8 ? deflateRawSync(m.data) : m.data);
    const crc = m.crc ?? crc32(m.data) >>> 0;
    const size = m.declaredSize ?? m.data.length;
    const local = new Uint8Array(30 + name.length);
    const l = new DataView(local.buffer);
    l.setUint32(0, 0x04034b50, true);
    l.setUint16(4, 20, true);
    l.setUint16(6, m.flags ?? 0, true);
    l.setUint16(8, method, true);
    l.setUint32(14, crc, true);
    l.setUint32(18, body.length, true);
    l.setUint32(22, size, true);
    l.setUint16(26, name.length, true);
    local.set(name, 30);
    const c = new Uint8Array(46 + name.length);
    const cd = new DataView(c.buffer);
    cd.setUint32(0, 0x02014b50, true);
    cd.setUint16(4, 20, true);
    cd.setUint16(6, 20, true);
    cd.setUint16(8, m.flags ?? 0, true);
    cd.setUint16(10, method, true);
    cd.setUint32(16, crc, true);
    cd.setUint32(20, body.length, true);
    cd.setUint32(24, size, true);
    cd.setUint16(28, name.length, true);
    cd.setUint32(42, offset, true);
    c.set(name, 46);
    parts.push(local, body);
    central.push(c);
    offset += local.length + body.length;
  }
  const cdSize = central.reduce((a, c) => a + c.length, 0);
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, members.length, true);
  e.setUint16(10, members.length, true);
  e.setUint32(12, cdSize, true);
  e.setUint32(16, offset, true);
  return new Uint8Array(Buffer.concat([...parts, ...central, end]));
}
