import { locator } from '../locate.js';
import type { Rule } from '../types.js';

const pad = (n: number) => String(n).padStart(2, '0');

export const dateFilenameMismatch: Rule = {
  id: 'date-filename-mismatch',
  severity: 'warn',
  description: 'The YYYY-MM-DD- prefix of the file name and the date in the front matter name different days.',
  check: (post) => {
    if (!post.date || post.dateSource !== 'front-matter') return [];
    const name = post.path.slice(post.path.lastIndexOf('/') + 1);
    const m = /^(\d{4})-(\d{2})-(\d{2})-/.exec(name);
    if (!m) return [];
    const w = post.date.wall;
    const written = `${w.year}-${pad(w.month)}-${pad(w.day)}`;
    const prefix = `${m[1]}-${m[2]}-${m[3]}`;
    if (written === prefix) return [];
    return [{ ...locator(post).value('date'), message: `date ${post.date.raw} is not the day in the file name (${prefix})`, hint: 'make the file name and the date agree' }];
  },
};
