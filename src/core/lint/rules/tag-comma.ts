import { locator } from '../locate.js';
import type { Rule } from '../types.js';
import { taxonomyKey } from '../../front-matter/fences.js';

export const tagComma: Rule = {
  id: 'tag-comma',
  severity: 'warn',
  description: 'A single string tag with a comma in it ("ChatGPT, AI" is one tag), probably meant as two.',
  check: (post) => {
    const key = taxonomyKey(post.data, 'tags');
    const v = key ? post.data[key] : undefined;
    if (!key || typeof v !== 'string' || !v.includes(',')) return [];
    const parts = v.split(',').map((s) => s.trim()).filter(Boolean);
    return [{ ...locator(post).value(key), message: `tags "${v}" is one tag with a comma in it`, hint: `for ${parts.length} tags write ${key}: [${parts.join(', ')}]` }];
  },
};
