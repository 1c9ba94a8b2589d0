import { quoted } from '../../diagnostic.js';
import { hugoFlag, hugoMarkerKey } from '../../post.js';
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
    if (settings.generator !== 'hugo') return [];
    // Keys in any case (`Draft = true`), as Hugo reads them.
    const draftKey = hugoMarkerKey(data, 'draft');
    const publishedKey = hugoMarkerKey(data, 'published');
    for (const key of [draftKey, publishedKey]) {
      if (key === undefined) continue;
      const value = data[key];
      if (typeof value === 'boolean') continue;
      if (key === publishedKey && draftKey !== undefined) continue;
      const read = hugoFlag(value, post.format, post.frontMatter?.content ?? '', key);
      const as = read === undefined ? 'as not set: this page is published' : `as ${key}: ${read}: this page is ${post.draft ? 'a draft' : 'published'}`;
      return [{ ...locator(post).key(key), message: `${key}: ${quoted(value)} is not a boolean; Hugo reads it ${as}`, hint: `write ${key}: true or ${key}: false` }];
    }
    if (draftKey !== undefined && publishedKey !== undefined && typeof data[publishedKey] === 'boolean' && (data[draftKey] === true) !== (data[publishedKey] === false)) {
      const published = String(data[publishedKey]);
      return [{ ...locator(post).key(publishedKey), message: `${publishedKey}: ${published} is ignored by Hugo, which uses ${draftKey}: ${String(data[draftKey])}: this page is ${data[draftKey] === true ? 'a draft' : 'published'}`, hint: `keep ${draftKey} and remove ${publishedKey}` }];
    }
    return [];
  },
};
