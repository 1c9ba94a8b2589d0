import { locator } from '../locate.js';
import type { Rule } from '../types.js';

export const dateInFuture: Rule = {
  id: 'date-in-future',
  severity: 'warn',
  description: 'A published post dated in the future (Jekyll and Hugo do not publish it until then).',
  check: (post, _input, settings) => {
    if (post.draft || !post.date || post.dateSource !== 'front-matter') return [];
    if (post.date.epochMs <= settings.now) return [];
    return [{ ...locator(post).value('date'), message: `date ${post.date.raw} is in the future on a published post`, hint: 'fix the date, or mark the post as a draft' }];
  },
};
