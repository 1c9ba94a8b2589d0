import { describe, expect, it } from 'vitest';
import { hashKey, sharedKeys, type KeyFacts } from '../../../../src/core/lint/shared-keys.js';
import { MAX_SPELLINGS, UseCollector } from '../../../../src/core/lint/rules/tag-case-variant.js';
import { mulberry32 } from '../../../../bench/generate.mjs';
import { titleKey } from '../../../../src/core/lint/rules/duplicate-title.js';
import type { Post } from '../../../../src/core/post.js';

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

describe('sharedKeys on many posts', () => {
  it('finds every repeated key among 50,000 in 40 chunks, and reads again only the posts whose hashes meet', () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => (i % 997 === 0 ? `dup-${i % 3}` : `post-${i}`));
    const chunks: KeyFacts[] = [];
    for (let first = 0; first < keys.length; first += 1250) {
      const ordinals = Array.from({ length: Math.min(1250, keys.length - first) }, (_, i) => first + i);
      chunks.push(facts(ordinals.map((o) => [o, hashKey(keys[o] as string)])));
    }
    const read = new Set<number>();
    const shared = sharedKeys(chunks, (o) => (read.add(o), keys[o]));
    const expected = new Map<string, number[]>();
    keys.forEach((k, o) => k.startsWith('dup-') && expected.set(k, [...(expected.get(k) ?? []), o]));
    expect([...shared]).toEqual([...expected]);
    expect(read.size).toBe([...expected.values()].flat().length);
  });
});

describe('duplicate-title compares titles after NFKC', () => {
  it('the fast path (printable ASCII and CJK ideographs) is exactly where NFKC changes nothing', () => {
    for (let c = 0x4e00; c <= 0x9fff; c++) {
      const s = String.fromCharCode(c);
      if (`a${s}b`.normalize('NFKC') !== `a${s}b`) throw new Error(`U+${c.toString(16)} changes under NFKC`);
    }
    const post = (title: string) => ({ title, date: {} }) as unknown as Post;
    expect(titleKey(post('ＣｈａｔＧＰＴ 笔记'))).toBe('ChatGPT 笔记');
    expect(titleKey(post(' 今天的笔记 '))).toBe('今天的笔记');
    expect(titleKey(post('ﾃｽﾄ'))).toBe('テスト');
    expect(titleKey(post('㍿'))).toBe('株式会社');
  });
});

describe('tag-case-variant: the guess of which uses to locate while read', () => {
  it('a thread follows at most MAX_SPELLINGS names; the rest are counted but never guessed', () => {
    const collector = new UseCollector();
    for (let i = 0; i < MAX_SPELLINGS - 1; i++) collector.add(`n${i}`, i);
    // The last name followed: a spelling of n0 used as often, so likely a variant.
    expect(collector.add('N0', 1)).toBe(true);
    expect(collector.add('late', 2)).toBe(false);
    expect(collector.add('LATE', 3)).toBe(false);
    expect(collector.add('late', 4)).toBe(false);
    const uses = collector.uses();
    expect(uses.names.slice(-2)).toEqual(['late', 'LATE']);
    expect(Array.from(uses.name.slice(-3))).toEqual([MAX_SPELLINGS, MAX_SPELLINGS + 1, MAX_SPELLINGS]);
    expect(Array.from(uses.ordinal.slice(-3))).toEqual([2, 3, 4]);
    // The next chunk numbers its names afresh.
    collector.add('late', 5);
    expect(collector.uses().names).toEqual(['late']);
  });

  it('a use is a likely variant exactly when another spelling of it has been used at least as often so far (against a brute force over random uses)', () => {
    const rand = mulberry32(7);
    const spellings = ['chatgpt', 'ChatGPT', 'CHATGPT', 'Chatgpt', 'vue', 'Vue', 'AI'];
    for (let round = 0; round < 50; round++) {
      const collector = new UseCollector();
      const uses = new Map<string, number>();
      for (let i = 0; i < 200; i++) {
        const name = spellings[Math.floor(rand() * spellings.length)] as string;
        const n = (uses.get(name) ?? 0) + 1;
        uses.set(name, n);
        const expected = [...uses].some(([other, m]) => other !== name && other.toLowerCase() === name.toLowerCase() && m >= n);
        expect(collector.add(name, i), `round ${round}, use ${i} of ${name}`).toBe(expected);
      }
    }
  });
});
