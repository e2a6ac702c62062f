/**
 * Argument parsing shared by every command: `node:util` parseArgs in strict
 * mode, numbers parsed by hand so that each bad value gets its own message.
 * Every error is an `InputError` whose `where` is the option (`--eps`) or
 * `arguments`, which the runner answers with exit 2 and the usage line.
 * @module
 */
import { parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import { preview } from '../io/limits.js';
import { parseNumericValue } from '../io/numeric.js';

/** Declaration of one option, as `node:util` parseArgs takes it. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
}

/** Parsed arguments of a command. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: readonly string[];
}

const NEGATIVE_NUMBER = /^-(?:[0-9.]|0[xX]|inf)/i;

/**
 * Parses a command's arguments strictly: unknown options, missing option
 * values and unexpected positionals are usage errors. `--name -1` is read as
 * `--name=-1` for string options (parseArgs alone calls it ambiguous), so a
 * negative number reaches the option's own range check.
 * @lemma def:instance
 */
export function parseCommandArgs(
  argv: readonly string[],
  options: Readonly<Record<string, OptionSpec>>,
  config: { positionals?: boolean } = {},
): ParsedArgs {
  const args: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    const name = a.startsWith('--') ? a.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && k + 1 < argv.length && NEGATIVE_NUMBER.test(argv[k + 1])) {
      args.push(`${a}=${argv[++k]}`);
    } else args.push(a);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: options as Record<string, OptionSpec & { type: 'string' | 'boolean' }>,
      strict: true,
      allowPositionals: config.positionals ?? false,
      tokens: true,
    });
  } catch (e) {
    const message = (e as Error).message.split('\n')[0];
    throw new InputError('usage', 'arguments', message);
  }
  // parseArgs keeps the last of repeated options silently; a repeated
  // single-valued option is more likely a mistake than an override.
  const seen = new Set<string>();
  for (const t of parsed.tokens) {
    if (t.kind !== 'option' || options[t.name]?.multiple) continue;
    if (seen.has(t.name)) throw new InputError('usage', `--${t.name}`, 'is given more than once');
    seen.add(t.name);
  }
  return { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals };
}

/**
 * Reads an optional string option (undefined when absent).
 * @lemma def:instance
 */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new InputError('usage', `--${name}`, 'takes a value');
  return v;
}

/**
 * Reads a required string option; a missing one is a usage error naming it.
 * @lemma def:instance
 */
export function requiredString(args: ParsedArgs, name: string): string {
  const v = stringOption(args, name);
  if (v === undefined) throw new InputError('usage', `--${name}`, 'is required');
  return v;
}

/**
 * Reads a boolean flag (false when absent).
 * @lemma def:instance
 */
export function flagOption(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/** Constraints of {@link numberOption}. */
export interface NumberConstraints {
  /** Must be > 0 (ρ, ε). @defaultValue false */
  readonly positive?: boolean;
  /** Must be ≥ 0. @defaultValue false */
  readonly nonNegative?: boolean;
  /** Must be an integer. @defaultValue false */
  readonly integer?: boolean;
  /** Inclusive lower bound. */
  readonly min?: number;
  /** Inclusive upper bound. */
  readonly max?: number;
}

/**
 * Parses the text of a numeric option: a decimal ("0.05", "-1e-3") or a
 * hexadecimal float ("0x1.8p+1", exact), finite, then checked against the
 * constraints. "abc", "", "1,5", "NaN" and "Infinity" are usage errors naming
 * the option and the text.
 * @lemma def:eps-coreset
 */
export function parseNumberText(text: string, name: string, c: NumberConstraints = {}): number {
  const where = `--${name}`;
  let x: number;
  try {
    x = parseNumericValue(text, where);
  } catch {
    throw new InputError('usage', where, `must be a number, got ${preview(text)}`);
  }
  const shown = text.length <= 40 ? text : preview(text);
  if (!Number.isFinite(x)) throw new InputError('usage', where, `must be a finite number, got ${preview(text)}`);
  if (c.integer && !Number.isInteger(x)) throw new InputError('parameter', where, `must be an integer, got ${shown}`);
  if (c.positive && !(x > 0)) throw new InputError('parameter', where, `${name} must be > 0, got ${shown}`);
  if (c.nonNegative && !(x >= 0)) throw new InputError('parameter', where, `${name} must be ≥ 0, got ${shown}`);
  if (c.min !== undefined && x < c.min) throw new InputError('parameter', where, `${name} must be ≥ ${c.min}, got ${shown}`);
  if (c.max !== undefined && x > c.max) throw new InputError('parameter', where, `${name} must be ≤ ${c.max}, got ${shown}`);
  return x;
}

/**
 * Reads an optional numeric option by {@link parseNumberText} (undefined when
 * absent).
 * @lemma def:eps-coreset
 */
export function optionalNumber(args: ParsedArgs, name: string, c: NumberConstraints = {}): number | undefined {
  const text = stringOption(args, name);
  return text === undefined ? undefined : parseNumberText(text, name, c);
}

/**
 * Reads a numeric option by {@link parseNumberText}, `fallback` when absent.
 * @lemma def:eps-coreset
 */
export function numberOption(args: ParsedArgs, name: string, fallback: number, c: NumberConstraints = {}): number {
  return optionalNumber(args, name, c) ?? fallback;
}

/**
 * Reads a required numeric option by {@link parseNumberText}; a missing one
 * is a usage error naming it.
 * @lemma def:eps-coreset
 */
export function requiredNumber(args: ParsedArgs, name: string, c: NumberConstraints = {}): number {
  return parseNumberText(requiredString(args, name), name, c);
}
