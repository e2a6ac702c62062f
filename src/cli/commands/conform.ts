/**
 * `attn-coreset conform`: run the conformance suite against an
 * implementation that speaks the JSON-lines protocol (conformance/protocol.md).
 * @module
 */
import { InputError } from '../../errors.js';
import { MAX_BUDGET } from '../../verify/defaults.js';
import { writeBytes } from '../../io/files.js';
import { runConformance } from '../../conform/harness.js';
import { exitCodeOf, formatHuman, formatReport, parseReporter } from '../../conform/reporters/index.js';
import { verify } from '../../verify/index.js';
import { flagOption, optionalNumber, parseCommandArgs, requiredString, stringOption } from '../args.js';
import type { Command } from '../command.js';
import type { CliIo } from '../io.js';

const usage = `attn-coreset conform --impl "<command>" [--cases N] [--seed S] [--timeout MS]
                     [--max-size FORMULA|N] [--budget N] [--reporter human|json|tap|junit]
                     [--json] [--out FILE] [--shrink-calls N] [--max-line-bytes N] [--verbose]

Runs the conformance suite against an implementation under test: the command
is started through the shell and speaks protocol 1 (JSON lines on stdin/stdout,
see conformance/protocol.md). Seeded cases from every instance family (the
uniform-weights trap T_ρ, the orthonormal floor, sphere, ball, duplicates) are
sent one by one; each answer is validated and checked by the verifier at the
case's (ρ, ε). The first failure of each family is shrunk by re-asking the
implementation on smaller instances, and reported with its witness query.

  --impl CMD           shell command that starts the implementation (required)
  --cases N            number of cases, spread over the families (default 50)
  --seed S             seed of the case generation (default 1)
  --timeout MS         per-request timeout; a request that times out is a
                       failed case, the implementation is killed and restarted
                       for the next case (default 10000; the handshake gets
                       max(MS, 10000))
  --max-size F         size claim: a number or a formula in d, dv, n, rho, eps,
                       e.g. "8*sqrt(d)*exp(rho)/eps"; an answer with more
                       distinct points than ⌊F⌋ fails (default: the
                       implementation's hello maxSize, else no claim)
  --budget N           verifier budget per answer (default: the verifier's)
  --reporter R         human (default), json, tap (TAP 14) or junit (JUnit XML)
  --json               same as --reporter json
  --out FILE           write the report to FILE (the human summary then goes
                       to stdout); default: the report on stdout
  --shrink-calls N     implementation calls spent shrinking the first failure
                       of each family (default 300; all shrinking stops after
                       60 s; 0: report failures unshrunk)
  --max-line-bytes N   longest accepted output line (default 67108864)
  --verbose            list passing cases too; copy the implementation's
                       stderr to stderr

Exit codes: 0 every case passed, 1 a case failed, 2 bad usage, 3 internal error.`;

const options = {
  impl: { type: 'string' },
  cases: { type: 'string' },
  seed: { type: 'string' },
  timeout: { type: 'string' },
  'max-size': { type: 'string' },
  budget: { type: 'string' },
  reporter: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  'shrink-calls': { type: 'string' },
  'max-line-bytes': { type: 'string' },
  verbose: { type: 'boolean' },
} as const;

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, options);
  const command = requiredString(args, 'impl');
  if (command.trim() === '') throw new InputError('usage', '--impl', 'is empty');
  const reporterText = stringOption(args, 'reporter');
  if (reporterText !== undefined && flagOption(args, 'json') && reporterText !== 'json') throw new InputError('usage', '--json', `contradicts --reporter ${reporterText}`);
  const reporter = parseReporter(reporterText ?? (flagOption(args, 'json') ? 'json' : 'human'));
  const cases = optionalNumber(args, 'cases', { integer: true, min: 1, max: 1_000_000 });
  const seed = optionalNumber(args, 'seed', { integer: true });
  const timeoutMs = optionalNumber(args, 'timeout', { positive: true, max: 86_400_000 });
  const budget = optionalNumber(args, 'budget', { integer: true, min: 1, max: MAX_BUDGET });
  const shrinkCalls = optionalNumber(args, 'shrink-calls', { integer: true, nonNegative: true });
  const maxLineBytes = optionalNumber(args, 'max-line-bytes', { integer: true, min: 1024 });
  const maxSize = stringOption(args, 'max-size');
  const out = stringOption(args, 'out');
  const verbose = flagOption(args, 'verbose');

  const report = await runConformance({
    command,
    verify,
    ...(cases !== undefined ? { cases } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(budget !== undefined ? { budget } : {}),
    ...(maxSize !== undefined ? { maxSize } : {}),
    ...(maxLineBytes !== undefined ? { maxLineBytes } : {}),
    ...(shrinkCalls !== undefined ? { shrink: shrinkCalls === 0 ? false : { maxCalls: shrinkCalls } } : {}),
    ...(verbose ? { onStderr: (s: string) => io.err(s.replace(/^/gm, '[impl] ')) } : {}),
  });
  const text = reporter === 'human' ? formatHuman(report, { verbose }) : formatReport(report, reporter);
  if (out === undefined) io.out(text);
  else {
    writeBytes(out, text, '--out');
    io.out(reporter === 'human' ? `report written to ${out}\n` : formatHuman(report, { verbose }));
  }
  if (report.internalError !== undefined) io.err(`attn-coreset conform: internal error: ${report.internalError}\n`);
  return exitCodeOf(report);
}

/**
 * The `conform` command (`def:eps-coreset`): runs the live conformance suite
 * against an implementation command and reports (human, JSON, TAP, JUnit).
 * @lemma def:eps-coreset
 */
export const conformCommand: Command = { name: 'conform', summary: 'run the conformance suite against an implementation (any language, JSON lines)', usage, run };
