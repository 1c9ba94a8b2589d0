/**
 * Choosing and ordering posts: the filters of `blog list` (and later `retag --add`).
 * Pure.
 */
import type { PostDate } from './dates.js';
import { byCodeUnit } from './diagnostic.js';
import type { Post } from './post.js';

export type SortKey = 'date' | 'title' | 'path';

export interface PostFilter {
  /** Every one of these tags (exact). */
  tags?: string[];
  /** Each must appear at some level of some category path; `A > B` matches a path segment run. */
  categories?: string[];
  draft?: boolean;
  since?: PostDate;
  until?: PostDate;
  /** Case-insensitive text in the title. */
  search?: string;
}

/** `A > B` or `A/B` → ['A', 'B']; a plain name is one level. */
export function parseCategoryQuery(query: string): string[] {
  return query.includes('>') ? query.split('>').map((s) => s.trim()).filter(Boolean) : [query.trim()];
}

type Selectable = Pick<Post, 'tags' | 'categories' | 'draft' | 'date' | 'title'>;

function hasCategory(post: Pick<Post, 'categories'>, query: string[]): boolean {
  return post.categories.some((path) => {
    for (let i = 0; i + query.length <= path.length; i++) {
      if (query.every((q, j) => path[i + j] === q)) return true;
    }
    return false;
  });
}

const folded = new Map<string, string>();

/** Case- and width-insensitive form of a name (NFKC, lower case); memoised, names repeat a lot. */
export function fold(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text.toLowerCase();
  let f = folded.get(text);
  if (f === undefined) {
    f = text.normalize('NFKC').toLocaleLowerCase('en-US');
    if (folded.size < 100_000) folded.set(text, f);
  }
  return f;
}

/** Whether a post passes every filter given. */
export function matchesFilter(post: Selectable, filter: PostFilter): boolean {
  if (filter.tags && !filter.tags.every((t) => post.tags.includes(t))) return false;
  if (filter.categories && !filter.categories.every((c) => hasCategory(post, parseCategoryQuery(c)))) return false;
  if (filter.draft !== undefined && post.draft !== filter.draft) return false;
  if (filter.since || filter.until) {
    if (!post.date) return false;
    if (filter.since && post.date.epochMs < filter.since.epochMs) return false;
    if (filter.until && post.date.epochMs > filter.until.epochMs) return false;
  }
  if (filter.search !== undefined && !fold(post.title ?? '').includes(fold(filter.search))) return false;
  return true;
}

/**
 * The order of `list`: dates newest first (undated last, whatever the direction), titles and
 * paths ascending (untitled last); ties by path. Over anything the date and title can be had of;
 * `byPath` orders two items by their paths.
 */
export function listOrder<T>(key: SortKey, reverse: boolean, epochOf: (x: T) => number | null, titleOf: (x: T) => string | null, byPath: (a: T, b: T) => number): (a: T, b: T) => number {
  return (a, b) => {
    let c = 0;
    if (key === 'date') {
      const x = epochOf(a);
      const y = epochOf(b);
      if (x !== null && y !== null) c = y - x;
      else if (x !== null || y !== null) return x !== null ? -1 : 1;
    } else if (key === 'title') {
      const x = titleOf(a);
      const y = titleOf(b);
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
      } else {
        c = x.localeCompare(y, 'en');
      }
    }
    if (c === 0) c = byPath(a, b);
    return reverse ? -c : c;
  };
}

/**
 * The order of listOrder by date, of items 0 to epochs.length - 1 already in path order (an
 * epoch NaN is undated), sorted without comparing in JavaScript: each item gets the number
 * (rank of its date among the dates) × n + (its place), and those are sorted as numbers. On
 * 100,000 posts, a comparator over an array of indexes left 2.4 MB of V8's sort arrays in the
 * heap until the end of `list --json`; these arrays are freed when the sort is done. Items
 * beyond what a double holds exactly (n ≥ 94,906,265) are sorted with listOrder.
 */
