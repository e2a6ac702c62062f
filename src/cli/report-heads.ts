/**
 * `report --heads`: the many-heads options of the report command, read as
 * `attn-coreset heads` reads them, and the heads evaluated for the page.
 * @module
 */
import { InputError } from '../errors.js';
import { listHeads } from '../heads/sources.js';
import { headsData, manifestPlaces, type HeadsData } from '../report/heads-data.js';
import { optionalNumber, stringOption, type ParsedArgs } from './args.js';

/** The option table entries `report` adds for many heads. */
export const REPORT_HEADS_OPTIONS = {
  heads: { type: 'string' },
  fraction: { type: 'string' },
  regularization: { type: 'string' },
} as const;

/** Usage lines of the many-heads options. */
export const REPORT_HEADS_USAGE = `  --heads D       a many-heads run, as attn-coreset heads --dir D takes it (a
                  directory of head subdirectories with k, v, q files and an
                  optional manifest.json, or a .safetensors file): a table and
                  a layer × head heat map of sizes and held-out errors, each
                  head linking to its section (its held-out error CDF against
                  a uniform subset); heads run one after another
  --fraction F    kept rows of each head as a fraction of n (default 0.25)
  --regularization MU  as for heads (default 0.1)`;

/**
 * Checks the many-heads options before anything is read: `--fraction` and
 * `--regularization` apply only with `--heads`.
 *
 * Special cases: either without `--heads` is an {@link InputError}.
 * @lemma lem:query-sample-bound
 */
export function checkReportHeadsOptions(args: ParsedArgs): void {
  if (stringOption(args, 'heads') !== undefined) return;
  for (const o of ['fraction', 'regularization']) if (stringOption(args, o) !== undefined) throw new InputError('usage', `--${o}`, 'applies only with --heads');
}

/**
 * Reads and evaluates the heads of `--heads` at ε with the options of
 * `heads` (`lem:query-sample-bound`); undefined without `--heads`.
 * @lemma lem:query-sample-bound
 */
export function readReportHeads(args: ParsedArgs, eps: number, confidence: number, seed: number, scale: number | undefined): HeadsData | undefined {
  const dir = stringOption(args, 'heads');
  if (dir === undefined) return undefined;
  const fraction = optionalNumber(args, 'fraction', { positive: true, max: 1 }) ?? 0.25;
  const regularization = optionalNumber(args, 'regularization', { nonNegative: true });
  return headsData(listHeads(dir), { fraction, eps, confidence, seed, ...(scale !== undefined ? { scale } : {}), ...(regularization !== undefined ? { regularization } : {}) }, manifestPlaces(dir));
}
