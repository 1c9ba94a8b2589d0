import type { Diagnostic } from '../core/diagnostic.js';
import type { PostDate } from '../core/dates.js';
import { formatOffset } from '../core/dates.js';
import type { ListedPost, ListResult } from '../core/list.js';
import type { Colors } from './color.js';
import { jsonDiagnostic, skippedJson } from './json.js';
import { tableLines } from './table.js';
import { controlsVisible, jsonSafe, safe, startsCommand, unfitForLine } from './text.js';
import type { FormatTable, LIST_FORMAT_NAMES } from './names.js';

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

export interface ListFormatOptions {
  colors: Colors;
  /** Terminal width; undefined when not on a terminal (nothing is shortened). */
  maxWidth?: number | undefined;
  /** On a terminal, show every column at full width (no shortening; rows may wrap). */
  wide?: boolean | undefined;
  /** `--format paths`: separate paths with NUL instead of newline. */
  nul?: boolean | undefined;
  /** stdout is a terminal (a person reads it). */
  terminal?: boolean | undefined;
}

const DRAFT = ' [draft]';
/** A table row's flags. */
const DRAFT_ROW = 1;
const NO_DATE = 2;
const NO_TITLE = 4;

/**
 * The human table: date, title, tags, categories, path. On a narrow terminal the path is
 * shortened first, keeping its end, then tags, then categories; the title keeps at least 20
 * columns; `[draft]` is never cut. When that is not enough, tags are left out, then categories,
 * and only then the path (which names the file to open: at 80 columns, dates with an offset
 * made the path the first to go).
 */
