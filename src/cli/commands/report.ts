/**
 * `attn-coreset report`: the verdict and the errors behind it as pictures,
 * one self-contained HTML file (inline SVG; opens offline).
 * @module
 */
import { InputError } from '../../errors.js';
import { refuseOutputsThatAreInputs } from '../../io/output-path.js';
import { writeBytes } from '../../io/write-file.js';
import { reportData, type ReportData } from '../../report/data.js';
import { reportHtml } from '../../report/html.js';
import { optionalNumber, parseCommandArgs, requiredNumber, requiredString, stringOption } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_OK } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { CACHE_USAGE } from '../cache-option.js';
import { parseVerifyOptions, readVerifyInputs, VERIFY_INPUT_OPTIONS } from '../verify-inputs.js';
import { note } from '../progress.js';
import { checkReportHeadsOptions, readReportHeads, REPORT_HEADS_OPTIONS, REPORT_HEADS_USAGE } from '../report-heads.js';

const usage = `attn-coreset report --keys K --values V (--coreset C.json | --cache C | --cache-keys K′ --cache-values V′ [--cache-weights W′])
                    --rho R --eps E --out R.html [--queries Q [--scope queries|ball] [--confidence C]]
                    [--scale S] [--budget N] [--seed S] [--title T] [--heads D [--fraction F]]
attn-coreset report --heads D --eps E --out R.html [--fraction F] [--confidence C] [--scale S] [--seed S]

Writes one self-contained HTML file (inline SVG, no scripts, no network).
From the inputs of verify:
  1. the verdict sandwich lower ≤ E(w) ≤ upper against ε, and the error
     along the witness ray t·q*/‖q*‖ for t ∈ [0, ρ]
  2. the largest error the falsifier finds (small budget: a lower bound)
     for radii up to 1.25ρ
  3. with --queries: the empirical CDF of the per-query errors, with ε and
     the held-out bound 1 − exceedUpper marked
  4. size against error, memory in float rows, for the builder (halving
     prefixes) and the baselines: uniform, sensitivity, merged cache, halving
     with refitted values, 2/4/8-bit quantized caches (by their bytes), at
     sizes from m/4 to 4m around the input's m, with ε and √d·e^(sρ)/ε
From --heads (with or without the inputs above):
  5. a table and a layer × head heat map of sizes and held-out errors, and
     one section per head with its held-out per-query error CDF

  --keys K, --values V, --coreset C, --rho R, --eps E, --queries Q, --scope,
  --confidence C, --scale S, --budget N, --seed S   as for verify
${CACHE_USAGE}
${REPORT_HEADS_USAGE}
  --out R.html    the report; an existing file is replaced, atomically (a
                  failed write leaves it as it was); it may not be an input
  --title T       page title (default "attn-coreset report")

The same inputs and seed give the same file. Exit codes: 0 written (whatever
the verdict), 2 bad usage or input, 3 internal error.`;

const options = {
  ...VERIFY_INPUT_OPTIONS,
  ...REPORT_HEADS_OPTIONS,
  out: { type: 'string' },
  title: { type: 'string' },
} as const;

const INPUT_OPTIONS = ['keys', 'values', 'coreset', 'queries', 'cache', 'cache-keys', 'cache-values', 'cache-weights', 'heads'] as const;
/** Options that only the verify inputs use. */
const SINGLE_ONLY = ['values', 'coreset', 'rho', 'queries', 'scope', 'budget', 'cache', 'cache-keys', 'cache-values', 'cache-weights'] as const;

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, options);
  checkReportHeadsOptions(args);
  const headsOnly = stringOption(args, 'heads') !== undefined && stringOption(args, 'keys') === undefined;
  if (headsOnly) for (const o of SINGLE_ONLY) if (stringOption(args, o) !== undefined) throw new InputError('usage', `--${o}`, 'belongs to the verify inputs, which need --keys (with --heads alone, give --eps and the heads options)');
  const out = requiredString(args, 'out');
  const title = stringOption(args, 'title') ?? 'attn-coreset report';
  refuseOutputsThatAreInputs(
    [{ what: '--out', path: out }],
    INPUT_OPTIONS.flatMap((name) => {
      const p = stringOption(args, name);
      return p === undefined ? [] : [{ what: `--${name}`, path: p }];
    }),
  );
  let single: ReportData | undefined;
  let eps: number;
  let confidence: number;
  let seed: number;
  let scale: number | undefined;
  if (headsOnly) {
    eps = requiredNumber(args, 'eps', { positive: true });
    confidence = optionalNumber(args, 'confidence', { positive: true, max: 1 }) ?? 0.95;
    if (confidence >= 1) throw new InputError('usage', '--confidence', `must be in (0, 1), got ${confidence}`);
    seed = optionalNumber(args, 'seed', { integer: true }) ?? 0;
    scale = optionalNumber(args, 'scale');
  } else {
    const o = parseVerifyOptions(args);
    ({ eps, confidence, seed, scale } = o);
    const { inst, cache, compressed, size, queries } = readVerifyInputs(args, o);
    const { rho, budget, scope } = o;
    note(io, `report: n = ${inst.n}, d = ${inst.d}, ${cache ? 'cache' : 'coreset'} of ${size}, ρ = ${rho}, ε = ${eps}…`);
    single = reportData({
      inst,
      compressed,
      size,
      rho,
      eps,
      seed,
      scope,
      confidence,
      ...(scale !== undefined ? { scale } : {}),
      ...(budget !== undefined ? { budget } : {}),
      ...(queries !== undefined ? { queries } : {}),
    });
  }
  const heads = readReportHeads(args, eps, confidence, seed, scale);
  if (heads) note(io, `report: ${heads.heads.length} heads evaluated`);
  writeBytes(out, reportHtml({ ...(single ? { single } : {}), ...(heads ? { heads } : {}) }, title), '--out');
  const v = single?.verdict;
  const what = [
    ...(v ? [`${v.verdict}, ${v.lower.toPrecision(6)} ≤ E(w) ≤ ${Number.isFinite(v.upper) ? v.upper.toPrecision(6) : '∞'}`] : []),
    ...(heads ? [`${heads.heads.length} heads (${heads.heads.filter((e) => !e.report.ok).length} not read)`] : []),
  ];
  io.out(`report: ${what.join('; ')}; written to ${out}\n`);
  return EXIT_OK;
}

/**
 * The `report` command (`def:eps-coreset`): reads the inputs of `verify`
 * and/or a many-heads run, computes the verdict, the witness ray, the error
 * against ρ, the per-query errors, the size–error curves of the builder and
 * the baselines, and the per-head held-out errors, and writes them as one
 * offline HTML file; exit 0 written, 2 bad input, 3 internal error.
 * @lemma def:eps-coreset
 * @lemma def:coreset-error
 * @lemma lem:query-sample-bound
 */
export const reportCommand: Command = { name: 'report', summary: 'the verdict and its errors as an offline HTML report with plots', usage, run };
