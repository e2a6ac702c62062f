/**
 * `attn-coreset verify`: is a weighted coreset an ε-coreset? A verdict with
 * evidence (DESIGN §3).
 * @module
 */
import { InputError } from '../../errors.js';
import { euclideanNorm } from '../../fast/norm.js';
import { verifyQueryStats } from '../../verify/query-sample.js';
import { verify } from '../../verify/verify.js';
import type { QueryStats } from '../../stats/query-stats.js';
import { queryStatsJson } from '../query-stats-json.js';
import type { VerifyResult } from '../../verify/types.js';
import { flagOption, optionalNumber, parseCommandArgs, stringOption } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { CACHE_USAGE } from '../cache-option.js';
import { parseVerifyOptions, readVerifyInputs, VERIFY_INPUT_OPTIONS } from '../verify-inputs.js';
import { writeJson } from '../json-output.js';
import { note } from '../progress.js';

const usage = `attn-coreset verify --keys K --values V (--coreset C.json | --cache C | --cache-keys K′ --cache-values V′ [--cache-weights W′])
                    --rho R --eps E [--queries Q [--scope queries|ball] [--confidence C]]
                    [--scale S] [--budget N] [--seed S] [--tolerance T]
                    [--witness-check auto|reference|float-bound]
                    [--json] [--require-certificate]

Decides whether the weighted set in C.json (or a compressed cache) is an
ε-coreset of (K, V) over the ball ‖q‖ ≤ ρ, with evidence: lower ≤ E ≤ upper.
  fail         lower > ε: a witness query, its error proved by binary64 minus
               its lem:float-error bound or by the 40-digit reference
  certified    upper ≤ ε: a certified bound (RKHS and moment certificates
               for n ≤ 4096; exact branch-and-bound when the keys span ≤ 4
               dimensions, residual branch-and-bound when they lie near
               such a span); the output names the bound that won and how
               far above lower it is
  not-refuted  neither

  --keys K        keys, n × d (.npy, .npz[:member], .safetensors[:tensor] or .json)
  --values V      values, n × dv (same formats)
  --coreset C     {"indices": [...], "weights": [...]} (weights optional = 1);
                  repeated indices are summed and reported
${CACHE_USAGE}
  --rho R         query radius ρ > 0
  --eps E         target error ε > 0
  --queries Q     queries, r × d, each of norm ≤ ρ. By default the verdict is
                  then over these queries only (real heads sit far inside
                  their worst-case ball); --scope ball uses them as extra
                  starting points of the search over the whole ball.
                  Either way the report adds queryStats: n, exceeding (count
                  with err > ε, certified), max, p99, p90, mean, and
                  exceedUpper, a Clopper–Pearson bound on P(err > ε) for the
                  distribution the queries were drawn from (valid for i.i.d.
                  held-out queries; the tokens of one text are not)
  --confidence C  confidence of exceedUpper and the quantile bounds (default 0.95)
  --scale S       logit scale s (a head uses 1/√d_h; ρ then bounds ‖q‖); default 1
  --budget N      falsifier budget in evaluations (default: ≈2.5e9/(n(d+dv)+16d),
                  in [256, 4096]; at most 1048576)
  --seed S        seed of the search (default 0)
  --tolerance T   refine branch-and-bound (keys spanning ≤ 4 dimensions) until
                  upper − lower ≤ T instead of stopping once the verdict is
                  settled (a node limit may still stop it; the output says so)
  --witness-check how a witness that may decide fail is made exact: auto
                  (default: binary64 minus its lem:float-error bound when that
                  alone exceeds ε, else a 40-digit recomputation), reference
                  (always the 40-digit recomputation), float-bound (never it).
                  The 40 digits come from the decimal reference on small
                  instances and from exact BigInt logits with a certified
                  exponential on large ones (lem:exact-fixed-point-logits)
  --json          machine-readable result on stdout
  --require-certificate  exit 1 unless certified

Exit codes: 0 certified or not refuted, 1 fail (or not certified with
--require-certificate), 2 bad usage or input, 3 internal error.`;

const options = {
  ...VERIFY_INPUT_OPTIONS,
  tolerance: { type: 'string' },
  'witness-check': { type: 'string' },
  json: { type: 'boolean' },
  'require-certificate': { type: 'boolean' },
} as const;

const fmt = (x: number): string => (Number.isFinite(x) ? x.toPrecision(6) : String(x));

