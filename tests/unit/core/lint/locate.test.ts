import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePost, type Post } from '../../../../src/core/post.js';
import { locator, yamlLocator } from '../../../../src/core/lint/locate.js';
import { generatePost, mulberry32 } from '../../../../bench/generate.mjs';
import { repoRoot } from '../../../helpers.js';

function check(posts: Post[]): number {
  let compared = 0;
  for (const post of posts) {
    if (post.format !== 'yaml') continue;
    const fast = locator(post);
    const exact = yamlLocator(post);
    for (const key of Object.keys(post.data)) {
      expect(fast.key(key), `${post.path} key ${key}`).toEqual(exact.key(key));
      expect(fast.value(key), `${post.path} value ${key}`).toEqual(exact.value(key));
      const v = post.data[key];
      // A one-string list (`tags: chatgpt`) is asked for with no index.
      if (typeof v === 'string') {
        expect(fast.item(key, []), `${post.path} ${key}[]`).toEqual(exact.item(key, []));
        compared++;
      }
      if (Array.isArray(v)) {
        v.forEach((_, i) => {
          expect(fast.item(key, [i]), `${post.path} ${key}[${i}]`).toEqual(exact.item(key, [i]));
          compared++;
        });
      }
    }
  }
  return compared;
}

describe('the line scanner locates as the YAML parse does', () => {
  it('on 2000 generated posts', () => {
    const rand = mulberry32(3);
    const posts = Array.from({ length: 2000 }, (_, i) => parsePost(generatePost(i, rand), `p${i}.md`, { generator: 'hexo' })).flatMap((r) => (r.ok ? [r.post] : []));
    expect(check(posts)).toBeGreaterThan(3000);
  });

  const corpora = resolve(repoRoot, '..', 'shared', 'corpora');
  it.skipIf(!existsSync(corpora))('on every post in ../shared/corpora', () => {
    const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : /\.(md|markdown)$/.test(n) ? [join(dir, n)] : []));
    const posts = files(corpora).flatMap((f) => {
      const r = parsePost(readFileSync(f, 'utf8'), f, { generator: 'hexo' });
      return r.ok ? [r.post] : [];
    });
    expect(check(posts)).toBeGreaterThan(500);
  });

  it.each([
    ['flow with spaces', 'tags: [ a,  b ,c ]', 'tags', 2],
    ['block with comments', 'tags:\n  # first\n  - a\n  - b', 'tags', 1],
    ['quoted commas', 'tags: ["a, b", c]', 'tags', 1],
    ['nested block', 'categories:\n  - - x\n    - y\n  - - z', 'categories', 1],
    ['empty item', 'tags:\n  -\n  - b', 'tags', 0],
    ['CRLF', 'tags:\r\n  - a\r\n  - b\r', 'tags', 1],
    ['one string', 'tags: chatgpt', 'tags', -1],
    ['one quoted string', "tags:   'chat gpt' # c", 'tags', -1],
    ['one string on the next line', 'tags:\n  chatgpt', 'tags', -1],
    ['one string with a tag', 'tags: !!str 2024', 'tags', -1],
    ['one string with an anchor', 'tags: &t Foo', 'tags', -1],
    ['one string with an anchor, a tag and a comment', 'tags: &a !!str Foo # hi', 'tags', -1],
    ['one double-quoted string with an escape', 'tags: "a\\tb"', 'tags', -1],
    ['one single-quoted string with a quote', "tags: 'it''s'", 'tags', -1],
    ['one string continued on the next line', 'tags: Foo\n  bar', 'tags', -1],
    ['a key-like line inside a flow collection', '{title: T, meta: [\ntags: x],\ntags: Foo}', 'tags', -1],
  ])('%s', (_name, yaml, key, i) => {
    const r = parsePost(`---\n${yaml}\n---\n`, 'a.md', { generator: 'hexo' });
    if (!r.ok) throw new Error('fixture');
    const index = i === -1 ? [] : [i];
    expect(locator(r.post).item(key, index)).toEqual(yamlLocator(r.post).item(key, index));
  });
});
