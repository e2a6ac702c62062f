/**
 * Prefixes whole lines of a chunked stream (the implementation's stderr
 * under `--verbose`): a chunk boundary inside a line never splits the
 * prefix into the middle of it.
 * @module
 */

/** A chunk sink that also writes out a pending partial line on `flush()`. */
export interface LinePrefixer {
  (chunk: string): void;
  flush(): void;
}

/** A partial line longer than this is written out (prefixed) without waiting for its end. */
const MAX_PENDING = 64 * 1024;

/**
 * Returns a sink that writes `prefix + line` for every complete line of the
 * chunks it is given (newline kept), holding a partial line back until its
 * end arrives, `flush()` is called, or it grows past 64 KiB.
 * @lemma def:eps-coreset
 */
export function linePrefixer(prefix: string, write: (s: string) => void): LinePrefixer {
  let pending = '';
  const sink = ((chunk: string) => {
    pending += chunk;
    const cut = pending.lastIndexOf('\n');
    if (cut >= 0) {
      write(pending.slice(0, cut + 1).replace(/^(?=.)/gm, prefix).replace(/^(?=\n)/gm, prefix));
      pending = pending.slice(cut + 1);
    }
    if (pending.length > MAX_PENDING) sink.flush();
  }) as LinePrefixer;
  sink.flush = () => {
    if (pending !== '') write(`${prefix}${pending}\n`);
    pending = '';
  };
  return sink;
}
