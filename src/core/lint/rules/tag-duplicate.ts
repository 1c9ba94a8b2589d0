import { locator } from '../locate.js';
import type { RawFinding, Rule } from '../types.js';
import { taxonomyKey } from '../../front-matter/fences.js';

export const tagDuplicate: Rule = {
  id: 'tag-duplicate',
  severity: 'warn',
  description: 'The same tag twice in one post.',
  fixable: true,
  check: (post) => {
    const key = taxonomyKey(post.data, 'tags');
    const v = key ? post.data[key] : undefined;
    if (!key || !Array.isArray(v)) return [];
    const seen = new Set<string>();
    const out: RawFinding[] = [];
    v.forEach((item, i) => {
      if (item === null || typeof item === 'object') return;
      const name = String(item);
      if (seen.has(name)) out.push({ ...locator(post).item(key, [i]), message: `tag "${name}" is listed twice`, hint: 'remove the second one; --fix does', fix: { kind: 'dedupe-tags' } });
      seen.add(name);
    });
    return out;
  },
};
