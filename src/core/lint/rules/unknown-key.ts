import { locator } from '../locate.js';
import type { Rule } from '../types.js';
import { vocabulary } from '../../select.js';

export const unknownKey: Rule = {
  id: 'unknown-key',
  severity: 'off',
  description: 'A front matter key outside the allowed list (on when the config gives lint.allowedKeys).',
  check: (post, _input, settings) => {
    const allowed = settings.allowedKeys;
    if (!allowed) return [];
    const vocab = vocabulary(allowed);
    return Object.keys(post.data)
      .filter((k) => !vocab.known.has(k))
      .map((k) => {
        const close = vocab.closest(k);
        return { ...locator(post).key(k), message: `key "${k}" is not in the allowed keys`, hint: close !== undefined ? `did you mean "${close}"?` : 'add it to lint.allowedKeys' };
      });
  },
};
