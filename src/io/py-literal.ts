/**
 * The Python literal subset that `.npy` headers are written in
 * (`{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`).
 * @module
 */
import { InputError } from '../errors.js';

/** Whitespace Python's tokenizer skips: space, tab, newline, carriage return, form feed. @internal */
export const PY_SPACE: ReadonlySet<string> = new Set([' ', '\t', '\n', '\r', '\f']);

/** A parsed Python literal: str, int, bool, None, tuple/list, dict. */
export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

/**
 * Parses a Python literal made of dicts with string keys, tuples, lists,
 * strings, integers, True, False and None — what `numpy.lib.format` writes
 * as a `.npy` header (it reads them with `ast.literal_eval`).
 *
 * Special cases: anything else, or trailing text, is an {@link InputError}
 * (`format`) naming `where` and the character offset.
 * @lemma def:instance
 */
export function parsePyLiteral(text: string, where: string): PyValue {
  let i = 0;
  const fail = (what: string): never => {
    throw new InputError('format', where, `header is not a Python literal: ${what} at character ${i}`);
  };
  // Python's whitespace between tokens (ast.literal_eval): not NUL, not
  // \v, not the Unicode spaces JavaScript's \s also matches.
  const ws = (): void => {
    while (i < text.length && PY_SPACE.has(text[i])) i++;
  };
  const value = (depth: number): PyValue => {
    if (depth > 32) fail('nesting too deep');
    ws();
    const c = text[i];
    if (c === '{') return dict(depth);
    if (c === '(' || c === '[') return seq(c === '(' ? ')' : ']', depth);
    if (c === "'" || c === '"') return str();
    const word = /^(True|False|None|[+-]?[0-9]+L?)/.exec(text.slice(i, i + 40));
    if (word === null) return fail(c === undefined ? 'unexpected end' : `unexpected ${JSON.stringify(c)}`);
    // Python refuses leading zeros in a decimal integer ("02"), except zero itself.
    if (/^[+-]?0+[1-9]/.test(word[0])) fail(`integer ${word[0]} with a leading zero`);
    i += word[0].length;
    if (word[0] === 'True') return true;
    if (word[0] === 'False') return false;
    if (word[0] === 'None') return null;
    return Number(word[0].replace('L', ''));
  };
  const str = (): string => {
    const q = text[i++];
    let out = '';
    while (i < text.length && text[i] !== q) {
      if (text[i] === '\\') i++;
      out += text[i++];
    }
    if (text[i] !== q) fail('unterminated string');
    i++;
    return out;
  };
  // A parenthesised single value without a comma, `(6)`, is that value in
  // Python, not a tuple: numpy refuses it as a shape, and so do we.
  const seq = (close: string, depth: number): PyValue => {
    i++;
    const out: PyValue[] = [];
    let commas = 0;
    for (;;) {
      ws();
      if (text[i] === close) break;
      out.push(value(depth + 1));
      ws();
      if (text[i] === ',') {
        i++;
        commas++;
      } else if (text[i] !== close) fail(`expected "," or "${close}"`);
    }
    i++;
    return close === ')' && out.length === 1 && commas === 0 ? out[0] : out;
  };
  const dict = (depth: number): { [key: string]: PyValue } => {
    i++;
    const out: { [key: string]: PyValue } = Object.create(null) as { [key: string]: PyValue };
    for (;;) {
      ws();
      if (text[i] === '}') break;
      if (text[i] !== "'" && text[i] !== '"') fail('expected a string key');
      const key = str();
      ws();
      if (text[i++] !== ':') fail('expected ":"');
      out[key] = value(depth + 1);
      ws();
      if (text[i] === ',') i++;
      else if (text[i] !== '}') fail('expected "," or "}"');
    }
    i++;
    return out;
  };
  const result = value(0);
  ws();
  if (i !== text.length) fail('trailing text');
  return result;
}
