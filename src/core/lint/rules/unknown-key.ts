import { locator } from '../locate.js';
import type { Rule } from '../types.js';
import { suggestNames } from '../../select.js';

export const unknownKey: Rule = {
  id: 'unknown-key',
  severity: 'off',
  description: 'A front matter key outside the allowed list (on when the config gives lint.allowedKeys).',
  check: (post, _input, settings) => {
    const allowed = settings.allowedKeys;
    if (!allowed) return [];
    const known = new Map(allowed.map((k) => [k, 1]));
    return Object.keys(post.data)
      .filter((k) => !known.has(k))
      .map((k) => {
        const close = suggestNames(k, known, 1);
        return { ...locator(post).key(k), message: `key "${k}" is not in the allowed keys`, hint: close.length ? `did you mean "${close[0]}"?` : 'add it to lint.allowedKeys' };
      });
  },
};
