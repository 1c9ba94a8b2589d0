/**
 * Numbers about a blog for `blog stats`: posts per month, top tags, drafts, words, the longest gap.
 */
import type { Blog, ReadSummary } from './blog.js';
import type { Task } from './parallel.js';
import type { Post } from './post.js';
import { matchesFilter, type PostFilter } from './select.js';

export interface PeriodCount {
  period: string;
  count: number;
}

export interface BlogStats {
  posts: number;
  published: number;
  drafts: number;
  undated: number;
  granularity: 'month' | 'year';
  /** Every month (or year) from the first post to the last, zeros included. */
  perPeriod: PeriodCount[];
  topTags: { name: string; count: number }[];
  words: { total: number; mean: number; median: number; max: number; longest: string | null } | null;
  longestGap: { days: number; from: string; to: string; fromPath: string; toPath: string } | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** What the numbers need of a post. */
export type StatsPost = Pick<Post, 'date' | 'draft' | 'tags'> & { words?: number };

/**
 * What counting some posts gives: sums and a few numbers a post, never the posts (structured-
 * clonable; the columns move between threads without a copy). Posts are known by their ordinal.
 */
export interface StatsFacts {
  posts: number;
  drafts: number;
  undated: number;
  tags: Map<string, number>;
  /** Dated posts per month (`year * 12 + month - 1`). */
  months: Map<number, number>;
  /** The earliest and the latest dated post (the first and the last of them in date order): [epochMs, year, month]. */
  first: [number, number, number] | null;
  last: [number, number, number] | null;
  /** Published dated posts, in order: their instant, ordinal, and day as written (`YYYY-MM-DD`). */
  published: { epochs: Float64Array; ordinals: Int32Array; days: string[] };
  /** Words of the posts whose words were counted, in order. */
  words: Float64Array;
  /** The first of the longest posts: [words, ordinal]. */
  longest: [number, number] | null;
}

/** Counting the numbers a post at a time, then a chunk's facts at a time. */
export class StatsCounter {
  posts = 0;
  drafts = 0;
  undated = 0;
  readonly tags = new Map<string, number>();
  readonly months = new Map<number, number>();
  first: [number, number, number] | null = null;
  last: [number, number, number] | null = null;
  readonly #epochs: number[] = [];
  readonly #ordinals: number[] = [];
  readonly #days: string[] = [];
  readonly #words: number[] = [];
  longest: [number, number] | null = null;

  add(post: StatsPost, ordinal: number): void {
    this.posts++;
    if (post.draft) this.drafts++;
    const tags = post.tags.length < 2 ? post.tags : new Set(post.tags);
    for (const t of tags) this.tags.set(t, (this.tags.get(t) ?? 0) + 1);
    const date = post.date;
    if (!date) this.undated++;
    else {
      const month = date.wall.year * 12 + date.wall.month - 1;
      this.months.set(month, (this.months.get(month) ?? 0) + 1);
      this.#bounds([date.epochMs, date.wall.year, date.wall.month]);
      if (!post.draft) {
        this.#epochs.push(date.epochMs);
        this.#ordinals.push(ordinal);
        this.#days.push(date.iso.slice(0, 10));
      }
    }
    if (post.words !== undefined) {
      this.#words.push(post.words);
      if (!this.longest || post.words > this.longest[0]) this.longest = [post.words, ordinal];
    }
  }

  /** Add the facts of the posts that come next (another chunk's). */
  merge(other: StatsFacts): void {
    this.posts += other.posts;
    this.drafts += other.drafts;
    this.undated += other.undated;
    for (const [t, n] of other.tags) this.tags.set(t, (this.tags.get(t) ?? 0) + n);
    for (const [m, n] of other.months) this.months.set(m, (this.months.get(m) ?? 0) + n);
    if (other.first) this.#bounds(other.first);
    if (other.last) this.#bounds(other.last);
    for (let i = 0; i < other.published.epochs.length; i++) {
      this.#epochs.push(other.published.epochs[i] as number);
      this.#ordinals.push(other.published.ordinals[i] as number);
      this.#days.push(other.published.days[i] as string);
    }
    for (const w of other.words) this.#words.push(w);
    if (other.longest && (!this.longest || other.longest[0] > this.longest[0])) this.longest = other.longest;
  }

  /** The earliest stays the first seen of equal instants, the latest the last seen (as a stable sort by date puts them). */
  #bounds(at: [number, number, number]): void {
    if (!this.first || at[0] < this.first[0]) this.first = at;
    if (!this.last || at[0] >= this.last[0]) this.last = at;
  }

