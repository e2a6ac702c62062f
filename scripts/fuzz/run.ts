/**
 * `npm run fuzz [-- --deep | --cases N] [--seed S] [--targets a,b] [--json]
 * [--save DIR] [--record] [--numpy]`: the project's seeded mutation fuzzer for every reader (npy,
 * npz, safetensors, JSON matrix, coreset file, weights file, cache file) and the CLI's
 * numeric options.
 *
 * Each target's cases run in a worker thread, in order. The main thread
 * watches the case index the worker publishes in shared memory: a case
 * still running after HANG_MS is a "hang" (the worker is terminated and a
 * new one continues after it). A case during which the process's peak RSS
 * crosses MEMORY_BYTES (the worker compares it before and after each case),
 * or a long-running case while the sampled RSS is above it, is a "memory"
 * finding (same), and the worker's V8 heap is capped at 1 GB too. Outcomes: value, typed error (InputError), other exception,
 * hang, memory, and an InputError whose message is over MAX_MESSAGE
 * characters (hostile text echoed back). Exit 1 when anything but values
 * and typed errors was seen. `--numpy` also loads every npy / npz mutant we
 * accept with numpy and compares the bits (a disagreement is a finding).
 * `--record` writes the table to
 * bench/RESULTS-fuzz.md; `--save DIR` writes each finding's input there.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { caseInput, targetNamed, type WorkerJob } from './cases.js';
import { numpyOracle, type OracleResult } from './numpy-oracle.js';
import { PROBE_TARGETS, TARGETS } from './targets.js';

/** A case running longer than this is a hang (issue 13's acceptance: "no hang over 2 s"). */
export const HANG_MS = 2000;
/** Resident memory above this while a case runs is a finding (issue 13: "no memory over 1 GB"). */
export const MEMORY_BYTES = 1 << 30;
/** A typed error's message longer than this echoes hostile input. */
export const MAX_MESSAGE = 2000;
const QUICK = 1000;
const DEEP = 10_000;
const POLL_MS = 50;
/** The process's peak resident memory so far (worker threads included). */
const peakRss = (): number => process.resourceUsage().maxRSS * 1024;
/**
 * Sampled RSS counts against a case only once it has run this long: a fast
 * case's memory is seen by the worker's peak check, and right after a big
 * case its garbage may still be resident.
 */
const MEMORY_POLL_AFTER_MS = 500;
// The worker runs TypeScript: register tsx's loader in it, then load it.
const BOOT = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(new URL('./worker.ts', import.meta.url).href)}); })`;

/** One finding: what happened on which case (reproduce with the target, seed and index). */
export interface Finding {
  readonly target: string;
  readonly index: number;
  readonly kind: 'exception' | 'hang' | 'memory' | 'long-message' | 'numpy';
  readonly detail: string;
  /** Bytes of the input, base64, when at most 4 KB. */
  readonly input?: string;
}

/** Outcome counts and findings of one target. */
export interface TargetResult {
  readonly target: string;
  readonly cases: number;
  readonly values: number;
  readonly typedErrors: number;
  readonly findings: Finding[];
  readonly seconds: number;
}

/**
 * Runs `count` cases of one target under the watchdog; `hangMs` overrides
 * the hang bound (for the memory probe on a loaded machine).
 */
export async function fuzzTarget(name: string, seed: number, count: number, options: { hangMs?: number } = {}): Promise<TargetResult> {
  const hangMs = options.hangMs ?? HANG_MS;
  const started = performance.now();
  const target = targetNamed(name);
  const findings: Finding[] = [];
  let values = 0;
  let typedErrors = 0;
  let from = 0;
  const finding = (index: number, kind: Finding['kind'], detail: string): void => {
    const input = caseInput(target, seed, index).input;
    findings.push({ target: name, index, kind, detail, ...(input.length <= 4096 ? { input: Buffer.from(input).toString('base64') } : {}) });
  };
  while (from < count) {
    const shared = new SharedArrayBuffer(16);
    const slots = new Int32Array(shared);
    Atomics.store(slots, 0, -1);
    const job: WorkerJob = { targetName: name, seed, from, count, shared, maxMessage: MAX_MESSAGE, memoryBytes: MEMORY_BYTES };
    const worker = new Worker(BOOT, { eval: true, workerData: job, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    const stop = await new Promise<{ next: number }>((resolve, reject) => {
      let seen = -1;
      let since = performance.now();
      let peakAtStart = peakRss();
      let done = false;
      const finish = (next: number): void => {
        if (done) return;
        done = true;
        clearInterval(timer);
        resolve({ next });
      };
      const timer = setInterval(() => {
        const current = Atomics.load(slots, 0);
        const now = performance.now();
        if (current !== seen) {
          seen = current;
          since = now;
          peakAtStart = peakRss();
        }
        const crossed = peakAtStart <= MEMORY_BYTES && peakRss() > MEMORY_BYTES;
        if (current >= 0 && (crossed || (now - since > MEMORY_POLL_AFTER_MS && process.memoryUsage.rss() > MEMORY_BYTES))) {
          finding(current, 'memory', `resident memory ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MB while running`);
          void worker.terminate();
          finish(current + 1);
        } else if (current >= 0 && now - since > hangMs) {
          finding(current, 'hang', `still running after ${hangMs} ms`);
          void worker.terminate();
          finish(current + 1);
        }
      }, POLL_MS);
      worker.on('message', (msg: { kind: string; i: number; detail: string }) => {
        if (msg.kind === 'finished') finish(count);
        else finding(msg.i, msg.kind as Finding['kind'], msg.detail);
        if (msg.kind === 'memory') finish(msg.i + 1);
      });
      worker.on('error', (e: Error & { code?: string }) => {
        if (Atomics.load(slots, 0) < 0 && e.code !== 'ERR_WORKER_OUT_OF_MEMORY') {
          clearInterval(timer);
          done = true;
          reject(new Error(`the fuzz worker did not start: ${e.message}`));
          return;
        }
        const current = Math.max(from, Atomics.load(slots, 0));
        finding(current, e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'exception', `${e.name}: ${e.message.slice(0, 300)}`);
        finish(current + 1);
      });
      worker.on('exit', () => finish(Math.max(from + 1, Atomics.load(slots, 0) + 1)));
    });
    values += Atomics.load(slots, 2);
    typedErrors += Atomics.load(slots, 3);
    await worker.terminate();
    from = stop.next;
  }
  return { target: name, cases: count, values, typedErrors, findings, seconds: (performance.now() - started) / 1000 };
}

/** The RESULTS-fuzz.md text of a run (written with --record). */
function record(summary: { seed: number; casesPerTarget: number; oracle: OracleResult[]; machine: string; results: TargetResult[] }, argv: readonly string[]): string {
  const rows = summary.results.map((r) => `| ${r.target} | ${r.cases} | ${r.values} | ${r.typedErrors} | ${r.findings.filter((f) => f.kind === 'exception').length} | ${r.findings.filter((f) => f.kind === 'hang').length} | ${r.findings.filter((f) => f.kind === 'memory').length} | ${r.findings.filter((f) => f.kind === 'long-message').length} | ${r.seconds.toFixed(1)} |`);
  const findings = summary.results.flatMap((r) => r.findings).map((f) => `- ${f.target} case ${f.index}: ${f.kind}: ${f.detail}`);
  return [
    '# Fuzzing results',
    '',
    `Written by \`npm run fuzz -- ${argv.join(' ')}\` (scripts/fuzz/run.ts) on ${new Date().toISOString()}.`,
    '',
    `Machine: ${summary.machine} (shared with other jobs while it ran: the seconds are wall-clock and noisy; the counts are deterministic for the seed).`,
    '',
    `Seed ${summary.seed}, ${summary.casesPerTarget} mutants per target; a case over ${HANG_MS} ms is a hang, resident memory over ${MEMORY_BYTES / 2 ** 30} GiB while a case runs is a memory finding, an InputError message over ${MAX_MESSAGE} characters is a long-message finding.`,
    '',
    '| target | cases | values | typed errors | other exceptions | hangs | memory | long messages | seconds |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...summary.oracle.map((o) => `numpy oracle (${o.target}): ${o.compared} mutants we read were loaded with np.load (allow_pickle=False); ${o.disagreements.length} disagree in shape or bits.\n`),
    findings.length === 0 ? 'No findings.' : `Findings:\n${findings.join('\n')}`,
    '',
  ].join('\n');
}

