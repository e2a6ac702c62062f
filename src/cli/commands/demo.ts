/**
 * `attn-coreset demo` (what `npm start` runs): build and verify on the
 * embedded example instance and print a short report.
 * @module
 */
import { uniformCoreset } from '../../construct/baselines.js';
import { buildForEps } from '../../construct/targeted.js';
import { verify } from '../../verify/verify.js';
import { EXAMPLE_SHAPE, EXAMPLE_TARGET, exampleInstance } from '../../examples/clustered-example.js';
import { flagOption, parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { writeJson } from '../json-output.js';

const usage = `attn-coreset demo [--json]

Builds an ε-coreset of the embedded example instance (n = ${EXAMPLE_SHAPE.n},
d = ${EXAMPLE_SHAPE.d}, clustered keys, seed ${EXAMPLE_SHAPE.seed}) at ρ = ${EXAMPLE_TARGET.rho},
ε = ${EXAMPLE_TARGET.eps}: the smallest size the verifier does not refute, then
verifies it, and prints size, size/(√d·e^ρ/ε), verdict, lower/upper and time;
then verifies a uniform random subset of the same size (weights n/m) on the
same instance, for comparison.

  --json   print the report as JSON on stdout`;

const options = { json: { type: 'boolean' } } as const;

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, options);
  const inst = exampleInstance();
  const { rho, eps } = EXAMPLE_TARGET;
  const r = buildForEps(inst, { rho, eps, seed: 0 });
  const v = r.verification;
  // The comparison a user asks first: what does the cheapest rule give at this size?
  const uniform = verify(inst, uniformCoreset(inst, r.size, 0), { rho, eps, seed: 0 });
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
  };
  if (flagOption(args, 'json')) writeJson(io, report);
  else {
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
  }
  return v.verdict === 'fail' ? EXIT_FAILED : EXIT_OK;
}

/**
 * The `demo` command (`def:eps-coreset`): ε-targeted build and verification
 * of the embedded example, with a short report.
 * @lemma def:eps-coreset
 * @lemma emp:size-constant
 */
export const demoCommand: Command = { name: 'demo', summary: 'build and verify an ε-coreset of the embedded example (npm start)', usage, run };
