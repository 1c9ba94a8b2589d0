/**
 * Reading through the post index gives exactly what reading the files gives, on every corpus
 * post and on generated ones, and an index is never stale: a file changed in any way (same
 * size, modification time set back, replaced by rename) is read again.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePost, mulberry32 } from '../../../bench/generate.mjs';
import type { Generator } from '../../../src/core/post.js';
import { indexFor, readPosts, savePostIndex, type ReadOptions, type ReadResult } from '../../../src/core/repository.js';
import { makeTree, removeTree, repoRoot, postFiles } from '../../helpers.js';

const corporaDir = resolve(repoRoot, '..', 'shared', 'corpora');
const caches: string[] = [];
afterAll(() => caches.forEach((c) => rmSync(c, { recursive: true, force: true })));
function newCache(): string {
  const dir = mkdtempSync(join(tmpdir(), 'blog-index-'));
  caches.push(dir);
  return dir;
}

/** As JSON, with the front matter text read through (a remembered post reads it on demand). */
const plain = (results: ReadResult[]): unknown => JSON.parse(JSON.stringify(results));

/** One run through the index of `root`: what it read, and how many posts came from the index. */
async function viaIndex(cacheDir: string, root: string, files: string[], options: Omit<ReadOptions, 'index'>): Promise<{ results: ReadResult[]; hits: number }> {
  const opened = indexFor(cacheDir, options.cwd, { postDirs: [root], generator: options.generator, timeZone: options.timeZone });
  const results = await readPosts(files, { ...options, ...(opened ? { index: opened.index } : {}) });
  const hits = opened?.index.hits ?? 0;
  savePostIndex(opened, files);
  return { results, hits };
}

/**
 * What a prefiltered read promises: every unreadable file it looked at, and every post that has
 * the names. (Posts without them may or may not come through: the caller filters them out.)
 */
function promised(results: ReadResult[], options: Omit<ReadOptions, 'index'>): unknown {
  const p = options.prefilter;
  if (!p) return plain(results);
  const has = (r: ReadResult): boolean => {
    if (!r.ok) return true;
    const held = [...r.post.tags, ...r.post.categories.flat()];
    return p.mode === 'every' ? p.names.every((n) => held.includes(n)) : p.names.some((n) => held.includes(n));
  };
  return plain(results.filter(has));
}

async function expectSameThroughIndex(root: string, files: string[], options: Omit<ReadOptions, 'index'>): Promise<number> {
  const cache = newCache();
  const direct = promised(await readPosts(files, options), options);
  const first = await viaIndex(cache, root, files, options);
  expect(first.hits).toBe(0);
  expect(promised(first.results, options)).toEqual(direct);
  const second = await viaIndex(cache, root, files, options);
  expect(promised(second.results, options)).toEqual(direct);
  return second.hits;
}

