import { readFileSync } from 'node:fs';
import { readNpy } from './npy.js';
import { score, scoreValue } from './peers/score.js';
import { instanceHash } from './peers/instances.js';
const K = readNpy('/work/shared/bench/iso4096/K.npy'); const V = readNpy('/work/shared/bench/iso4096/V.npy');
const inst = { n: K.rows, d: K.cols, dv: V.cols, K: K.data, V: V.data };
const h = instanceHash(inst);
for (const f of process.argv.slice(2)) {
  const rho = Number(f.split('-')[1]);
  const runs = JSON.parse(readFileSync(f, 'utf8')).runs as { seed: number; indices: number[]; seconds: number }[];
  for (const r of runs) {
    const c = { indices: Uint32Array.from(r.indices), weights: new Float64Array(r.indices.length).fill(1) };
    const s = score(inst, h, c, rho, r.seed);
    console.log(f, r.seed, r.indices.length, new Set(r.indices).size, s, scoreValue(s).toFixed(4), r.seconds.toFixed(1));
  }
}
