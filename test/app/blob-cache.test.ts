import { describe, expect, it } from 'vitest';
import { BlobCache } from '../../src/adapters/github/file-source.js';

describe('BlobCache', () => {
  it('fetches each blob once, keeps the recently used ones within its byte budget, and forgets failures', async () => {
    const cache = new BlobCache(10);
    const fetched: string[] = [];
    const get = (sha: string, text = sha.repeat(4)) =>
      cache.get(sha, async () => {
        fetched.push(sha);
        return text;
      });
    await get('a'); // 4 bytes
    await get('b'); // 8 bytes
    await get('a'); // hit: a is now the most recent
    await get('c'); // 12 bytes > 10: b, the least recently used, goes
    await get('a');
    await get('b');
    expect(fetched).toEqual(['a', 'b', 'c', 'b']);
    await expect(cache.get('x', () => Promise.reject(new Error('502')))).rejects.toThrow('502');
    await get('x');
    expect(fetched.at(-1)).toBe('x');
  });
});
