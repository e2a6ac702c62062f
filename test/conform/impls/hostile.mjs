// Hostile implementations, one per mode (argv[2]), speaking raw protocol.
// Every mode answers the hello correctly unless the mode is about the hello.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const mode = process.argv[2];
const out = (s) => process.stdout.write(s);
if (mode === 'no-hello') {
  setInterval(() => {}, 1000); // never answers anything
} else if (mode === 'bad-protocol') {
  out('{"type":"hello","protocol":2,"name":"future"}\n');
  setInterval(() => {}, 1000);
} else if (mode === 'crash-at-start') {
  process.stderr.write('hostile: crashing at start\n');
  process.exit(7);
} else {
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    const msg = JSON.parse(line);
    if (msg.type === 'hello') {
      // A grandchild in a session of its own that keeps the inherited stdout
      // and stderr open: beyond the reach of a process-group kill.
      if (mode === 'setsid-grandchild') spawn('setsid', ['sleep', process.argv[3] ?? '300'], { stdio: ['ignore', 'inherit', 'inherit'], detached: true }).unref();
      return out(`{"type":"hello","protocol":1,"name":"hostile-${mode}"}\n`);
    }
    if (msg.type !== 'request') return;
    const n = msg.K.length;
    const all = [...Array(n).keys()];
    const ones = all.map(() => 1);
    const ok = (o) => out(`${JSON.stringify({ type: 'response', id: msg.id, indices: all, weights: ones, ...o })}\n`);
    switch (mode) {
      case 'hang':
        return; // never answers
      case 'hang-with-grandchild':
        // leaves a sleeping grandchild in its process group: the harness must kill the group
        spawn('sleep', [process.argv[3] ?? '300'], { stdio: 'ignore' });
        return;
      case 'setsid-grandchild':
        return ok({});
      case 'garbage':
        return out('this is not json {\n');
      case 'partial':
        return out('{"type":"response","id":"'); // never completes the line
      case 'wrong-length':
        return ok({ weights: ones.concat([1]) });
      case 'wrong-id':
        return ok({ id: `${msg.id}-other` });
      case 'exit-early':
        process.stderr.write('hostile: giving up\n');
        return process.exit(3);
      case 'nan-string':
        return out(`{"type":"response","id":${JSON.stringify(msg.id)},"indices":${JSON.stringify(all)},"weights":[${all.map(() => '"NaN"').join(',')}]}\n`);
      case 'nan-literal':
        return out(`{"type":"response","id":${JSON.stringify(msg.id)},"indices":${JSON.stringify(all)},"weights":[${all.map(() => 'NaN').join(',')}]}\n`);
      case 'null-weights':
        return ok({ weights: all.map(() => null) });
      case 'negative':
        return ok({ weights: all.map((i) => (i === 0 ? -1 : 1)) });
      case 'out-of-range':
        return ok({ indices: all.map((i) => i + 1) });
      case 'huge-index':
        return ok({ indices: all.map((i) => i + 2 ** 32) });
      case 'all-zero':
        return ok({ weights: all.map(() => 0) });
      case 'empty':
        return ok({ indices: [], weights: [] });
      case 'huge':
        // a line far beyond the cap the test sets, without a newline
        return out(`{"type":"response","id":${JSON.stringify(msg.id)},"pad":"${'x'.repeat(4 * 1024 * 1024)}`);
      case 'double-answer':
        ok({});
        return ok({});
      case 'log-after':
        // one write: the answer and a log line after it, as one flush
        return out(`${JSON.stringify({ type: 'response', id: msg.id, indices: all, weights: ones })}\ndone with this request\n`);
      case 'chatty':
        out('loading model...\n');
        return ok({});
      case 'declines':
        return out(`${JSON.stringify({ type: 'error', id: msg.id, message: 'cannot do this' })}\n`);
      default:
        process.stderr.write(`unknown mode ${mode}\n`);
        process.exit(2);
    }
  });
}
