import { locator } from '../locate.js';
import type { LintInput, RawFinding, Rule } from '../types.js';
import { listSome } from '../../diagnostic.js';

export const duplicateTitle: Rule = {
  id: 'duplicate-title',
  severity: 'warn',
  description: 'Two dated posts with the same title (undated pages such as documentation are not compared).',
  siteKeys: [],
  checkSite: (inputs) => {
    const groups = new Map<string, LintInput[]>();
    for (const input of inputs) {
      const p = input.post;
      if (!p?.title || !p.date) continue;
      // NFKC changes nothing in printable ASCII; only other titles pay for it.
      const key = (/^[\x20-\x7e]*$/.test(p.title) ? p.title : p.title.normalize('NFKC')).trim();
      const group = groups.get(key);
      if (group) group.push(input);
      else groups.set(key, [input]);
    }
    const out = new Map<LintInput, RawFinding[]>();
    for (const [title, list] of groups) {
      if (list.length < 2) continue;
      for (const input of list) {
        const others = list.filter((i) => i !== input).map((i) => i.path);
        out.set(input, [{ ...locator(input.post as NonNullable<LintInput['post']>).value('title'), message: `title "${title}" is also used by ${listSome(others)}`, hint: 'give each post its own title' }]);
      }
    }
    return out;
  },
};
