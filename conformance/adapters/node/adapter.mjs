// attn-coreset conformance adapter for Node (protocols 1 and 2), no dependencies.
//
// Wrap your compression function and run the file as the implementation
// under test:
//
//   import { serve } from './adapter.mjs';
//   serve((K, V, rho, eps, size) => ({ indices: [...], weights: [...] }), { name: 'mine' });
//
//   attn-coreset conform --impl "node my-impl.mjs"
//
// `compress(K, V, rho, eps, size)` gets K (n rows of d numbers) and V (n rows
// of dv numbers) as arrays of arrays, ρ and ε as numbers, and `size` (the
// largest support the harness accepts, or undefined). It returns
// `{ indices, weights }` or `[indices, weights]` (arrays or typed arrays), or
// a Promise of either. A thrown error becomes an error message (a failed
// case); the adapter keeps serving. Diagnostics go to stderr, never stdout.
//
// Protocol 2, compressed caches: with `{ response: 'cache' }` the function
// returns `{ keys, values, weights }` (m rows of d, m rows of dv, m weights;
// arrays or typed arrays) — quantized, merged or refitted rows of its own:
//
//   serve((K, V) => ({ keys: K, values: V, weights: K.map(() => 1) }), { name: 'mine', response: 'cache' });
//
// Rows go out as base64 of little-endian binary64 (`encoding: 'base64'`, the
// default: exact and compact) or as JSON numbers (`encoding: 'json'`).
import { createInterface } from 'node:readline';

const PROTOCOL = 1;
const CACHE_PROTOCOL = 2;

function send(msg) {
  // Pipes are synchronous on Linux/macOS: the line is out when this returns.
  process.stdout.write(`${JSON.stringify(msg)}\n`);
}

function checkNumbers(name, xs) {
  for (let j = 0; j < xs.length; j++) {
    // JSON cannot carry NaN or ±Infinity (JSON.stringify would print null).
    if (typeof xs[j] !== 'number' || !Number.isFinite(xs[j])) throw new Error(`${name}[${j}] is ${xs[j]}, not a finite number`);
  }
}

// m rows of `cols` finite numbers, flattened row-major.
function flatRows(name, rows, m, cols) {
  const list = Array.from(rows, (r) => Array.from(r, Number));
  if (list.length !== m) throw new Error(`${name} has ${list.length} rows, weights has ${m}`);
  const flat = [];
  list.forEach((r, i) => {
    if (r.length !== cols) throw new Error(`${name}[${i}] has ${r.length} entries, expected ${cols}`);
    checkNumbers(`${name}[${i}]`, r);
    flat.push(...r);
  });
  return flat;
}

function base64(flat) {
  const b = Buffer.alloc(8 * flat.length);
  flat.forEach((x, t) => b.writeDoubleLE(x, 8 * t));
  return b.toString('base64');
}

// The protocol-2 cache response for a request, in the chosen encoding.
function cacheResponse(msg, out, encoding) {
  const W = Array.from(out.weights, Number);
  checkNumbers('weights', W);
  const d = msg.K[0].length;
  const dv = msg.V[0].length;
  const keys = flatRows('keys', out.keys, W.length, d);
  const values = flatRows('values', out.values, W.length, dv);
  if (encoding === 'base64') return { type: 'response', id: msg.id, keys: base64(keys), values: base64(values), weights: base64(W) };
  const rows = (flat, cols) => Array.from({ length: W.length }, (_, i) => flat.slice(i * cols, (i + 1) * cols));
  return { type: 'response', id: msg.id, keys: rows(keys, d), values: rows(values, dv), weights: W };
}

/**
 * Serves the protocol on stdin/stdout until the harness sends stop (or closes
 * stdin), calling `compress` once per request, one request at a time:
 * protocol 1 (subsets) by default, protocol 2 with `response: 'cache'`.
 */
export async function serve(compress, { name = 'node-implementation', version, maxSize, response = 'subset', encoding = 'base64' } = {}) {
  if (response !== 'subset' && response !== 'cache') throw new Error(`response must be 'subset' or 'cache', got ${response}`);
  if (encoding !== 'json' && encoding !== 'base64') throw new Error(`encoding must be 'json' or 'base64', got ${encoding}`);
  const cache = response === 'cache';
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.trim() === '') continue;
    let msg;
    try {
      msg = JSON.parse(line);
    } catch {
      process.stderr.write(`adapter: ignoring a line that is not JSON\n`);
      continue;
    }
    if (msg.type === 'hello') {
      if (msg.protocol !== PROTOCOL) process.stderr.write(`adapter: harness speaks protocol ${msg.protocol}, this adapter ${PROTOCOL}\n`);
      if (cache && !(Array.isArray(msg.accepts) && msg.accepts.includes('cache'))) process.stderr.write('adapter: this harness does not accept cache responses (protocol 2); update attn-coreset\n');
      const v2 = cache ? { response: 'cache', encoding } : {};
      send({ type: 'hello', protocol: cache ? CACHE_PROTOCOL : PROTOCOL, name, ...(version !== undefined ? { version } : {}), ...(maxSize !== undefined ? { maxSize } : {}), ...v2 });
    } else if (msg.type === 'request') {
      try {
        const out = await compress(msg.K, msg.V, msg.rho, msg.eps, msg.size);
        if (cache) {
          send(cacheResponse(msg, out, encoding));
          continue;
        }
        const [indices, weights] = Array.isArray(out) ? out : [out.indices, out.weights];
        const I = Array.from(indices, Number);
        const W = Array.from(weights, Number);
        checkNumbers('indices', I);
        checkNumbers('weights', W);
        send({ type: 'response', id: msg.id, indices: I, weights: W });
      } catch (e) {
        send({ type: 'error', id: msg.id, message: String(e?.stack ?? e) });
      }
    } else if (msg.type === 'stop') {
      break;
    } else {
      process.stderr.write(`adapter: ignoring message of type ${JSON.stringify(msg.type)}\n`);
    }
  }
  rl.close();
  process.exit(0);
}
