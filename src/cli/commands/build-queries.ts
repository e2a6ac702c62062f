/**
 * `attn-coreset build --queries`: query-aware building (fit a query sample,
 * optionally search the smallest size whose held-out bound holds).
 * @module
 */
import { InputError } from '../../errors.js';
import { buildForQueries } from '../../construct/query-aware.js';
import { buildCacheForQueries } from '../../construct/query-cache.js';
import { buildForHeldOut } from '../../construct/query-holdout.js';
import { formatCacheJson, writeCacheFile } from '../../io/cache-file.js';
import { formatCoresetJson, writeCoresetFile } from '../../io/coreset-file.js';
import { readMatrix, readVector } from '../../io/read-matrix.js';
import { withPredictedQueries } from '../../construct/query-predict.js';
import type { Cache, Coreset, Instance, Mat64 } from '../../types.js';
import type { ParsedArgs } from '../args.js';
import { flagOption, optionalNumber, stringOption } from '../args.js';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { writeJson } from '../json-output.js';
import { note } from '../progress.js';
import { queryStatsJson } from '../query-stats-json.js';

function readQueries(spec: string, d: number): Float64Array {
  const m: Mat64 = readMatrix(spec);
  if (m.cols !== d) throw new InputError('shape', spec, `has ${m.cols} columns, keys have d = ${d}`);
  return m.data;
}

/** Reads `--fit-rows`: one integer row per fit query (range and repeats are checked by `predictQueries`). */
function readFitRows(spec: string, queries: number): Uint32Array {
  const v = readVector(spec);
  if (v.length !== queries) throw new InputError('shape', spec, `has ${v.length} rows for ${queries} fit queries`);
  v.forEach((x, r) => {
    if (!Number.isInteger(x) || x < 0 || x > 0xffffffff) throw new InputError('parameter', `${spec}[${r}]`, `must be a row index (an integer ≥ 0), got ${x}`);
  });
  return Uint32Array.from(v);
}

/**
 * Runs the query-aware branch of `build` (`def:query-distribution`): with
 * `--size`, {@link buildForQueries}; with `--holdout` and `--eps`,
 * {@link buildForHeldOut}; with `--refit-values`, the cache of
 * {@link buildCacheForQueries} (values refitted with ridge `--lambda`),
 * written with its rows' `indices`; with `--fit-rows`, the fit set extended by
 * {@link withPredictedQueries}. Exit 1 when the held-out bound does not
 * hold even for the full set.
 * @lemma def:query-distribution
 * @lemma lem:query-fit-residual
 * @lemma lem:query-sample-bound
 * @lemma lem:query-cache-refit
 * @lemma def:predicted-queries
 */
export function runQueryBuild(args: ParsedArgs, inst: Instance, rho: number, io: CliIo): number {
  const queriesPath = stringOption(args, 'queries') as string;
  const holdoutPath = stringOption(args, 'holdout');
  const size = optionalNumber(args, 'size', { integer: true, min: 1 });
  const eps = optionalNumber(args, 'eps', { positive: true });
  const scale = optionalNumber(args, 'scale') ?? 1;
  const regularization = optionalNumber(args, 'regularization', { nonNegative: true }) ?? 0.1;
  const confidence = optionalNumber(args, 'confidence', { positive: true, max: 1 }) ?? 0.95;
  if (confidence >= 1) throw new InputError('usage', '--confidence', `must be in (0, 1), got ${confidence}`);
  const seed = optionalNumber(args, 'seed', { integer: true }) ?? 0;
  if (stringOption(args, 'method') !== undefined) throw new InputError('usage', '--method', 'does not apply with --queries (the query-aware builder)');
  if (holdoutPath === undefined && size === undefined) throw new InputError('usage', '--queries', 'needs --size M, or --holdout Q and --eps E');
  if (holdoutPath !== undefined && (eps === undefined || size !== undefined)) throw new InputError('usage', '--holdout', 'needs --eps E and no --size');
  if (holdoutPath === undefined && eps !== undefined) throw new InputError('usage', '--eps', 'with --queries needs --holdout (the bound is on held-out queries)');
  const refit = flagOption(args, 'refit-values');
  const valueLambda = optionalNumber(args, 'lambda', { min: 0 }) ?? 1e-3;
  if (!refit && stringOption(args, 'lambda') !== undefined) throw new InputError('usage', '--lambda', 'applies with --refit-values');
  const queries = readQueries(queriesPath, inst.d);
  const fitRowsPath = stringOption(args, 'fit-rows');
  const plain = { queries, rho, scale, regularization, seed, ...(refit ? { valueLambda } : {}) };
  // With --fit-rows the fit set gains a predicted query for every other row (def:predicted-queries).
  const extended = fitRowsPath === undefined ? undefined : withPredictedQueries(inst, plain, readFitRows(fitRowsPath, queries.length / inst.d));
  const common = extended ?? plain;
  const predictedInfo = extended === undefined ? {} : { predictedQueries: extended.predicted.rows.length, predictionR2: extended.predicted.r2, predictionRidge: extended.predicted.ridge };
  const method = refit ? 'query-aware-cache' : 'query-aware';
  const cacheParams = refit ? { refitValues: true, lambda: valueLambda } : {};
  let doc: Record<string, unknown>;
  let coreset: Coreset;
  let cache: Cache | undefined;
  let code = EXIT_OK;
  if (holdoutPath === undefined) {
    const base = { n: inst.n, d: inst.d, dv: inst.dv, rho, scale, method, regularization, seed, ...cacheParams };
    if (refit) {
      const r = buildCacheForQueries(inst, { ...common, size: size as number });
      coreset = r.coreset;
      cache = r.cache;
      doc = { parameters: { ...base, size: r.size, fitQueries: queries.length / inst.d, ...predictedInfo }, objective: r.objective, subsetObjective: r.subsetObjective };
    } else {
      const r = buildForQueries(inst, { ...common, size: size as number });
      coreset = r.coreset;
      doc = { parameters: { ...base, size: r.size, fitQueries: queries.length / inst.d, ...predictedInfo }, objective: r.objective };
    }
  } else {
    const holdout = readQueries(holdoutPath, inst.d);
    const r = buildForHeldOut(inst, { ...common, holdout, eps: eps as number, confidence, refitValues: refit });
    coreset = r.coreset;
    cache = r.cache;
    if (!r.holds) code = EXIT_FAILED;
    doc = {
      parameters: { n: inst.n, d: inst.d, dv: inst.dv, rho, scale, eps, confidence, method, regularization, seed, ...cacheParams, size: r.size, fitQueries: queries.length / inst.d, ...predictedInfo, maxExceed: r.maxExceed },
      holds: r.holds,
      queryStats: queryStatsJson(r.stats),
      trials: r.trials,
    };
  }
  const out = stringOption(args, 'out');
  const hex = flagOption(args, 'hex');
  if (cache !== undefined) {
    // The cache's rows are instance rows (keys kept, values refitted): say which.
    const extra = { ...doc, indices: Array.from(coreset.indices), bytes: cache.m * (inst.d + inst.dv) * 8 };
    if (out === undefined) io.out(formatCacheJson(cache, { hex, extra }));
    else writeCacheFile(out, cache, { hex, extra });
  } else if (out === undefined) io.out(formatCoresetJson(coreset, { hex, extra: doc }));
  else writeCoresetFile(out, coreset, { hex, extra: doc });
  if (out !== undefined && flagOption(args, 'json')) writeJson(io, { command: 'build', out, ...doc });
  note(io, `build: ${method}, n = ${inst.n}, size ${coreset.indices.length}${out ? ` → ${out}` : ''}`);
  return code;
}
