/**
 * Numbers about a blog for `blog stats`: posts per month, top tags, drafts, words, the longest gap.
 */
import type { Blog, ReadSummary } from './blog.js';
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
export type StatsPost = Pick<Post, 'path' | 'date' | 'draft' | 'tags'> & { words?: number };

export function computeStats(posts: StatsPost[], topTags = 10): BlogStats {
  const dated = posts.filter((p) => p.date).sort((a, b) => (a.date?.epochMs ?? 0) - (b.date?.epochMs ?? 0));
  const first = dated[0]?.date?.wall;
  const last = dated[dated.length - 1]?.date?.wall;
  let granularity: BlogStats['granularity'] = 'month';
  const perPeriod: PeriodCount[] = [];
  if (first && last) {
    const months = (last.year - first.year) * 12 + (last.month - first.month) + 1;
    granularity = months > 36 ? 'year' : 'month';
    const counts = new Map<string, number>();
    const key = (w: { year: number; month: number }) => (granularity === 'year' ? String(w.year) : `${w.year}-${pad(w.month)}`);
    for (const p of dated) counts.set(key(p.date!.wall), (counts.get(key(p.date!.wall)) ?? 0) + 1);
    if (granularity === 'year') for (let y = first.year; y <= last.year; y++) perPeriod.push({ period: String(y), count: counts.get(String(y)) ?? 0 });
    else {
      for (let y = first.year, m = first.month; y < last.year || (y === last.year && m <= last.month); m === 12 ? (y++, (m = 1)) : m++) {
        const k = `${y}-${pad(m)}`;
        perPeriod.push({ period: k, count: counts.get(k) ?? 0 });
      }
    }
  }
  const tagCounts = new Map<string, number>();
  for (const p of posts) for (const t of new Set(p.tags)) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
  const tags = [...tagCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, topTags).map(([name, count]) => ({ name, count }));

  const counted = posts.filter((p) => p.words !== undefined);
  let words: BlogStats['words'] = null;
  if (counted.length) {
    const sorted = counted.map((p) => p.words as number).sort((a, b) => a - b);
    const total = sorted.reduce((a, b) => a + b, 0);
    const longest = counted.reduce((a, b) => ((b.words as number) > (a.words as number) ? b : a));
    words = { total, mean: Math.round(total / counted.length), median: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted[sorted.length - 1] ?? 0, longest: longest.path };
  }
  let longestGap: BlogStats['longestGap'] = null;
  const published = dated.filter((p) => !p.draft);
  for (let i = 1; i < published.length; i++) {
    const a = published[i - 1] as StatsPost;
    const b = published[i] as StatsPost;
    const days = Math.floor(((b.date?.epochMs ?? 0) - (a.date?.epochMs ?? 0)) / 86_400_000);
    if (!longestGap || days > longestGap.days) {
      longestGap = { days, from: a.date!.iso.slice(0, 10), to: b.date!.iso.slice(0, 10), fromPath: a.path, toPath: b.path };
    }
  }
  return {
    posts: posts.length,
    published: posts.filter((p) => !p.draft).length,
    drafts: posts.filter((p) => p.draft).length,
    undated: posts.filter((p) => !p.date).length,
    granularity,
    perPeriod,
    topTags: tags,
    words,
    longestGap,
  };
}

export interface StatsResult extends BlogStats, ReadSummary {}

/** `blog stats` over the posts that pass `filter`; `words` reads whole files (streamed). */
export function statsOfBlog(blog: Blog, options: { words: boolean; top?: number | undefined; filter?: PostFilter }): StatsResult {
  const posts: StatsPost[] = [];
  const summary = blog.read({ words: options.words }, (item) => {
    const p = item.post;
    if (!p || (options.filter && !matchesFilter(p, options.filter))) return;
    const slim: StatsPost = { path: p.path, date: p.date, draft: p.draft, tags: p.tags };
    if (item.words !== undefined) slim.words = item.words;
    posts.push(slim);
  });
  return { ...computeStats(posts, options.top ?? 10), ...summary };
}
