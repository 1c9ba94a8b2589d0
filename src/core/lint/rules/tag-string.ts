import { locator } from '../locate.js';
import type { Rule } from '../types.js';
import { taxonomyKey } from '../../front-matter/fences.js';

export const tagString: Rule = {
  id: 'tag-string',
  severity: 'warn',
  description: 'Tags written as one string with spaces in it: Jekyll and Hugo split it at the spaces, Hexo reads one tag. A list means the same everywhere.',
  fixable: true,
  check: (post, _input, settings) => {
    const key = taxonomyKey(post.data, 'tags');
    const v = key ? post.data[key] : undefined;
    if (!key || typeof v !== 'string' || v.includes(',')) return [];
    const splits = settings.generator === 'jekyll' || settings.generator === 'hugo';
    if (!/\s/.test(v.trim()) && !splits) return [];
    return [{ ...locator(post).value(key), message: `tags is the string "${v}"; ${/\s/.test(v.trim()) ? 'Jekyll and Hugo read it as several tags, Hexo as one' : `${settings.generator} expects a list`}`, hint: `write ${key}: [${v}] (--fix does)`, fix: { kind: 'tags-to-list' } }];
  },
};