function summary(r: VerifyResult, eps: number, size: number, n: number, scope: string, isCache: boolean): string {
  const head = {
    fail: `fail: E(w) > ε = ${eps}${scope === 'queries' ? ' on the given queries' : ''}`,
    certified: `certified: E(w) ≤ ε = ${eps}${scope === 'queries' ? ' on the given queries' : ' over the whole ball'}`,
    'not-refuted': `not refuted: no query found with error > ε = ${eps}, and no certificate ≤ ε`,
  }[r.verdict];
  const wn = euclideanNorm(r.witness);
  const ratio = r.lower > 0 && Number.isFinite(r.upper) ? `, ${fmt(r.upper / r.lower)}× lower (+${fmt(r.upper - r.lower)})` : '';
  const proof = { reference: 'recomputed by the 40-digit reference', 'fixed-point': 'recomputed with exact logits to 40 digits (lem:exact-fixed-point-logits)', 'float-bound': 'binary64 minus its lem:float-error bound' }[r.witnessProof ?? 'reference'];
  return [
    head,
    `  ${fmt(r.lower)} ≤ E(w) ≤ ${fmt(r.upper)}`,
    `  upper from: ${r.upperMethod ?? 'none'}${ratio}; lower proved by: ${proof}`,
    `  witness: ‖q‖ = ${fmt(wn)}, error ${fmt(r.lower)} (${r.witness.length <= 8 ? `q = [${Array.from(r.witness, fmt).join(', ')}]` : 'use --json for q'})`,
    isCache ? `  cache: ${size} rows of their own, for n = ${n}` : `  coreset: ${size} distinct points of n = ${n}${r.repeatedIndices > 0 ? `; ${r.repeatedIndices} repeated indices summed (multiset)` : ''}`,
    `  methods: ${r.methods.join('; ')}`,
    `  ${r.evaluations} evaluations, ${r.seconds.toFixed(2)} s`,
    '',
  ].join('\n');
}

function statsSummary(s: QueryStats, eps: number): string {
  const pct = (x: number): string => `${(100 * x).toPrecision(3)}%`;
  const bound = (x: number): string => (Number.isFinite(x) ? fmt(x) : 'none (too few queries)');
  return [
    `  queries: ${s.n}, ${s.exceeding} with error > ε = ${eps}; max ${fmt(s.max)}, p99 ${fmt(s.p99)}, p90 ${fmt(s.p90)}, mean ${fmt(s.mean)}`,
    `  if the queries are i.i.d. draws: P(err > ε) ≤ ${pct(s.exceedUpper)}, p90 ≤ ${bound(s.p90Upper)}, p99 ≤ ${bound(s.p99Upper)} at ${pct(s.confidence)} confidence`,
    '',
  ].join('\n');
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, options);
  const o = parseVerifyOptions(args);
  const { rho, eps, scale, budget, seed, confidence, scope: scopeText } = o;
  const tolerance = optionalNumber(args, 'tolerance', { positive: true });
  const check = stringOption(args, 'witness-check') ?? 'auto';
  if (check !== 'auto' && check !== 'reference' && check !== 'float-bound') {
    throw new InputError('usage', '--witness-check', `must be auto, reference or float-bound, got '${check}'`);
  }
  const { inst, cache, compressed, size, queries } = readVerifyInputs(args, o);
  note(io, `verify: n = ${inst.n}, d = ${inst.d}, ${cache ? 'cache' : 'coreset'} of ${size}, ρ = ${rho}, ε = ${eps}…`);
  const r = verify(inst, compressed, {
    rho,
    eps,
    seed,
    scope: scopeText,
    witnessCheck: check,
    ...(tolerance !== undefined ? { bnbTolerance: tolerance } : {}),
    ...(budget !== undefined ? { budget } : {}),
    ...(scale !== undefined ? { scale } : {}),
    ...(queries !== undefined ? { queries } : {}),
  });
  const stats = queries !== undefined ? verifyQueryStats(inst, compressed, queries, { eps, confidence, ...(scale !== undefined ? { scale } : {}) }) : undefined;
  if (flagOption(args, 'json')) {
    writeJson(io, {
      command: 'verify',
      verdict: r.verdict,
      lower: r.lower,
      upper: Number.isFinite(r.upper) ? r.upper : null,
      witness: Array.from(r.witness),
      methods: r.methods,
      upperMethod: r.upperMethod ?? 'none',
      witnessProof: r.witnessProof ?? 'reference',
      evaluations: r.evaluations,
      seconds: r.seconds,
      repeatedIndices: r.repeatedIndices,
      size,
      ...(cache ? { cacheRows: cache.m } : {}),
      ...(stats !== undefined ? { queryStats: queryStatsJson(stats) } : {}),
      parameters: { n: inst.n, d: inst.d, dv: inst.dv, rho, eps, scope: scopeText, seed, witnessCheck: check, ...(tolerance !== undefined ? { tolerance } : {}), ...(budget !== undefined ? { budget } : {}), ...(scale !== undefined ? { scale } : {}) },
    });
  } else {
    io.out(summary(r, eps, size, inst.n, scopeText, cache !== undefined) + (stats !== undefined ? statsSummary(stats, eps) : ''));
  }
  if (r.verdict === 'fail') return EXIT_FAILED;
  if (flagOption(args, 'require-certificate') && r.verdict !== 'certified') return EXIT_FAILED;
  return EXIT_OK;
}

/**
 * The `verify` command (`def:eps-coreset`): reads keys, values and a coreset
 * file or a compressed cache (`def:compressed-cache`), runs `verify()` and
 * prints the verdict with its evidence; exit 0 certified or not refuted,
 * 1 fail, 2 bad input, 3 internal error.
 * @lemma def:eps-coreset
 * @lemma def:compressed-cache
 * @lemma lem:rkhs-certificate
 */
export const verifyCommand: Command = { name: 'verify', summary: 'decide whether a weighted coreset is an ε-coreset (witness or certificate)', usage, run };
