import { describe, expect, it } from 'vitest';
import { runBlog, useTempTrees } from '../helpers.js';

const tree = useTempTrees();

describe('blog stats', () => {
  const blog = {
    'posts/a.md': '---\ntitle: A\ndate: 2025-01-10 10:00:00\ntags: [ChatGPT]\n---\n今天天气不错\n',
    'posts/b.md': '---\ntitle: B\ndate: 2025-03-05 10:00:00\ntags: [ChatGPT, AI]\n---\nHello world\n',
  };

  it('plain characters off a terminal, at 80 columns', () => {
    const r = runBlog(['stats'], { cwd: tree(blog) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Posts: 2 (2 published, 0 drafts, 0 undated)\nWords: 8 in all; 4 a post on average, median 6, longest 6 (posts/a.md)\nLongest gap: 54 days, 2025-01-10 → 2025-03-05\n');
    const lines = r.stdout.split('\n');
    expect(lines).toContain(`2025-03 ${'#'.repeat(69)} 1`);
    expect(lines).toContain(`2025-02 ${' '.repeat(69)} 0`);
    expect(lines).toContain(`AI      ${'#'.repeat(35)}${' '.repeat(34)} 1`);
    expect(r.stdout).not.toMatch(/[█\u001b]/);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
  });

  it('--json gives the numbers; --no-words reads front matter only', () => {
    const doc = JSON.parse(runBlog(['stats', '--json'], { cwd: tree(blog) }).stdout);
    expect(doc).toMatchObject({ posts: 2, granularity: 'month', topTags: [{ name: 'ChatGPT', count: 2 }, { name: 'AI', count: 1 }], words: { total: 8 } });
    expect(JSON.parse(runBlog(['stats', '--json', '--no-words'], { cwd: tree(blog) }).stdout).words).toBeNull();
  });
});
