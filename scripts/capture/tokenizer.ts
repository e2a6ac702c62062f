/**
 * The SentencePiece-style tokenizer of Universal Sentence Encoder Lite: a
 * Viterbi segmentation maximising the summed piece scores of the vocabulary
 * shipped with the model. Ported from the tokenizer of
 * `@energetic-ai/embeddings` 0.2.0 (itself from tensorflow/tfjs-models,
 * universal-sentence-encoder; Apache-2.0), which that package does not
 * export; `capture-heads.ts` checks this port against it on every text.
 * @module
 */

/** [piece, score] pairs; ids are positions, the first 6 are reserved. */
export type Vocabulary = readonly (readonly [string, number])[];

const SEPARATOR = '\u2581';
const RESERVED = 6;

interface Piece {
  readonly length: number;
  readonly score: number;
  readonly id: number;
}

/** Encodes `text` as token ids, as the package's tokenizer does (unknown runs merge into one id 0). */
export function encode(vocabulary: Vocabulary, text: string): number[] {
  const pieces = new Map<string, Piece>();
  let longest = 1;
  for (let id = RESERVED; id < vocabulary.length; id++) {
    const [key, score] = vocabulary[id];
    const length = [...key].length;
    // The trie of the original keeps the last insertion of a repeated key.
    pieces.set(key, { length, score, id });
    longest = Math.max(longest, length);
  }
  const normalized = text.normalize('NFKC');
  const input = normalized.length > 0 ? SEPARATOR + normalized.replace(/ /g, SEPARATOR) : normalized;
  const symbols = [...input];
  const n = symbols.length;
  const best = new Array<number>(n + 1).fill(0);
  const word = new Array<number>(n + 1).fill(0);
  // ends[e] lists the pieces ending at e, by start position ascending (the original's object-key order).
  const ends: { start: number; piece: Piece }[][] = Array.from({ length: n + 1 }, () => []);
  for (let i = 0; i < n; i++) {
    let found = false;
    let key = '';
    for (let len = 1; len <= longest && i + len <= n; len++) {
      key += symbols[i + len - 1];
      const p = pieces.get(key);
      if (p !== undefined) {
        ends[i + len].push({ start: i, piece: p });
        found = true;
      }
    }
    if (!found) ends[i + 1].push({ start: i, piece: { length: 1, score: 0, id: 0 } });
  }
  for (let e = 0; e <= n; e++) {
    const list = ends[e].slice().sort((a, b) => a.start - b.start);
    for (const { piece } of list) {
      const score = piece.score + best[e - piece.length];
      if (best[e] === 0 || score >= best[e]) {
        best[e] = score;
        word[e] = piece.id;
      }
    }
  }
  const out: number[] = [];
  for (let it = n; it > 0; ) {
    out.push(word[it]);
    // As the original: step back by the entry's UTF-16 length (its symbol count for the BMP text we feed it).
    it -= vocabulary[word[it]][0].length;
  }
  const merged: number[] = [];
  let previousUnknown = false;
  for (const id of out) {
    if (!(previousUnknown && id === 0)) merged.push(id);
    previousUnknown = id === 0;
  }
  return merged.reverse();
}
