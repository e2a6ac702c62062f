/**
 * The Python literal subset that `.npy` headers are written in
 * (`{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`).
 * @module
 */
import { InputError } from '../errors.js';

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
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i])) i++;
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
  const seq = (close: string, depth: number): PyValue[] => {
    i++;
    const out: PyValue[] = [];
    for (;;) {
      ws();
      if (text[i] === close) break;
      out.push(value(depth + 1));
      ws();
      if (text[i] === ',') i++;
      else if (text[i] !== close) fail(`expected "," or "${close}"`);
    }
    i++;
    return out;
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
