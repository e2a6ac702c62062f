/**
 * Kernel thinning through goodpoints' own code: extracts the `goodpoints`
 * package of a local git clone (`GOODPOINTS_GIT`, a git directory of
 * microsoft/goodpoints) at its HEAD into a temporary directory, compiles its
 * Cython module `ktc` there, and runs bench/peers/kt_thin.py with that
 * directory on PYTHONPATH. Nothing of goodpoints enters this repository.
 * @module
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeNpy } from '../../src/io/npy.js';
import type { Instance } from '../../src/types.js';

const here = dirname(fileURLToPath(import.meta.url));
const PYTHON = '/usr/bin/python3';

/** An extracted, compiled goodpoints snapshot. */
export interface Goodpoints {
  readonly commit: string;
  readonly dir: string;
}

/** The goodpoints snapshot named by GOODPOINTS_GIT, prepared once per commit; undefined when the variable is unset. */
export function goodpoints(): Goodpoints | undefined {
  const git = process.env.GOODPOINTS_GIT;
  if (git === undefined || git === '') return undefined;
  const commit = execFileSync('git', ['--git-dir', git, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  const dir = join(tmpdir(), `attn-coreset-goodpoints-${commit.slice(0, 12)}`);
  const pkg = join(dir, 'goodpoints');
  if (!existsSync(pkg) || !readdirSync(pkg).some((f) => f.startsWith('ktc') && f.endsWith('.so'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const tar = execFileSync('git', ['--git-dir', git, 'archive', '--format=tar', '--prefix=goodpoints/', `${commit}:goodpoints`], { maxBuffer: 1 << 28 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    execFileSync(PYTHON, [join(here, 'build_ktc.py')], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return { commit, dir };
}

/** Parameters of one kernel-thinning call (see kt_thin.py). */
export interface KtCall {
  readonly halvings: number;
  readonly scale: number;
  readonly kernel: 'attn' | 'thinformer' | 'keys';
  readonly seeds: readonly number[];
}

/** One kt.thin run: its row indices (with repetitions, as goodpoints returns them) and its seconds. */
export interface KtRun {
  readonly seed: number;
  readonly indices: number[];
  readonly seconds: number;
}

/** Runs kt.thin on the instance's rows (k_i, v_i) once per seed. */
export function ktThin(gp: Goodpoints, inst: Instance, call: KtCall): KtRun[] {
  const work = join(tmpdir(), `attn-coreset-kt-${process.pid}`);
  mkdirSync(work, { recursive: true });
  try {
    writeFileSync(join(work, 'K.npy'), encodeNpy({ rows: inst.n, cols: inst.d, data: inst.K }));
    writeFileSync(join(work, 'V.npy'), encodeNpy({ rows: inst.n, cols: inst.dv, data: inst.V }));
    const out = execFileSync(
      PYTHON,
      [join(here, 'kt_thin.py'), join(work, 'K.npy'), join(work, 'V.npy'), String(call.halvings), String(call.scale), call.kernel, call.seeds.join(',')],
      { env: { ...process.env, PYTHONPATH: gp.dir }, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    return (JSON.parse(out) as { runs: KtRun[] }).runs;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
