/**
 * Runs every `bench/*.bench.ts` in one process and writes bench/RESULTS.md
 * with the machine description (`npm run bench`). `BENCH_FILTER=word` runs
 * only the files whose name contains it and replaces their sections in an
 * existing RESULTS.md.
 * @module
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { machine, type Bench } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.env.BENCH_FILTER ?? '';
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();
const started = new Date();
const sections: string[] = [];
for (const f of files) {
  process.stderr.write(`bench: ${f}\n`);
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { default?: Bench };
  if (typeof mod.default !== 'function') {
    sections.push(`## ${f}\n\n(no default-exported Bench function; skipped)\n`);
    continue;
  }
  const t0 = performance.now();
  try {
    const res = await mod.default();
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    sections.push(`## ${res.title}\n\n_${f}, ${secs} s in total_\n\n${res.lines.join('\n')}\n`);
  } catch (e) {
    sections.push(`## ${f}\n\nFAILED: ${(e as Error).stack ?? String(e)}\n`);
  }
}
const out = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench\` (bench/run.ts) on ${started.toISOString()}.`,
  '',
  `Machine: ${machine()}.`,
  '',
  'All benchmarks ran in one process, one after another; ratios compare runs on the same machine in the same run.',
  '',
  ...sections,
].join('\n');
const target = join(here, 'RESULTS.md');
// With a filter, replace only the re-run files' sections of an existing
// RESULTS.md (each section names its file in its first line), keeping the rest.
if (filter && existsSync(target)) {
  const old = readFileSync(target, 'utf8');
  const parts = old.split(/\n(?=## )/);
  const fresh = new Map(sections.map((sec, i) => [files[i], sec]));
  const kept = parts.map((p) => {
    const f = files.find((name) => p.includes(`_${name},`));
    return f !== undefined ? (fresh.get(f) ?? p).trimEnd() : p.trimEnd();
  });
  for (const f of files) if (!parts.some((p) => p.includes(`_${f},`))) kept.push((fresh.get(f) ?? '').trimEnd());
  kept.push(`\n_Sections for ${files.join(', ')} re-run on ${started.toISOString()} (BENCH_FILTER=${filter}); machine: ${machine()}._\n`);
  writeFileSync(target, kept.join('\n\n'));
} else {
  writeFileSync(target, out);
}
process.stdout.write(out);
process.stderr.write(`bench: wrote ${target}\n`);
