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
    // Most lists are short and have no repeat: compared pairwise, nothing is allocated for them.
    if (v.length <= 16 && !hasRepeat(v)) return [];
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

/** Whether two names of a short list are the same (as the rule compares them: items that are not lists or maps, as text). */
function hasRepeat(items: unknown[]): boolean {
  for (let i = 1; i < items.length; i++) {
    const a = items[i];
    if (a === null || typeof a === 'object') continue;
    for (let j = 0; j < i; j++) {
      const b = items[j];
      if (b !== null && typeof b !== 'object' && String(a) === String(b)) return true;
    }
  }
  return false;
}
