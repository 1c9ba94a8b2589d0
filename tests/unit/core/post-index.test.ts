/**
 * The post index (pure part): an entry is used only for a file whose every stamp is as it was,
 * only settled files are remembered, and what comes back is exactly the post that was parsed.
 */
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { parsePost, type Post } from '../../../src/core/post.js';
import { PostIndex, SETTLE_NS, type FileStamp, type StoredIndex } from '../../../src/core/post-index.js';

const NOW = 1_800_000_000_000_000_000n;
const OLD: FileStamp = { dev: 2049n, ino: 123456n, size: 321n, mtimeNs: NOW - 10n * SETTLE_NS, ctimeNs: NOW - 10n * SETTLE_NS + 7n };
const FP = 'fingerprint';
const READS = '["hexo",null]';

function post(text: string, path = 'posts/a.md'): Post {
  const r = parsePost(text, path, { generator: 'hexo', timeZone: 'Asia/Shanghai', keepSource: true, complete: false });
  if (!r.ok) throw new Error('test post does not parse');
  return r.post;
}

/** Store and load again, through v8 serialisation as on disk. */
function reopen(index: PostIndex, files: string[], fingerprint = FP): PostIndex {
  const encoded = index.encode(files);
  if (!encoded) throw new Error('nothing to store');
  const stored = v8.deserialize(v8.serialize(encoded.stored)) as StoredIndex;
  const bytes = Buffer.from(encoded.posts);
  return new PostIndex(fingerprint, READS, stored, { length: bytes.length, read: (a, b) => bytes.subarray(a, b) });
}

const TEXT = '---\ntitle: ChatGPT-5将免费开放？官方回应：DeepSeek逼的！\ntags:\n  - ChatGPT\n  - AI\ncategories: [日常折腾, 工具]\ndate: 2025-03-31 21:17:31\n"__proto__": {polluted: true}\nn: 0x1F\n---\n';

