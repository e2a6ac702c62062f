/**
 * `attn-coreset conform`: run the conformance suite against an
 * implementation that speaks the JSON-lines protocol (conformance/protocol.md).
 * @module
 */
import { InputError } from '../../errors.js';
import { MAX_BUDGET } from '../../verify/defaults.js';
import { writeBytes } from '../../io/files.js';
import { refuseOutputsThatAreInputs } from '../../io/output-path.js';
import { runConformance } from '../../conform/harness.js';
import { exitCodeOf, formatHuman, formatReport, parseReporter } from '../../conform/reporters/index.js';
import { threadedVerify } from '../../conform/verify-thread.js';
import { flagOption, optionalNumber, parseCommandArgs, parseNumberText, requiredString, stringOption, type NumberConstraints } from '../args.js';
import { defaultFamilies } from '../../conform/families.js';
import { planInstances } from '../../conform/instances.js';
import { linePrefixer } from '../../conform/line-prefix.js';
import { planScaled, profile, selectFamilies } from '../../conform/profiles.js';
import type { Command } from '../command.js';
import type { CliIo } from '../io.js';

const usage = `attn-coreset conform --impl "<command>" [--profile quick|standard|deep] [--seed S]
                     [--cases N] [--scaled-cases N] [--family F,…] [--n N,…] [--d D,…]
                     [--dv DV,…] [--rho R,…] [--eps E,…] [--instances DIR]
                     [--timeout MS] [--deadline SECONDS] [--fail-fast]
                     [--max-size FORMULA|N] [--budget N] [--reporter human|json|tap|junit]
                     [--json] [--out FILE] [--shrink-calls N] [--max-line-bytes N] [--verbose]

Runs the conformance suite against an implementation under test: the command
is started through the shell and speaks protocol 1 (JSON lines on stdin/stdout,
see conformance/protocol.md). Cases come from two kinds of families:
small ones (the uniform-weights trap T_ρ, the orthonormal floor, sphere,
ball, duplicates, sink, near duplicates, low rank, clusters; n ≤ 55), whose
first failure is shrunk by re-asking the implementation on smaller instances;
and scaled ones at the sizes compressors work at (n up to 4096, d = 64/128,
ρ up to 8, ε down to 0.005: sink-recent, heavy-hitter-hostile,
opposite-duplicates, clustered-values, heavy-hitter-friendly, trap-large,
orthonormal-large, sphere-large, sink-dominant), which are not shrunk: a
failed one prints the flags that regenerate it alone. Each answer is
validated and checked by the verifier at the case's (ρ, ε).

  --impl CMD           shell command that starts the implementation (required)
  --profile P          quick (40 small + 4 scaled cases, n ≤ 256: seconds),
                       standard (50 + 18, n ≤ 4096: a few minutes on 2 cores;
                       the default) or deep (200 + 72); see conformance/PROFILES.md
  --seed S             seed of the case generation (default 1)
  --cases N            cases of the small families (default: the profile's)
  --scaled-cases N     cases of the scaled families (default: the profile's)
  --family F,…         only these families (small or scaled names)
  --n, --d, --dv, --rho, --eps  V,…
                       pin the scaled cases' parameters to these values (each
                       replaces the profile's grid); any of them runs the
                       scaled families only
  --instances DIR      cases from your own KV dumps instead: one head per
                       NAME.keys.npy + NAME.values.npy pair (any matrix
                       format) or NAME.safetensors with tensors keys, values;
                       each compressed at every --rho and --eps (required)
  --timeout MS         per-request timeout; a request that times out is a
                       failed case, the implementation is killed and restarted
                       for the next case (default 10000; the handshake gets
                       max(MS, 10000))
  --deadline SECONDS   budget of the whole run: no case starts and no wait
                       lasts past it; cases not run make the run fail (exit 1)
  --fail-fast          stop at the first failed case (shrunk within budgets)
  --max-size F         size claim: a number or a formula in d, dv, n, rho, eps,
                       e.g. "8*sqrt(d)*exp(rho)/eps" (mathjs syntax; see
                       conformance/protocol.md for NaN, ∞, negative and
                       fractional values); an answer with more distinct
                       points fails (default: the hello's maxSize, else none)
  --budget N           verifier budget per answer (default: the verifier's)
  --reporter R         human (default), json, tap (TAP 14) or junit (JUnit XML)
  --json               same as --reporter json
  --out FILE           write the report to FILE (the human summary then goes
                       to stdout); default: the report on stdout. An existing
                       FILE is replaced, atomically
  --shrink-calls N     implementation calls spent shrinking the first failure
                       of each family (default 300; all shrinking stops after
                       60 s; 0: report failures unshrunk)
  --max-line-bytes N   longest accepted output line (default 67108864)
  --verbose            list passing cases too; copy the implementation's
                       stderr to stderr, each line prefixed with [impl]

The report ends with a reproduce: line holding every option that changes
the outcome. Exit codes: 0 every case passed, 1 a case failed or the
deadline stopped the run, 2 bad usage, 3 internal error.`;