function argValue(argv: readonly string[], name: string): string | undefined {
  const k = argv.indexOf(name);
  return k >= 0 ? argv[k + 1] : undefined;
}

async function main(argv: readonly string[]): Promise<number> {
  const deep = argv.includes('--deep');
  const count = Number(argValue(argv, '--cases') ?? (deep ? DEEP : QUICK));
  const seed = Number(argValue(argv, '--seed') ?? 1);
  const names = argValue(argv, '--targets')?.split(',') ?? TARGETS.map((t) => t.name);
  if (!Number.isSafeInteger(count) || count < 1 || !Number.isSafeInteger(seed)) throw new Error('--cases and --seed take integers');
  const results: TargetResult[] = [];
  for (const name of names) {
    const r = await fuzzTarget(name, seed, count);
    results.push(r);
    if (!argv.includes('--json')) {
      const other = r.cases - r.values - r.typedErrors;
      process.stderr.write(`${name.padEnd(15)} ${r.cases} cases: ${r.values} values, ${r.typedErrors} typed errors, ${other} other; ${r.findings.length} findings; ${r.seconds.toFixed(1)} s\n`);
      for (const f of r.findings.slice(0, 5)) process.stderr.write(`  ${f.kind} at case ${f.index}: ${f.detail}\n`);
    }
  }
  const oracle = argv.includes('--numpy') ? names.filter((n) => targetNamed(n).numpyMember !== undefined).map((n) => numpyOracle(n, seed, count)) : [];
  for (const o of oracle) {
    if (!argv.includes('--json')) process.stderr.write(`numpy oracle ${o.target}: ${o.compared} values compared with np.load, ${o.disagreements.length} disagreements\n`);
    for (const d of o.disagreements) results.find((r) => r.target === o.target)?.findings.push({ target: o.target, index: Number(/case (\d+)/.exec(d)?.[1] ?? -1), kind: 'numpy', detail: d });
  }
  const findings = results.flatMap((r) => r.findings);
  const save = argValue(argv, '--save');
  if (save !== undefined && findings.length > 0) {
    mkdirSync(save, { recursive: true });
    findings.forEach((f) => f.input !== undefined && writeFileSync(join(save, `${f.target}-${seed}-${f.index}.bin`), Buffer.from(f.input, 'base64')));
  }
  const summary = { seed, casesPerTarget: count, oracle, machine: `${cpus()[0]?.model ?? 'unknown'} ×${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, node ${process.version}`, hangMs: HANG_MS, memoryBytes: MEMORY_BYTES, results };
  if (argv.includes('--record')) writeFileSync(new URL('../../bench/RESULTS-fuzz.md', import.meta.url), record(summary, argv));
  if (argv.includes('--json')) process.stdout.write(`${JSON.stringify(summary, null, 1)}\n`);
  else process.stderr.write(`${findings.length === 0 ? 'no findings' : `${findings.length} findings`} (seed ${seed})\n`);
  return findings.length === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`fuzz: ${(e as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}

export { PROBE_TARGETS };
