import { describe, expect, it } from 'vitest';
import { runBlog, useTempTrees } from '../helpers.js';

const tree = useTempTrees();

const blog = {
  'posts/a.md': '---\ntitle: A\ntags: [ChatGPT, AI]\ncategories: [技术, AI]\n---\n',
  'posts/b.md': '---\ntitle: B\ntags: [ChatGPT]\ncategories:\n  - [技术, 前端]\n  - [生活]\n---\n',
  'posts/c.md': '---\ntitle: C\ntags: [chatgpt, 随笔]\ncategories: 生活\n---\n',
  'posts/d.md': '---\ntitle: D\ntags: ChatGPT\n---\n',
};

describe('blog tags', () => {
  it('counts posts per tag, most used first, case variants under the dominant spelling', () => {
    const r = runBlog(['tags'], { cwd: tree(blog) });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(['TAG                                   POSTS', 'ChatGPT                               3', '  chatgpt  (case variant of ChatGPT)  1', 'AI                                    1', '随笔                                  1', ''].join('\n'));
  });

  it('--json and --sort name', () => {
    const doc = JSON.parse(runBlog(['tags', '--json', '--sort', 'name'], { cwd: tree(blog) }).stdout);
    expect(doc).toEqual({
      posts: 4,
      problems: [],
      tags: [
        { name: 'AI', count: 1, total: 1, variants: [] },
        { name: 'ChatGPT', count: 3, total: 4, variants: [{ name: 'chatgpt', count: 1 }] },
        { name: '随笔', count: 1, total: 1, variants: [] },
      ],
    });
  });
});

describe('blog categories', () => {
  it('a tree with counts; a post counts once per category on its paths', () => {
    const r = runBlog(['categories'], { cwd: tree(blog) });
    expect(r.stdout).toBe(['技术 (2)', '├── AI (1)', '└── 前端 (1)', '生活 (2)', ''].join('\n'));
    const doc = JSON.parse(runBlog(['categories', '--json'], { cwd: tree(blog) }).stdout);
    expect(doc.categories[0]).toEqual({ name: '技术', count: 2, children: [{ name: 'AI', count: 1, children: [] }, { name: '前端', count: 1, children: [] }] });
  });

  it('an unreadable post is reported and the rest counted (exit 1)', () => {
    const r = runBlog(['categories'], { cwd: tree({ ...blog, 'posts/x.md': '---\ntitle: [\n---\n' }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^posts\/x\.md:3:1: error: YAML syntax error/);
    expect(r.stdout).toContain('技术 (2)');
  });
});
