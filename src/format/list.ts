import type { Post } from '../core/post.js';
import type { PostDate } from '../core/dates.js';
import { formatOffset } from '../core/dates.js';
import type { Colors } from './color.js';
import { renderTable } from './table.js';
import type { ListResult } from '../commands/list.js';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The date as its author wrote it (wall clock), in one uniform shape. */
export function formatPostDate(date: PostDate | null): string {
  if (!date) return '(no date)';
  const w = date.wall;
  let text = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
  if (date.hasTime) text += ` ${pad(w.hour)}:${pad(w.minute)}`;
  if (date.offsetMinutes !== null) text += ` ${formatOffset(date.offsetMinutes)}`;
  return text;
}

export const formatCategories = (categories: string[][]): string => categories.map((p) => p.join(' > ')).join(', ');

export interface TableFormatOptions {
  colors: Colors;
  /** Terminal width; undefined when not on a terminal (no truncation). */
  maxWidth?: number;
}

/** The human table: date, title, tags, categories, path. */
export function formatListTable(result: ListResult, options: TableFormatOptions): string {
  const { colors } = options;
  const columns = [
    { header: 'DATE' },
    { header: 'TITLE', shrinkable: true, minWidth: 12 },
    { header: 'TAGS', shrinkable: true, minWidth: 8 },
    { header: 'CATEGORIES', shrinkable: true, minWidth: 10 },
    { header: 'PATH' },
  ];
  const rows = result.posts.map((p) => [
    formatPostDate(p.date),
    (p.title ?? '(no title)') + (p.draft ? ' [draft]' : ''),
    p.tags.join(', '),
    formatCategories(p.categories),
    p.path,
  ]);
  const styles = [
    (t: string, p: Post) => (p.date ? t : colors.dim(t)),
    (t: string, p: Post) => (p.draft ? colors.yellow(t) : p.title === null ? colors.dim(t) : t),
    (t: string) => colors.cyan(t),
    (t: string) => colors.magenta(t),
    (t: string) => colors.dim(t),
  ];
  return renderTable(columns, rows, {
    ...(options.maxWidth === undefined ? {} : { maxWidth: options.maxWidth }),
    header: (t) => colors.bold(t),
    style: (t, r, c) => {
      const post = result.posts[r];
      const style = styles[c];
      return post && style ? style(t, post) : t;
    },
  });
}

/** The documented JSON shape of one post in `blog list --json`. */
export interface PostJson {
  path: string;
  title: string | null;
  /** As written in the front matter (or the file name's `YYYY-MM-DD`). */
  date: string | null;
  /** ISO 8601; carries an offset when the post or the configured timezone gives one. */
  dateIso: string | null;
  dateSource: Post['dateSource'];
  tags: string[];
  categories: string[][];
  draft: boolean;
  format: Post['format'];
}

export function postJson(p: Post): PostJson {
  return {
    path: p.path,
    title: p.title,
    date: p.date ? p.date.raw : null,
    dateIso: p.date ? p.date.iso : null,
    dateSource: p.dateSource,
    tags: p.tags,
    categories: p.categories,
    draft: p.draft,
    format: p.format,
  };
}

/** `blog list --json`: one document. */
export function listJson(result: ListResult): unknown {
  return {
    count: result.posts.length,
    total: result.total,
    timezone: result.timeZone,
    posts: result.posts.map(postJson),
    problems: result.problems,
    skipped: result.skipped,
  };
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV; list fields are joined with `|`, category levels with ` > `. */
export function formatListCsv(result: ListResult): string {
  const lines = [['path', 'date', 'date_iso', 'title', 'tags', 'categories', 'draft'].join(',')];
  for (const p of result.posts) {
    lines.push(
      [p.path, p.date?.raw ?? '', p.date?.iso ?? '', p.title ?? '', p.tags.join('|'), p.categories.map((c) => c.join(' > ')).join('|'), String(p.draft)]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** One path a line, for `xargs` and editors. */
export function formatListPaths(result: ListResult): string {
  return result.posts.map((p) => `${p.path}\n`).join('');
}
