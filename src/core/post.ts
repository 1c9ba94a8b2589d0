/**
 * The post model: a file's text ⇄ `Post`. Every command reads posts through here.
 * Pure: no file system, no process state.
 */
import { yaml } from './yaml-lib.js';
import { parseDate, type PostDate } from './dates.js';
import { quoted, type Diagnostic, type Severity } from './diagnostic.js';
import { parseFrontMatterData } from './front-matter/data.js';
import { findKey, locate, splitFrontMatter, taxonomyKey, type FrontMatterFormat, type Generator } from './front-matter/fences.js';

export type { Generator, FrontMatterFormat } from './front-matter/fences.js';

export interface Post {
  /** Path relative to the current folder, with `/`. */
  path: string;
  /** Front matter language, or `none` when the file has none. */
  format: FrontMatterFormat | 'none';
  title: string | null;
  date: PostDate | null;
  /** Where `date` came from: the front matter, the `YYYY-MM-DD-` file name prefix, or nowhere. */
  dateSource: 'front-matter' | 'filename' | null;
  tags: string[];
  /** Category paths: `[["Diary", "Life"]]` is Diary › Life; several paths are several categories. */
  categories: string[][];
  draft: boolean;
  /** The whole front matter as written (known fields included, nothing dropped). */
  data: Record<string, unknown>;
  /** Text after the front matter; absent when only the head of the file was read. */
  body?: string;
  /** Problems that did not stop the post from being read (bad date, odd tag shapes...). */
  problems: Diagnostic[];
  /** The front matter's text and the file line it starts on (for locating values). */
  frontMatter: { content: string; line: number } | null;
}

export interface ParseOptions {
  generator: Generator;
  /** IANA timezone for dates without an offset; undefined means the machine's. */
  timeZone?: string | undefined;
  /** False when `text` is only the head of the file (the body is then not kept). */
  complete?: boolean;
  /** Read YAML with the reference parser only (for checking what an editor wrote). */
  reference?: boolean;
  /** Keep the front matter text on the Post (lint locates findings in it); default true. */
  keepSource?: boolean;
  /** Keep the body of a complete text on the Post; default true. */
  keepBody?: boolean;
  /** The file is in the blog's drafts folder; undefined: decided by a `_drafts/` in its path. */
  inDrafts?: boolean;
}

export type ParseResult =
  | { ok: true; post: Post }
  | { ok: false; problem: Diagnostic }
  /** `text` was only a head, and more of the file is needed to find the end of the front matter. */
  | { ok: false; incomplete: true };

const BOM = '\uFEFF';

