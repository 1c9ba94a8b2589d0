import { describe, expect, it } from 'vitest';
import { parsePost, type Post } from '../../../src/core/post.js';
import { editDistance, listOrder, listOrderByDate, matchesFilter, sortPosts, suggestNames, countNames } from '../../../src/core/select.js';
import { parseDateArgument } from '../../../src/core/dates.js';

function post(path: string, front: string): Post {
  const r = parsePost(`---\n${front}\n---\n`, path, { generator: 'generic', timeZone: 'UTC' });
  if (!r.ok) throw new Error('bad fixture');
  return r.post;
}

const a = post('a.md', 'title: Alpha\ndate: 2025-01-01 10:00:00\ntags: [ChatGPT, AI]\ncategories: [技术, AI]');
const b = post('b.md', 'title: beta 测试\ndate: 2024-06-01\ntags: [ChatGPT]\ncategories: 日常折腾\ndraft: true');
const c = post('c.md', 'title: Gamma\ntags: [chatgpt]');
const d = post('d.md', 'title: Delta\ndate: 2025-01-01 10:00:00\ncategories: [[技术, 前端], [生活]]');

describe('matchesFilter', () => {
  it('tags: all must match, exactly', () => {
    expect([a, b, c, d].filter((p) => matchesFilter(p, { tags: ['ChatGPT'] })).map((p) => p.path)).toEqual(['a.md', 'b.md']);
    expect([a, b, c, d].filter((p) => matchesFilter(p, { tags: ['ChatGPT', 'AI'] })).map((p) => p.path)).toEqual(['a.md']);
  });

  it('category at any level, or an "A > B" path', () => {
    expect([a, b, c, d].filter((p) => matchesFilter(p, { categories: ['技术'] })).map((p) => p.path)).toEqual(['a.md', 'd.md']);
    expect([a, b, c, d].filter((p) => matchesFilter(p, { categories: ['AI'] })).map((p) => p.path)).toEqual(['a.md']);
    expect([a, b, c, d].filter((p) => matchesFilter(p, { categories: ['技术 > 前端'] })).map((p) => p.path)).toEqual(['d.md']);
    expect([a, b, c, d].filter((p) => matchesFilter(p, { categories: ['前端 > 技术'] }))).toEqual([]);
  });

  it('drafts, dates (undated posts excluded), title search', () => {
    expect([a, b, c, d].filter((p) => matchesFilter(p, { draft: true })).map((p) => p.path)).toEqual(['b.md']);
    const since = parseDateArgument('2024-12-31', 'UTC', false);
    const until = parseDateArgument('2024-06-01', 'UTC', true);
    expect([a, b, c, d].filter((p) => matchesFilter(p, { since: since! })).map((p) => p.path)).toEqual(['a.md', 'd.md']);
    expect([a, b, c, d].filter((p) => matchesFilter(p, { until: until! })).map((p) => p.path)).toEqual(['b.md']);
    expect([a, b, c, d].filter((p) => matchesFilter(p, { search: 'BETA' })).map((p) => p.path)).toEqual(['b.md']);
    expect([a, b, c, d].filter((p) => matchesFilter(p, { search: '测试' })).map((p) => p.path)).toEqual(['b.md']);
  });
});

describe('sortPosts', () => {
  it('date: newest first, ties by path, undated last in both directions', () => {
    expect(sortPosts([c, b, d, a], 'date').map((p) => p.path)).toEqual(['a.md', 'd.md', 'b.md', 'c.md']);
    expect(sortPosts([c, b, d, a], 'date', true).map((p) => p.path)).toEqual(['b.md', 'd.md', 'a.md', 'c.md']);
  });
  it('title and path', () => {
    expect(sortPosts([d, c, b, a], 'title').map((p) => p.title)).toEqual(['Alpha', 'beta 测试', 'Delta', 'Gamma']);
    expect(sortPosts([d, c, b, a], 'path', true).map((p) => p.path)).toEqual(['d.md', 'c.md', 'b.md', 'a.md']);
  });
});

describe('suggestions', () => {
  it('case variants first, then typos, most used first', () => {
    const { tags } = countNames([a, b, c, d]);
    expect(suggestNames('CHATGPT', tags)).toEqual(['ChatGPT', 'chatgpt']);
    expect(suggestNames('ChatGTP', tags)).toEqual(['ChatGPT', 'chatgpt']);
    expect(suggestNames('Kubernetes', tags)).toEqual([]);
  });
  it('editDistance', () => {
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('abc', 'abcdefgh', 2)).toBe(3);
  });
});

describe('listOrderByDate', () => {
  // The comparator of listOrder over indexes in path order is the reference.
  const reference = (epochs: Float64Array, reverse: boolean): number[] =>
    Array.from({ length: epochs.length }, (_, i) => i).sort(listOrder<number>('date', reverse, (i) => (Number.isNaN(epochs[i]) ? null : (epochs[i] as number)), () => null, (a, b) => a - b));

  it('orders as listOrder does: newest first, ties by path, undated last (reversed: oldest first, ties and undated by path reversed)', () => {
    const epochs = Float64Array.of(5, NaN, 3, 5, -0, 0, NaN, -1e15, 8.64e15, 3);
    expect([...listOrderByDate(epochs, false)]).toEqual([8, 0, 3, 2, 9, 4, 5, 7, 1, 6]);
    expect([...listOrderByDate(epochs, true)]).toEqual([7, 5, 4, 9, 2, 3, 0, 8, 6, 1]);
    for (const reverse of [false, true]) expect([...listOrderByDate(epochs, reverse)]).toEqual(reference(epochs, reverse));
    expect([...listOrderByDate(new Float64Array(0), false)]).toEqual([]);
    expect([...listOrderByDate(Float64Array.of(NaN), true)]).toEqual([0]);
  });

  it('agrees with listOrder on random dates with many ties and undated posts', () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let round = 0; round < 40; round++) {
      const n = 1 + (next() % 3000);
      const spread = 1 + (next() % 50);
      const epochs = Float64Array.from({ length: n }, () => (next() % 7 === 0 ? NaN : ((next() % spread) - spread / 2) * 86_400_000 + (round % 2 ? 0.5 : 0)));
      for (const reverse of [false, true]) expect([...listOrderByDate(epochs, reverse)]).toEqual(reference(epochs, reverse));
    }
  });
});
