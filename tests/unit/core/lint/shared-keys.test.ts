import { describe, expect, it } from 'vitest';
import { hashKey, sharedKeys, type KeyFacts } from '../../../../src/core/lint/shared-keys.js';

const facts = (pairs: [number, number][]): KeyFacts => ({ ordinals: Int32Array.from(pairs.map((p) => p[0])), hashes: Float64Array.from(pairs.map((p) => p[1])) });

describe('sharedKeys: posts that share a key, found by hash and proven by the key', () => {
  it('groups equal keys across chunks, in the order the keys first appear, posts in order', () => {
    const keys = ['b', 'a', 'b', 'c', 'a', 'b'];
    const chunks = [facts([0, 1, 2].map((o) => [o, hashKey(keys[o] as string)])), facts([3, 4, 5].map((o) => [o, hashKey(keys[o] as string)]))];
    expect([...sharedKeys(chunks, (o) => keys[o])]).toEqual([
      ['b', [0, 2, 5]],
      ['a', [1, 4]],
    ]);
  });

  it('a hash collision between different keys is no finding: the posts are read again and their keys differ', () => {
    const keys = ['one', 'two', 'two'];
    const read: number[] = [];
    const chunks = [facts([[0, 42], [1, 42], [2, 7]])];
    expect([...sharedKeys(chunks, (o) => (read.push(o), keys[o]))]).toEqual([]);
    expect(read).toEqual([0, 1]);
  });

  it('a post whose key is gone when read again (the file changed) is left out', () => {
    const chunks = [facts([[0, 1], [1, 1], [2, 1]])];
    expect([...sharedKeys(chunks, (o) => (o === 1 ? undefined : 'k'))]).toEqual([['k', [0, 2]]]);
  });

  it('hashKey spreads over 53 bits and tells apart keys that differ in one character', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(hashKey(`post-${i}`));
    expect(seen.size).toBe(100_000);
    expect(hashKey('标题')).not.toBe(hashKey('標題'));
    expect(Number.isSafeInteger(hashKey('x'.repeat(1000)))).toBe(true);
  });
});
