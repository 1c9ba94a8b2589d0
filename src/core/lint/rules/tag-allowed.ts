import { locator } from '../locate.js';
import type { RawFinding, Rule } from '../types.js';
import { taxonomyKey } from '../../front-matter/fences.js';
import { vocabulary } from '../../select.js';

export const tagAllowed: Rule = {
  id: 'tag-allowed',
  severity: 'off',
  description: 'A tag outside the allowed vocabulary (on when the config gives lint.allowedTags).',
  check: (post, _input, settings) => {
    const allowed = settings.allowedTags;
    const key = taxonomyKey(post.data, 'tags');
    if (!allowed || !key) return [];
    const vocab = vocabulary(allowed);
    const raw = post.data[key];
    // A string Jekyll splits (`tags: 随笔 生活`) is several names, as the post reads them.
    const items = Array.isArray(raw) ? raw : typeof raw === 'string' && post.tags.length > 1 ? post.tags : [raw];
    const out: RawFinding[] = [];
    items.forEach((item, i) => {
      if (item === null || typeof item === 'object') return;
      const name = String(item);
      if (vocab.known.has(name)) return;
      const close = vocab.closest(name);
      out.push({ ...locator(post).item(key, Array.isArray(raw) ? [i] : []), message: `tag "${name}" is not in the allowed tags`, hint: close !== undefined ? `did you mean "${close}"?` : 'add it to lint.allowedTags, or use an allowed tag' });
    });
    return out;
  },
};
