/**
 * Seeded mutations of valid inputs: the fuzzer's mutant `i` of a target is a
 * pure function of (run seed, target name, i), so every finding reproduces
 * from three numbers.
 */
import { xoshiro128ss } from '../../src/prng.js';

/** A seeded generator of 32-bit words: the project's xoshiro128** core, its state spread from one seed word. */
export function rng(seed: number): () => number {
  const s = seed >>> 0;
  return xoshiro128ss(s ^ 0x9e3779b9, Math.imul(s, 0x85ebca6b) >>> 0 || 1, s ^ 0xc2b2ae35, 0x27d4eb2f);
}

/** FNV-1a of a string, to seed each (target, case) independently. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193) >>> 0;
  return h;
}

/** Largest mutant, in bytes: big enough for super-linear parsing to show, small enough to stay fast. */
export const MAX_MUTANT = 1 << 20;

const BYTES = [0, 1, 0x7f, 0x80, 0xff, 0x20, 0x0a, 0x22, 0x27, 0x2c, 0x2d, 0x2e, 0x30, 0x31, 0x39, 0x3a, 0x5b, 0x5d, 0x65, 0x7b, 0x7d, 0x78];
const INTS = [0n, 1n, 2n, 7n, 8n, 0x7fn, 0xffn, 0xffffn, 0x7fffffffn, 0xffffffffn, 2n ** 32n, 2n ** 53n - 1n, 2n ** 64n - 1n];
const LITERALS = ['0', '-1', '3.0', '1e308', '-0', '4294967296', '9007199254740991', '18446744073709551615', '1e-400', 'NaN', 'Infinity', '0x1p+1024', '9'.repeat(2000), ' '.repeat(5000)];

/**
 * Mutates `input` by 1–4 operators (mostly one) drawn from `next`: bit flips, special
 * bytes, inserted and deleted ranges, a range repeated up to 2000 times, now and
 * then 200,000 (to expose super-linear parsing), truncation, little-endian integers written
 * over header fields, and number literals spliced over digit runs.
 */
export function mutate(input: Uint8Array, next: () => number): Uint8Array {
  let b: Uint8Array = input.slice();
  // Mostly one operator (near-valid inputs reach deeper checks), sometimes up to four.
  const ops = next() % 3 === 0 ? 2 + (next() % 3) : 1;
  const pick = <T>(xs: readonly T[]): T => xs[next() % xs.length];
  const pos = (): number => (b.length === 0 ? 0 : next() % b.length);
  for (let k = 0; k < ops; k++) {
    switch (next() % 8) {
      case 0:
        if (b.length > 0) b[pos()] ^= 1 << (next() % 8);
        break;
      case 1:
        if (b.length > 0) b[pos()] = pick(BYTES);
        break;
      case 2: {
        const at = pos();
        const ins = Uint8Array.from({ length: 1 + (next() % 8) }, () => (next() % 2 ? pick(BYTES) : next() & 0xff));
        b = concat(b.subarray(0, at), ins, b.subarray(at));
        break;
      }
      case 3: {
        const at = pos();
        b = concat(b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + (next() % 16))));
        break;
      }
      case 4: {
        const at = pos();
        const len = 1 + (next() % 8);
        // Now and then a long run (up to 1 MB), where quadratic parsing takes seconds.
        const times = 1 + (next() % 16 === 0 ? next() % 200_000 : next() % 2000);
        const chunk = b.subarray(at, Math.min(b.length, at + len));
        if (chunk.length * times + b.length > MAX_MUTANT) break;
        const rep = new Uint8Array(chunk.length * times);
        for (let t = 0; t < times; t++) rep.set(chunk, t * chunk.length);
        b = concat(b.subarray(0, at), rep, b.subarray(at));
        break;
      }
      case 5:
        b = b.subarray(0, pos());
        break;
      case 6: {
        const width = pick([2, 4, 8]);
        const at = pos();
        if (at + width > b.length) break;
        let v = pick(INTS);
        if (next() % 4 === 0) v = BigInt(Math.max(0, b.length - (next() % 16)));
        for (let j = 0; j < width; j++) b[at + j] = Number((v >> BigInt(8 * j)) & 0xffn);
        break;
      }
      default: {
        // Splice a number literal over a run of digits (or anywhere).
        let at = pos();
        while (at < b.length && !(b[at] >= 0x30 && b[at] <= 0x39)) at++;
        let end = at;
        while (end < b.length && b[end] >= 0x30 && b[end] <= 0x39) end++;
        b = concat(b.subarray(0, at), new TextEncoder().encode(pick(LITERALS)), b.subarray(end));
      }
    }
  }
  return b.length > MAX_MUTANT ? b.subarray(0, MAX_MUTANT) : b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}
