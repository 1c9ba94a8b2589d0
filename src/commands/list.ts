import { configRequest, resolveConfig } from '../config.js';
import { parseDateArgument, DATE_EXAMPLE, type PostDate } from '../core/dates.js';
import type { Post } from '../core/post.js';
import { findPostFiles, indexFor, readPosts, savePostIndex, type Skipped } from '../core/repository.js';
import { countNames, literalPrefilter, matchesFilter, parseCategoryQuery, sortPosts, suggestNames, type PostFilter, type SortKey } from '../core/select.js';
import { UsageError } from '../errors.js';
import type { FileProblem } from '../format/problems.js';

/** The post filters `list` and `retag` share (as given on the command line). */
export interface FilterFlags {
  tag?: string[];
  category?: string[];
  draft?: boolean;
  published?: boolean;
  since?: string;
  until?: string;
}

export interface ListOptions extends FilterFlags {
  cwd: string;
  dir?: string;
  config?: string;
  search?: string;
  sort?: SortKey;
  reverse?: boolean;
  limit?: number;
  /** The post index's folder; no index when undefined. */
  cacheDir?: string;
}

export interface ListResult {
  posts: Post[];
  /** Post files found (before filtering). */
  total: number;
  /** The configured timezone; null means the machine's. */
  timeZone: string | null;
  /** Posts that could not be read, and problems of the posts listed. */
  problems: FileProblem[];
  skipped: Skipped[];
  /** Close matches for filters that matched nothing (`--tag chatgpt` → `--tag ChatGPT`). */
  suggestions: string[];
  warnings: string[];
}

/** The filter the flags ask for; dates are read in the blog's timezone. Throws UsageError. */
export function buildFilter(options: FilterFlags, timeZone: string | undefined): PostFilter {
  const filter: PostFilter = {};
  if (options.tag?.length) filter.tags = options.tag;
  if (options.category?.length) filter.categories = options.category;
  if (options.draft) filter.draft = true;
  if (options.published) filter.draft = false;
  const since = dateOption('--since', options.since, timeZone, false);
  const until = dateOption('--until', options.until, timeZone, true);
  if (since) filter.since = since;
  if (until) filter.until = until;
  if (since && until && since.epochMs > until.epochMs) {
    throw new UsageError(`--since ${options.since} is after --until ${options.until}`, { hint: 'swap the two dates' });
  }
  return filter;
}

/** `blog list`: read every post's front matter, filter, sort. */
export async function runList(options: ListOptions): Promise<ListResult> {
  const config = resolveConfig(configRequest(options));
  const filter = buildFilter(options, config.timeZone);
  if (options.search !== undefined) filter.search = options.search;

  const walk = await findPostFiles(config.postDirs, { generator: config.generator, cwd: options.cwd });
  // Posts that cannot mention every wanted tag and category are not parsed at all.
  const names = [...(filter.tags ?? []), ...(filter.categories ?? []).flatMap(parseCategoryQuery)];
  const prefilter = literalPrefilter(names) ? { names, mode: 'every' as const } : undefined;
  const opened = indexFor(options.cacheDir, options.cwd, config);
  const index = opened ? { index: opened.index } : {};
  const results = await readPosts(walk.files, {
    cwd: options.cwd,
    generator: config.generator,
    ...(prefilter ? { prefilter } : {}),
    ...(config.timeZone === undefined ? {} : { timeZone: config.timeZone }),
    ...index,
  });
  const posts: Post[] = [];
  const problems: FileProblem[] = [];
  for (const r of results) {
    if (r.ok) posts.push(r.post);
    else problems.push({ path: r.path, ...r.problem, severity: 'error' });
  }
  let listed = sortPosts(posts.filter((p) => matchesFilter(p, filter)), options.sort ?? 'date', options.reverse ?? false);
  if (options.limit !== undefined) listed = listed.slice(0, options.limit);
  for (const p of listed) for (const q of p.problems) problems.push({ path: p.path, ...q });
  problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.col - b.col));

  let suggestions: string[] = [];
  if (listed.length === 0 && (filter.tags || filter.categories)) {
    // Suggestions need every tag of the blog, including those the prefilter did not parse.
    const all = prefilter ? (await readPosts(walk.files, { cwd: options.cwd, generator: config.generator, ...(config.timeZone === undefined ? {} : { timeZone: config.timeZone }), ...index })).flatMap((r) => (r.ok ? [r.post] : [])) : posts;
    suggestions = suggest(all, filter);
  }
  savePostIndex(opened, walk.files);
  return {
    posts: listed,
    total: walk.files.length,
    timeZone: config.timeZone ?? null,
    problems,
    skipped: walk.skipped,
    suggestions,
    warnings: config.warnings,
  };
}

/** A `--since`/`--until` value, or a UsageError saying what is expected. */
export function dateOption(flag: string, value: string | undefined, timeZone: string | undefined, endOfDay: boolean): PostDate | undefined {
  if (value === undefined) return undefined;
  const date = parseDateArgument(value, timeZone, endOfDay);
  if (!date) throw new UsageError(`${flag} "${value}": expected a real date such as ${DATE_EXAMPLE.slice(0, 10)} or "${DATE_EXAMPLE}"`);
  return date;
}

function suggest(posts: Post[], filter: PostFilter): string[] {
  const { tags, categories } = countNames(posts);
  const out: string[] = [];
  for (const t of filter.tags ?? []) {
    if (!tags.has(t)) out.push(...suggestNames(t, tags).map((s) => `--tag ${quoteArg(s)}`));
  }
  for (const c of filter.categories ?? []) {
    if (!categories.has(c)) out.push(...suggestNames(c, categories).map((s) => `--category ${quoteArg(s)}`));
  }
  return out;
}

/** Quote a value for a POSIX shell when it needs it. */
function quoteArg(text: string): string {
  return /^[\p{L}\p{N}_.\/:@%+=-]+$/u.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
