import { locator } from '../locate.js';
import type { LintInput, RawFinding, Rule } from '../types.js';
import { listSome } from '../../diagnostic.js';

/** The URL-ish identity of a post: its permalink/slug/url key, else its path without extension. */
function identity(input: LintInput): { key: string; shown: string; field?: string } | undefined {
  const post = input.post;
  if (!post) return undefined;
  for (const field of ['permalink', 'url', 'slug']) {
    const v = post.data[field];
    if (typeof v === 'string' && v.trim() !== '') {
      const base = field === 'slug' ? input.rel.replace(/[^/]*$/, '') + v.trim() : v.trim();
      return { key: base.replace(/^\/+|\/+$/g, '').replace(/\.html?$/, '').toLowerCase(), shown: v.trim(), field };
    }
  }
  const rel = input.rel.replace(/^_drafts\//, '').replace(/\.(md|markdown)$/i, '');
  return { key: rel.toLowerCase(), shown: rel };
}

export const duplicateSlug: Rule = {
  id: 'duplicate-slug',
  severity: 'error',
  description: 'Two posts with the same slug or permalink, including names that differ only in case (one file on macOS, Windows and many hosts).',
  siteKeys: ['permalink', 'url', 'slug'],
  checkSite: (inputs) => {
    const groups = new Map<string, { input: LintInput; shown: string; field?: string }[]>();
    for (const input of inputs) {
      const id = identity(input);
      if (!id || /(^|\/)_index$|(^|\/)index$/.test(id.key)) continue;
      const list = groups.get(id.key) ?? [];
      list.push({ input, ...id });
      groups.set(id.key, list);
    }
    const out = new Map<LintInput, RawFinding[]>();
    for (const list of groups.values()) {
      if (list.length < 2) continue;
      for (const entry of list) {
        const others = list.filter((e) => e !== entry).map((e) => e.input.path);
        const post = entry.input.post;
        if (!post) continue;
        const where = entry.field ? locator(post).value(entry.field) : { line: 1, col: 1 };
        const caseOnly = list.some((e) => e.shown !== entry.shown && e.shown.toLowerCase() === entry.shown.toLowerCase());
        out.set(entry.input, [{ ...where, message: `${entry.field ?? 'slug'} "${entry.shown}" is also used by ${listSome(others)}${caseOnly ? ' (differs only in case)' : ''}`, hint: 'give each post its own name' }]);
      }
    }
    return out;
  },
};
