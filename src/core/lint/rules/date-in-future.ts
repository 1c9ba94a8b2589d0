import { locator } from '../locate.js';
import type { LintSettings, Rule } from '../types.js';

function notPublished(settings: LintSettings): string {
  switch (settings.generator) {
    case 'hexo':
      return 'Hexo does not publish it until then (future: false in _config.yml)';
    case 'jekyll':
      return 'Jekyll does not publish it until then (future: false)';
    case 'hugo':
      return 'Hugo does not publish it until then (buildFuture is off)';
    default:
      return 'site generators may not publish it until then';
  }
}

export const dateInFuture: Rule = {
  id: 'date-in-future',
  severity: 'warn',
  description: 'A published post dated in the future, where the generator does not publish such posts (Jekyll and Hugo by default, Hexo with future: false).',
  check: (post, _input, settings) => {
    if (settings.future || post.draft || !post.date || post.dateSource !== 'front-matter') return [];
    if (post.date.epochMs <= settings.now) return [];
    return [{ ...locator(post).value('date'), message: `date ${post.date.raw} is in the future on a published post; ${notPublished(settings)}`, hint: 'fix the date, or mark the post as a draft' }];
  },
};
