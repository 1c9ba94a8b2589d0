import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStats } from '../../../src/core/stats.js';
import { countWords, WordCounter } from '../../../src/core/words.js';
import { parsePost, type Post } from '../../../src/core/post.js';

const post = (path: string, front: string, words?: number): Post & { words?: number } => {
  const r = parsePost(`---\n${front}\n---\n`, path, { generator: 'hexo', timeZone: 'UTC' });
  if (!r.ok) throw new Error('fixture');
  return words === undefined ? r.post : { ...r.post, words };
};

describe('countWords', () => {
  it('counts each CJK character as a word, and Latin words by runs of letters', () => {
    expect(countWords('今天天气不错')).toBe(6);
    expect(countWords('用 ChatGPT 写代码, it’s fine: 3 times')).toBe(4 + 5);
    expect(countWords('日本語のテキスト and 한국어')).toBe(8 + 1 + 3);
    expect(countWords('')).toBe(0);
  });
});

describe('computeStats', () => {
  it('per month with zeros, drafts, undated, top tags, words, the longest gap', () => {
    const s = computeStats([
      post('a.md', 'date: 2025-01-10\ntags: [ChatGPT, AI]', 100),
      post('b.md', 'date: 2025-03-05\ntags: [ChatGPT]', 300),
      post('c.md', 'date: 2025-03-20\npublished: false', 50),
      post('d.md', 'title: no date', 10),
    ]);
    expect(s).toMatchObject({ posts: 4, published: 3, drafts: 1, undated: 1, granularity: 'month' });
    expect(s.perPeriod).toEqual([{ period: '2025-01', count: 1 }, { period: '2025-02', count: 0 }, { period: '2025-03', count: 2 }]);
    expect(s.topTags).toEqual([{ name: 'ChatGPT', count: 2 }, { name: 'AI', count: 1 }]);
    expect(s.words).toEqual({ total: 460, mean: 115, median: 100, max: 300, longest: 'b.md' });
    expect(s.longestGap).toEqual({ days: 54, from: '2025-01-10', to: '2025-03-05', fromPath: 'a.md', toPath: 'b.md' });
  });

  it('per year for blogs longer than three years', () => {
    const s = computeStats([post('a.md', 'date: 2019-05-01'), post('b.md', 'date: 2025-01-01')]);
    expect(s.granularity).toBe('year');
    expect(s.perPeriod.map((p) => p.period)).toEqual(['2019', '2020', '2021', '2022', '2023', '2024', '2025']);
    expect(s.words).toBeNull();
  });
});

/** The definition the byte counter must equal: the regexes words.ts describes, over the decoded text. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
function oracle(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  return cjk + (text.replace(CJK, ' ').match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)?.length ?? 0);
}
const decode = (bytes: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

/** Counted in pieces cut at the given byte offsets. */
function inPieces(bytes: Uint8Array, cuts: number[]): number {
  const c = new WordCounter();
  let at = 0;
  for (const cut of [...cuts.filter((x) => x > 0 && x < bytes.length)].sort((x, y) => x - y)) {
    c.push(bytes, at, cut);
    at = cut;
  }
  c.push(bytes, at, bytes.length);
  return c.finish();
}

describe('WordCounter on bytes equals the regex definition on the decoded text', () => {
  const edge = ['The quick brown fox', "it's 2 o’clock", "it's2", "abc'", "'abc", "x'y'z", 'a’b’1', '日本語テキスト한국어', 'naïve café ½ ²', '𠀀𝒜x', "don't'", "a''b", '1’a', 'ab’’', '\uFEFFword', 'e\u0301te', 'Ⅻ ⅻ 五', "a'1", "a'b'", 'ＡＢＣ１２３'];
  it.each(edge)('%j', (text) => {
    const bytes = Buffer.from(text, 'utf8');
    expect(countWords(text)).toBe(oracle(text));
    for (let cut = 0; cut <= bytes.length; cut++) expect(inPieces(bytes, [cut])).toBe(oracle(text));
  });

  it('invalid UTF-8 counts as U+FFFD, where the decoder puts it', () => {
    const cases = [[0x61, 0xff, 0x62], [0x61, 0xe4, 0xb8, 0x62], [0xe4, 0xb8], [0x61, 0xc0, 0x80, 0x62], [0xed, 0xa0, 0x80, 0x61], [0xf4, 0x90, 0x80, 0x80], [0x61, 0xf0, 0x9f, 0x98, 0x61], [0xe4, 0xb8, 0xad, 0x80, 0x61]];
    for (const c of cases) {
      const bytes = Uint8Array.from(c);
      for (let cut = 0; cut <= bytes.length; cut++) expect(inPieces(bytes, [cut]), JSON.stringify(c)).toBe(oracle(decode(bytes)));
    }
  });

  it('fuzzed text and bytes, cut anywhere', () => {
    const alphabet = ['a', 'Z', '7', "'", '’', ' ', '\n', '-', '中', 'の', '한', 'é', 'ß', 'Ω', '½', '²', '𝒜', '𠀀', '\u0301', '\uFEFF', '，', '٣', 'ǅ', '\u00a0'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), fc.array(fc.nat(200), { maxLength: 4 }), (chars, cuts) => {
        const text = chars.join('');
        const bytes = Buffer.from(text, 'utf8');
        return inPieces(bytes, cuts) === oracle(text);
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.array(fc.nat(40), { maxLength: 3 }), (bytes, cuts) => inPieces(bytes, cuts) === oracle(decode(bytes))),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => countWords(text) === oracle(text)),
      { numRuns: 5000 },
    );
  });
});
