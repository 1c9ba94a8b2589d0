import { locator } from '../locate.js';
import type { LintSettings, Rule } from '../types.js';
import { suggestNames } from '../../select.js';

/** What a missing date does, in the terms of the blog's own generator. */
function missingDate(settings: LintSettings): string {
  if (settings.generator === 'hexo') return " (Hexo then uses the file's creation time: in CI, the time of the clone)";
  if (settings.generator === 'jekyll') return ' (Jekyll takes the date from a YYYY-MM-DD- file name prefix, and this file has none)';
  return '';
}

export const requiredFields: Rule = {
  id: 'required-fields',
  severity: 'error',
  description: 'A required key (default: title and date; Hugo: title) is missing, empty or null. Drafts in a drafts folder need no date until they are published.',
  check: (post, input, settings) => {
    if (input.headless) return [];
    const out = [];
    for (const key of settings.required) {
      const value = post.data[key];
      // A date may also come from a YYYY-MM-DD- file name prefix, as Jekyll and Hexo take it;
      // a draft in a drafts folder gets its date when it is published.
      if (key === 'date' && (post.dateSource === 'filename' || input.inDrafts)) continue;
      const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
      if (!empty) continue;
      const where = value === undefined ? { line: post.frontMatter?.line ?? 1, col: 1 } : locator(post).key(key);
      const what = value === undefined ? 'missing' : 'empty';
      const consequence = key === 'date' ? missingDate(settings) : '';
      const typo = value === undefined ? suggestNames(key, new Map(Object.keys(post.data).map((k) => [k, 1])), 1)[0] : undefined;
      const hint = typo ? `is "${typo}" a misspelling of "${key}"?` : key === 'date' ? 'add date: YYYY-MM-DD HH:mm:ss' : `add ${key}: ...`;
      out.push({ ...(typo ? locator(post).key(typo) : where), message: `required key "${key}" is ${what}${consequence}`, hint });
    }
    return out;
  },
};
