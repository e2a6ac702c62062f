/**
 * `attn-coreset heads`: query-aware build and held-out statistics over many
 * heads at once, spread over worker threads.
 * @module
 */
import { InputError } from '../../errors.js';
import { runHeads } from '../../heads/pool.js';
import type { HeadReport } from '../../heads/evaluate.js';
import { listHeads } from '../../heads/sources.js';
import { flagOption, optionalNumber, parseCommandArgs, requiredNumber, requiredString } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_OK } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { queryStatsJson } from '../query-stats-json.js';

const EXIT_BAD_HEAD = 2;

const usage = `attn-coreset heads --dir D --eps E [--fraction F] [--confidence C]
                   [--scale S] [--regularization MU] [--seed S] [--threads T] [--json]

Runs every head under D: the subdirectories of a directory, each with k, v and
q files (.npy, .safetensors or .json; a manifest.json with heads[].logitScale
gives each head its scale), or a .safetensors file with tensors '<head>.k',
'<head>.v', '<head>.q'. For each head: a seeded random half of its queries
fits a query-aware weighted subset of F·n rows, the other half is held out.
Writes one JSON line per head (queryStats on the held-out half at ε, and a
uniform random subset's held-out max and mean), then a summary table
(--json: the lines only). A head that fails to read is reported as
{"ok": false, "error"} and the others still run.

  --dir D          directory or .safetensors file of heads
  --eps E          ε of the held-out statistics
  --fraction F     kept rows as a fraction of n, in (0, 1] (default 0.25)
  --confidence C   of exceedUpper (default 0.95)
  --scale S        logit scale of heads without their own (default 1)
  --regularization MU  ball regularizer weight (default 0.1)
  --seed S         seed of the splits and constructions (default 0)
  --threads T      worker threads (default: available cores)

Exit codes: 0 every head ran, 2 some head could not be read (the others ran),
or bad usage.`;

const options = {
  dir: { type: 'string' },
  eps: { type: 'string' },
  fraction: { type: 'string' },
  confidence: { type: 'string' },
  scale: { type: 'string' },
  regularization: { type: 'string' },
  seed: { type: 'string' },
  threads: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const fmt = (x: number): string => x.toPrecision(4);

function summaryRow(r: HeadReport): string {
  if (!r.ok) return `| ${r.head} | — | — | — | — | error: ${r.error.replace(/\|/g, '\\|')} |`;
  const s = r.heldOut;
  return `| ${r.head} | ${r.n} | ${r.size} | ${fmt(s.max)} / ${fmt(s.mean)} | ${fmt(r.uniform.max)} / ${fmt(r.uniform.mean)} | ${s.exceeding} of ${s.n} > ε, P(err > ε) ≤ ${fmt(s.exceedUpper)} |`;
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, options);
  const dir = requiredString(args, 'dir');
  const eps = requiredNumber(args, 'eps', { positive: true });
  const fraction = optionalNumber(args, 'fraction', { positive: true, max: 1 }) ?? 0.25;
  const confidence = optionalNumber(args, 'confidence', { positive: true, max: 1 }) ?? 0.95;
  if (confidence >= 1) throw new InputError('usage', '--confidence', `must be in (0, 1), got ${confidence}`);
  const scale = optionalNumber(args, 'scale');
  const regularization = optionalNumber(args, 'regularization', { nonNegative: true });
  const seed = optionalNumber(args, 'seed', { integer: true }) ?? 0;
  const threads = optionalNumber(args, 'threads', { integer: true, min: 1, max: 256 });
  const json = flagOption(args, 'json');
  const sources = listHeads(dir);
  const reports: HeadReport[] = [];
  const info = await runHeads(
    sources,
    { fraction, eps, confidence, seed, ...(scale !== undefined ? { scale } : {}), ...(regularization !== undefined ? { regularization } : {}) },
    threads ?? sources.length,
    (r) => {
      reports.push(r);
      io.out(`${JSON.stringify(r.ok ? { ...r, heldOut: queryStatsJson(r.heldOut) } : r)}\n`);
    },
  );
  if (!json) {
    io.out(
      [
        '',
        `${reports.length} heads, ${info.threads} thread(s)${info.fallback !== undefined ? ` (workers unavailable: ${info.fallback})` : ''}; held-out half of each head's queries, ε = ${eps}`,
        '| head | n | size | held-out max / mean | uniform max / mean | held-out bound |',
        '|---|---|---|---|---|---|',
        ...reports.map(summaryRow),
        '',
      ].join('\n'),
    );
  }
  return reports.every((r) => r.ok) ? EXIT_OK : EXIT_BAD_HEAD;
}

/**
 * The `heads` command (`lem:query-sample-bound`): query-aware build and
 * held-out statistics for every head of a directory or safetensors file,
 * one JSON line per head and a summary table; a head that cannot be read is
 * reported and the others still run.
 * @lemma lem:query-sample-bound
 * @lemma def:query-distribution
 */
export const headsCommand: Command = { name: 'heads', summary: 'query-aware build + held-out statistics over many heads (worker threads)', usage, run };
