import { parseDate } from '../../dates.js';
import { hugoPublishDateKey } from '../../post.js';
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
    if (settings.future || post.draft) return [];
    const future = (epochMs: number): boolean => epochMs > settings.now;
    // Hugo leaves a page out by its publish date, which is `date` only when it has no publishDate.
    if (settings.generator === 'hugo') {
      const key = hugoPublishDateKey(post.data);
      const value = key === undefined ? undefined : post.data[key];
      const parsed = typeof value === 'string' ? parseDate(value, settings.timeZone) : undefined;
      if (key === undefined || !parsed?.ok || !future(parsed.date.epochMs)) return [];
      return [{ ...locator(post).value(key), message: `${key} ${parsed.date.raw} is in the future on a published post; ${notPublished(settings)}`, hint: 'fix the date, or mark the post as a draft' }];
    }
    if (!post.date || !future(post.date.epochMs)) return [];
    if (post.dateSource === 'front-matter') return [{ ...locator(post).value('date'), message: `date ${post.date.raw} is in the future on a published post; ${notPublished(settings)}`, hint: 'fix the date, or mark the post as a draft' }];
    // Jekyll dates a post without a date by its file name (Hexo and Hugo do not).
    if (post.dateSource === 'filename' && (settings.generator === 'jekyll' || settings.generator === 'generic')) {
      return [{ line: 1, col: 1, message: `the file name's date ${post.date.raw} is in the future on a published post; ${notPublished(settings)}`, hint: 'fix the date in the file name, or move the post to the drafts' }];
    }
    return [];
  },
};
