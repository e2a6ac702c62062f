/**
 * The subprocess client: starts an implementation under test, performs the
 * handshake, sends requests and reads answers with deadlines, and kills the
 * implementation's whole process group when done or when it misbehaves.
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Failure } from './failure.js';
import { LineReader } from './line-reader.js';
import { decodeLine, HELLO_LINE, isFailure, PROTOCOL_VERSIONS, STOP_LINE, type ErrorMessage, type ImplHello, type ResponseMessage } from './protocol.js';
import { killGroup, killTagged, newTag, releaseStdio, TAG_VARIABLE, track } from './reaper.js';

/** Options of {@link ImplProcess.start}. */
export interface ImplProcessOptions {
  /** Deadline for the hello answer, in ms. @defaultValue 10000 */
  readonly handshakeTimeoutMs?: number;
  /** Longest accepted output line in bytes. @defaultValue 64 MiB */
  readonly maxLineBytes?: number;
  /** Working directory of the command. @defaultValue the harness's */
  readonly cwd?: string;
  /** Receives the implementation's stderr (diagnostics), chunk by chunk. */
  readonly onStderr?: (chunk: string) => void;
}

/** The shell's conventional meanings of the exit codes a command that did not start gives. */
const SHELL_CODES: Record<number, string> = { 126: 'found but not executable', 127: 'command not found' };

/** ", exit code N (meaning)" once the child has exited (waiting up to `ms`), else "". */
async function exitStatus(child: ChildProcess, ms: number): Promise<string> {
  if (child.exitCode === null && child.signalCode === null) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  if (child.signalCode !== null) return ` (killed by ${child.signalCode})`;
  if (child.exitCode === null) return '';
  const meaning = SHELL_CODES[child.exitCode];
  return ` (exit code ${child.exitCode}${meaning ? `: ${meaning}` : ''})`;
}

/** Default line cap: 64 MiB, room for a response on n ≈ 4·10⁶ points. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;
const STDERR_TAIL = 4096;

/**
 * A running implementation speaking protocol 1 on stdin/stdout.
 * Every method resolves (never rejects) and never waits past its deadline.
 * @lemma def:eps-coreset
 */
export class ImplProcess {
  private stderrTail = '';
  private exitNote = '';
  private dead = false;
  private lastAnswered: string | undefined;

  private constructor(
    private readonly child: ChildProcess,
    private readonly reader: LineReader,
    readonly hello: ImplHello,
    private readonly tag: string,
  ) {}