export function listOrderByDate(epochs: Float64Array, reverse: boolean): Int32Array {
  const n = epochs.length;
  if ((n + 1) * n > Number.MAX_SAFE_INTEGER) {
    const epochOf = (i: number): number | null => (Number.isNaN(epochs[i]) ? null : (epochs[i] as number));
    return Int32Array.from({ length: n }, (_, i) => i).sort(listOrder<number>('date', reverse, epochOf, () => null, (a, b) => a - b));
  }
  // The dates, ascending (NaN last, as a typed array sorts them).
  const dates = epochs.slice().sort();
  let dated = n;
  while (dated > 0 && Number.isNaN(dates[dated - 1])) dated--;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const epoch = epochs[i] as number;
    // Newest first (oldest first reversed), ties by path (reversed too); undated last either way, by path.
    const place = reverse ? n - 1 - i : i;
    if (Number.isNaN(epoch)) {
      keys[i] = dated * n + place;
      continue;
    }
    let lo = 0;
    for (let hi = dated; lo < hi; ) {
      const mid = (lo + hi) >>> 1;
      if ((dates[mid] as number) < epoch) lo = mid + 1;
      else hi = mid;
    }
    keys[i] = (reverse ? lo : dated - 1 - lo) * n + place;
  }
  keys.sort();
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const place = (keys[k] as number) % n;
    order[k] = reverse ? n - 1 - place : place;
  }
  return order;
}

/** Posts in the order of `list`. */
export function sortPosts<P extends Pick<Post, 'date' | 'title' | 'path'>>(posts: P[], key: SortKey, reverse = false): P[] {
  return [...posts].sort(listOrder<P>(key, reverse, (p) => p.date?.epochMs ?? null, (p) => p.title, (a, b) => byCodeUnit(a.path, b.path)));
}

/** Levenshtein distance, capped: returns `max + 1` once it is certain to exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
}

/** A list of allowed names (lint's allowed tags or keys), looked up and suggested from. */
export interface Vocabulary {
  known: Map<string, number>;
  /** The closest allowed name to one that is not, or undefined: found once a name (the same stray tag is in many posts). */
  closest(name: string): string | undefined;
}

/** Made by `vocabulary`, one a list. */
const vocabularies = new WeakMap<readonly string[], Vocabulary>();

/** A list of allowed names as a Vocabulary: made once a list, not once a post. */
export function vocabulary(names: readonly string[]): Vocabulary {
  let v = vocabularies.get(names);
  if (!v) {
    const known = new Map(names.map((n) => [n, 1]));
    const closest = new Map<string, string | undefined>();
    v = {
      known,
      closest: (name) => {
        if (!closest.has(name)) closest.set(name, suggestNames(name, known, 1)[0]);
        return closest.get(name);
      },
    };
    vocabularies.set(names, v);
  }
  return v;
}

/**
 * Known names close to `wanted`: the same but for case first, then small typos.
 * `known` maps each name to how often it is used (most used first among equals).
 */
export function suggestNames(wanted: string, known: Map<string, number>, limit = 3): string[] {
  const w = fold(wanted);
  const maxTypos = w.length <= 3 ? 1 : w.length <= 8 ? 2 : 3;
  const scored: { name: string; score: number; count: number }[] = [];
  for (const [name, count] of known) {
    if (name === wanted) continue;
    const n = fold(name);
    const score = n === w ? 0 : Math.min(n.length, w.length) >= 3 && (n.includes(w) || w.includes(n)) ? 1 + Math.abs(n.length - w.length) / 100 : editDistance(n, w, maxTypos) + 1;
    if (score <= maxTypos + 1) scored.push({ name, score, count });
  }
  scored.sort((a, b) => a.score - b.score || b.count - a.count || byCodeUnit(a.name, b.name));
  return scored.slice(0, limit).map((s) => s.name);
}

/** How often each tag and each category name is used. */
export interface NameCounts {
  tags: Map<string, number>;
  categories: Map<string, number>;
}

/** How often each tag and each category name is used; `into` adds to counts already made. */
export function countNames(posts: Iterable<Pick<Post, 'tags' | 'categories'>>, into: NameCounts = { tags: new Map(), categories: new Map() }): NameCounts {
  const { tags, categories } = into;
  for (const post of posts) {
    for (const t of post.tags) tags.set(t, (tags.get(t) ?? 0) + 1);
    const names = post.categories.length === 1 && (post.categories[0] as string[]).length === 1 ? (post.categories[0] as string[]) : new Set(post.categories.flat());
    for (const c of names) categories.set(c, (categories.get(c) ?? 0) + 1);
  }
  return into;
}