describe('PostIndex', () => {
  it('gives back exactly the parsed post, key order and own __proto__ keys included', () => {
    const p = post(TEXT);
    const index = new PostIndex(FP, READS);
    index.remember('/blog/posts/a.md', OLD, p, NOW);
    const again = reopen(index, ['/blog/posts/a.md']);
    const i = again.lookup('/blog/posts/a.md', OLD);
    expect(i).toBe(0);
    const back = again.post(i, 'posts/a.md', (line) => ({ content: p.frontMatter?.content ?? '', line }));
    expect(back).toEqual(p);
    expect(JSON.stringify(back)).toBe(JSON.stringify(p));
    expect(Object.keys(back)).toEqual(Object.keys(p));
    expect(Object.prototype.hasOwnProperty.call(back.data, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(again.hits).toBe(1);
  });

  it('misses when any one stamp differs (device, inode, size, modification or change time)', () => {
    const index = new PostIndex(FP, READS);
    index.remember('/b/a.md', OLD, post(TEXT), NOW);
    for (const field of ['dev', 'ino', 'size', 'mtimeNs', 'ctimeNs'] as const) {
      const again = reopen(index, ['/b/a.md']);
      expect(again.lookup('/b/a.md', { ...OLD, [field]: OLD[field] + 1n }), field).toBe(-1);
      expect(again.lookup('/b/a.md', OLD), field).toBe(0);
    }
    expect(reopen(index, ['/b/a.md']).lookup('/b/other.md', OLD)).toBe(-1);
  });

  it('holds at most maxBytes of entries: posts past it are read each time, never a broken index', () => {
    const posts = ['a', 'b', 'c'].map((t) => post(`---\ntitle: ${t}\n---\n`, `posts/${t}.md`));
    const size = (p: Post) => Buffer.byteLength(JSON.stringify([p.format, p.title, p.date, p.dateSource, p.tags, p.categories, p.draft, p.data, p.problems, 2]));
    const budget = size(posts[0] as Post) + size(posts[1] as Post);
    const index = new PostIndex(FP, READS, undefined, undefined, budget);
    posts.forEach((p, k) => index.remember(`/b/${k}.md`, { ...OLD, ino: BigInt(k) }, p, NOW));
    const encoded = index.encode(['/b/0.md', '/b/1.md', '/b/2.md']);
    expect(encoded?.stored.files).toEqual(['/b/0.md', '/b/1.md']);
    // Old and new entries together stay within the budget too.
    const stored = v8.deserialize(v8.serialize(encoded?.stored)) as StoredIndex;
    const bytes = Buffer.from(encoded?.posts as Buffer);
    const again = new PostIndex(FP, READS, stored, { length: bytes.length, read: (a, b) => bytes.subarray(a, b) }, budget);
    expect(again.lookup('/b/0.md', { ...OLD, ino: 0n })).toBe(0);
    expect(again.lookup('/b/1.md', { ...OLD, ino: 1n })).toBe(1);
    again.remember('/b/2.md', { ...OLD, ino: 2n }, posts[2] as Post, NOW);
    const next = again.encode(['/b/2.md', '/b/0.md', '/b/1.md']);
    expect(next?.stored.files).toHaveLength(2);
    expect(next?.posts.length).toBeLessThanOrEqual(budget);
    expect(next?.stored.ends.at(-1)).toBe(next?.posts.length);
  });

  it('finds nothing once closed (its file descriptor may then belong to another file)', () => {
    const index = new PostIndex(FP, READS);
    index.remember('/b/a.md', OLD, post(TEXT), NOW);
    const again = reopen(index, ['/b/a.md']);
    again.close();
    expect(again.lookup('/b/a.md', OLD)).toBe(-1);
  });

  it('does not remember a file changed within SETTLE_NS of being looked at', () => {
    const index = new PostIndex(FP, READS);
    index.remember('/b/m.md', { ...OLD, mtimeNs: NOW - SETTLE_NS + 1n }, post(TEXT), NOW);
    index.remember('/b/c.md', { ...OLD, ctimeNs: NOW - SETTLE_NS }, post(TEXT), NOW);
    index.remember('/b/future.md', { ...OLD, ctimeNs: NOW + SETTLE_NS }, post(TEXT), NOW);
    expect(index.encode(['/b/m.md', '/b/c.md', '/b/future.md'])).toBeUndefined();
    index.remember('/b/ok.md', { ...OLD, mtimeNs: NOW - SETTLE_NS - 1n, ctimeNs: NOW - SETTLE_NS - 1n }, post(TEXT), NOW);
    expect(index.encode(['/b/m.md', '/b/c.md', '/b/future.md', '/b/ok.md'])?.stored.files).toEqual(['/b/ok.md']);
  });

  it('does not remember values JSON would change (.inf, .nan, -0): those posts are read each time', () => {
    for (const value of ['.inf', '-.inf', '.nan', '-0.0']) {
      const index = new PostIndex(FP, READS);
      index.remember('/b/a.md', OLD, post(`---\ntitle: x\nv: ${value}\n---\n`), NOW);
      expect(index.encode(['/b/a.md']), value).toBeUndefined();
    }
  });

  it('is not used under another fingerprint, or when malformed', () => {
    const index = new PostIndex(FP, READS);
    index.remember('/b/a.md', OLD, post(TEXT), NOW);
    expect(reopen(index, ['/b/a.md'], 'other').size).toBe(0);
    const encoded = index.encode(['/b/a.md']) as { stored: StoredIndex; posts: Buffer };
    const bytes = { length: encoded.posts.length, read: (a: number, b: number) => encoded.posts.subarray(a, b) };
    expect(new PostIndex(FP, READS, { ...encoded.stored, names: [] }, bytes).size).toBe(0);
    expect(new PostIndex(FP, READS, { ...encoded.stored, ends: new Uint32Array([5]) }, bytes).size).toBe(0);
    expect(new PostIndex(FP, READS, { ...encoded.stored, version: 0 }, bytes).size).toBe(0);
    expect(new PostIndex(FP, READS, encoded.stored, bytes).size).toBe(1);
  });

  it('knows each entry\'s exact tag and category names for the prefilter', () => {
    const index = new PostIndex(FP, READS);
    index.remember('/b/a.md', OLD, post(TEXT), NOW);
    const again = reopen(index, ['/b/a.md']);
    again.lookup('/b/a.md', OLD);
    expect(again.hasNames(0, ['ChatGPT', '工具'], 'every')).toBe(true);
    expect(again.hasNames(0, ['ChatGPT', 'chatgpt'], 'every')).toBe(false);
    expect(again.hasNames(0, ['Chat'], 'every')).toBe(false);
    expect(again.hasNames(0, ['nope', '日常折腾'], 'some')).toBe(true);
  });

  it('keeps only entries found valid or new for the files given, and stores nothing when nothing changed', () => {
    const index = new PostIndex(FP, READS);
    index.remember('/b/a.md', OLD, post(TEXT), NOW);
    index.remember('/b/b.md', { ...OLD, ino: 9n }, post('---\ntitle: b\n---\n', 'posts/b.md'), NOW);
    const again = reopen(index, ['/b/a.md', '/b/b.md']);
    expect(again.lookup('/b/a.md', OLD)).toBe(0);
    expect(again.lookup('/b/b.md', { ...OLD, ino: 9n })).toBe(1);
    expect(again.encode(['/b/a.md', '/b/b.md'])).toBeUndefined();
    // b.md changed (its entry was not found valid) and c.md is gone from the walk.
    const third = reopen(index, ['/b/a.md', '/b/b.md']);
    expect(third.lookup('/b/a.md', OLD)).toBe(0);
    expect(third.lookup('/b/b.md', { ...OLD, ino: 10n })).toBe(-1);
    expect(third.encode(['/b/a.md', '/b/b.md'])?.stored.files).toEqual(['/b/a.md']);
  });
});
