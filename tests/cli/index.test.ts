/**
 * The post index end to end: runs that use it print exactly what runs without it print, it
 * lives in BLOG_CACHE_DIR (never in the blog), and --no-cache / BLOG_NO_CACHE=1 turn it off.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTree, removeTree, runBlog, snapshotTree } from '../helpers.js';

const posts: Record<string, string> = {
  'source/_posts/chatgpt.md': '---\ntitle: ChatGPT-5将免费开放？官方回应：DeepSeek逼的！\ntags:\n  - ChatGPT\ncategories: 日常折腾\ndate: 2025-03-31 21:17:31\n---\n正文\n',
  'source/_posts/case.md': '---\ntitle: 小写\ntags: [chatgpt]\ndate: 2025-04-01 08:00:00\n---\n',
  'source/_posts/same-title.md': '---\ntitle: 小写\ntags: [AI]\ndate: 2025-04-02 08:00:00\n---\n',
  'source/_posts/no-date.md': '---\ntitle: no date\ntags: [ChatGPT]\n---\n',
  'source/_posts/broken.md': '---\ntitle: [unclosed\ntags: [ChatGPT]\n---\n',
  '_config.yml': 'title: test\ntimezone: Asia/Shanghai\n',
};

describe('the post index', () => {
  let root = '';
  const caches: string[] = [];
  const cache = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'blog-cli-index-'));
    caches.push(dir);
    return dir;
  };
  beforeAll(async () => {
    root = makeTree(posts);
    // Only files that have settled (3 s) are remembered.
    await new Promise((done) => setTimeout(done, 3200));
  }, 10_000);
  afterAll(() => {
    removeTree(root);
    for (const c of caches) rmSync(c, { recursive: true, force: true });
  });

  // Table and stylish output are made from the same results as these; `Chatgpt` matches nothing (suggestions).
  const commands = [['list', '--tag', 'ChatGPT'], ['list', '--tag', 'Chatgpt'], ['list', '--json'], ['tags', '--json'], ['lint', '--format', 'json']];

  it('gives the same output, errors and exit codes as reading every file, and writes nothing in the blog', () => {
    const dir = cache();
    const before = snapshotTree(root);
    for (const args of commands) {
      const plain = runBlog([...args, '--no-cache'], { cwd: root });
      const first = runBlog(args, { cwd: root, env: { BLOG_CACHE_DIR: dir } });
      const second = runBlog(args, { cwd: root, env: { BLOG_CACHE_DIR: dir } });
      expect(first, args.join(' ')).toEqual(plain);
      expect(second, args.join(' ')).toEqual(plain);
    }
    expect(readdirSync(dir)).toHaveLength(1);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('is off with --no-cache, with BLOG_NO_CACHE=1 and in CI (unless BLOG_NO_CACHE=0)', () => {
    const dir = cache();
    expect(runBlog(['list', '--no-cache'], { cwd: root, env: { BLOG_CACHE_DIR: dir } }).code).toBe(1);
    expect(runBlog(['tags'], { cwd: root, env: { BLOG_CACHE_DIR: dir, BLOG_NO_CACHE: '1' } }).code).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
    expect(runBlog(['tags'], { cwd: root, env: { BLOG_CACHE_DIR: dir, CI: 'true' } }).code).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
    runBlog(['tags'], { cwd: root, env: { BLOG_CACHE_DIR: dir, CI: 'true', BLOG_NO_CACHE: '0' } });
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('ignores an index file it cannot read, and replaces it', () => {
    const dir = cache();
    const plain = runBlog(['list', '--json', '--no-cache'], { cwd: root });
    runBlog(['list'], { cwd: root, env: { BLOG_CACHE_DIR: dir } });
    const [name] = readdirSync(dir);
    for (const junk of [Buffer.alloc(0), Buffer.from('not an index'), Buffer.from([0xff, 0xff, 0xff, 0x7f, 1, 2, 3])]) {
      writeFileSync(join(dir, name as string), junk);
      expect(runBlog(['list', '--json'], { cwd: root, env: { BLOG_CACHE_DIR: dir } })).toEqual(plain);
      expect(runBlog(['list', '--json'], { cwd: root, env: { BLOG_CACHE_DIR: dir } })).toEqual(plain);
    }
  });
});
