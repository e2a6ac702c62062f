/**
 * Writes one committed head's queries split as bench/heads.bench.ts splits
 * them (a seeded random half fit, the rest held out) to `.npy` files, so the
 * query-aware build and verify can be run through the CLI on them:
 *   npx tsx scripts/head-split.ts <head name> <seed> <out dir>
 * prints the paths, R_v and the largest fit-query norm as JSON.
 * @module
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { splitRows } from '../bench/heads.bench.js';
import { writeMatrix } from '../src/io/write-matrix.js';
import { HEADS_DIR, LONG_HEADS_DIR, manifestHeads, readHead } from '../test/helpers/heads.js';

const [name, seedText, out] = process.argv.slice(2);
if (name === undefined || seedText === undefined || out === undefined) {
  console.error('usage: npx tsx scripts/head-split.ts <head name> <seed> <out dir>');
  process.exit(2);
}
const dir = [LONG_HEADS_DIR, HEADS_DIR].find((x) => manifestHeads(x).some((h) => h.name === name));
if (dir === undefined) {
  console.error(`no committed head named '${name}'`);
  process.exit(2);
}
const h = manifestHeads(dir).find((x) => x.name === name)!;
const head = readHead(h, dir);
const { n, d, dv, V } = head.instance;
const split = splitRows(head.queries, n, d, Number(seedText), n >> 1);
mkdirSync(out, { recursive: true });
const fit = { rows: split.fit.length / d, cols: d, data: split.fit };
writeMatrix(join(out, 'qfit.npy'), fit);
writeMatrix(join(out, 'qtest.npy'), { rows: split.test.length / d, cols: d, data: split.test });
let rq = 0;
for (let r = 0; r < fit.rows; r++) rq = Math.max(rq, Math.hypot(...fit.data.subarray(r * d, (r + 1) * d)));
let rv = 0;
for (let i = 0; i < n; i++) rv = Math.max(rv, Math.hypot(...V.subarray(i * dv, (i + 1) * dv)));
console.log(JSON.stringify({ keys: join(dir, h.arrays.k.file), values: join(dir, h.arrays.v.file), fit: join(out, 'qfit.npy'), test: join(out, 'qtest.npy'), scale: head.scale, rv, rqFit: rq }));
