import { describe, expect, it } from 'vitest';
import { scanNames } from '../../../src/core/complete.js';
import { parsePost } from '../../../src/core/post.js';
import { splitFrontMatter } from '../../../src/core/front-matter.js';
import { generatePost, mulberry32 } from '../../../bench/generate.mjs';

describe('scanNames finds the names a full parse finds', () => {
  it('on 2000 generated posts (tags and category names)', () => {
    const rand = mulberry32(11);
    for (let i = 0; i < 2000; i++) {
      const text = generatePost(i, rand).replace(/^\uFEFF/, '');
      const r = parsePost(text, 'a.md', { generator: 'hexo' });
      if (!r.ok) continue;
      const split = splitFrontMatter(text, 'hexo');
      const fm = split.kind === 'block' ? text.slice(split.contentStart, split.contentEnd) : '';
      expect(new Set(scanNames(fm, 'tags'))).toEqual(new Set(r.post.tags));
      expect(new Set(scanNames(fm, 'categories'))).toEqual(new Set(r.post.categories.flat()));
    }
  });
});
