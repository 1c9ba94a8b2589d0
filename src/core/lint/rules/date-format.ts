import { locator } from '../locate.js';
import type { RawFinding, Rule } from '../types.js';

/** The line of the front matter that holds a top-level key. */
function keyLine(content: string, key: string): string | undefined {
  return new RegExp(`^${key}\\s*:.*$`, 'm').exec(content)?.[0];
}

export const dateFormat: Rule = {
  id: 'date-format',
  severity: 'warn',
  description: 'A date in a form a site generator misreads: YYYY/MM/DD (Jekyll and Hugo reject it), single-digit months or days, or (Hexo) a quoted date-only value, read as UTC midnight.',
  check: (post, _input, settings) => {
    const out: RawFinding[] = [];
    for (const key of ['date', 'updated']) {
      const raw = post.data[key];
      if (typeof raw !== 'string' || !post.frontMatter) continue;
      // Located only when there is something to report: most dates are fine.
      const where = () => locator(post).value(key);
      if (/^\d{4}\/\d{1,2}\/\d{1,2}/.test(raw.trim())) {
        out.push({ ...where(), message: `${key} "${raw}" uses slashes; Jekyll and Hugo cannot read that form`, hint: `write ${raw.trim().replace(/\//g, '-')}` });
      } else if (/^\d{4}-(\d-|\d{2}-\d(\D|$))/.test(raw.trim())) {
        out.push({ ...where(), message: `${key} "${raw}" has a single-digit month or day; not every generator reads it`, hint: 'write YYYY-MM-DD with two-digit months and days' });
      }
      if (settings.generator === 'hexo' && /^\d{4}-\d{2}-\d{2}$/.test(raw.trim()) && /:\s*["']/.test(keyLine(post.frontMatter.content, key) ?? '')) {
        out.push({ ...where(), message: `${key} "${raw}" is a quoted date without a time: Hexo reads it as UTC midnight, the previous day west of UTC`, hint: 'remove the quotes, or add a time' });
      }
    }
    return out;
  },
};
