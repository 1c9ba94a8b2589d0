import { locator } from '../locate.js';
import type { LintInput, RawFinding, Rule, SiteCheck } from '../types.js';
import { taxonomyKey } from '../../front-matter/fences.js';
import { fold } from '../../select.js';
import { shellQuote } from '../../shell.js';

type Field = 'tags' | 'categories';

/**
 * Per chunk and field: each spelling once, and each use of one by a post as a pair (spelling,
 * post ordinal) in two flat columns.
 */
interface Uses {
  names: string[];
  name: Int32Array;
  ordinal: Int32Array;
}
type Facts = Record<Field, Uses>;

const FIELDS: Field[] = ['tags', 'categories'];

class UseCollector {
  readonly #ids = new Map<string, number>();
  readonly #name: number[] = [];
  readonly #ordinal: number[] = [];

  add(name: string, ordinal: number): void {
    let id = this.#ids.get(name);
    if (id === undefined) this.#ids.set(name, (id = this.#ids.size));
    this.#name.push(id);
    this.#ordinal.push(ordinal);
  }

  uses(): Uses {
    return { names: [...this.#ids.keys()], name: Int32Array.from(this.#name), ordinal: Int32Array.from(this.#ordinal) };
  }
}

const site: SiteCheck<Facts> = {
  collector: () => {
    const collectors = { tags: new UseCollector(), categories: new UseCollector() };
    return {
      add: (ordinal, _post, input) => {
        for (const field of FIELDS) eachName(input, field, (name) => collectors[field].add(name, ordinal));
      },
      facts: () => ({ tags: collectors.tags.uses(), categories: collectors.categories.uses() }),
    };
  },
  check: (chunks, again) => {
    const out = new Map<number, RawFinding[]>();
    for (const field of FIELDS) {
      // How many posts use each spelling; then only the names written in more than one case
      // (few) are looked at, with the posts that use them.
      const counts = new Map<string, number>();
      const spellings = new Map<string, string[]>();
      for (const facts of chunks) {
        const uses = facts[field];
        const perName = new Array<number>(uses.names.length).fill(0);
        for (const id of uses.name) perName[id] = (perName[id] as number) + 1;
        uses.names.forEach((name, id) => {
          const before = counts.get(name);
          counts.set(name, (before ?? 0) + (perName[id] as number));
          if (before !== undefined) return;
          const f = fold(name);
          const forms = spellings.get(f);
          if (forms) forms.push(name);
          else spellings.set(f, [name]);
        });
      }
      const variant = new Map<string, number[]>();
      for (const forms of spellings.values()) if (forms.length > 1) for (const name of forms) variant.set(name, []);
      if (variant.size === 0) continue;
      // Where each name is first written in a post, found in one pass a post (a post with
      // 30,000 variants is asked 30,000 times).
      const firstIndexes = new Map<number, Map<string, number[]>>();
      const firstIndexOf = (ordinal: number, input: LintInput): Map<string, number[]> => {
        let first = firstIndexes.get(ordinal);
        if (!first) {
          const names = new Map<string, number[]>();
          eachName(input, field, (n, i) => {
            if (!names.has(n)) names.set(n, i);
          });
          firstIndexes.set(ordinal, (first = names));
        }
        return first;
      };
      for (const facts of chunks) {
        const uses = facts[field];
        const lists = uses.names.map((name) => variant.get(name));
        for (let i = 0; i < uses.name.length; i++) lists[uses.name[i] as number]?.push(uses.ordinal[i] as number);
      }
      for (const forms of spellings.values()) {
        if (forms.length < 2) continue;
        const ranked = forms.map((name) => [name, variant.get(name) as number[]] as const).sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
        const [dominant, dominantUses] = ranked[0] as readonly [string, number[]];
        for (const [name, list] of ranked.slice(1)) {
          for (const ordinal of list) {
            const input = again(ordinal);
            const post = input.post;
            if (!post) continue;
            const index = firstIndexOf(ordinal, input).get(name);
            if (!index) continue;
            const key = taxonomyKey(post.data, field) as string;
            const what = field === 'tags' ? 'tag' : 'category';
            const finding: RawFinding = {
              ...locator(post).item(key, index),
              message: `${what} "${name}" (${list.length} post${list.length === 1 ? '' : 's'}) is a case variant of "${dominant}" (${dominantUses.length} post${dominantUses.length === 1 ? '' : 's'})`,
              hint: `blog retag ${field === 'categories' ? '--categories ' : ''}${shellQuote(name)} ${shellQuote(dominant)} fixes every post, and so does --fix`,
              fix: field === 'tags' ? { kind: 'rename-tag', from: name, to: dominant } : { kind: 'rename-category', from: name, to: dominant },
            };
            const found = out.get(ordinal);
            if (found) found.push(finding);
            else out.set(ordinal, [finding]);
          }
        }
      }
    }
    return out;
  },
};

/** Names that differ only in case, per field: the most used form is the one to keep. */
export const tagCaseVariant: Rule = {
  id: 'tag-case-variant',
  severity: 'warn',
  description: 'A tag or category spelled in another case than elsewhere in the blog (chatgpt in 2 posts, ChatGPT in 40); the most used form is the one to keep.',
  fixable: true,
  site: site as SiteCheck<unknown>,
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