const options = {
  impl: { type: 'string' },
  profile: { type: 'string' },
  cases: { type: 'string' },
  'scaled-cases': { type: 'string' },
  family: { type: 'string' },
  n: { type: 'string' },
  d: { type: 'string' },
  dv: { type: 'string' },
  rho: { type: 'string' },
  eps: { type: 'string' },
  instances: { type: 'string' },
  seed: { type: 'string' },
  timeout: { type: 'string' },
  deadline: { type: 'string' },
  'fail-fast': { type: 'boolean' },
  'max-size': { type: 'string' },
  budget: { type: 'string' },
  reporter: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  'shrink-calls': { type: 'string' },
  'max-line-bytes': { type: 'string' },
  verbose: { type: 'boolean' },
} as const;

type Args = ReturnType<typeof parseCommandArgs>;

/** A comma-separated list of numbers (`--n 512,4096`), each checked. */
function numberList(args: Args, name: string, c: NumberConstraints): number[] | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  if (text.length > 1000) throw new InputError('usage', `--${name}`, `list longer than 1000 characters`);
  return text.split(',').map((t) => parseNumberText(t.trim(), name, c));
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, options);
  const command = requiredString(args, 'impl');
  if (command.trim() === '') throw new InputError('usage', '--impl', 'is empty');
  const reporterText = stringOption(args, 'reporter');
  if (reporterText !== undefined && flagOption(args, 'json') && reporterText !== 'json') throw new InputError('usage', '--json', `contradicts --reporter ${reporterText}`);
  const reporter = parseReporter(reporterText ?? (flagOption(args, 'json') ? 'json' : 'human'));
  const prof = profile(stringOption(args, 'profile') ?? 'standard');
  const seed = optionalNumber(args, 'seed', { integer: true, min: -(2 ** 31), max: 2 ** 31 - 1 }) ?? 1;
  const timeoutMs = optionalNumber(args, 'timeout', { positive: true, max: 86_400_000 }) ?? 10_000;
  const deadline = optionalNumber(args, 'deadline', { positive: true, max: 7 * 86_400 });
  const failFast = flagOption(args, 'fail-fast');
  const budget = optionalNumber(args, 'budget', { integer: true, min: 1, max: MAX_BUDGET });
  const shrinkCalls = optionalNumber(args, 'shrink-calls', { integer: true, nonNegative: true, max: 1_000_000 });
  const maxLineBytes = optionalNumber(args, 'max-line-bytes', { integer: true, min: 1024, max: 2 ** 31 });
  const maxSize = stringOption(args, 'max-size');
  const out = stringOption(args, 'out');
  if (out !== undefined) refuseOutputsThatAreInputs([{ what: '--out', path: out }], []);
  const verbose = flagOption(args, 'verbose');
  const familyNames = stringOption(args, 'family')?.split(',').map((s) => s.trim());
  const pins = {
    n: numberList(args, 'n', { integer: true, min: 1, max: 1 << 20 }),
    d: numberList(args, 'd', { integer: true, min: 1, max: 1 << 16 }),
    dv: numberList(args, 'dv', { integer: true, min: 1, max: 1 << 16 }),
    rho: numberList(args, 'rho', { positive: true, max: 64 }),
    eps: numberList(args, 'eps', { positive: true, max: 2 }),
  };
  const instances = stringOption(args, 'instances');
  const scaledOnly = pins.n !== undefined || pins.d !== undefined || pins.dv !== undefined || pins.rho !== undefined || pins.eps !== undefined;
  const selected = selectFamilies(familyNames, defaultFamilies());
  let cases = optionalNumber(args, 'cases', { integer: true, nonNegative: true, max: 1_000_000 }) ?? prof.smallCases;
  const scaledCount = optionalNumber(args, 'scaled-cases', { integer: true, nonNegative: true, max: 100_000 }) ?? prof.scaledCases;
  let planned;
  if (instances !== undefined) {
    if (pins.rho === undefined || pins.eps === undefined) throw new InputError('usage', '--instances', 'needs --rho and --eps (the radius and target your cache is meant for)');
    if (familyNames !== undefined || pins.n || pins.d || pins.dv) throw new InputError('usage', '--instances', 'takes no --family, --n, --d or --dv (the dumps fix them)');
    planned = planInstances(instances, pins.rho, pins.eps, seed);
    cases = 0;
  } else {
    if (scaledOnly) cases = 0;
    planned = planScaled(prof, selected.scaled, pins, scaledCount, seed);
  }
  const families = selected.small;
  if ((cases === 0 || families.length === 0) && planned.length === 0) throw new InputError('usage', '--family', 'selects no case: no small family with --cases > 0 and no scaled case');

  const reproduce = [
    ...(instances === undefined ? ['--profile', prof.name] : []),
    '--seed', String(seed),
    ...(instances === undefined ? ['--cases', String(cases), '--scaled-cases', String(scaledCount)] : []),
    ...(familyNames ? ['--family', familyNames.join(',')] : []),
    ...(['n', 'd', 'dv', 'rho', 'eps'] as const).flatMap((k) => (pins[k] ? [`--${k}`, pins[k]!.join(',')] : [])),
    ...(instances !== undefined ? ['--instances', instances] : []),
    '--timeout', String(timeoutMs),
    ...(maxSize !== undefined ? ['--max-size', maxSize] : []),
    ...(budget !== undefined ? ['--budget', String(budget)] : []),
    ...(maxLineBytes !== undefined ? ['--max-line-bytes', String(maxLineBytes)] : []),
    ...(shrinkCalls !== undefined ? ['--shrink-calls', String(shrinkCalls)] : []),
    ...(deadline !== undefined ? ['--deadline', String(deadline)] : []),
    ...(failFast ? ['--fail-fast'] : []),
  ];
  const stderrSink = verbose ? linePrefixer('[impl] ', (s) => io.err(s)) : undefined;
  // The verifier on a worker thread: signals are served while a large case is checked.
  const verifier = threadedVerify();
  const report0 = await runConformance({
    command,
    verify: verifier.verify,
    cases,
    seed,
    timeoutMs,
    families,
    planned,
    failFast,
    ...(deadline !== undefined ? { deadlineMs: deadline * 1000 } : {}),
    ...(budget !== undefined ? { budget } : {}),
    ...(maxSize !== undefined ? { maxSize } : {}),
    ...(maxLineBytes !== undefined ? { maxLineBytes } : {}),
    ...(shrinkCalls !== undefined ? { shrink: shrinkCalls === 0 ? false : { maxCalls: shrinkCalls } } : {}),
    ...(stderrSink ? { onStderr: stderrSink } : {}),
  }).finally(() => verifier.close());
  stderrSink?.flush();
  const report = { ...report0, ...(instances === undefined ? { profile: prof.name } : {}), reproduce };
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
