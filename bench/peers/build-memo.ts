/**
 * Memoised builds for the peer grid: a coreset is a function of the source
 * tree (src/), the instance and the options, so it is kept on disk under the
 * hash of all three (next to the score memo) and reused while src/ is
 * unchanged — a run that only re-renders the table rebuilds nothing.
 * @module
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCoreset } from '../../src/construct/build.js';
import type { SizedBuildOptions } from '../../src/construct/types.js';
import type { Coreset, Instance } from '../../src/types.js';
import { MEMO_ONLY, NotMemoised, scoreDir } from './score.js';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
let srcHash: string | undefined;

function hashTree(dir: string, h: ReturnType<typeof createHash>): void {
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) hashTree(p, h);
    else h.update(`${p.slice(SRC.length)}\u0000`).update(readFileSync(p));
  }
}

/** buildCoreset(inst, options), or its memoised result for the same src/ tree, instance and options; `seconds` is the build's own time (0 when reused). */
export function memoBuild(inst: Instance, instHash: string, options: SizedBuildOptions): { coreset: Coreset; seconds: number } {
  if (srcHash === undefined) {
    const h = createHash('sha256');
    hashTree(SRC, h);
    srcHash = h.digest('hex');
  }
  const key = createHash('sha256').update(`build-v1|${srcHash}|${instHash}|${JSON.stringify(options)}`).digest('hex');
  const file = join(scoreDir(), `${key}.build.json`);
  if (existsSync(file)) {
    const j = JSON.parse(readFileSync(file, 'utf8')) as { indices: number[]; weights: number[] };
    return { coreset: { indices: Uint32Array.from(j.indices), weights: Float64Array.from(j.weights) }, seconds: 0 };
  }
  if (MEMO_ONLY) throw new NotMemoised('build');
  const r = buildCoreset(inst, options);
  mkdirSync(scoreDir(), { recursive: true });
  writeFileSync(`${file}.${process.pid}`, JSON.stringify({ indices: [...r.coreset.indices], weights: [...r.coreset.weights] }));
  renameSync(`${file}.${process.pid}`, file);
  return { coreset: r.coreset, seconds: r.seconds };
}
