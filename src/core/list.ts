/**
 * `blog list`: read every post, keep those that pass the filters, sort. The filters themselves
 * (which posts match `--tag X`) are in select.ts.
 */
import type { Blog, ReadSummary } from './blog.js';
import { parseDateArgument, DATE_EXAMPLE, type PostDate } from './dates.js';
import type { Diagnostic } from './diagnostic.js';
import { grown } from './columns.js';
import { UsageError } from './errors.js';
import { holdYoungGeneration } from './heap.js';
import { RecordEncoder, RecordStore } from './fs/spill.js';
import type { Task } from './parallel.js';
import type { Post } from './post.js';
import { countNames, listOrder, listOrderByDate, matchesFilter, suggestNames, type NameCounts, type PostFilter, type SortKey } from './select.js';
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
  posts: ListedPosts;
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

/**
 * A listed post as one JSON array (the record kept for it): in a loop over 17,000 records like
 * those of the bench blog, reading them back as objects took 31–40 ms, as arrays 16 ms (and
 * they are half the size).
 */
export function packListed(p: Post | ListedPost): string {
  const d = p.date;
  const w = d?.wall;
  const date = d && w ? [d.raw, w.year, w.month, w.day, w.hour, w.minute, w.second, w.millisecond, d.hasTime, d.offsetMinutes, d.iso, d.epochMs] : null;
  return JSON.stringify([p.path, p.title, date, p.dateSource, p.tags, p.categories, p.draft, p.format]);
}

type Packed = [string, string | null, PackedDate | null, ListedPost['dateSource'], string[], string[][], boolean, ListedPost['format']];
type PackedDate = [string, number, number, number, number, number, number, number, boolean, number | null, string, number];

/** The listed post a record of packListed holds. */
export function unpackListed(record: string): ListedPost {
  const [path, title, d, dateSource, tags, categories, draft, format] = JSON.parse(record) as Packed;
  const date: PostDate | null = d
    ? { raw: d[0], wall: { year: d[1], month: d[2], day: d[3], hour: d[4], minute: d[5], second: d[6], millisecond: d[7] }, hasTime: d[8], offsetMinutes: d[9], iso: d[10], epochMs: d[11] }
    : null;
  return { path, title, date, dateSource, tags, categories, draft, format };
}

/** What listing a chunk of posts gives: each match as a JSON record with its sort keys, never the posts. */
export interface ListChunk {
  /** The matches, each a ListedPost packed by packListed, in UTF-8 (see RecordEncoder). */
  recordBytes: Uint8Array;
  recordEnds: Int32Array;
  /** Instants, NaN for undated posts. */
  epochs: Float64Array;
  /** Titles, when sorting by title. */
  titles: (string | null)[];
  /** Warnings about the matches, and which match of the chunk each is about (its number from 0). */
  warnings: Diagnostic[];
  warned: Int32Array;
  /**
   * Every post's tag and category names, when the filter names some and no post of the chunk
   * matches (to suggest names when nothing matches at all); null otherwise.
   */
  names: NameCounts | null;
}

export interface ListTaskParams {
  filter: PostFilter;
  sort: SortKey;
}

/**
 * The instants of a chunk's matches, in a scratch array of the thread (it reads one chunk at a
 * time): an array of numbers per chunk outlived collections of the young generation and was
 * garbage in the old one (with the encoder's, about 20 KB a chunk, 3 MB on 100,000 posts).
 */
let epochScratch = new Float64Array(1024);

/** Match the posts of a chunk against the filter, on any thread. */
export const listTask: Task<ListTaskParams, ListChunk> = {
  module: import.meta.url,
  name: 'listTask',
  setup:
    ({ filter, sort }) =>
    () => {
      const records = new RecordEncoder();
      let matches = 0;
      const titles: (string | null)[] = [];
      const warnings: Diagnostic[] = [];
      const warned: number[] = [];
      // Names are counted only until a post of the chunk matches: suggestions are made only when none does.
      let names: NameCounts | null = filter.tags || filter.categories ? { tags: new Map<string, number>(), categories: new Map<string, number>() } : null;
      return {
        visit: (item) => {
          const post = item.post;
          if (post && names) countNames([post], names);
          if (post && matchesFilter(post, filter)) {
            names = null;
            records.add(packListed(post));
            for (const p of post.problems) {
              if (p.severity === 'error') continue;
              warnings.push(p);
              warned.push(matches);
            }
            if (matches === epochScratch.length) epochScratch = grown(epochScratch, matches * 2);
            epochScratch[matches++] = post.date ? post.date.epochMs : NaN;
            if (sort === 'title') titles.push(post.title);
          }
        },
        finish: () => {
          const { bytes, ends } = records.finish();
          return { recordBytes: bytes, recordEnds: ends, epochs: epochScratch.slice(0, matches), titles, warnings, warned: Int32Array.from(warned), names };
        },
      };
    },
};

