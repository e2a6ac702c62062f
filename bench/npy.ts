/**
 * A tiny `.npy` reader for the benchmark data (little-endian `<f8`/`<f4`,
 * C order, 2-D), so the benchmarks do not depend on the CLI's I/O module.
 * @module
 */
import { readFileSync } from 'node:fs';

/** Reads a 2-D C-order float array from a `.npy` file. */
export function readNpy(path: string): { rows: number; cols: number; data: Float64Array } {
  const buf = readFileSync(path);
  if (buf.toString('latin1', 1, 6) !== 'NUMPY') throw new Error(`${path}: not a .npy file`);
  const major = buf[6];
  const hlen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = buf.toString('latin1', start, start + hlen);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const shape = /'shape':\s*\((\d+),\s*(\d+)\)/.exec(header);
  if (/'fortran_order':\s*True/.test(header)) throw new Error(`${path}: Fortran order not supported`);
  if (!shape || (descr !== '<f8' && descr !== '<f4')) throw new Error(`${path}: need a 2-D <f8 or <f4 array, header ${header}`);
  const rows = Number(shape[1]);
  const cols = Number(shape[2]);
  const off = start + hlen;
  const data = new Float64Array(rows * cols);
  for (let t = 0; t < rows * cols; t++) data[t] = descr === '<f8' ? buf.readDoubleLE(off + 8 * t) : buf.readFloatLE(off + 4 * t);
  return { rows, cols, data };
}
