import { locator } from '../locate.js';
import { collectKeys, sharedKeys, type KeyFacts } from '../shared-keys.js';
import type { LintInput, RawFinding, Rule, SiteCheck } from '../types.js';
import { listSome } from '../../diagnostic.js';

const NAME_FIELDS = ['permalink', 'url', 'slug'] as const;
/** Case-insensitive in ASCII only, as before (`.marKdown` with a Kelvin sign keeps its name). */
const POST_EXTENSION = /^\.(?:md|markdown)$/i;

/** The URL-ish identity of a post: its permalink/slug/url key, else its path without extension. */
function identity(input: LintInput): { key: string; shown: string; field?: string } | undefined {
  const post = input.post;
  if (!post) return undefined;
  for (const field of NAME_FIELDS) {
    const v = post.data[field];
    if (typeof v === 'string' && v.trim() !== '') {
      const base = field === 'slug' ? input.rel.replace(/[^/]*$/, '') + v.trim() : v.trim();
      return { key: base.replace(/^\/+|\/+$/g, '').replace(/\.html?$/, '').toLowerCase(), shown: v.trim(), field };
    }
  }
  // The path without `_drafts/` and the extension (asked of every post: no regular expressions).
  let rel = input.rel.startsWith('_drafts/') ? input.rel.slice(8) : input.rel;
  const dot = rel.lastIndexOf('.');
  if (dot !== -1 && POST_EXTENSION.test(rel.slice(dot))) rel = rel.slice(0, dot);
  return { key: rel.toLowerCase(), shown: rel };
}

/** The key two posts must not share; index pages have none. */
function slugKey(input: LintInput): string | undefined {
  const id = identity(input);
  if (!id) return undefined;
  const k = id.key;
  return k === 'index' || k === '_index' || k.endsWith('/index') || k.endsWith('/_index') ? undefined : k;
}

const site: SiteCheck<KeyFacts> = {
  collector: collectKeys(slugKey),
  check: (chunks, again) => {
    const out = new Map<number, RawFinding[]>();
    for (const ordinals of sharedKeys(chunks, (ordinal) => slugKey(again(ordinal))).values()) {
      const list = ordinals.map((ordinal) => ({ ordinal, input: again(ordinal), ...(identity(again(ordinal)) as { key: string; shown: string; field?: string }) }));
      for (const entry of list) {
        const others = list.filter((e) => e !== entry).map((e) => e.input.path);
        const post = entry.input.post;
        if (!post) continue;
        const where = entry.field ? locator(post).value(entry.field) : { line: 1, col: 1 };
        const caseOnly = list.some((e) => e.shown !== entry.shown && e.shown.toLowerCase() === entry.shown.toLowerCase());
        out.set(entry.ordinal, [{ ...where, message: `${entry.field ?? 'slug'} "${entry.shown}" is also used by ${listSome(others)}${caseOnly ? ' (differs only in case)' : ''}`, hint: 'give each post its own name' }]);
      }
    }
    return out;
  },
};

export const duplicateSlug: Rule = {
  id: 'duplicate-slug',
  severity: 'error',
  description: 'Two posts with the same slug or permalink, including names that differ only in case (one file on macOS, Windows and many hosts).',
  site: site as SiteCheck<unknown>,
};
