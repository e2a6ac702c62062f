/**
 * `attn-coreset demo` (what `npm start` runs): build and verify on the
 * embedded example instance and print a short report.
 * @module
 */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { uniformCoreset } from '../../construct/baselines.js';
import { writeBytes } from '../../io/write-file.js';
import { demoReportData } from '../../report/demo.js';
import { reportHtml } from '../../report/html.js';
import { buildForEps } from '../../construct/targeted.js';
import { verify } from '../../verify/verify.js';
import { EXAMPLE_SHAPE, EXAMPLE_TARGET, exampleInstance } from '../../examples/clustered-example.js';
import { flagOption, parseCommandArgs, stringOption } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { InputError } from '../../errors.js';
import { writeJson } from '../json-output.js';

/** Where the demo writes its report unless told otherwise: the system's temporary directory, never the working tree. */
export const DEMO_REPORT_DEFAULT = join(tmpdir(), 'attn-coreset-demo-report.html');

const usage = `attn-coreset demo [--json] [--report R.html | --no-report]

Builds an ε-coreset of the embedded example instance (n = ${EXAMPLE_SHAPE.n},
d = ${EXAMPLE_SHAPE.d}, clustered keys, seed ${EXAMPLE_SHAPE.seed}) at ρ = ${EXAMPLE_TARGET.rho},
ε = ${EXAMPLE_TARGET.eps}: the smallest size the verifier does not refute, then
verifies it, and prints size, size/(√d·e^ρ/ε), verdict, lower/upper and time;
then verifies a uniform random subset of the same size (weights n/m) on the
same instance, for comparison; then writes the HTML report of the coreset
(as attn-coreset report draws it: verdict, error along the witness ray and
against ρ, size against error for the builder and the baselines).

  --json         print the numbers as JSON on stdout
  --report R     where to write the report (default ${DEMO_REPORT_DEFAULT});
                 replaced atomically
  --no-report    do not write it`;

const options = { json: { type: 'boolean' }, report: { type: 'string' }, 'no-report': { type: 'boolean' } } as const;

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, options);
  const noReport = flagOption(args, 'no-report');
  const given = stringOption(args, 'report');
  if (noReport && given !== undefined) throw new InputError('usage', '--no-report', 'contradicts --report');
  const reportPath = noReport ? undefined : resolve(given ?? DEMO_REPORT_DEFAULT);
  const inst = exampleInstance();
  const { rho, eps } = EXAMPLE_TARGET;
  const r = buildForEps(inst, { rho, eps, seed: 0 });
  const v = r.verification;
  // The comparison a user asks first: what does the cheapest rule give at this size?
  const uniform = verify(inst, uniformCoreset(inst, r.size, 0), { rho, eps, seed: 0 });
  const writeReport = (): void => {
    if (reportPath !== undefined) writeBytes(reportPath, reportHtml({ single: demoReportData(inst, r) }, 'attn-coreset demo report: the embedded clustered example'), '--report');
  };
  const report = {
    instance: { family: 'clustered', ...EXAMPLE_SHAPE },
    rho,
    eps,
    method: r.method,
    size: r.size,
    boundRatio: r.boundRatio,
    verdict: v.verdict,
    lower: v.lower,
    upper: v.upper,
    searched: r.trials.map((t) => t.size),
    seconds: r.seconds,
    uniform: { size: r.size, verdict: uniform.verdict, lower: uniform.lower, upper: uniform.upper },
    report: reportPath ?? null,
  };
  if (flagOption(args, 'json')) {
    writeReport();
    writeJson(io, report);
  } else {
    const f = (x: number): string => (Number.isFinite(x) ? x.toPrecision(3) : String(x));
    io.out(
      [
        `attn-coreset demo — embedded clustered example (n = ${inst.n}, d = ${inst.d}, dv = ${inst.dv})`,
        `  target          ρ = ${rho}, ε = ${eps}`,
        `  coreset         ${r.size} of ${inst.n} rows (${r.method}, weighted; searched sizes ${report.searched.join(', ')})`,
        `  size/(√d·e^ρ/ε) ${f(r.boundRatio)}`,
        `  verdict         ${v.verdict}: lower ${f(v.lower)} (falsifier; proved by ${v.witnessProof === 'float-bound' ? 'binary64 minus its lem:float-error bound' : v.witnessProof === 'fixed-point' ? 'exact logits to 40 digits' : 'the 40-digit reference'}), upper ${f(v.upper)} (${v.upperMethod ?? 'certificate'})`,
        `  time            ${r.seconds.toFixed(1)} s`,
        `  uniform subset  ${r.size} rows, weights n/m: ${uniform.verdict}, lower ${f(uniform.lower)} (${f(uniform.lower / Math.max(v.lower, Number.MIN_VALUE))}× the coreset's)`,
        '',
      ].join('\n'),
    );
    // The numbers first, then the report (≈ 2 s more of falsifier runs for its plots).
    writeReport();
    io.out(reportPath !== undefined ? `  report          ${reportPath}\n                  (open it in a browser; the same file again: attn-coreset demo --report ${reportPath})\n` : '  report          not written (--no-report)\n');
  }
  return v.verdict === 'fail' ? EXIT_FAILED : EXIT_OK;
}

/**
 * The `demo` command (`def:eps-coreset`): ε-targeted build and verification
 * of the embedded example, with a short report, and the HTML report of the
 * coreset written to a temporary file (or `--report`).
 * @lemma def:eps-coreset
 * @lemma emp:size-constant
 */
export const demoCommand: Command = { name: 'demo', summary: 'build and verify an ε-coreset of the embedded example (npm start)', usage, run };
