/**
 * Where a command writes: stdout for results, stderr for diagnostics and
 * progress. Commands take a {@link CliIo} so tests can run them in-process.
 * @module
 */

/** The output channels and environment a command sees. */
export interface CliIo {
  /** Writes to standard output (results, `--json`). */
  out(text: string): void;
  /** Writes to standard error (messages, progress). */
  err(text: string): void;
  /** Whether stderr is a terminal: progress and human summaries only then. */
  readonly stderrIsTTY: boolean;
  /** Environment variables (ATTN_CORESET_DEBUG, …). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * The io of the running process: `process.stdout` / `process.stderr`.
 * @lemma def:instance
 */
export function processIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
  };
}

/** A {@link CliIo} that records what was written, for tests. */
export interface MemoryIo extends CliIo {
  /** Everything written to stdout so far. */
  readonly stdout: string;
  /** Everything written to stderr so far. */
  readonly stderr: string;
}

/**
 * Creates an in-memory {@link CliIo} (stderr is not a TTY unless `tty`).
 * @lemma def:instance
 */
export function memoryIo(options: { tty?: boolean; env?: Record<string, string | undefined> } = {}): MemoryIo {
  let stdout = '';
  let stderr = '';
  return {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    stderrIsTTY: options.tty ?? false,
    env: options.env ?? {},
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
  };
}
