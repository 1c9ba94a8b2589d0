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
      post('c.md', 'date: 2025-03-20\ndraft: true', 50),
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

describe('WordCounter: a body in pieces counts as the whole', () => {
  const texts = ["Don't stop — 我们今天学习 TypeScript and Node.js, it's 2025.", 'a'.repeat(70_000) + ' end 中文', "word's end", ' lead  and  trail ', '日本語のテキスト 한국어 text'];
  it.each(texts.map((t) => [t.slice(0, 30), t]))('%s', (_name, text) => {
    const whole = countWords(text);
    for (const size of text.length > 1000 ? [4096, 65_536, 100_000] : [1, 2, 3, 7, 64, 1000]) {
      const c = new WordCounter();
      for (let i = 0; i < text.length; i += size) c.push(text.slice(i, i + size));
      expect(c.finish(), `pieces of ${size}`).toBe(whole);
    }
  });
});
