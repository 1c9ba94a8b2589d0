import { locator } from '../locate.js';
import { collectKeys, sharedKeys, type KeyFacts } from '../shared-keys.js';
import type { RawFinding, Rule, SiteCheck } from '../types.js';
import { listSome } from '../../diagnostic.js';
import type { Post } from '../../post.js';

/**
 * The title as compared, for dated posts with one. NFKC changes nothing in printable ASCII and
 * the CJK Unified Ideographs (U+4E00–U+9FFF have no decompositions and compose with nothing; a
 * test checks every one), so only other titles pay for it.
 */
export function titleKey(p: Post | undefined): string | undefined {
  if (!p?.title || !p.date) return undefined;
  return (/^[\x20-\x7e\u4e00-\u9fff]*$/.test(p.title) ? p.title : p.title.normalize('NFKC')).trim();
}

const site: SiteCheck<KeyFacts> = {
  collector: collectKeys((input) => titleKey(input.post)),
  check: (chunks, again) => {
    const out = new Map<number, RawFinding[]>();
    for (const [, list] of sharedKeys(chunks, (ordinal) => titleKey(again(ordinal).post))) {
      // Each post's own title is quoted, as written (the key reads full-width `？：！` as `?:!`); said when they differ.
      const titles = list.map((o) => ((again(o).post as Post).title as string).trim());
      const folded = titles.some((t) => t !== titles[0]) ? ' (the same once full-width and other compatibility forms are read as plain ones)' : '';
      for (const [k, ordinal] of list.entries()) {
        const post = again(ordinal).post as Post;
        const others = list.filter((o) => o !== ordinal).map((o) => again(o).path);
        const own = titles[k] as string;
        out.set(ordinal, [{ ...locator(post).value('title'), message: `title "${own}" is also used by ${listSome(others)}${folded}`, hint: 'give each post its own title' }]);
      }
    }
    return out;
  },
};

export const duplicateTitle: Rule = {
  id: 'duplicate-title',
  severity: 'warn',
  description: 'Two dated posts with the same title (undated pages such as documentation are not compared).',
  site: site as SiteCheck<unknown>,
};
