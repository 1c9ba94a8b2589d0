import { locator } from '../locate.js';
import type { LintInput, RawFinding, Rule } from '../types.js';
import { taxonomyKey } from './taxonomy-shape.js';
import { fold } from '../../select.js';

interface Use {
  input: LintInput;
  index: number[];
}

/** Names that differ only in case, per field: the most used form is the one to keep. */
export const tagCaseVariant: Rule = {
  id: 'tag-case-variant',
  severity: 'warn',
  description: 'A tag or category spelled in another case than elsewhere in the blog (chatgpt in 2 posts, ChatGPT in 40); the most used form is the one to keep.',
  fixable: true,
  siteKeys: ['tags', 'tag', 'categories', 'category'],
  checkSite: (inputs) => {
    const out = new Map<LintInput, RawFinding[]>();
    for (const field of ['tags', 'categories'] as const) {
      const uses = new Map<string, Map<string, Use[]>>();
      for (const input of inputs) {
        const post = input.post;
        if (!post) continue;
        const key = taxonomyKey(post, field);
        if (!key) continue;
        const raw = post.data[key];
        const items: { name: string; index: number[] }[] = [];
        if (typeof raw === 'string') items.push({ name: raw, index: [] });
        else if (Array.isArray(raw)) {
          raw.forEach((item, i) => {
            if (Array.isArray(item)) item.forEach((sub, j) => typeof sub === 'string' && items.push({ name: sub, index: [i, j] }));
            else if (typeof item === 'string') items.push({ name: item, index: [i] });
          });
        }
        const seenHere = new Set<string>();
        for (const { name, index } of items) {
          if (seenHere.has(name)) continue;
          seenHere.add(name);
          const f = fold(name);
          if (!uses.has(f)) uses.set(f, new Map());
          const forms = uses.get(f) as Map<string, Use[]>;
          if (!forms.has(name)) forms.set(name, []);
          (forms.get(name) as Use[]).push({ input, index });
        }
      }
      for (const forms of uses.values()) {
        if (forms.size < 2) continue;
        const ranked = [...forms].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
        const [dominant, dominantUses] = ranked[0] as [string, Use[]];
        for (const [name, list] of ranked.slice(1)) {
          for (const use of list) {
            const post = use.input.post;
            if (!post) continue;
            const key = taxonomyKey(post, field) as string;
            const what = field === 'tags' ? 'tag' : 'category';
            const finding: RawFinding = {
              ...locator(post).item(key, use.index),
              message: `${what} "${name}" (${list.length} post${list.length === 1 ? '' : 's'}) is a case variant of "${dominant}" (${dominantUses.length} post${dominantUses.length === 1 ? '' : 's'})`,
              hint: `blog retag ${field === 'categories' ? '--categories ' : ''}${quote(name)} ${quote(dominant)} fixes every post (so does --fix)`,
              fix: field === 'tags' ? { kind: 'rename-tag', from: name, to: dominant } : { kind: 'rename-category', from: name, to: dominant },
            };
            out.set(use.input, [...(out.get(use.input) ?? []), finding]);
          }
        }
      }
    }
    return out;
  },
};

function quote(s: string): string {
  return /^[\p{L}\p{N}_.-]+$/u.test(s) ? s : `"${s.replace(/"/g, '\\"')}"`;
}