  facts(): StatsFacts {
    return {
      posts: this.posts,
      drafts: this.drafts,
      undated: this.undated,
      tags: this.tags,
      months: this.months,
      first: this.first,
      last: this.last,
      published: { epochs: Float64Array.from(this.#epochs), ordinals: Int32Array.from(this.#ordinals), days: this.#days },
      words: Float64Array.from(this.#words),
      longest: this.longest,
    };
  }

  /** The numbers; `pathOf` names a post by its ordinal. */
  stats(pathOf: (ordinal: number) => string, topTags = 10): BlogStats {
    const first = this.first;
    const last = this.last;
    let granularity: BlogStats['granularity'] = 'month';
    const perPeriod: PeriodCount[] = [];
    if (first && last) {
      const months = (last[1] - first[1]) * 12 + (last[2] - first[2]) + 1;
      granularity = months > 36 ? 'year' : 'month';
      if (granularity === 'year') {
        const years = new Map<number, number>();
        for (const [m, n] of this.months) years.set(Math.floor(m / 12), (years.get(Math.floor(m / 12)) ?? 0) + n);
        for (let y = first[1]; y <= last[1]; y++) perPeriod.push({ period: String(y), count: years.get(y) ?? 0 });
      } else {
        for (let y = first[1], m = first[2]; y < last[1] || (y === last[1] && m <= last[2]); m === 12 ? (y++, (m = 1)) : m++) {
          perPeriod.push({ period: `${y}-${pad(m)}`, count: this.months.get(y * 12 + m - 1) ?? 0 });
        }
      }
    }
    const tags = [...this.tags].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, topTags).map(([name, count]) => ({ name, count }));

    let words: BlogStats['words'] = null;
    if (this.#words.length && this.longest) {
      const sorted = Float64Array.from(this.#words).sort();
      let total = 0;
      for (const w of sorted) total += w;
      words = { total, mean: Math.round(total / sorted.length), median: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted[sorted.length - 1] ?? 0, longest: pathOf(this.longest[1]) };
    }
    // Published posts in date order (equal instants in the order read), and the widest gap between neighbours.
    const order = Array.from(this.#epochs.keys()).sort((a, b) => (this.#epochs[a] as number) - (this.#epochs[b] as number) || a - b);
    let longestGap: BlogStats['longestGap'] = null;
    for (let i = 1; i < order.length; i++) {
      const a = order[i - 1] as number;
      const b = order[i] as number;
      const days = Math.floor(((this.#epochs[b] as number) - (this.#epochs[a] as number)) / 86_400_000);
      if (!longestGap || days > longestGap.days) {
        longestGap = { days, from: this.#days[a] as string, to: this.#days[b] as string, fromPath: pathOf(this.#ordinals[a] as number), toPath: pathOf(this.#ordinals[b] as number) };
      }
    }
    return { posts: this.posts, published: this.posts - this.drafts, drafts: this.drafts, undated: this.undated, granularity, perPeriod, topTags: tags, words, longestGap };
  }
}

/** The numbers of some posts (each with its `path`). */
export function computeStats(posts: (StatsPost & { path: string })[], topTags = 10): BlogStats {
  const counter = new StatsCounter();
  posts.forEach((p, i) => counter.add(p, i));
  return counter.stats((i) => (posts[i] as { path: string }).path, topTags);
}

export interface StatsResult extends BlogStats, ReadSummary {}

/** Count the numbers of the posts that pass `filter`, on any thread. */
export const statsTask: Task<{ filter?: PostFilter | undefined }, StatsFacts> = {
  module: import.meta.url,
  name: 'statsTask',
  setup:
    ({ filter }) =>
    (first) => {
      const counter = new StatsCounter();
      let ordinal = first;
      return {
        visit: (item) => {
          const p = item.post;
          if (p && (!filter || matchesFilter(p, filter))) counter.add(item.words === undefined ? p : { date: p.date, draft: p.draft, tags: p.tags, words: item.words }, ordinal);
          ordinal++;
        },
        finish: () => counter.facts(),
      };
    },
};

/** `blog stats` over the posts that pass `filter`; `words` reads whole files (a piece at a time). */
export async function statsOfBlog(blog: Blog, options: { words: boolean; top?: number | undefined; filter?: PostFilter }): Promise<StatsResult> {
  const total = new StatsCounter();
  const { entries, ...summary } = await blog.map(statsTask, { filter: options.filter }, { words: options.words }, (facts) => total.merge(facts));
  return { ...total.stats((ordinal) => entries.at(ordinal).path, options.top ?? 10), ...summary };
}
