// Malformed protocol-2 cache responses, by mode (argv[2]): a key row of the
// wrong d, a NaN (only base64 can carry one), a negative weight, base64 that
// is not base64, a subset sent after declaring "cache", or (v1-cache) a
// cache sent after a protocol-1 hello.
import { createInterface } from 'node:readline';

const mode = process.argv[2];
const out = (m) => process.stdout.write(`${JSON.stringify(m)}\n`);
const b64 = (xs) => {
  const b = Buffer.alloc(8 * xs.length);
  xs.forEach((x, t) => b.writeDoubleLE(x, 8 * t));
  return b.toString('base64');
};
for await (const line of createInterface({ input: process.stdin })) {
  const msg = JSON.parse(line);
  if (msg.type === 'hello') out(mode === 'v1-cache' ? { type: 'hello', protocol: 1, name: 'bad-cache-v1' } : { type: 'hello', protocol: 2, name: `bad-cache-${mode}`, response: 'cache', encoding: 'base64' });
  else if (msg.type === 'stop') break;
  else {
    const { id, K, V } = msg;
    const W = K.map(() => 1);
    const r = { type: 'response', id, keys: b64(K.flat()), values: b64(V.flat()), weights: b64(W) };
    if (mode === 'wrong-d') r.keys = K.map((k) => [...k, 0]);
    if (mode === 'nan') r.values = b64(V.flat().map((x, t) => (t === 0 ? NaN : x)));
    if (mode === 'negative') r.weights = W.map((w, i) => (i === 0 ? -1 : w));
    if (mode === 'bad-base64') r.keys = 'not*base64!';
    out(mode === 'subset' ? { type: 'response', id, indices: K.map((_, i) => i), weights: W } : r);
  }
}
process.exit(0);
