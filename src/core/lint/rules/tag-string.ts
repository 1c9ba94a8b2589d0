import { taxonomyKey } from '../../front-matter/fences.js';
import { formatScalar } from '../../edit.js';
import { locator } from '../locate.js';
import type { Rule } from '../types.js';

export const tagString: Rule = {
  id: 'tag-string',
  severity: 'warn',
  description: 'Tags written as one string: with spaces in it, Jekyll and Hugo read several tags and Hexo one (only the author knows which was meant, so --fix leaves it); a single word as a list where Jekyll and Hugo expect one.',
  fixable: true,
  check: (post, _input, settings) => {
    const key = taxonomyKey(post.data, 'tags');
    const v = key ? post.data[key] : undefined;
    if (!key || typeof v !== 'string' || v.includes(',')) return [];
    const words = v.trim().split(/\s+/);
    const splits = settings.generator === 'jekyll' || settings.generator === 'hugo';
    if (words.length > 1) {
      // Ambiguous: one tag with spaces, or several tags? --fix never decides that.
      const several = `[${words.map((w) => formatScalar(w, true)).join(', ')}]`;
      const one = `[${formatScalar(v.trim(), true)}]`;
      return [{ ...locator(post).value(key), message: `tags is the string "${v}": Jekyll and Hugo read ${words.length} tags, Hexo one`, hint: `write ${key}: ${several} for ${words.length} tags, or ${key}: ${one} for one (--fix leaves this to you)` }];
    }
    if (!splits) return [];
    return [{ ...locator(post).value(key), message: `tags is the string "${v}"; ${settings.generator === 'jekyll' ? 'Jekyll' : 'Hugo'} expects a list`, hint: `write ${key}: [${v.trim()}] (--fix does)`, fix: { kind: 'tags-to-list' } }];
  },
};