/** Listed posts, in order, read back one at a time from where they are kept (memory does not grow with them). */
export interface ListedPosts extends Iterable<ListedPost> {
  readonly length: number;
  /** Let go of what keeps them (a temporary file); they cannot be read after. */
  close(): void;
}

/** `blog list`: every post read; those that pass the filter, sorted. */
export async function listPosts(blog: Blog, query: ListQuery): Promise<ListResult> {
  const sort = query.sort ?? 'date';
  // Made when the number of posts is known, for as many matches as there are posts: the sort
  // keys are in typed arrays made once (arrays of numbers, and typed arrays doubled as they
  // filled, left a few MB of old copies to the collector on 100,000 posts).
  let store: RecordStore | undefined;
  let epochs = new Float64Array(0);
  let count = 0;
  const titles: (string | null)[] = [];
  const warnings: Diagnostic[] = [];
  /** The match each warning is about (its place in the store, which is in path order). */
  const warned: number[] = [];
  const names: NameCounts = { tags: new Map(), categories: new Map() };
  const begin = (entries: number): void => {
    store = new RecordStore(entries);
    epochs = new Float64Array(entries);
  };
  const summary = await blog.map(
    listTask,
    { filter: query.filter, sort },
    // With no filter every post is kept: see resultPerPost.
    { resultPerPost: Object.values(query.filter).every((v) => v === undefined) },
    (chunk) => {
      (store as RecordStore).addEncoded(chunk.recordBytes, chunk.recordEnds);
      epochs.set(chunk.epochs, count);
      for (const t of chunk.titles) titles.push(t);
      for (let k = 0; k < chunk.warnings.length; k++) {
        warnings.push(chunk.warnings[k] as Diagnostic);
        warned.push(count + (chunk.warned[k] as number));
      }
      count += chunk.epochs.length;
      if (chunk.names) {
        for (const [t, n] of chunk.names.tags) names.tags.set(t, (names.tags.get(t) ?? 0) + n);
        for (const [c, n] of chunk.names.categories) names.categories.set(c, (names.categories.get(c) ?? 0) + n);
      }
    },
    begin,
  );
  const kept = store ?? new RecordStore(0);
  const order = sortMatches(epochs.subarray(0, count), titles, sort, query.reverse ?? false);
  // The dates are not needed any more (the closures made here would keep them otherwise).
  epochs = new Float64Array(0);
  const shown = query.limit === undefined || query.limit >= count ? order : Int32Array.from({ length: query.limit }, (_, k) => order[k] as number);
  const posts: ListedPosts = {
    length: shown.length,
    *[Symbol.iterator]() {
      let given = 0;
      for (const record of kept.ordered(shown)) {
        // Writing a long list makes garbage too: a run whose reading ended before the young
        // generation reached the hold must not grow it here (no measured case; the 32 MB seen on
        // two threads came from the hold being undone by a thread's start, see heap.ts).
        if ((++given & 1023) === 0) holdYoungGeneration();
        yield unpackListed(record);
      }
    },
    close: () => kept.close(),
  };
  // Warnings are about the posts listed (with --limit, not every match is).
  let listedWarnings = warnings;
  if (shown !== order && warnings.length) {
    const isShown = new Uint8Array(count);
    for (let k = 0; k < shown.length; k++) isShown[shown[k] as number] = 1;
    listedWarnings = warnings.filter((_, k) => isShown[warned[k] as number] === 1);
  }
  let suggestions: string[] = [];
  if (count === 0 && (query.filter.tags || query.filter.categories)) suggestions = suggest(names, query.filter);
  const { entries: _entries, ...read } = summary;
  return {
    ...read,
    posts,
    total: summary.files,
    timeZone: blog.config.timeZone ?? null,
    warnings: listedWarnings,
    suggestions,
  };
}

/** The order of the matches (kept in path order: by their places, they are ordered by path), from their dates and titles. */
function sortMatches(epochs: Float64Array, titles: (string | null)[], sort: SortKey, reverse: boolean): ArrayLike<number> {
  const count = epochs.length;
  if (sort === 'date') return listOrderByDate(epochs, reverse);
  if (sort === 'path') return Int32Array.from({ length: count }, (_, i) => (reverse ? count - 1 - i : i));
  return Array.from({ length: count }, (_, i) => i).sort(listOrder<number>(sort, reverse, (i) => (Number.isNaN(epochs[i]) ? null : (epochs[i] as number)), (i) => titles[i] ?? null, (a, b) => a - b));
}

/** Close names for the tags and categories asked for that no post has. */
function suggest(names: NameCounts, filter: PostFilter): string[] {
  const { tags, categories } = names;
  const out: string[] = [];
  for (const t of filter.tags ?? []) if (!tags.has(t)) out.push(...suggestNames(t, tags).map((s) => `--tag ${shellQuote(s)}`));
  for (const c of filter.categories ?? []) if (!categories.has(c)) out.push(...suggestNames(c, categories).map((s) => `--category ${shellQuote(s)}`));
  return out;
}
