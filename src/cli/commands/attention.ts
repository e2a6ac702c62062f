/**
 * `attn-coreset attention`: evaluate A_w(q) for a file of queries.
 * @module
 */
import { InputError } from '../../errors.js';
import { MAX_REFERENCE_DIGITS } from '../limits.js';
import { readInstance } from '../../io/instance.js';
import { formatOfExtension, readMatrix } from '../../io/read-matrix.js';
import { writeBytes } from '../../io/files.js';
import { refuseOutputsThatAreInputs } from '../../io/output-path.js';
import { readWeighting } from '../../io/weights-file.js';
import { writeMatrix } from '../../io/write-matrix.js';
import type { Weighting } from '../../types.js';
import { CACHE_OPTIONS, CACHE_USAGE, hasCacheOption, readCacheOption } from '../cache-option.js';
import { flagOption, numberOption, optionalNumber, parseCommandArgs, requiredString, stringOption } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_OK } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { writeJson } from '../json-output.js';
import { createProgress, note } from '../progress.js';
import { attentionDocument, fastAttentionRows, referenceAttentionRows, requireRepresentable, type AttentionResult } from './attention-result.js';

const usage = `attn-coreset attention --keys K --values V --queries Q [--weights W | --cache C | --cache-keys K′ --cache-values V′ [--cache-weights W′]]
                       [--scale S] [--reference [--digits N]] [--out O] [--json] [--hex]

Computes A_w(q) = Σ a_i e^{s⟨q,k_i⟩} v_i / Σ a_i e^{s⟨q,k_i⟩} for every query row
(with a cache, A_C(q) over the cache's own rows).

  --keys K        keys, n × d (.npy, .npz[:member], .safetensors[:tensor] or .json)
  --values V      values, n × dv (same formats)
  --queries Q     queries, r × d (a 1-D array is one query)
  --weights W     a weight vector of length n (a_i ≥ 0) or a coreset JSON
                  file {"indices": [...], "weights": [...]}; default: all 1
${CACHE_USAGE}
  --scale S       logit scale s (a transformer head uses 1/√d_h); default 1
  --reference     compute with the decimal.js reference instead of binary64
  --digits N      significant digits of the reference (default 50, at most 1000:
                  the time per row grows about as N^2.4; progress shows per query)
  --out O         write the r × dv result: .npy / .safetensors (binary64) or
                  .json (the JSON document below); default: the document on stdout.
                  An existing O is replaced, atomically (a failed write leaves
                  it as it was); O may not be one of the inputs
  --json          with --out, print a JSON summary on stdout
  --hex           JSON doubles as exact hex floats ("0x1.8p+1")

The JSON document has "shape", "data" (rows of numbers; for --reference,
decimal strings with N significant digits), "nearest" (reference: the
nearest doubles), "errorBound" (fast: the lem:float-error bound per query).

Extreme inputs: values up to ±1.8e308 give finite outputs (the weighted mean
is rescaled by a power of two when its numerator overflows). Logits that are
not finite doubles (|s|·‖q‖·‖k‖ beyond 1.8e308) are refused with exit 2,
naming the query and key rows; an output that is not representable in
binary64 is its own error ("output …: not representable"), also exit 2.`;

