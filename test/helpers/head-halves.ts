/**
 * A real head's queries split into even tokens (fit) and odd tokens (held
 * out), written as `.npy` files for CLI tests, with the head's files and
 * its largest query norm.
 * @module
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeMatrix } from '../../src/io/write-matrix.js';
import { HEADS_DIR, readHead, type ManifestHead, type RealHead } from './heads.js';

/** The files and numbers of {@link writeHeadHalves}. */
export interface HeadHalves {
  readonly head: RealHead;
  readonly dir: string;
  /** Paths of the fit (even tokens) and held-out (odd tokens) query files. */
  readonly fit: string;
  readonly test: string;
  readonly keys: string;
  readonly values: string;
  /** Largest norm of any of the head's queries. */
  readonly rq: number;
}

/** Writes the even/odd query halves of head `h` to a fresh temporary directory. */
export function writeHeadHalves(h: ManifestHead, prefix: string): HeadHalves {
  const head = readHead(h);
  const { n, d } = head.instance;
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const half = (parity: number) => {
    const rows = Array.from({ length: n }, (_, i) => i).filter((i) => i % 2 === parity);
    const data = new Float64Array(rows.length * d);
    rows.forEach((t, k) => data.set(head.queries.subarray(t * d, (t + 1) * d), k * d));
    return { rows: rows.length, cols: d, data };
  };
  const fit = join(dir, 'qfit.npy');
  const test = join(dir, 'qtest.npy');
  writeMatrix(fit, half(0));
  writeMatrix(test, half(1));
  let rq = 0;
  for (let r = 0; r < n; r++) rq = Math.max(rq, Math.hypot(...head.queries.subarray(r * d, (r + 1) * d)));
  return { head, dir, fit, test, keys: join(HEADS_DIR, h.arrays.k.file), values: join(HEADS_DIR, h.arrays.v.file), rq };
}