describe('reading through the post index', () => {
  it('gives what the files give, on every post in ../shared/corpora', async () => {
    const corpora = existsSync(corporaDir) ? readdirSync(corporaDir).filter((d) => existsSync(join(corporaDir, d, 'posts'))) : [];
    if (corpora.length === 0) return;
    for (const name of corpora) {
      const generator: Generator = name.startsWith('hexo') ? 'hexo' : name.startsWith('hugo') ? 'hugo' : 'jekyll';
      const root = join(corporaDir, name, 'posts');
      const files = postFiles(root);
      for (const keepSource of [false, true]) {
        const hits = await expectSameThroughIndex(root, files, { cwd: repoRoot, generator, keepSource, timeZone: 'Asia/Shanghai' });
        const ok = (await readPosts(files, { cwd: repoRoot, generator })).filter((r) => r.ok).length;
        // Every post that reads is remembered (corpus files are old), unless JSON cannot carry a value.
        expect(hits, name).toBeGreaterThan(ok * 0.95);
      }
    }
  });

  describe('on generated posts', () => {
    let root = '';
    let files: string[] = [];
    const extra: Record<string, string> = {
      'posts/inf.md': '---\ntitle: inf\nratio: .inf\ntags: [ChatGPT]\n---\n',
      'posts/proto.md': '---\ntitle: p\n__proto__: {admin: true}\nconstructor: x\ntags: [ChatGPT]\n---\n',
      'posts/crlf.md': '---\r\ntitle: crlf\r\ntags:\r\n  - ChatGPT\r\n---\r\nbody\r\n',
      'posts/bom.md': '\uFEFF---\ntitle: bom\ntags: ChatGPT\n---\n',
      'posts/toml.md': '+++\ntitle = "toml"\ndate = 2025-03-31T21:17:31+08:00\ntags = ["ChatGPT"]\n+++\n',
      'posts/broken.md': '---\ntitle: [unclosed\ntags: [ChatGPT]\n---\n',
      'posts/escaped.md': '---\ntitle: e\ntags: ["Chat\\u0047PT"]\n---\n',
      'posts/no-front-matter.md': '# just a body with ChatGPT\n',
      'posts/dated-by-name/2024-02-30-bad.md': '---\ntitle: bad date\n---\n',
      'posts/_drafts/wip.md': '---\ntitle: wip\ntags: [ChatGPT]\n---\n',
      'posts/edit-me.md': '---\ntitle: AAAA\ntags: [ChatGPT]\n---\nbody\n',
    };
    beforeAll(async () => {
      const rand = mulberry32(7);
      const tree: Record<string, string> = { ...extra };
      for (let i = 0; i < 400; i++) tree[`posts/g/${String(i).padStart(3, '0')}.md`] = generatePost(i, rand);
      root = makeTree(tree);
      files = postFiles(join(root, 'posts'));
      // Only files that have settled are remembered.
      await new Promise((done) => setTimeout(done, 3200));
    }, 10_000);
    afterAll(() => removeTree(root));

    it('gives what the files give, for each reader (hexo, generic; with and without the front matter text; prefiltered)', async () => {
      for (const generator of ['hexo', 'generic'] as const) {
        await expectSameThroughIndex(join(root, 'posts'), files, { cwd: root, generator, keepSource: true });
        await expectSameThroughIndex(join(root, 'posts'), files, { cwd: root, generator, keepSource: false, timeZone: 'America/New_York' });
        for (const names of [['ChatGPT'], ['ChatGPT', 'AI'], ['nothing-has-this']]) {
          const hits = await expectSameThroughIndex(join(root, 'posts'), files, { cwd: root, generator, prefilter: { names, mode: 'every' } });
          expect(hits).toBeGreaterThan(0);
        }
      }
    });

    it('is made per current folder: a post is a draft by its path as shown', async () => {
      const cache = newCache();
      const postsDir = join(root, 'posts');
      const wip = files.indexOf(join(postsDir, '_drafts', 'wip.md'));
      for (const cwd of [root, root, join(postsDir, '_drafts'), join(postsDir, '_drafts'), root]) {
        const options = { cwd, generator: 'generic' as const };
        const read = await viaIndex(cache, postsDir, files, options);
        expect(plain(read.results), cwd).toEqual(plain(await readPosts(files, options)));
        const r = read.results[wip];
        expect(r?.ok && r.post.draft, cwd).toBe(cwd === root);
      }
    });

    it('is never stale: a same-size edit with its time set back, a rename over the file, a broken index', async () => {
      const cache = newCache();
      const options = { cwd: root, generator: 'hexo' as const };
      const postsDir = join(root, 'posts');
      const target = join(postsDir, 'edit-me.md');
      const ref = join(root, 'times-of-edit-me');
      const title = async (): Promise<unknown> => {
        const r = (await viaIndex(cache, postsDir, files, options)).results[files.indexOf(target)];
        return r?.ok ? r.post.title : r;
      };
      await viaIndex(cache, postsDir, files, options);
      const warm = await viaIndex(cache, postsDir, files, options);
      expect(warm.hits).toBeGreaterThan(400);
      expect(await title()).toBe('AAAA');

      // Same size, and the modification time set back to the nanosecond (touch -r): only the
      // change time (and the bytes) differ.
      const size = statSync(target).size;
      execFileSync('touch', ['-r', target, ref]);
      writeFileSync(target, '---\ntitle: BBBB\ntags: [ChatGPT]\n---\nbody\n');
      execFileSync('touch', ['-r', ref, target]);
      expect(statSync(target).size).toBe(size);
      expect(statSync(target, { bigint: true }).mtimeNs).toBe(statSync(ref, { bigint: true }).mtimeNs);
      expect(await title()).toBe('BBBB');
      const afterEdit = await viaIndex(cache, postsDir, files, options);
      expect(plain(afterEdit.results)).toEqual(plain(await readPosts(files, options)));
      expect(afterEdit.hits).toBe(warm.hits - 1);

      // Replaced by rename with the same size and times: another inode.
      const other = join(postsDir, '.edit-me.new');
      writeFileSync(other, '---\ntitle: CCCC\ntags: [ChatGPT]\n---\nbody\n');
      execFileSync('touch', ['-r', ref, other]);
      renameSync(other, target);
      expect(await title()).toBe('CCCC');

      // A broken index file is not used.
      for (const name of readdirSync(cache)) writeFileSync(join(cache, name), readFileSync(join(cache, name)).subarray(0, 1000));
      const afterBreak = await viaIndex(cache, postsDir, files, options);
      expect(afterBreak.hits).toBe(0);
      expect(plain(afterBreak.results)).toEqual(plain(await readPosts(files, options)));
    });
  });
});
