/**
 * `attn-coreset report`: the verdict and the errors behind it as pictures,
 * one self-contained HTML file (inline SVG; opens offline).
 * @module
 */
import { refuseOutputsThatAreInputs } from '../../io/output-path.js';
import { writeBytes } from '../../io/write-file.js';
import { reportData } from '../../report/data.js';
import { reportHtml } from '../../report/html.js';
import { parseCommandArgs, requiredString, stringOption } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_OK } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { CACHE_USAGE } from '../cache-option.js';
import { parseVerifyOptions, readVerifyInputs, VERIFY_INPUT_OPTIONS } from '../verify-inputs.js';
import { note } from '../progress.js';

const usage = `attn-coreset report --keys K --values V (--coreset C.json | --cache C | --cache-keys K′ --cache-values V′ [--cache-weights W′])
                    --rho R --eps E --out R.html [--queries Q [--scope queries|ball] [--confidence C]]
                    [--scale S] [--budget N] [--seed S] [--title T]

Writes one self-contained HTML file (inline SVG, no scripts, no network)
from the inputs of verify:
  1. the verdict sandwich lower ≤ E(w) ≤ upper against ε, and the error
     along the witness ray t·q*/‖q*‖ for t ∈ [0, ρ]
  2. the largest error the falsifier finds (small budget: a lower bound)
     for radii up to 1.25ρ
  3. with --queries: the empirical CDF of the per-query errors, with ε and
     the held-out bound 1 − exceedUpper marked
  4. size against error for the builder (halving) and a uniform subset at a
     few sizes, with √d·e^(sρ)/ε drawn where it falls in range

  --keys K, --values V, --coreset C, --rho R, --eps E, --queries Q, --scope,
  --confidence C, --scale S, --budget N, --seed S   as for verify
${CACHE_USAGE}
  --out R.html    the report; an existing file is replaced, atomically (a
                  failed write leaves it as it was); it may not be an input
  --title T       page title (default "attn-coreset report")

The same inputs and seed give the same file. Exit codes: 0 written (whatever
the verdict), 2 bad usage or input, 3 internal error.`;

const options = {
  ...VERIFY_INPUT_OPTIONS,
  out: { type: 'string' },
  title: { type: 'string' },
} as const;

const INPUT_OPTIONS = ['keys', 'values', 'coreset', 'queries', 'cache', 'cache-keys', 'cache-values', 'cache-weights'] as const;

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, options);
  const o = parseVerifyOptions(args);
  const out = requiredString(args, 'out');
  const title = stringOption(args, 'title') ?? 'attn-coreset report';
  refuseOutputsThatAreInputs(
    [{ what: '--out', path: out }],
    INPUT_OPTIONS.flatMap((name) => {
      const p = stringOption(args, name);
      return p === undefined ? [] : [{ what: `--${name}`, path: p }];
    }),
  );
  const { inst, cache, compressed, size, queries } = readVerifyInputs(args, o);
  const { rho, eps, scale, budget, seed, confidence, scope } = o;
  note(io, `report: n = ${inst.n}, d = ${inst.d}, ${cache ? 'cache' : 'coreset'} of ${size}, ρ = ${rho}, ε = ${eps}…`);
  const data = reportData({
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
  writeBytes(out, reportHtml(data, title), '--out');
  io.out(`report: ${data.verdict.verdict}, ${data.verdict.lower.toPrecision(6)} ≤ E(w) ≤ ${Number.isFinite(data.verdict.upper) ? data.verdict.upper.toPrecision(6) : '∞'}; written to ${out}\n`);
  return EXIT_OK;
}

/**
 * The `report` command (`def:eps-coreset`): reads the inputs of `verify`,
 * computes the verdict, the witness ray, the error against ρ, the per-query
 * errors and the size–error curves, and writes them as one offline HTML
 * file; exit 0 written, 2 bad input, 3 internal error.
 * @lemma def:eps-coreset
 * @lemma def:coreset-error
 * @lemma lem:query-sample-bound
 */
export const reportCommand: Command = { name: 'report', summary: 'the verdict and its errors as an offline HTML report with plots', usage, run };