export function formatListTable(result: ListResult, options: ListFormatOptions): Iterable<string> {
  if (result.posts.length === 0) return [];
  const { colors } = options;
  // A row and a few flags a post, the posts themselves not kept: with all 17,067 posts of `list
  // --tag ChatGPT` alive while the table was made, the garbage collector took about a third of
  // its time.
  const rows: string[][] = new Array(result.posts.length);
  const flags = new Uint8Array(result.posts.length);
  let r = 0;
  for (const p of result.posts) {
    rows[r] = [
      formatPostDate(p.date),
      safe(p.title ?? '(no title)') + (p.draft ? DRAFT : ''),
      p.tags.map(safe).join(', '),
      safe(formatCategories(p.categories)),
      safe(p.path),
    ];
    flags[r++] = (p.draft ? DRAFT_ROW : 0) | (p.date ? 0 : NO_DATE) | (p.title === null ? NO_TITLE : 0);
  }
  const columns = [
    { header: 'DATE' },
    { header: 'TITLE', shrinkable: true, minWidth: 20, order: 4 },
    { header: 'TAGS', shrinkable: true, minWidth: 8, order: 2, droppable: true, dropOrder: 1 },
    { header: 'CATEGORIES', shrinkable: true, minWidth: 10, order: 3, droppable: true, dropOrder: 2 },
    { header: 'PATH', shrinkable: true, minWidth: 16, order: 1, keepEnd: true, droppable: true, dropOrder: 3 },
  ];
  const styles = [
    (t: string, f: number) => (f & NO_DATE ? colors.dim(t) : t),
    (t: string, f: number) => (f & DRAFT_ROW ? colors.yellow(t) : f & NO_TITLE ? colors.dim(t) : t),
    (t: string) => colors.cyan(t),
    (t: string) => colors.magenta(t),
    (t: string) => colors.dim(t),
  ];
  return tableLines(columns, rows, {
    ...(options.maxWidth === undefined || options.wide ? {} : { maxWidth: options.maxWidth }),
    header: (t) => colors.bold(t),
    suffix: (row, c) => (c === 1 && ((flags[row] ?? 0) & DRAFT_ROW) !== 0 ? DRAFT : ''),
    style: (t, row, c) => {
      const style = styles[c];
      return style ? style(t, flags[row] ?? 0) : t;
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
  dateSource: ListedPost['dateSource'];
  tags: string[];
  categories: string[][];
  draft: boolean;
  format: ListedPost['format'];
}

export function postJson(p: ListedPost): PostJson {
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

/** Problems in `list --json`: every error about the blog, and the warnings of the posts listed. */
export function listProblems(result: ListResult): Diagnostic[] {
  return [...result.errors, ...result.warnings].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.col - b.col));
}

/**
 * `blog list --json`: one document, written a post at a time (the same bytes as one
 * JSON.stringify of the whole, without holding that string: memory stays flat).
 */
export function* formatListJson(result: ListResult): Iterable<string> {
  const indent = (json: string, by: string): string => json.replace(/\n/g, `\n${by}`);
  yield `{\n  "count": ${result.posts.length},\n  "total": ${result.total},\n  "timezone": ${jsonSafe(JSON.stringify(result.timeZone))},\n  "posts": [`;
  let first = true;
  for (const p of result.posts) {
    yield `${first ? '' : ','}\n    ${jsonSafe(indent(JSON.stringify(postJson(p), null, 2), '    '))}`;
    first = false;
  }
  yield first ? '],\n' : '\n  ],\n';
  yield `  "problems": ${jsonSafe(indent(JSON.stringify(listProblems(result).map(jsonDiagnostic), null, 2), '  '))},\n`;
  yield `  "skipped": ${jsonSafe(indent(JSON.stringify(result.skipped.map(skippedJson), null, 2), '  '))}\n}\n`;
}

/**
 * A CSV cell: RFC 4180 quoting, and a cell a spreadsheet would run as a formula (starting with
 * `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, as OWASP recommends; so
 * does a line inside a cell that would start with `::`. Control characters other than line
 * breaks and tabs are made visible (`\e`), and `##[` broken, as on a terminal: a CSV printed
 * in a terminal or a CI log must not move the cursor, colour the log or start a workflow command.
 */
export function csvCell(text: string): string {
  const visible = controlsVisible(text);
  let neutral = /^[=+\-@\t\r]/.test(visible) ? `'${visible}` : visible;
  // A line break inside a cell starts a new line of output: one that starts with `::` would be
  // read by GitHub Actions as a workflow command when the CSV is printed in a CI log.
  // (`\s` is the white space trimStart removes, as in startsCommand.)
  if (/[\r\n]\s*::/.test(neutral)) neutral = neutral.replace(/([\r\n]\s*)::/g, "$1'::");
  // A cell that starts a row (the path, from `--dir .` in the posts folder) is quoted when it
  // would start a command: the line then starts with `"`.
  return /[",\r\n']/.test(neutral) || neutral !== text || startsCommand(neutral) ? `"${neutral.replace(/"/g, '""')}"` : neutral;
}

/** Names joined into one cell with `|`; a `|` or `\` inside a name is escaped with `\`. */
export const csvList = (names: string[]): string => names.map((n) => n.replace(/[\\|]/g, (c) => `\\${c}`)).join('|');

/** RFC 4180 CSV; list fields are joined with `|`, category levels with ` > `. */
export function* formatListCsv(result: ListResult): Iterable<string> {
  yield `${['path', 'date', 'date_iso', 'title', 'tags', 'categories', 'draft'].join(',')}\r\n`;
  for (const p of result.posts) {
    const cells = [p.path, p.date?.raw ?? '', p.date?.iso ?? '', p.title ?? '', csvList(p.tags), csvList(p.categories.map((c) => c.join(' > '))), String(p.draft)];
    yield `${cells.map(csvCell).join(',')}\r\n`;
  }
}

/**
 * One path a line (or NUL-separated), for `xargs` and editors: a path starting with `-` gets
 * `./` so that no command takes it for an option, and so does one that would start a workflow
 * command in a CI log (startsCommand). A path with a control character (a line break, an escape)
 * or `##[` cannot be one line of output, as it is, that a terminal or a CI log may show: it is
 * left out of newline-separated output (the command says so); NUL-separated output carries it,
 * as it is (`xargs -0` needs its bytes), unless stdout is a terminal.
 */
export function* formatListPaths(result: ListResult, options: Pick<ListFormatOptions, 'nul' | 'terminal'> = {}): Iterable<string> {
  for (const p of result.posts) {
    if (!options.nul && unfitForLine(p.path)) continue;
    // On a terminal, a person reads them: shown as safe() shows any value.
    const path = options.nul && options.terminal ? safe(p.path) : p.path;
    yield `${path.startsWith('-') || startsCommand(path) ? `./${path}` : path}${options.nul ? '\0' : '\n'}`;
  }
}

/** `blog list`'s output formats; their names are the values of `--format`. */
export const LIST_FORMATS = {
  table: formatListTable,
  json: formatListJson,
  csv: formatListCsv,
  paths: formatListPaths,
} as const satisfies FormatTable<typeof LIST_FORMAT_NAMES>;