  /**
   * Spawns `command` through the shell in its own process group and does
   * the handshake. Returns the running process, or a `start`/`handshake`
   * failure (the process is then already killed).
   */
  static async start(command: string, options: ImplProcessOptions = {}): Promise<ImplProcess | Failure> {
    const handshakeMs = options.handshakeTimeoutMs ?? 10_000;
    let child: ChildProcess;
    const tag = newTag();
    try {
      child = spawn(command, { shell: true, detached: true, stdio: ['pipe', 'pipe', 'pipe'], cwd: options.cwd, env: { ...process.env, [TAG_VARIABLE]: tag } });
    } catch (e) {
      return { reason: 'start', message: `could not spawn ${JSON.stringify(command)}: ${(e as Error).message}` };
    }
    track(child, tag);
    let spawnError = '';
    child.on('error', (e) => {
      spawnError = e.message;
    });
    child.stdin?.on('error', () => {
      // EPIPE when the child is gone: noticed through stdout's end instead.
    });
    const reader = new LineReader(child.stdout!, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
    let tail = '';
    child.stderr!.on('data', (c: Buffer) => {
      const s = c.toString('utf8');
      tail = (tail + s).slice(-STDERR_TAIL);
      options.onStderr?.(s);
    });
    const fail = (reason: Failure['reason'], message: string): Failure => {
      killGroup(child);
      killTagged(tag);
      releaseStdio(child);
      const t = tail.trim();
      return { reason, message: t ? `${message}; stderr ends: ${t.slice(-500)}` : message };
    };
    if (child.pid === undefined) return fail('start', `could not spawn ${JSON.stringify(command)}: ${spawnError || 'no pid'}`);
    child.stdin!.write(`${HELLO_LINE}\n`);
    const ev = await reader.next(handshakeMs);
    if (ev.kind === 'timeout') return fail('handshake', `no hello within ${handshakeMs} ms`);
    if (ev.kind === 'end') {
      const status = await exitStatus(child, 500);
      return fail('start', `exited before the handshake${status}${spawnError ? ` (${spawnError})` : ''}`);
    }
    if (ev.kind === 'overflow') return fail('handshake', `hello line longer than the cap (${ev.bytes} bytes)`);
    const msg = decodeLine(ev.line);
    if (isFailure(msg)) return fail('handshake', `bad hello: ${msg.message}`);
    if (msg.type !== 'hello') return fail('handshake', `expected a hello, got a ${msg.type} message`);
    if (!PROTOCOL_VERSIONS.includes(msg.protocol)) return fail('handshake', `implementation speaks protocol ${msg.protocol}, the harness speaks ${PROTOCOL_VERSIONS.join(' and ')}`);
    // v2 fields in a v1 hello would change nothing a v1 session does: refuse them rather than guess.
    if (msg.protocol === 1 && (msg.response !== undefined || msg.encoding !== undefined)) return fail('handshake', 'hello declares "response"/"encoding", which need protocol 2');
    if (msg.protocol === 2 && msg.response === undefined) return fail('handshake', 'a protocol-2 hello must declare "response": "subset" or "cache"');
    if (msg.encoding !== undefined && msg.response !== 'cache') return fail('handshake', 'hello declares an "encoding" without "response": "cache"');
    const proc = new ImplProcess(child, reader, msg, tag);
    child.stderr!.removeAllListeners('data');
    proc.stderrTail = tail;
    child.stderr!.on('data', (c: Buffer) => {
      const s = c.toString('utf8');
      proc.stderrTail = (proc.stderrTail + s).slice(-STDERR_TAIL);
      options.onStderr?.(s);
    });
    child.on('exit', (code, signal) => {
      proc.exitNote = signal ? `killed by ${signal}` : `exit code ${code}`;
    });
    return proc;
  }

  /** The last few KiB of the implementation's stderr. */
  get diagnostics(): string {
    return this.stderrTail;
  }

  /** True once the process was killed or stopped. */
  get stopped(): boolean {
    return this.dead;
  }

  /**
   * Sends one request line and waits up to `timeoutMs` for the answer with
   * id `id`. Any deviation is a {@link Failure}; after a failure whose
   * reason is in `DESYNC_REASONS` the caller should {@link kill} the process.
   */
  async request(id: string, line: string, timeoutMs: number): Promise<ResponseMessage | ErrorMessage | Failure> {
    if (this.dead) return { reason: 'exit', message: 'the implementation is no longer running' };
    // A line already waiting was printed before this request existed: a
    // second answer to the previous request, or a log line on stdout.
    const late = this.lateOutput();
    if (late !== undefined) return late;
    this.child.stdin!.write(`${line}\n`);
    const written = this.reader.bytesSeen;
    const ev = await this.reader.next(timeoutMs);
    if (ev.kind === 'timeout') {
      const hint =
        this.reader.bytesSeen === written
          ? '; nothing at all arrived on stdout: if the implementation wrote its answer, it is still in its output buffer (flush stdout after each line: Python print(..., flush=True) or python -u; C fflush(stdout))'
          : '; a partial line arrived with no newline yet (end each message with \\n and flush)';
      return { reason: 'timeout', message: `no answer within ${timeoutMs} ms${hint}` };
    }
    if (ev.kind === 'overflow') return { reason: 'line-too-long', message: `an output line exceeded the cap (${ev.bytes} bytes read)` };
    if (ev.kind === 'end') {
      await new Promise((r) => setTimeout(r, 20)); // let the exit status arrive
      const why = this.exitNote || 'stdout closed';
      const t = this.stderrTail.trim();
      return { reason: 'exit', message: `the implementation exited during the request (${why})${t ? `; stderr ends: ${t.slice(-500)}` : ''}` };
    }
    const msg = decodeLine(ev.line);
    if (isFailure(msg)) return msg;
    if (msg.type === 'hello') return { reason: 'schema', message: 'unexpected hello in place of a response' };
    if (msg.type === 'error') {
      if (msg.id !== undefined && msg.id !== id) return { reason: 'id-mismatch', message: `error message for id ${JSON.stringify(msg.id)}, expected ${JSON.stringify(id)}` };
      return msg;
    }
    if (msg.id !== id && msg.id === this.lastAnswered) {
      // A second answer to the previous request, late: that request's fault.
      return { reason: 'schema', after: msg.id, message: `a second answer to ${JSON.stringify(msg.id)} arrived after its first` };
    }
    if (msg.id !== id) return { reason: 'id-mismatch', message: `response for id ${JSON.stringify(msg.id)}, expected ${JSON.stringify(id)}` };
    this.lastAnswered = id;
    return msg;
  }

  /**
   * A failure blamed on the last answered request when lines arrived after
   * its answer (a second answer, or a log line on stdout); else undefined.
   */
  lateOutput(): Failure | undefined {
    const unsolicited = this.reader.drain();
    if (unsolicited.length === 0) return undefined;
    const first = unsolicited[0];
    const shown = JSON.stringify(first.length > 200 ? `${first.slice(0, 200)}…` : first);
    if (this.lastAnswered === undefined) return { reason: 'schema', message: `unsolicited output on stdout: ${shown}` };
    return {
      reason: 'schema',
      after: this.lastAnswered,
      message: `output on stdout after the answer to ${JSON.stringify(this.lastAnswered)}: ${shown} (a second answer, or a log line: diagnostics belong on stderr)`,
    };
  }

  /**
   * Kills the implementation's process group at once and closes our ends of
   * its pipes (a process outside the group that still holds them cannot
   * keep the harness waiting). Idempotent.
   */
  kill(): void {
    this.dead = true;
    killGroup(this.child);
    killTagged(this.tag);
    releaseStdio(this.child);
  }

  /**
   * Sends the stop message, waits up to `graceMs` for the process to exit,
   * then kills the group whatever happened (grandchildren included).
   */
  async stop(graceMs = 1000): Promise<void> {
    if (this.dead) return;
    this.child.stdin!.write(`${STOP_LINE}\n`);
    this.child.stdin!.end();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs);
        this.child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    this.kill();
  }
}
