/**
 * Size claims such as "8*sqrt(d)*exp(rho)/eps", parsed by mathjs's
 * expression parser and accepted only when every node of the tree is on a
 * short whitelist: numbers, the variables d, dv, n, rho, eps, the constants
 * e and pi, + − * / ^ (explicit; unary ±), parentheses, and the functions
 * sqrt cbrt exp log ln log2 log10 ceil floor round abs min max pow. No
 * assignment, function definition, accessor, matrix, object, block, range,
 * conditional or any other mathjs function (`import`, `createUnit`,
 * `evaluate`, `parse`, … are refused before anything runs), as mathjs's
 * security notes advise for untrusted expressions. The tree is evaluated
 * with `predictable: true`, so the result is a real number (NaN where a
 * real function is undefined), never a complex one.
 *
 * What a claim's value m at a case means (numbers and formulas alike; see
 * conformance/protocol.md): the largest accepted support is ⌊m⌋ for m ≥ 1;
 * m = +∞ means no bound at that case; NaN, m < 1 (negative, −∞ included)
 * means no weighted set can meet the claim, so the case fails with reason
 * `size-claim`. A claim that is constant (a number, or a formula without
 * variables) and is NaN or < 1 fails every case, so it is refused at once.
 * @module
 */
import { create, all, type MathNode, type MathJsInstance } from 'mathjs';
import { InputError } from '../errors.js';

/** The variables a size formula may use. */
export interface SizeVars {
  readonly d: number;
  readonly dv: number;
  readonly n: number;
  readonly rho: number;
  readonly eps: number;
}

/** Longest formula accepted, in characters (a claim is a short expression; this bounds parse time). */
export const MAX_FORMULA_LENGTH = 1000;

const VARS = new Set(['d', 'dv', 'n', 'rho', 'eps']);
const CONSTS = new Set(['e', 'pi']);
/** Allowed functions and their arities [min, max]. */
const FUNCS: Record<string, readonly [number, number]> = {
  sqrt: [1, 1],
  cbrt: [1, 1],
  exp: [1, 1],
  log: [1, 2],
  ln: [1, 1],
  log2: [1, 1],
  log10: [1, 1],
  ceil: [1, 1],
  floor: [1, 1],
  round: [1, 1],
  abs: [1, 1],
  min: [1, 16],
  max: [1, 16],
  pow: [2, 2],
};
const OPERATORS = new Set(['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus']);

let math: MathJsInstance | undefined;
/** One mathjs instance, created on first use: real results, numbers only. */
function mathjs(): MathJsInstance {
  math ??= create(all, { predictable: true, number: 'number' });
  return math;
}

/** Checks every node against the whitelist; returns whether a variable occurs. */
function check(node: MathNode, fail: (msg: string) => never): boolean {
  let usesVars = false;
  node.traverse((n, _path, parent) => {
    switch (n.type) {
      case 'ConstantNode':
        if (typeof (n as unknown as { value: unknown }).value !== 'number') fail('only numbers are allowed as constants');
        return;
      case 'ParenthesisNode':
        return;
      case 'OperatorNode': {
        const op = n as unknown as { fn: string; op: string; implicit: boolean };
        if (op.implicit) fail('implicit multiplication: write * explicitly');
        if (!OPERATORS.has(op.fn)) fail(`operator "${op.op}" is not allowed (use + - * / ^)`);
        return;
      }
      case 'SymbolNode': {
        const name = (n as unknown as { name: string }).name;
        const isCallee = parent?.type === 'FunctionNode' && (parent as unknown as { fn: MathNode }).fn === n;
        if (isCallee) return; // checked with its FunctionNode
        if (VARS.has(name)) usesVars = true;
        else if (!CONSTS.has(name)) fail(`unknown name "${name}" (variables: d, dv, n, rho, eps; constants: e, pi)`);
        return;
      }
      case 'FunctionNode': {
        const f = n as unknown as { fn: MathNode; args: MathNode[] };
        const name = f.fn.type === 'SymbolNode' ? (f.fn as unknown as { name: string }).name : '';
        const arity = Object.hasOwn(FUNCS, name) ? FUNCS[name] : undefined;
        if (arity === undefined) fail(`unknown function "${name || f.fn.toString()}"`);
        const [lo, hi] = arity!;
        if (f.args.length < lo || f.args.length > hi) fail(`${name} takes ${lo === hi ? lo : `${lo}..${hi}`} argument(s), got ${f.args.length}`);
        return;
      }
      default:
        fail(`${n.type.replace(/Node$/, '').toLowerCase()} expressions are not allowed in a size claim`);
    }
  });
  return usesVars;
}

/** A parsed size claim: its evaluator and whether it depends on the case. */
export interface SizeFormula {
  (v: SizeVars): number;
  readonly constant: boolean;
}

/**
 * Parses a size formula in d, dv, n, rho, eps into a function of those
 * variables (a size bound m(d, ρ, ε) as in `thm:upper-bound`).
 *
 * Error: an {@link InputError} (`usage`) naming `where`: an empty or
 * over-long formula, a syntax error (mathjs's message), or any node off the
 * whitelist.
 * @example
 * ```ts
 * parseSizeFormula('8*sqrt(d)*exp(rho)/eps')({ d: 4, dv: 1, n: 10, rho: 1, eps: 0.5 }); // 87.0…
 * ```
 * @lemma thm:upper-bound
 */
export function parseSizeFormula(text: string, where = '--max-size'): SizeFormula {
  const shown = text.length > 80 ? `${JSON.stringify(text.slice(0, 80))}…` : JSON.stringify(text);
  const fail = (msg: string): never => {
    throw new InputError('usage', where, `${msg} in ${shown}`);
  };
  if (text.length > MAX_FORMULA_LENGTH) fail(`formula longer than ${MAX_FORMULA_LENGTH} characters`);
  if (text.trim() === '') fail('empty formula');
  let node: MathNode;
  try {
    node = mathjs().parse(text);
  } catch (e) {
    return fail((e as Error).message);
  }
  const usesVars = check(node, fail);
  // ln is log with one argument; mathjs has no ln.
  const tree = node.transform((n) => (n.type === 'FunctionNode' && (n as unknown as { fn: { name?: string } }).fn.name === 'ln' ? mathjs().parse(`log(${(n as unknown as { args: MathNode[] }).args[0].toString()})`) : n));
  const code = tree.compile();
  const f = ((v: SizeVars) => {
    const x: unknown = code.evaluate({ d: v.d, dv: v.dv, n: v.n, rho: v.rho, eps: v.eps });
    return typeof x === 'number' ? x : NaN;
  }) as SizeFormula;
  Object.defineProperty(f, 'constant', { value: !usesVars });
  return f;
}

/**
 * Evaluates a size claim (a number or a formula) at one case: the largest
 * support accepted, ⌊m⌋ for m ≥ 1; `Infinity` (no bound) for m = +∞; 0
 * (nothing can meet it) for NaN and m < 1.
 * @lemma thm:upper-bound
 */
export function sizeBound(claim: number | ((v: SizeVars) => number), vars: SizeVars): number {
  const m = typeof claim === 'number' ? claim : claim(vars);
  if (m === Infinity) return Infinity;
  return m >= 1 ? Math.floor(m) : 0;
}
