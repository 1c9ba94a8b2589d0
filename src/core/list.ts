/**
 * `blog list`: read every post, keep those that pass the filters, sort. The filters themselves
 * (which posts match `--tag X`) are in select.ts.
 */
import type { Blog, ReadSummary } from './blog.js';
import { parseDateArgument, DATE_EXAMPLE, type PostDate } from './dates.js';
import type { Diagnostic } from './diagnostic.js';
import { UsageError } from './errors.js';
import type { Post } from './post.js';
import { countNames, matchesFilter, sortPosts, suggestNames, type PostFilter, type SortKey } from './select.js';
import { shellQuote } from './shell.js';

/** The post filters `list`, `retag`, `tags`, `stats` and `lint` share (as given on the command line). */
export interface FilterFlags {
  tag?: string[];
  category?: string[];
  draft?: boolean;
  published?: boolean;
  since?: string;
  until?: string;
}

export interface ListQuery {
  filter: PostFilter;
  sort?: SortKey;
  reverse?: boolean;
  limit?: number;
}

/** A listed post: what the formats show, without the rest of its front matter. */
export type ListedPost = Pick<Post, 'path' | 'title' | 'date' | 'dateSource' | 'tags' | 'categories' | 'draft' | 'format'>;

export interface ListResult extends ReadSummary {
  posts: ListedPost[];
  /** Post files found (before filtering). */
  total: number;
  /** The configured timezone; null means the machine's. */
  timeZone: string | null;
  /** Warnings about the posts listed (errors about any post are in `errors`). */
  warnings: Diagnostic[];
  /** Close matches for filters that matched nothing (`--tag chatgpt` → `--tag ChatGPT`). */
  suggestions: string[];
}

/** The filter the flags ask for; dates are read in the blog's timezone. Throws UsageError. */
export function buildFilter(options: FilterFlags & { search?: string | undefined }, timeZone: string | undefined): PostFilter {
  const filter: PostFilter = {};
  for (const [flag, values] of [['--tag', options.tag], ['--category', options.category]] as const) {
    if (values?.some((v) => v.trim() === '')) throw new UsageError(`${flag}: expected a name, got an empty value`);
  }
  if (options.tag?.length) filter.tags = options.tag;
  if (options.category?.length) filter.categories = options.category;
  if (options.draft && options.published) throw new UsageError('--draft and --published together match nothing; pass one of them');
  if (options.draft) filter.draft = true;
  if (options.published) filter.draft = false;
  const since = dateOption('--since', options.since, timeZone, false);
  const until = dateOption('--until', options.until, timeZone, true);
  if (since) filter.since = since;
  if (until) filter.until = until;
  if (since && until && since.epochMs > until.epochMs) {
    throw new UsageError(`--since ${options.since} is after --until ${options.until}`, { hint: 'swap the two dates' });
  }
  if (options.search !== undefined) filter.search = options.search;
  return filter;
}

/** A `--since`/`--until` value, or a UsageError saying what is expected. */
export function dateOption(flag: string, value: string | undefined, timeZone: string | undefined, endOfDay: boolean): PostDate | undefined {
  if (value === undefined) return undefined;
  const date = parseDateArgument(value, timeZone, endOfDay);
  if (!date) throw new UsageError(`${flag} ${JSON.stringify(value.slice(0, 80))}: expected a real date such as ${DATE_EXAMPLE.slice(0, 10)} or "${DATE_EXAMPLE}"`);
  return date;
}

const listed = (p: Post): ListedPost => ({ path: p.path, title: p.title, date: p.date, dateSource: p.dateSource, tags: p.tags, categories: p.categories, draft: p.draft, format: p.format });

/** `blog list`: every post read; those that pass the filter, sorted. */
export function listPosts(blog: Blog, query: ListQuery): ListResult {
  const posts: ListedPost[] = [];
  const warnings: Diagnostic[] = [];
  const summary = blog.read({}, (item) => {
    if (!item.post || !matchesFilter(item.post, query.filter)) return;
    posts.push(listed(item.post));
    for (const p of item.post.problems) if (p.severity !== 'error') warnings.push(p);
  });
  let shown = sortPosts(posts, query.sort ?? 'date', query.reverse ?? false);
  if (query.limit !== undefined) shown = shown.slice(0, query.limit);
  const kept = new Set(shown.map((p) => p.path));
  let suggestions: string[] = [];
  if (shown.length === 0 && (query.filter.tags || query.filter.categories)) suggestions = suggest(blog, query.filter);
  return {
    ...summary,
    posts: shown,
    total: summary.files,
    timeZone: blog.config.timeZone ?? null,
    warnings: warnings.filter((w) => kept.has(w.path)),
    suggestions,
  };
}

/** Close names for the tags and categories asked for that no post has. */
function suggest(blog: Blog, filter: PostFilter): string[] {
  const all: Pick<Post, 'tags' | 'categories'>[] = [];
  blog.read({}, (item) => {
    if (item.post) all.push({ tags: item.post.tags, categories: item.post.categories });
  });
  const { tags, categories } = countNames(all);
  const out: string[] = [];
  for (const t of filter.tags ?? []) if (!tags.has(t)) out.push(...suggestNames(t, tags).map((s) => `--tag ${shellQuote(s)}`));
  for (const c of filter.categories ?? []) if (!categories.has(c)) out.push(...suggestNames(c, categories).map((s) => `--category ${shellQuote(s)}`));
  return out;
}
