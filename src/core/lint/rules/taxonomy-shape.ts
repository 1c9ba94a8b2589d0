import { locator } from '../locate.js';
import type { RawFinding, Rule } from '../types.js';
import { taxonomyKey } from '../../front-matter/fences.js';
import type { Post } from '../../post.js';

const kind = (v: unknown): string => (v === null || v === '' ? 'empty' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : typeof v);

/** Whether an item is a name (the common case: nothing to report, nothing allocated). */
const isName = (item: unknown): boolean => typeof item === 'string' && item.trim() !== '';

function checkItem(post: Post, key: string, index: number[], item: unknown, what: string, out: RawFinding[]): void {
  const where = () => locator(post).item(key, index);
  if (item === null || (typeof item === 'string' && item.trim() === '')) {
    out.push({ ...where(), message: `${what} ${index.map((i) => i + 1).join('.')} is empty`, hint: 'remove the empty item' });
  } else if (typeof item === 'number' || typeof item === 'boolean') {
    out.push({ ...where(), message: `${what} ${JSON.stringify(item)} is a ${typeof item}, not text (an unquoted 1.10 reads as 1.1, yes/no may read as true/false)`, hint: `quote it: "${String(item)}"` });
  } else if (typeof item === 'object') {
    out.push({ ...where(), message: `${what} ${index.map((i) => i + 1).join('.')} is ${kind(item)}; expected text`, hint: `write ${what}s as plain names` });
  }
}

export const taxonomyShape: Rule = {
  id: 'taxonomy-shape',
  severity: 'error',
  description: 'Tags or categories of the wrong shape: a number or boolean, a nested list where tags expect names, a mapping, an empty item.',
  check: (post) => {
    const out: RawFinding[] = [];
    const tagKey = taxonomyKey(post.data, 'tags');
    if (tagKey) {
      const v = post.data[tagKey];
      if (Array.isArray(v)) v.forEach((item, i) => isName(item) || checkItem(post, tagKey, [i], item, 'tag', out));
      else if (v !== null && v !== '' && !isName(v)) checkItem(post, tagKey, [], v, 'tag', out);
    }
    const catKey = taxonomyKey(post.data, 'categories');
    if (catKey) {
      const v = post.data[catKey];
      if (Array.isArray(v)) {
        v.forEach((item, i) => {
          if (Array.isArray(item)) item.forEach((sub, j) => isName(sub) || checkItem(post, catKey, [i, j], sub, 'category', out));
          else if (!isName(item)) checkItem(post, catKey, [i], item, 'category', out);
        });
      } else if (v !== null && v !== '' && !isName(v)) checkItem(post, catKey, [], v, 'category', out);
    }
    return out;
  },
};
