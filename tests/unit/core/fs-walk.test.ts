/** The walker yields every post once, in code-unit order of the paths shown, however it gets there, and never leaves the blog. */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inDraftsFolder, packEntries, someEntries, unpackEntries, walkPosts } from '../../../src/core/fs/walk.js';
import { movable } from '../../../src/core/parallel.js';
import { useTempTrees } from '../../helpers.js';

describe('walkPosts', () => {
  const temp = useTempTrees();

  it('orders paths as sorted strings, with names that sort around "/"', () => {
    const names = ['a.md', 'a/x.md', 'a/b/c.md', 'a-b.md', 'a b/y.md', 'a0.md', 'A.md', 'Z/z.md', '中文/标题.md', '中.md', 'b.markdown', 'C.MD', 'a.md.d/q.md', 'note.txt', 'x.md~', '.hidden.md', '#x.md#', 'y.md.swp'];
    const root = temp(Object.fromEntries(names.map((n) => [n, '---\ntitle: t\n---\n'])));
    symlinkSync(join(root, 'a'), join(root, 'link'));
    const { entries, skipped } = walkPosts([root], { generator: 'generic', cwd: root, allowed: [root] });
    const shown = Array.from(entries, (e) => e.path);
    const expected = ['A.md', 'C.MD', 'Z/z.md', 'a b/y.md', 'a-b.md', 'a.md', 'a.md.d/q.md', 'a/b/c.md', 'a/x.md', 'a0.md', 'b.markdown', '中.md', '中文/标题.md'];
    // The link repeats folder a: the loop guard skips it (reported), nothing is listed twice.
    expect(shown).toEqual(expected);
    expect([...shown].sort()).toEqual(shown);
    expect(skipped.map((s) => [s.path, s.rule])).toEqual([['link', 'symlink-loop']]);
  });

  it('sorts across several roots by the paths shown; files in the drafts folder are drafts', () => {
    const root = temp({ 'source/_posts/b.md': '', 'source/_drafts/a.md': '', 'source/_posts/sub/c.md': '' });
    const drafts = join(root, 'source/_drafts');
    const { entries } = walkPosts([join(root, 'source/_posts'), drafts], { generator: 'generic', cwd: root, allowed: [root], draftsDir: drafts });
    expect(Array.from(entries, (e) => [e.path, e.rel, e.inDrafts])).toEqual([
      ['source/_drafts/a.md', 'a.md', true],
      ['source/_posts/b.md', 'b.md', false],
      ['source/_posts/sub/c.md', 'sub/c.md', false],
    ]);
  });

  it('never follows a symbolic link out of the blog: a link to / is reported, not walked', () => {
    // Another temporary tree (removed after the test, as the blog is).
    const outside = temp({ 'secret.md': '---\ntitle: outside\n---\n' });
    const root = temp({ 'posts/a.md': '' });
    symlinkSync('/', join(root, 'posts/root'));
    symlinkSync(outside, join(root, 'posts/elsewhere'));
    symlinkSync(join(outside, 'secret.md'), join(root, 'posts/secret.md'));
    const { entries, skipped } = walkPosts([join(root, 'posts')], { generator: 'generic', cwd: root, allowed: [join(root, 'posts')] });
    expect(Array.from(entries, (e) => e.path)).toEqual(['posts/a.md']);
    expect(skipped.map((s) => [s.path, s.rule])).toEqual([
      ['posts/elsewhere', 'symlink-outside'],
      ['posts/root', 'symlink-outside'],
      ['posts/secret.md', 'symlink-outside'],
    ]);
  });

  it('leaves out what Hexo and Jekyll leave out (names starting with _), marks pages, and applies ignore patterns', () => {
    const root = temp({ 'p/_partial.md': '', 'p/a.md': '', 'p/README.md': '', 'p/_index.md': '', 'p/archive/old.md': '', 'p/keep/x.md': '' });
    const walk = (generator: 'hexo' | 'hugo' | 'generic', ignore?: (rel: string) => boolean) =>
      Array.from(walkPosts([join(root, 'p')], { generator, cwd: root, allowed: [root], ignore }).entries, (e) => (e.page ? `${e.path} (page)` : e.path));
    expect(walk('hexo')).toEqual(['p/README.md (page)', 'p/a.md', 'p/archive/old.md', 'p/keep/x.md']);
    expect(walk('hugo')).toEqual(['p/README.md (page)', 'p/_index.md (page)', 'p/_partial.md', 'p/a.md', 'p/archive/old.md', 'p/keep/x.md']);
    expect(walk('generic', (rel) => rel === 'archive' || rel.startsWith('archive/'))).toEqual(['p/README.md (page)', 'p/_index.md', 'p/_partial.md', 'p/a.md', 'p/keep/x.md']);
  });

  it('keeps entries packed and gives the same entry at an index, by at() and by iteration, however folders and names interleave', () => {
    // Names of a folder are split by its subfolders in the walk (a.md, a.md.d/, a-b.md ... a/),
    // some are Chinese (a two-byte names string), some are pages.
    const names = ['a.md', 'a.md.d/q.md', 'a.md.d/_index.md', 'a/b/c.md', 'a/x.md', 'a-b.md', '中文/标题.md', '中文/_index.md', '中.md', 'README.md', 'z/y/x/w.md', 'z/y/v.md', 'z/u.md'];
    const root = temp(Object.fromEntries(names.map((n) => [n, ''])));
    const { entries } = walkPosts([root], { generator: 'hugo', cwd: root, allowed: [root] });
    const byIndex = Array.from({ length: entries.length }, (_, i) => entries.at(i));
    const shown = (e: { abs: string; path: string; rel: string; inDrafts: boolean; page?: string }) => [e.abs, e.path, e.rel, e.inDrafts, e.page ?? null];
    expect(byIndex.map(shown)).toEqual(Array.from(entries, shown));
    expect(byIndex.map((e) => e.path)).toEqual([...names].sort());
    for (const e of byIndex) expect(e.abs).toBe(join(root, e.path));
    expect(byIndex.filter((e) => e.page).map((e) => e.path)).toEqual(['README.md', 'a.md.d/_index.md', '中文/_index.md']);
    expect(entries.pages).toBe(3);
    expect(byIndex.map((_, i) => entries.isPage(i))).toEqual(byIndex.map((e) => e.page !== undefined));
  });

  it('packs a run of entries for another thread (walk entries and others, after a structured clone) and gives them back the same', () => {
    const names = ['p/a.md', 'p/a/b/c.md', 'p/a/x.md', 'p/中文/标题.md', 'p/中文/_index.md', 'p/README.md', 'p/z/y/v.md', 'drafts/d.md'];
    const root = temp(Object.fromEntries(names.map((n) => [n, ''])));
    const { entries } = walkPosts([join(root, 'p'), join(root, 'drafts')], { generator: 'hugo', cwd: root, allowed: [root], draftsDir: join(root, 'drafts') });
    // A file named on the command line is not the walk's: it is sent as it is.
    const extra = { abs: '/elsewhere/外.md', path: '../elsewhere/外.md', rel: '外.md', inDrafts: false, page: 'index' };
    const list = someEntries(entries, Int32Array.from({ length: entries.length }, (_, i) => i), [extra]);
    const shown = (e: { abs: string; path: string; rel: string; inDrafts: boolean; page?: string }) => [e.abs, e.path, e.rel, e.inDrafts, e.page ?? null];
    for (const [first, count] of [[0, list.length], [2, 5], [list.length - 2, 2], [3, 0]] as const) {
      const packed = packEntries(list, first, count);
      const moved = movable(packed);
      expect(moved.length).toBe(3);
      const arrived = structuredClone(packed, { transfer: moved });
      expect(packed.folderOf.length).toBe(0);
      expect(Array.from(unpackEntries(arrived), shown)).toEqual(Array.from({ length: count }, (_, i) => shown(list.at(first + i))));
    }
    expect(Array.from(unpackEntries(packEntries(list, 0, list.length)), (e) => e.path)).toContain('drafts/d.md');
    expect(Array.from(unpackEntries(packEntries(list, 0, list.length)), (e) => e.inDrafts).filter(Boolean).length).toBe(1);
  });
});

describe('inDraftsFolder', () => {
  const entry = (rel: string, inDrafts = false) => ({ abs: `/b/${rel}`, path: rel, rel, inDrafts });
  it('is the drafts folder, or a _drafts folder anywhere on the path', () => {
    expect(inDraftsFolder(entry('x.md', true))).toBe(true);
    expect(inDraftsFolder(entry('_drafts/x.md'))).toBe(true);
    expect(inDraftsFolder(entry('2025/_drafts/x.md'))).toBe(true);
    expect(inDraftsFolder(entry('x_drafts/y.md'))).toBe(false);
    expect(inDraftsFolder(entry('a/_drafts.md'))).toBe(false);
    expect(inDraftsFolder(entry('_drafts_old/x.md'))).toBe(false);
    expect(inDraftsFolder(entry('posts/x.md'))).toBe(false);

  });
});
