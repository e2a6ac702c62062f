// attn-coreset conformance adapter for Node (protocol 1), no dependencies.
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
import { createInterface } from 'node:readline';

const PROTOCOL = 1;

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

/**
 * Serves protocol 1 on stdin/stdout until the harness sends stop (or closes
 * stdin), calling `compress` once per request, one request at a time.
 */
export async function serve(compress, { name = 'node-implementation', version, maxSize } = {}) {
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
      send({ type: 'hello', protocol: PROTOCOL, name, ...(version !== undefined ? { version } : {}), ...(maxSize !== undefined ? { maxSize } : {}) });
    } else if (msg.type === 'request') {
      try {
        const out = await compress(msg.K, msg.V, msg.rho, msg.eps, msg.size);
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
