/**
 * `attn-coreset vectors check <dir>`: validate conformance vectors and, with
 * `--impl`, run them against an implementation.
 * @module
 */
import { InputError } from '../../errors.js';
import { MAX_BUDGET } from '../../verify/defaults.js';
import { writeBytes } from '../../io/files.js';
import { refuseOutputsThatAreInputs } from '../../io/output-path.js';
import { exitCodeOf, formatHuman, formatReport, parseReporter } from '../../conform/reporters/index.js';
import { runVectors } from '../../conform/vectors/check-impl.js';
import { readVectorSets, type AnyLoadedVector } from '../../conform/vectors/read-set.js';
import { selfCheckReport } from '../../conform/vectors/self-report.js';
import { verify } from '../../verify/index.js';
import { bundledVectorDirs } from '../../conform/bundled.js';
import { flagOption, optionalNumber, parseCommandArgs, stringOption } from '../args.js';
import type { Command } from '../command.js';
import type { CliIo } from '../io.js';

const usage = `attn-coreset vectors check [<dir>] [--impl "<command>"] [--timeout MS] [--budget N]
                       [--seed S] [--reporter human|json|tap|junit] [--json] [--out FILE]

Reads every *.json file of <dir> (default: every vector set bundled with
this package, conformance/vectors/v1 and v2), one version per directory:
version 1 (weighted sets) or 2 (compressed caches with expected outcomes);
header {version, generator, count}, stable case ids, the anchor each case
exercises, inputs as exact hex floats. Validates each file against its
schema (conformance/schema/vectors-v1.json, vectors-v2.json) and then:

  without --impl   re-derives every expected outcome with the decimal.js
                   reference (exact weighted sets have error 0, stated
                   witnesses reach their error bound, attention values are
                   correctly rounded) and, for a v2 cache, checks the
                   verifier's verdict: fail for an expected fail, certified
                   for a certified pass, never fail for an exact regrouping;
  with --impl CMD  asks the implementation (protocol 1, as for conform) to
                   compress each vector's input at its (ρ, ε) and checks the
                   answer: valid weighted set, the vector's necessary
                   condition (orthonormal floor, uniform-weights bound on
                   T_ρ) with an exact witness, then the verifier (a v2
                   vector's input is asked for like any other).

  --timeout MS   per-request timeout (default 10000)
  --budget N     verifier budget per answer
  --seed S       verifier seed (default 1)
  --reporter R   human (default), json, tap or junit; --json = --reporter json
  --out FILE     write the report to FILE (the human summary goes to stdout);
                 an existing FILE is replaced, atomically

Exit codes: 0 every vector passed, 1 a vector failed, 2 bad usage or a
malformed vector file, 3 internal error.`;

const options = {
  impl: { type: 'string' },
  timeout: { type: 'string' },
  budget: { type: 'string' },
  seed: { type: 'string' },
  reporter: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
} as const;

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, options, { positionals: true });
  const [sub, given, ...extra] = args.positionals;
  if (sub !== 'check') throw new InputError('usage', 'arguments', sub === undefined ? 'missing subcommand: vectors check <dir>' : `unknown subcommand '${sub}' (expected 'check')`);
  const dirs = given !== undefined ? [given] : bundledVectorDirs();
  if (dirs.length === 0) throw new InputError('usage', 'arguments', 'missing the vector directory (this installation bundles none): vectors check <dir>');
  if (extra.length > 0) throw new InputError('usage', 'arguments', `unexpected argument '${extra[0]}'`);
  const reporterText = stringOption(args, 'reporter');
  if (reporterText !== undefined && flagOption(args, 'json') && reporterText !== 'json') throw new InputError('usage', '--json', `contradicts --reporter ${reporterText}`);
  const reporter = parseReporter(reporterText ?? (flagOption(args, 'json') ? 'json' : 'human'));
  const command = stringOption(args, 'impl');
  const timeoutMs = optionalNumber(args, 'timeout', { positive: true, max: 86_400_000 });
  const budget = optionalNumber(args, 'budget', { integer: true, min: 1, max: MAX_BUDGET });
  const seed = optionalNumber(args, 'seed', { integer: true });
  const out = stringOption(args, 'out');
  if (out !== undefined) refuseOutputsThatAreInputs([{ what: '--out', path: out }], []);

  const vectors = readVectorSets(dirs).flatMap((set): AnyLoadedVector[] => set.vectors);
  const report =
    command === undefined
      ? selfCheckReport(vectors, dirs.join(', '))
      : await runVectors(vectors, {
          command,
          verify,
          ...(timeoutMs !== undefined ? { timeoutMs } : {}),
          ...(budget !== undefined ? { budget } : {}),
          ...(seed !== undefined ? { seed } : {}),
        });
  const text = formatReport(report, reporter);
  if (out === undefined) io.out(text);
  else {
    writeBytes(out, text, '--out');
    io.out(reporter === 'human' ? `report written to ${out}\n` : formatHuman(report));
  }
  if (report.internalError !== undefined) io.err(`attn-coreset vectors: internal error: ${report.internalError}\n`);
  return exitCodeOf(report);
}

/**
 * The `vectors` command: checks conformance vector files, alone or against
 * an implementation.
 * @lemma prop:uniform-weights-fail
 * @lemma prop:orthonormal-floor
 * @lemma def:compressed-cache
 */
export const vectorsCommand: Command = { name: 'vectors', summary: 'check conformance vectors (self-check, or against an implementation)', usage, run };
