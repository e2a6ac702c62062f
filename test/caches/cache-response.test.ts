import { describe, expect, it } from 'vitest';
import { decodeCacheResponse, encodeBase64Float64 } from '../../src/conform/cache-response.js';
import { formatHexFloat } from '../../src/io/hex-float.js';
import type { Cache } from '../../src/types.js';

describe('decodeCacheResponse', () => {
  const K = Float64Array.of(0.1, -0, 5e-324, 1 / 3);
  const V = Float64Array.of(1e-300, 2);
  const w = Float64Array.of(0.5, 3);

  it('reads base64 little-endian float64 members bit for bit', () => {
    const c = decodeCacheResponse({ keys: encodeBase64Float64(K), values: encodeBase64Float64(V), weights: encodeBase64Float64(w) }, 2, 1) as Cache;
    expect(Array.from(c.K).map(formatHexFloat)).toEqual(Array.from(K).map(formatHexFloat));
    expect(Array.from(c.V)).toEqual(Array.from(V));
    expect(Array.from(c.weights)).toEqual([0.5, 3]);
  });

  it('reads rows of numbers and exact hex floats', () => {
    const c = decodeCacheResponse({ keys: [['0x1.999999999999ap-4', 0], [5e-324, '0x1.5555555555555p-2']], values: [[1e-300], [2]], weights: [0.5, 3] }, 2, 1) as Cache;
    expect(Array.from(c.K)).toEqual([0.1, 0, 5e-324, 1 / 3]);
  });

  it('turns bad payloads into failures naming the member', () => {
    expect(decodeCacheResponse({ keys: [[1, 2]], values: [[1]] }, 2, 1)).toMatchObject({ reason: 'schema', message: expect.stringContaining('"weights"') });
    expect(decodeCacheResponse({ keys: [[1, 2, 3]], values: [[1]], weights: [1] }, 2, 1)).toMatchObject({ reason: 'schema', message: expect.stringContaining('response.keys[0]') });
    expect(decodeCacheResponse({ keys: 'AAA', values: [[1]], weights: [1] }, 2, 1)).toMatchObject({ reason: 'schema', message: expect.stringContaining('base64') });
    expect(decodeCacheResponse({ keys: [[1, 2]], values: [[1]], weights: [-1] }, 2, 1)).toMatchObject({ reason: 'invalid-coreset', message: expect.stringContaining('weights[0]') });
    expect(decodeCacheResponse({ keys: [[1, 'NaN']], values: [[1]], weights: [1] }, 2, 1)).toMatchObject({ reason: 'invalid-coreset' });
    expect(decodeCacheResponse({ keys: [], values: [], weights: [] }, 2, 1)).toMatchObject({ reason: 'invalid-coreset' });
  });
});
