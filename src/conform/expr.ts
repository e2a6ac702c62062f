/**
 * A tiny, safe arithmetic language for size claims such as
 * "8*sqrt(d)*exp(rho)/eps": numbers, the variables d, rho, eps, n, dv, the
 * constants e and pi, + − * / ^ (right-associative), unary ±, parentheses and
 * the functions sqrt exp log ln log2 log10 ceil floor abs min max pow. Parsed
 * by recursive descent into a closure; nothing is ever `eval`ed.
 * @module
 */
import { InputError } from '../errors.js';

/** The variables a size formula may use. */
export interface SizeVars {
  readonly d: number;
  readonly dv: number;
  readonly n: number;
  readonly rho: number;
  readonly eps: number;
}

type Node = (v: SizeVars) => number;

const FUNCS: Record<string, (...a: number[]) => number> = {
  sqrt: Math.sqrt,
  exp: Math.exp,
  log: Math.log,
  ln: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  ceil: Math.ceil,
  floor: Math.floor,
  abs: Math.abs,
  min: Math.min,
  max: Math.max,
  pow: Math.pow,
};
const ARITY: Record<string, [number, number]> = { min: [1, 16], max: [1, 16], pow: [2, 2] };
const VARS = new Set(['d', 'dv', 'n', 'rho', 'eps']);
const CONSTS: Record<string, number> = { e: Math.E, pi: Math.PI };

const TOKEN = /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z_0-9]*)|(\*\*|[-+*/^(),]))/y;

/**
 * Parses a size formula in d, dv, n, rho, eps into a function of those
 * variables (a size bound m(d, ρ, ε) as in `thm:upper-bound`).
 *
 * Error: an {@link InputError} (`usage`) naming `where` and the position.
 * @example
 * ```ts
 * parseSizeFormula('8*sqrt(d)*exp(rho)/eps')({ d: 4, dv: 1, n: 10, rho: 1, eps: 0.5 }); // 87.0…
 * ```
 * @lemma thm:upper-bound
 */
export function parseSizeFormula(text: string, where = '--max-size'): (v: SizeVars) => number {
  const tokens: { kind: 'num' | 'id' | 'op'; text: string; pos: number }[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (m === null) throw new InputError('usage', where, `unexpected character ${JSON.stringify(text.slice(pos).trimStart()[0])} at position ${pos} of ${JSON.stringify(text)}`);
    const kind = m[1] !== undefined ? 'num' : m[2] !== undefined ? 'id' : 'op';
    tokens.push({ kind, text: m[1] ?? m[2] ?? (m[3] === '**' ? '^' : m[3]), pos });
    pos = TOKEN.lastIndex;
  }
  let k = 0;
  const fail = (msg: string): never => {
    throw new InputError('usage', where, `${msg} in ${JSON.stringify(text)}`);
  };
  const peek = () => tokens[k]?.text;
  const expect = (t: string) => {
    if (peek() !== t) fail(`expected "${t}" at position ${tokens[k]?.pos ?? text.length}`);
    k++;
  };
  const sum = (): Node => {
    let left = product();
    while (peek() === '+' || peek() === '-') {
      const op = tokens[k++].text;
      const a = left;
      const b = product();
      left = op === '+' ? (v) => a(v) + b(v) : (v) => a(v) - b(v);
    }
    return left;
  };
  const product = (): Node => {
    let left = unary();
    while (peek() === '*' || peek() === '/') {
      const op = tokens[k++].text;
      const a = left;
      const b = unary();
      left = op === '*' ? (v) => a(v) * b(v) : (v) => a(v) / b(v);
    }
    return left;
  };
  const unary = (): Node => {
    if (peek() === '-') {
      k++;
      const a = unary();
      return (v) => -a(v);
    }
    if (peek() === '+') {
      k++;
      return unary();
    }
    return power();
  };
  const power = (): Node => {
    const base = atom();
    if (peek() !== '^') return base;
    k++;
    const exp = unary(); // right-associative: 2^3^2 = 2^9
    return (v) => base(v) ** exp(v);
  };
  const atom = (): Node => {
    const t = tokens[k];
    if (t === undefined) return fail('unexpected end');
    k++;
    if (t.kind === 'num') {
      const x = Number(t.text);
      return () => x;
    }
    if (t.text === '(') {
      const inner = sum();
      expect(')');
      return inner;
    }
    if (t.kind !== 'id') return fail(`unexpected "${t.text}" at position ${t.pos}`);
    if (peek() === '(') {
      const f = Object.hasOwn(FUNCS, t.text) ? FUNCS[t.text] : undefined;
      if (f === undefined) return fail(`unknown function "${t.text}"`);
      k++;
      const args: Node[] = [sum()];
      while (peek() === ',') {
        k++;
        args.push(sum());
      }
      expect(')');
      const [lo, hi] = ARITY[t.text] ?? [1, 1];
      if (args.length < lo || args.length > hi) fail(`${t.text} takes ${lo === hi ? lo : `${lo}..${hi}`} argument(s), got ${args.length}`);
      return (v) => f(...args.map((a) => a(v)));
    }
    if (VARS.has(t.text)) {
      const name = t.text as keyof SizeVars;
      return (v) => v[name];
    }
    if (Object.hasOwn(CONSTS, t.text)) {
      const c = CONSTS[t.text];
      return () => c;
    }
    return fail(`unknown name "${t.text}" (variables: d, dv, n, rho, eps; constants: e, pi)`);
  };
  if (tokens.length === 0) fail('empty formula');
  const root = sum();
  if (k < tokens.length) fail(`unexpected "${tokens[k].text}" at position ${tokens[k].pos}`);
  return root;
}

/**
 * Evaluates a size claim (a number or a formula) at one case: the largest
 * support accepted, ⌊m⌋; `Infinity` when the formula is not finite.
 * @lemma thm:upper-bound
 */
export function sizeBound(claim: number | ((v: SizeVars) => number), vars: SizeVars): number {
  const m = typeof claim === 'number' ? claim : claim(vars);
  return Number.isFinite(m) ? Math.floor(m) : Number.isNaN(m) ? 0 : Infinity;
}