/** Parse a post's text (a leading BOM is fine). */
export function parsePost(text: string, path: string, options: ParseOptions): ParseResult {
  const complete = options.complete ?? true;
  const source = text.startsWith(BOM) ? text.slice(1) : text;
  const split = splitFrontMatter(source, options.generator, complete);
  if (split.kind === 'incomplete') return { ok: false, incomplete: true };
  if (split.kind === 'error') return { ok: false, problem: { path, ...split.problem } };

  let data: Record<string, unknown> = {};
  let format: Post['format'] = 'none';
  let bodyStart = 0;
  let content = '';
  const problems: Diagnostic[] = [];
  if (split.kind === 'none') {
    if (split.warning) problems.push({ path, ...split.warning });
  } else {
    content = source.slice(split.contentStart, split.contentEnd);
    // A copy, not a slice, when the text holds more than the block (a whole file): values parsed
    // out of a slice would keep all of it alive. A head cut at the closing fence (how posts are
    // read) is the block itself, and copying it cost 1 µs a post.
    if (source.length - content.length > 1024) content = Buffer.from(content, 'utf8').toString('utf8');
    const parsed = parseFrontMatterData(content, split.format, split.contentLine, options.generator, !options.reference);
    if (!parsed.ok) return { ok: false, problem: { path, ...parsed.problem } };
    data = parsed.data;
    format = split.format;
    bodyStart = split.bodyStart;
    for (const w of parsed.warnings) problems.push({ path, ...w });
  }

  const post: Post = {
    path,
    format,
    title: null,
    date: null,
    dateSource: null,
    tags: [],
    categories: [],
    draft: false,
    data,
    problems,
    frontMatter: split.kind === 'block' && options.keepSource !== false ? { content, line: split.contentLine } : null,
  };
  if (complete && options.keepBody !== false) post.body = source.slice(bodyStart);

  const contentLine = split.kind === 'block' ? split.contentLine : 1;
  const report: Report = (rule, key, severity, message, hint) => {
    const found = findKey(content, key);
    const at = found ? locate(content, found.value ?? found.key, contentLine) : { line: contentLine, col: 1 };
    const d: Diagnostic = { path, ...at, severity, rule, message };
    if (hint !== undefined) d.hint = hint;
    problems.push(d);
  };

  post.title = normalizeTitle(data.title, (m) => report('title-shape', 'title', 'warning', m));
  readDate(post, options.timeZone, report, options.generator === 'hugo' ? hugoDateKey(data) : 'date');
  const tagKey = taxonomyKey(data, 'tags') ?? 'tags';
  post.tags = readTags(data, options.generator, (m) => report('tag-shape', tagKey, 'warning', m, 'write tags as a list of strings'));
  const catKey = taxonomyKey(data, 'categories') ?? 'categories';
  post.categories = readCategories(data, options.generator, (m) => report('category-shape', catKey, 'warning', m, 'write categories as a string, a list, or a list of lists'));
  post.draft = isDraft(data, options.generator, options.inDrafts ?? /(^|\/)_drafts\//.test(path), (key) => hugoFlag(data[key], format, content, key));
  return { ok: true, post };
}

/**
 * A `draft` or `published` value as Hugo 0.111 reads it (cast.ToBoolE): a boolean; a YAML
 * integer, true when not 0 (a TOML integer is not taken); a string strconv.ParseBool takes
 * (`"1"`, `"t"`, `"TRUE"`, `"true"`, `"True"` and their false forms); YAML 1.1's unquoted
 * `yes`, `on`, `y` (and `no`, `off`, `n`), which Hugo's YAML reads as booleans; null as false.
 * Anything else (`"yes"` quoted, `"2"`, a list) is undefined: Hugo cannot read it. Checked with
 * `hugo list all` on each of them.
 */
export function hugoFlag(value: unknown, format: Post['format'], content: string, key: string): boolean | undefined {
  if (value === null) return false;
  if (typeof value === 'boolean') return value;
  // A YAML number as Hugo's YAML (1.1) reads it, by how it is written: an integer (`1`, `0b1`,
  // `1_0`) is true when not 0; a float (`1.0`, `1e0`) is not taken.
  // YAML 1.1's unquoted yes/on/y and no/off/n are booleans there too.
  const raw = format === 'yaml' && (typeof value === 'number' || typeof value === 'string') ? unquotedValue(content, key) : undefined;
  if (raw !== undefined) {
    const int = yaml11Int(raw);
    if (int !== undefined) return int !== 0;
    if (typeof value === 'number') return undefined;
    if (/^(y|Y|yes|Yes|YES|on|On|ON|n|N|no|No|NO|off|Off|OFF)$/.test(raw)) return /^[yYoO]/.test(raw) && raw.toLowerCase() !== 'off';
  }
  if (typeof value === 'number') return format === 'yaml' && Number.isInteger(value) ? value !== 0 : undefined;
  if (typeof value !== 'string') return undefined;
  if (/^(1|t|T|TRUE|true|True)$/.test(value)) return true;
  if (/^(0|f|F|FALSE|false|False)$/.test(value)) return false;
  return undefined;
}

/**
 * Whether the site generator leaves the post out as a draft: a file in a drafts folder, or the
 * marker it reads. Hexo and Jekyll read `published: false` and publish a post with `draft: true`.
 * Hugo reads `draft`, and without it `published` (undocumented; `hugo list all` 0.111 shows
 * `published: false` as a draft, and with both keys it warns and uses `draft`), each as
 * hugoFlag reads it (`draft: yes`, `draft: 1` and `draft: "true"` are drafts). Without a
 * generator either marker counts. (The draft-ignored rule of lint names a marker not read.)
 */
/** The text of a top-level key's value when it is written unquoted on its line (its comment cut), else undefined. */
function unquotedValue(content: string, key: string): string | undefined {
  const at = findKey(content, key)?.value;
  if (at === undefined || content[at] === '"' || content[at] === "'") return undefined;
  const end = content.indexOf('\n', at);
  return content.slice(at, end === -1 ? content.length : end).replace(/\s+#.*$/, '').trimEnd();
}

/** An integer as YAML 1.1 writes it (decimal, 0b binary, 0x hex, 0 octal, with _ separators), or undefined. */
function yaml11Int(raw: string): number | undefined {
  const m = /^[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(raw);
  if (!m) return undefined;
  const body = (m[1] as string).replace(/_/g, '');
  if (body.startsWith('0b')) return parseInt(body.slice(2) || '0', 2);
  if (body.startsWith('0x')) return parseInt(body.slice(2) || '0', 16);
  return parseInt(body, body.length > 1 && body.startsWith('0') ? 8 : 10);
}

function isDraft(data: Record<string, unknown>, generator: Generator, inDrafts: boolean, hugo: (key: string) => boolean | undefined): boolean {
  if (inDrafts) return true;
  if (generator === 'hexo' || generator === 'jekyll') return data.published === false;
  // A value Hugo cannot read as a boolean leaves the page published (`draft: "yes"`, `published: ""`).
  if (generator === 'hugo') {
    const draftKey = hugoMarkerKey(data, 'draft');
    if (draftKey !== undefined) return hugo(draftKey) === true;
    const publishedKey = hugoMarkerKey(data, 'published');
    return publishedKey !== undefined && hugo(publishedKey) === false;
  }
  return data.draft === true || data.published === false;
}

/**
 * The key a Hugo page writes its `draft` or `published` marker with: Hugo reads front matter
 * keys in any case (`Draft = true` is a draft; checked with hugo list drafts 0.111). The key
 * as written in lower case first, else the first in another case; undefined when there is none.
 */
export function hugoMarkerKey(data: Record<string, unknown>, name: 'draft' | 'published'): string | undefined {
  if (Object.prototype.hasOwnProperty.call(data, name)) return name;
  return Object.keys(data).find((k) => k.toLowerCase() === name);
}

type Report = (rule: string, key: string, severity: Severity, message: string, hint?: string) => void;

/**
 * The key Hugo 0.111 takes a page's date from, with its default front matter settings (checked
 * with hugo list all): `date`, else `publishDate` (or `pubdate`, or a `published` that is not
 * the draft marker), else `lastmod` (or `modified`); keys in any case (`Date`, `PublishDate`).
 */
function hugoDateKey(data: Record<string, unknown>): string {
  return hugoKeyOf(data, [['date'], PUBLISH_DATE_KEYS, ['lastmod', 'modified']]) ?? 'date';
}

const PUBLISH_DATE_KEYS = ['publishdate', 'pubdate', 'published'];

/**
 * The key Hugo 0.111 takes a page's publish date from, what it compares with now to leave a
 * future page out (buildFuture off): `publishDate` (`pubdate`, a `published` written as a
 * date), else `date`, keys in any case; undefined when the page has none (`lastmod` is not one).
 */
export function hugoPublishDateKey(data: Record<string, unknown>): string | undefined {
  return hugoKeyOf(data, [PUBLISH_DATE_KEYS, ['date']]);
}

/** The first key, in any case, of the first group that names a value that may be a date. */
function hugoKeyOf(data: Record<string, unknown>, groups: string[][]): string | undefined {
  const keys = Object.keys(data);
  for (const names of groups) {
    for (const name of names) {
      const key = keys.find((k) => k.toLowerCase() === name);
      const value = key === undefined ? undefined : data[key];
      // `published` is also the draft marker (`published: "false"`, `yes`, `1`): a date only when written as one.
      if (name === 'published' && !(typeof value === 'string' && /^\d{4}-\d{1,2}-\d{1,2}/.test(value.trim()))) continue;
      if (key !== undefined && value !== null && value !== '' && typeof value !== 'boolean') return key;
    }
  }
  return undefined;
}

function readDate(post: Post, timeZone: string | undefined, report: Report, key: string): void {
  const value = post.data[key];
  if (value !== undefined && value !== null && value !== '') {
    if (typeof value !== 'string') {
      report('date-invalid', key, 'error', `${key} ${quoted(value)} is not a date; expected a form like 2025-03-31 21:17:31`, 'write the date as YYYY-MM-DD HH:mm:ss');
      return;
    }
    const parsed = parseDate(value, timeZone);
    if (!parsed.ok) {
      report('date-invalid', key, 'error', `${key} ${parsed.message}`, 'write a real date as YYYY-MM-DD HH:mm:ss');
      return;
    }
    post.date = parsed.date;
    post.dateSource = 'front-matter';
    return;
  }
  const name = post.path.slice(post.path.lastIndexOf('/') + 1);
  const prefix = /^(\d{4}-\d{2}-\d{2})-/.exec(name);
  if (prefix?.[1]) {
    const parsed = parseDate(prefix[1], timeZone);
    if (parsed.ok) {
      post.date = parsed.date;
      post.dateSource = 'filename';
    } else {
      post.problems.push({ path: post.path, line: 0, col: 0, rule: 'date-invalid', severity: 'error', message: `file name date ${parsed.message}`, hint: 'rename the file or add a date to the front matter' });
    }
  }
}

function describe(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${quoted(value)}`;
}

/** A scalar as Hexo sees it (`String(value)`); null for empty values and non-scalars. */
function scalarText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return null;
}

function normalizeTitle(value: unknown, warn: (message: string) => void): string | null {
  if (value === undefined || value === null) return null;
  const text = scalarText(value);
  if (text === null && typeof value === 'object') warn(`title is ${describe(value)}; expected text`);
  return text;
}

/** `tags` as a list, a single string, `[]`, empty, or scalars: always a list of strings. */
export function normalizeTags(value: unknown, warn: (message: string) => void = () => {}): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  const tags: string[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const text = scalarText(item);
    if (text !== null) {
      if (!seen.has(text)) {
        seen.add(text);
        tags.push(text);
      }
    } else if (item !== null && typeof item === 'object') {
      warn(Array.isArray(value) ? `tag ${i + 1} is ${describe(item)}; expected a string` : `tags is ${describe(item)}; expected a list of strings`);
    }
  });
  return tags;
}

/**
 * Whether a `tags` or `categories` string is several names, split at white space: in Jekyll
 * (its `tags: 随笔 生活` is two tags; its singular `tag` and `category` are one name). Hexo and
 * Hugo read one name.
 */
export function splitsNames(generator: Generator, key: string | undefined): boolean {
  return generator === 'jekyll' && (key === 'tags' || key === 'categories');
}

/**
 * A string split as Ruby's String#split splits it (Jekyll): at runs of ASCII white space only; a
 * full-width space (U+3000) or NBSP is part of a name (`随笔　生活` is one tag in Jekyll).
 */
export function splitWords(text: string): string[] {
  return text.split(/[ \t\n\v\f\r]+/).filter(Boolean);
}

/**
 * A post's tags as its generator reads them (see normalizeTags). Jekyll 4.3 (checked with its
 * own reader) splits a `tags` string at white space (`"a, b"` is `a,` and `b`) and ignores a
 * `tags` number or boolean.
 */
export function readTags(data: Record<string, unknown>, generator: Generator, warn: (message: string) => void = () => {}): string[] {
  const key = taxonomyKey(data, 'tags');
  const value = key === undefined ? undefined : data[key];
  if (splitsNames(generator, key)) {
    if (typeof value === 'string') return [...new Set(splitWords(value))];
    if (typeof value === 'number' || typeof value === 'boolean') return [];
  }
  return normalizeTags(value, warn);
}

/** A post's categories as its generator reads them: in Jekyll, as in Hugo, a flat list is terms, and a `categories` string is split at white space. */
export function readCategories(data: Record<string, unknown>, generator: Generator, warn: (message: string) => void = () => {}): string[][] {
  const key = taxonomyKey(data, 'categories');
  const value = key === undefined ? undefined : data[key];
  if (splitsNames(generator, key)) {
    if (typeof value === 'string') return [...new Set(splitWords(value))].map((c) => [c]);
    if (typeof value === 'number' || typeof value === 'boolean') return [];
  }
  return normalizeCategories(value, flatTerms(generator), warn);
}

/** Whether a flat list of categories is several terms (Hugo, Jekyll), not one path (Hexo: `[Diary, Life]` is Diary › Life). */
export const flatTerms = (generator: Generator): boolean => generator === 'hugo' || generator === 'jekyll';

/**
 * `categories` as a string, a list (one path: `[Diary, Life]` is Diary › Life), or a list
 * of lists (several paths). In Hugo a flat list is several independent terms.
 */
export function normalizeCategories(value: unknown, flatListIsTerms: boolean, warn: (message: string) => void = () => {}): string[][] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    const text = scalarText(value);
    if (text === null && typeof value === 'object') warn(`categories is ${describe(value)}; expected a string or a list`);
    return text === null ? [] : [[text]];
  }
  const nested = value.some((item) => Array.isArray(item));
  const pathOf = (items: unknown[]): string[] => {
    const path: string[] = [];
    for (const item of items) {
      const text = scalarText(item);
      if (text !== null) path.push(text);
      else if (item !== null && typeof item === 'object') warn(`a category is ${describe(item)}; expected a string`);
    }
    return path;
  };
  let paths: string[][];
  if (nested) {
    paths = value.map((item) => (Array.isArray(item) ? pathOf(item) : pathOf([item])));
  } else if (flatListIsTerms) {
    paths = value.map((item) => pathOf([item]));
  } else {
    paths = [pathOf(value)];
  }
  if (paths.length === 1) return (paths[0] as string[]).length ? paths : [];
  const seen = new Set<string>();
  return paths.filter((p) => {
    const key = JSON.stringify(p);
    if (p.length === 0 || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface NewPost {
  /** Front matter in the order it should be written. */
  data: Record<string, unknown>;
  body: string;
}

/** Words that YAML 1.1 readers (Jekyll's Psych, js-yaml 3) take for booleans. */
const YAML11_BOOL = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/** Serialise a new post (whole-file writes are for new posts only; edits go through the lossless editor). */
export function serializePost(post: NewPost): string {
  let yamlText = '';
  if (Object.keys(post.data).length > 0) {
    const { Document, Scalar, visit } = yaml();
    const doc = new Document(post.data);
    // Quote only where some reader would take the text for something else.
    visit(doc, {
      Scalar(_key, node) {
        if (typeof node.value === 'string' && YAML11_BOOL.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
      },
    });
    yamlText = doc.toString({ lineWidth: 0, indentSeq: true });
  }
  const body = post.body.startsWith('\n') || post.body === '' ? post.body : `\n${post.body}`;
  return `---\n${yamlText}---\n${body}`;
}
