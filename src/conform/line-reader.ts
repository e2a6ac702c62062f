/**
 * Splits a byte stream into lines with a hard cap on line length, and hands
 * them out one at a time with a deadline. Why a cap: a broken implementation
 * may print gigabytes without a newline; the harness must fail the case, not
 * run out of memory.
 * @module
 */
import type { Readable } from 'node:stream';

/** What {@link LineReader.next} yields. */
export type LineEvent =
  | { readonly kind: 'line'; readonly line: string }
  | { readonly kind: 'end' }
  | { readonly kind: 'overflow'; readonly bytes: number }
  | { readonly kind: 'timeout' };

/**
 * Buffers the complete lines of a stream (UTF-8, `\n`-terminated, a trailing
 * `\r` removed, blank lines skipped) and reports when the stream ends or a
 * line exceeds `maxLineBytes`.
 * @lemma def:weighted-set
 */
export class LineReader {
  private readonly lines: string[] = [];
  private partial: Buffer[] = [];
  private partialBytes = 0;
  private ended = false;
  private overflowBytes = 0;
  private wake: (() => void) | null = null;

  constructor(
    stream: Readable,
    private readonly maxLineBytes: number,
  ) {
    stream.on('data', (chunk: Buffer) => this.push(chunk));
    stream.on('end', () => this.finish());
    stream.on('close', () => this.finish());
    stream.on('error', () => this.finish());
  }

  /** Bytes received so far (a timeout with none new since the request means nothing was flushed). */
  bytesSeen = 0;

  private push(chunk: Buffer): void {
    this.bytesSeen += chunk.length;
    if (this.overflowBytes > 0) return;
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      const piece = chunk.subarray(start, nl < 0 ? chunk.length : nl);
      this.partialBytes += piece.length;
      if (this.partialBytes > this.maxLineBytes) {
        this.overflowBytes = this.partialBytes;
        this.partial = [];
        break;
      }
      this.partial.push(piece);
      if (nl < 0) break;
      let line = Buffer.concat(this.partial).toString('utf8');
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line.trim() !== '') this.lines.push(line);
      this.partial = [];
      this.partialBytes = 0;
      start = nl + 1;
    }
    this.notify();
  }

  private finish(): void {
    this.ended = true;
    this.notify();
  }

  private notify(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** The next complete line, or why there is none within `timeoutMs`. */
  async next(timeoutMs: number): Promise<LineEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.lines.shift();
      if (line !== undefined) return { kind: 'line', line };
      if (this.overflowBytes > 0) return { kind: 'overflow', bytes: this.overflowBytes };
      if (this.ended) return { kind: 'end' };
      const left = deadline - Date.now();
      if (left <= 0) return { kind: 'timeout' };
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        timer = setTimeout(resolve, left);
      });
      clearTimeout(timer);
      this.wake = null;
    }
  }

  /** Takes the complete lines buffered so far (output nobody asked for). */
  drain(): string[] {
    return this.lines.splice(0);
  }
}
