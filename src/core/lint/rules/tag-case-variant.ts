import { locator } from '../locate.js';
import type { LintInput, RawFinding, Rule } from '../types.js';
import { taxonomyKey } from '../../front-matter/fences.js';
import { fold } from '../../select.js';
import { shellQuote } from '../../shell.js';

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
      // Two passes: count the spellings of every name, then collect the uses of only the names
      // that have case variants (few), instead of a record for every tag of every post.
      const counts = new Map<string, Map<string, number>>();
      for (const input of inputs) {
        eachName(input, field, (name) => {
          const f = fold(name);
          let forms = counts.get(f);
          if (!forms) counts.set(f, (forms = new Map()));
          forms.set(name, (forms.get(name) ?? 0) + 1);
        });
      }
      const variants = new Set<string>();
      for (const [f, forms] of counts) if (forms.size > 1) variants.add(f);
      if (variants.size === 0) continue;
      const uses = new Map<string, Map<string, Use[]>>();
      for (const input of inputs) {
        eachName(input, field, (name, index) => {
          const f = fold(name);
          if (!variants.has(f)) return;
          let forms = uses.get(f);
          if (!forms) uses.set(f, (forms = new Map()));
          let list = forms.get(name);
          if (!list) forms.set(name, (list = []));
          list.push({ input, index });
        });
      }
      for (const forms of uses.values()) {
        if (forms.size < 2) continue;
        const ranked = [...forms].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
        const [dominant, dominantUses] = ranked[0] as [string, Use[]];
        for (const [name, list] of ranked.slice(1)) {
          for (const use of list) {
            const post = use.input.post;
            if (!post) continue;
            const key = taxonomyKey(post.data, field) as string;
            const what = field === 'tags' ? 'tag' : 'category';
            const finding: RawFinding = {
              ...locator(post).item(key, use.index),
              message: `${what} "${name}" (${list.length} post${list.length === 1 ? '' : 's'}) is a case variant of "${dominant}" (${dominantUses.length} post${dominantUses.length === 1 ? '' : 's'})`,
              hint: `blog retag ${field === 'categories' ? '--categories ' : ''}${shellQuote(name)} ${shellQuote(dominant)} fixes every post (so does --fix)`,
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

/** Each distinct name of a post's tags or categories, with its index in the list (`[i, j]` inside a path). */
function eachName(input: LintInput, field: 'tags' | 'categories', visit: (name: string, index: number[]) => void): void {
  const post = input.post;
  if (!post) return;
  const key = taxonomyKey(post.data, field);
  if (!key) return;
  const raw = post.data[key];
  if (typeof raw === 'string') {
    visit(raw, []);
    return;
  }
  if (!Array.isArray(raw)) return;
  const seen = new Set<string>();
  const once = (name: string, index: number[]): void => {
    if (seen.has(name)) return;
    seen.add(name);
    visit(name, index);
  };
  raw.forEach((item, i) => {
    if (Array.isArray(item)) item.forEach((sub, j) => typeof sub === 'string' && once(sub, [i, j]));
    else if (typeof item === 'string') once(item, [i]);
  });
}

