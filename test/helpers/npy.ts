/**
 * The bytes of a `.npy` file with exactly the header text given (no padding
 * rule applied): magic, version, header length, header, payload.
 */
export function npyBytes(header: string, payload: Uint8Array = new Uint8Array(0), version = 1): Uint8Array {
  const pre = version === 1 ? 10 : 12;
  const out = new Uint8Array(pre + header.length + payload.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const dv = new DataView(out.buffer);
  if (version === 1) dv.setUint16(8, header.length, true);
  else dv.setUint32(8, header.length, true);
  for (let k = 0; k < header.length; k++) out[pre + k] = header.charCodeAt(k);
  out.set(payload, pre + header.length);
  return out;
}
