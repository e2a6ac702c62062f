/**
 * Re-runs the builder's side of the peer grid in one command: two parallel
 * workers (PEERS_WORKER=0/2, 1/2) build and score our coresets and uniform
 * sampling's into the shared memo (PEERS_SCORE_DIR), then
 * `BENCH_FILTER=peers PEERS_MEMO_ONLY=1 bench/run.ts` assembles the section
 * of bench/RESULTS.md from the memo and the committed kernel-thinning cache
 * (kt-cache.json: no Python, no goodpoints). Prints the wall-clock time.
 *
 * Usage: `npx tsx bench/peers/rerun.ts` (PEERS_RERUN_WORKERS=k for k workers;
 * other PEERS_* knobs pass through to the workers).
 * @module
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const workers = Number(process.env.PEERS_RERUN_WORKERS ?? 2);
const tsx = join(root, 'node_modules', '.bin', 'tsx');

const runOne = (args: string[], env: Record<string, string>): Promise<number> =>
  new Promise((resolve) => {
    const env0 = { ...process.env, ...env };
    delete env0.GOODPOINTS_GIT; // kernel thinning comes from the cache only
    const p = spawn(tsx, args, { cwd: root, env: env0, stdio: ['ignore', 'ignore', 'inherit'] });
    p.on('close', (code) => resolve(code ?? 3));
  });

const t0 = performance.now();
const codes = await Promise.all(Array.from({ length: workers }, (_, i) => runOne(['bench/peers.bench.ts'], { PEERS_WORKER: `${i}/${workers}`, PEERS_KT: 'cache' })));
const t1 = performance.now();
if (codes.some((c) => c !== 0)) {
  process.stderr.write(`a worker failed (exit codes ${codes.join(', ')})\n`);
  process.exit(1);
}
const code = await runOne(['bench/run.ts'], { BENCH_FILTER: 'peers', PEERS_MEMO_ONLY: '1', PEERS_KT: 'cache' });
const t2 = performance.now();
process.stderr.write(`peer grid rerun: workers ${((t1 - t0) / 1000).toFixed(0)} s, assembly ${((t2 - t1) / 1000).toFixed(0)} s, total ${((t2 - t0) / 1000).toFixed(0)} s (${workers} workers)\n`);
process.exit(code);