const options = {
  keys: { type: 'string' },
  values: { type: 'string' },
  queries: { type: 'string' },
  weights: { type: 'string' },
  scale: { type: 'string' },
  reference: { type: 'boolean' },
  digits: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  hex: { type: 'boolean' },
  ...CACHE_OPTIONS,
} as const;

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, options);
  const keys = requiredString(args, 'keys');
  const values = requiredString(args, 'values');
  const queries = requiredString(args, 'queries');
  const scale = numberOption(args, 'scale', 1);
  const reference = flagOption(args, 'reference');
  const digitsOpt = optionalNumber(args, 'digits', { integer: true, min: 1, max: MAX_REFERENCE_DIGITS });
  if (digitsOpt !== undefined && !reference) throw new InputError('usage', '--digits', 'applies only with --reference');
  const digits = digitsOpt ?? 50;
  const out = stringOption(args, 'out');
  if (out !== undefined && formatOfExtension(out) === undefined) throw new InputError('usage', '--out', `'${out}' must end in .npy, .safetensors or .json`);
  const hex = flagOption(args, 'hex');

  if (out !== undefined) {
    const inputs = [{ what: '--keys', path: keys }, { what: '--values', path: values }, { what: '--queries', path: queries }];
    for (const o of ['weights', 'cache', 'cache-keys', 'cache-values', 'cache-weights']) {
      const p = stringOption(args, o);
      if (p !== undefined) inputs.push({ what: `--${o}`, path: p });
    }
    refuseOutputsThatAreInputs([{ what: '--out', path: out }], inputs);
  }
  const inst = readInstance(keys, values);
  const Q = readMatrix(queries);
  if (Q.rows === 0) throw new InputError('empty', queries, 'has no queries');
  if (Q.cols !== inst.d) throw new InputError('shape', queries, `queries have ${Q.cols} columns but the keys ${keys} have d = ${inst.d}`);
  if (args.values.weights !== undefined && hasCacheOption(args)) throw new InputError('usage', '--weights', 'give either --weights or a cache (--cache, --cache-keys/--cache-values), not both');
  const cache = readCacheOption(args, inst.d, inst.dv);
  const wfile = args.values.weights === undefined ? undefined : readWeighting(stringOption(args, 'weights') as string, inst.n);
  const w: Weighting = cache ?? wfile?.coreset ?? null;

  const progress = createProgress(io);
  const res: AttentionResult = reference
    ? referenceAttentionRows(inst, Q, w, scale, digits, progress)
    : fastAttentionRows(inst, Q, w, scale, progress);
  requireRepresentable(res);
  const meta = {
    n: inst.n,
    d: inst.d,
    dv: inst.dv,
    scale,
    weights: cache ? { kind: 'cache', size: cache.m, repeated: 0 } : wfile ? { kind: wfile.kind, size: wfile.size, repeated: wfile.repeated } : { kind: 'full', size: inst.n, repeated: 0 },
  };
  if (out === undefined) io.out(attentionDocument(res, meta, hex, digits));
  else if (formatOfExtension(out) === 'json') writeBytes(out, attentionDocument(res, meta, hex, digits), out);
  else writeMatrix(out, res.values, { tensor: 'attention' });
  if (out !== undefined && flagOption(args, 'json')) {
    writeJson(io, { command: 'attention', out, method: res.method, shape: [res.values.rows, res.values.cols], ...(reference ? { digits } : {}), ...meta });
  }
  const bound = res.errorBounds ? `, float-error bound ≤ ${res.errorBounds.reduce((a, b) => Math.max(a, b), 0).toExponential(2)}` : `, ${digits} digits`;
  const repeats = wfile && wfile.repeated > 0 ? ` (${wfile.repeated} repeated indices merged)` : '';
  note(io, `attention: ${Q.rows} quer${Q.rows === 1 ? 'y' : 'ies'}, n = ${inst.n}, d = ${inst.d}, dv = ${inst.dv}, ${meta.weights.kind} weights of size ${meta.weights.size}${repeats}; ${res.method}${bound}${out ? ` → ${out}` : ''}`);
  return EXIT_OK;
}

/**
 * The `attention` command (`def:attention`): reads keys, values, queries and
 * optional weights, evaluates every query with the fast path or the
 * reference, and writes the rows; with a cache, A_C(q) (`def:compressed-cache`).
 * @lemma def:attention
 * @lemma def:compressed-cache
 */
export const attentionCommand: Command = { name: 'attention', summary: 'evaluate weighted softmax attention A_w(q) for a file of queries', usage, run };
