import { quoted } from '../../diagnostic.js';
import { hugoFlag } from '../../post.js';
import { locator } from '../locate.js';
import type { Rule } from '../types.js';

export const draftIgnored: Rule = {
  id: 'draft-ignored',
  severity: 'warn',
  description: 'A draft marker the site generator ignores: draft: true in Hexo and Jekyll (they publish the post); in Hugo, published when draft is set too and says otherwise (Hugo uses draft), and a draft or published value that is not a boolean.',
  check: (post, input, settings) => {
    const inDrafts = input.inDrafts;
    if ((settings.generator === 'hexo' || settings.generator === 'jekyll') && post.data.draft === true && !inDrafts && post.data.published !== false) {
      const fix = settings.generator === 'hexo' ? 'use published: false, or move the post to source/_drafts' : 'move the post to _drafts/ (Jekyll ignores draft: true)';
      return [{ ...locator(post).key('draft'), message: `draft: true is ignored by ${settings.generator === 'hexo' ? 'Hexo' : 'Jekyll'}: this post is published`, hint: fix }];
    }
    // Hugo reads `published` only without `draft` (hugo list all 0.111: `published: false` alone is
    // a draft; with both, Hugo warns and uses draft).
    const data = post.data;
    // A marker that is not a boolean: Hugo reads some as one (`draft: yes`, `1`, `"true"`) and the rest as not set.
    if (settings.generator === 'hugo') {
      for (const key of ['draft', 'published'] as const) {
        const value = data[key];
        if (!Object.prototype.hasOwnProperty.call(data, key) || typeof value === 'boolean') continue;
        if (key === 'published' && Object.prototype.hasOwnProperty.call(data, 'draft')) continue;
        const read = hugoFlag(value, post.format, post.frontMatter?.content ?? '', key);
        const as = read === undefined ? 'as not set: this page is published' : `as ${key}: ${read}: this page is ${post.draft ? 'a draft' : 'published'}`;
        return [{ ...locator(post).key(key), message: `${key}: ${quoted(value)} is not a boolean; Hugo reads it ${as}`, hint: `write ${key}: true or ${key}: false` }];
      }
    }
    if (settings.generator === 'hugo' && Object.prototype.hasOwnProperty.call(data, 'draft') && typeof data.published === 'boolean' && (data.draft === true) !== (data.published === false)) {
      return [{ ...locator(post).key('published'), message: `published: ${data.published} is ignored by Hugo, which uses draft: ${String(data.draft)}: this page is ${data.draft === true ? 'a draft' : 'published'}`, hint: 'keep draft and remove published' }];
    }
    return [];
  },
};
