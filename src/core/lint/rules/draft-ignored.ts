import { locator } from '../locate.js';
import type { Rule } from '../types.js';

export const draftIgnored: Rule = {
  id: 'draft-ignored',
  severity: 'warn',
  description: 'A draft marker the site generator ignores: draft: true in Hexo and Jekyll (they publish the post), published: false in Hugo.',
  check: (post, input, settings) => {
    const inDrafts = input.inDrafts;
    if ((settings.generator === 'hexo' || settings.generator === 'jekyll') && post.data.draft === true && !inDrafts && post.data.published !== false) {
      const fix = settings.generator === 'hexo' ? 'use published: false, or move the post to source/_drafts' : 'move the post to _drafts/ (Jekyll ignores draft: true)';
      return [{ ...locator(post).key('draft'), message: `draft: true is ignored by ${settings.generator === 'hexo' ? 'Hexo' : 'Jekyll'}: this post is published`, hint: fix }];
    }
    if (settings.generator === 'hugo' && post.data.published === false && post.data.draft !== true) {
      return [{ ...locator(post).key('published'), message: 'published: false is ignored by Hugo: this page is published', hint: 'use draft: true' }];
    }
    return [];
  },
};
