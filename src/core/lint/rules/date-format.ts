import { keyLine } from '../../front-matter/fences.js';
import { locator } from '../locate.js';
import type { LintSettings, RawFinding, Rule } from '../types.js';

const pad2 = (s: string): string => s.padStart(2, '0');

const DATE_KEYS = ['date', 'updated'] as const;

/** The date with dashes and two-digit months, days and hours: the form every generator reads. */
export function normalDateText(raw: string): string {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:([T ])(\d{1,2})(:.*))?$/.exec(raw.trim());
  if (!m) return raw.trim().replace(/\//g, '-');
  const time = m[5] === undefined ? '' : `${m[4]}${pad2(m[5])}${m[6] ?? ''}`;
  return `${m[1]}-${pad2(m[2] as string)}-${pad2(m[3] as string)}${time}`;
}

/** Who cannot read a date with slashes, in the words of the blog's own generator. */
function slashes(settings: LintSettings): string {
  switch (settings.generator) {
    case 'hexo':
      return 'Hexo reads it only through moment\'s deprecated fallback to the JavaScript Date parser';
    case 'jekyll':
      return 'Jekyll cannot read that form (the build stops with "Invalid date")';
    case 'hugo':
      return 'Hugo cannot read that form';
    default:
      return 'Jekyll and Hugo cannot read that form';
  }
}

export const dateFormat: Rule = {
  id: 'date-format',
  severity: 'warn',
  description: 'A date in a form a site generator misreads: YYYY/MM/DD, single-digit months, days or hours, or (Hexo) a quoted date-only value, read as UTC midnight.',
  check: (post, _input, settings) => {
    const out: RawFinding[] = [];
    for (const key of DATE_KEYS) {
      const raw = post.data[key];
      if (typeof raw !== 'string' || !post.frontMatter) continue;
      // Located only when there is something to report: most dates are fine.
      const where = () => locator(post).value(key);
      const text = raw.trim();
      if (/^\d{4}\/\d{1,2}\/\d{1,2}/.test(text)) {
        out.push({ ...where(), message: `${key} "${text}" uses slashes; ${slashes(settings)}`, hint: `write ${normalDateText(text)}` });
      } else if (/^\d{4}-(\d-|\d{2}-\d(\D|$))|^\d{4}-\d{1,2}-\d{1,2}[T ]\d:/.test(text)) {
        out.push({ ...where(), message: `${key} "${text}" has a single-digit month, day or hour; ${settings.generator === 'generic' ? 'not every generator reads it' : `${settings.generator === 'hexo' ? 'Hexo' : settings.generator === 'jekyll' ? 'Jekyll' : 'Hugo'} may misread it`}`, hint: `write ${normalDateText(text)}` });
      }
      if (settings.generator === 'hexo' && /^\d{4}-\d{2}-\d{2}$/.test(text) && /:\s*["']/.test(keyLine(post.frontMatter.content, key) ?? '')) {
        out.push({ ...where(), message: `${key} "${text}" is a quoted date without a time: Hexo reads it as UTC midnight, the previous day west of UTC`, hint: 'remove the quotes, or add a time' });
      }
    }
    return out;
  },
};
