/**
 * Where a post's front matter is, the way the site generators find it, and where things are in
 * it: the only module that knows fences (`---`, a `...` closer, `+++` TOML, Hexo's `;;;` JSON, Hugo's `{` JSON,
 * longer dash lines and the block with no opening line), byte cuts for head reads, the mapping
 * from offsets to lines and columns, and the lookup of a top-level key. Every reader, the
 * editor, lint's locator, retag's diff and `blog new` use it. Pure.
 */
import type { Located, Location } from '../diagnostic.js';

export type Generator = 'hexo' | 'jekyll' | 'hugo' | 'generic';
export type FrontMatterFormat = 'yaml' | 'toml' | 'json';

export type Split =
  | { kind: 'none'; warning?: Located }
  | { kind: 'incomplete' }
  | { kind: 'error'; problem: Located }
  | {
      kind: 'block';
      format: FrontMatterFormat;
      /** Offsets into the text: the block's content and where the body begins. */
      contentStart: number;
      contentEnd: number;
      bodyStart: number;
      /** File line of the content's first line. */
      contentLine: number;
    };

const KEY_LINE = /^["']?[\p{L}\p{N}_$][^:#\n]*["']?:(\s|$)/u;
const HEXO_SEPARATOR = /^(-{3,}|;{3,})$/;

interface Line {
  start: number;
  end: number; // exclusive, without the line break
  next: number; // start of the following line, or -1 at the end of the text
  text: string;
}

function lineAt(text: string, start: number): Line {
  const nl = text.indexOf('\n', start);
  const rawEnd = nl === -1 ? text.length : nl;
  const end = rawEnd > start && text.charCodeAt(rawEnd - 1) === 13 ? rawEnd - 1 : rawEnd;
  return { start, end, next: nl === -1 ? -1 : nl + 1, text: text.slice(start, end) };
}

/**
 * Locate the front matter block of a post's text (without its BOM). `complete` is false when
 * `text` is only the head of the file: the answer is then `incomplete` if more text could change it.
 */
export function splitFrontMatter(text: string, generator: Generator, complete = true): Split {
  const hexo = generator === 'hexo';
  const first = lineAt(text, 0);
  if (first.next === -1 && !complete) return { kind: 'incomplete' };

  const opener = first.text;
  // Hugo also reads JSON front matter: an object at the top of the file, after the white space
  // its page lexer skips (space, tab, CR, LF; not NBSP or U+3000, which end its intro).
  if (generator === 'hugo') {
    const open = text.search(/[^ \t\r\n]/);
    if (open === -1 && !complete) return { kind: 'incomplete' };
    if (open !== -1 && text.charCodeAt(open) === 0x7b) return findJsonObject(text, open, complete);
  }
  if (opener === '---' || opener === '+++' || (hexo && HEXO_SEPARATOR.test(opener))) {
    const format: FrontMatterFormat = opener === '+++' ? 'toml' : opener.startsWith(';') ? 'json' : 'yaml';
    return findClosing(text, first, opener, format, hexo, complete);
  }
  const trimmed = opener.trimEnd();
  if (trimmed !== opener && (trimmed === '---' || trimmed === '+++')) {
    if (!hexo) return findClosing(text, first, trimmed, trimmed === '+++' ? 'toml' : 'yaml', hexo, complete);
    return error('hexo-variant', 1, opener.length, `the opening line "${opener}" ends with spaces, so Hexo reads this post as having no front matter`, `delete the spaces after "${trimmed}"`);
  }
  const lang = /^---\s*([A-Za-z][\w-]{0,30})\s*$/.exec(opener);
  if (lang) {
    return error('language', 1, 4, `front matter language "${lang[1]}" is not supported: front matter is data, never code`, 'make the first line a plain "---" and write the front matter in YAML');
  }
  if (HEXO_SEPARATOR.test(opener)) {
    const what = opener.startsWith(';') ? 'JSON front matter (";;;")' : `an opening line of ${opener.length} dashes`;
    return error('hexo-variant', 1, 1, `${what} is only read in Hexo sites`, 'use "---" lines and YAML, or set "generator": "hexo" in blog.config.json');
  }
  return splitWithoutOpener(text, hexo, complete);
}

/**
 * Hugo's JSON front matter: from the `{` at `open` to the brace that closes it (braces inside
 * strings do not count), as Hugo's page lexer reads it; the body starts after the line break
 * that follows. The content is the object without its outer braces, as Hexo's `;;;` blocks are.
 */
function findJsonObject(text: string, open: number, complete: boolean): Split {
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b) depth++;
    else if (c === 0x7d && --depth === 0) {
      let body = i + 1;
      if (text.charCodeAt(body) === 13 && text.charCodeAt(body + 1) === 10) body += 2;
      else if (text.charCodeAt(body) === 10) body++;
      return { kind: 'block', format: 'json', contentStart: open + 1, contentEnd: i, bodyStart: body, contentLine: locate(text, open).line };
    }
  }
  if (!complete) return { kind: 'incomplete' };
  const at = locate(text, open);
  return error('unclosed', at.line, at.col, 'the JSON front matter opened by "{" is never closed', 'close the object with "}", or start the file with "---" and YAML');
}

function findClosing(text: string, first: Line, fence: string, format: FrontMatterFormat, hexo: boolean, complete: boolean): Split {
  const fenceStart = fence.charCodeAt(0);
  const dots = !hexo && format === 'yaml';
  let start = first.next;
  while (start !== -1 && start <= text.length) {
    const c = text.charCodeAt(start);
    if (c !== fenceStart && !(dots && c === 0x2e)) {
      // Not a closing line: on to the next one without making a string of it.
      const nl = text.indexOf('\n', start);
      if (nl === -1) {
        if (!complete) return { kind: 'incomplete' };
        break;
      }
      start = nl + 1;
      continue;
    }
    const line = lineAt(text, start);
    if (line.next === -1 && !complete) return { kind: 'incomplete' };
    const candidate = hexo ? line.text : line.text.trimEnd();
    if (candidate === fence || (!hexo && format === 'yaml' && candidate === '...')) {
      return { kind: 'block', format, contentStart: first.next, contentEnd: line.start, bodyStart: line.next === -1 ? text.length : line.next, contentLine: 2 };
    }
    if (line.next === -1) break;
    start = line.next;
  }
  if (!complete) return { kind: 'incomplete' };
  return error('unclosed', 1, 1, `the front matter opened by "${fence}" on line 1 is never closed`, `add a line "${fence}" after the last front matter line`);
}

/** Hexo also reads front matter that has no opening line: everything before the first separator. */
function splitWithoutOpener(text: string, hexo: boolean, complete: boolean): Split {
  if (!startsLikeMapping(text)) return { kind: 'none' };
  let start = 0;
  while (start !== -1) {
    const line = lineAt(text, start);
    if (line.next === -1 && !complete) return { kind: 'incomplete' };
    if (start > 0 && (hexo ? HEXO_SEPARATOR.test(line.text) : line.text === '---')) {
      if (!hexo) {
        return {
          kind: 'none',
          warning: {
            line: 1,
            col: 1,
            severity: 'warning',
            rule: 'no-opener',
            message: 'this looks like front matter without an opening "---" line; it is read as body text',
            hint: 'add "---" as the first line, or set "generator": "hexo" if this is a Hexo site',
          },
        };
      }
      return { kind: 'block', format: line.text.startsWith(';') ? 'json' : 'yaml', contentStart: 0, contentEnd: start, bodyStart: line.next === -1 ? text.length : line.next, contentLine: 1 };
    }
    start = line.next;
  }
  return { kind: 'none' };
}

function startsLikeMapping(text: string): boolean {
  let start = 0;
  while (start !== -1) {
    const line = lineAt(text, start);
    const t = line.text.trim();
    if (t !== '' && !t.startsWith('#')) return KEY_LINE.test(line.text);
    start = line.next;
  }
  return false;
}

function error(rule: string, line: number, col: number, message: string, hint: string): Split {
  return { kind: 'error', problem: { line, col, severity: 'error', rule, message, hint } };
}

/**
 * For the bytes of a file's head: the offset just past the first later line that starts like a
 * closing fence of a `---` or `+++` block opened on line 1, or -1 when there is none (or no such
 * opener). splitFrontMatter may close the block earlier, never later, so the bytes before the cut
 * hold the whole front matter; a reader decodes and parses only those. A shortcut only: a cut
 * that does not hold a closed block is parsed again in full.
 */
export function headCut(bytes: Uint8Array): number {
  const b = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  const c = b[start];
  if ((c !== 0x2d && c !== 0x2b) || b[start + 1] !== c || b[start + 2] !== c) return -1;
  // Line by line, not a search for each closer: a front matter is a few hundred bytes, and a
  // search for "\n..." ran through all 4 KB of the head when no line starts with it (0.8 µs a post).
  const n = b.length;
  for (let i = b.indexOf(0x0a, start + 3); i !== -1 && i + 3 < n; i = b.indexOf(0x0a, i + 1)) {
    const d = b[i + 1];
    if ((d === c || (c === 0x2d && d === 0x2e)) && b[i + 2] === d && b[i + 3] === d) {
      const end = b.indexOf(0x0a, i + 4);
      return end === -1 ? -1 : end + 1;
    }
  }
  return -1;
}

/**
 * Lines and columns of offsets into a text whose first line is line `firstLine` of its file.
 * Columns count UTF-16 code units, as editors do. Line starts are indexed on first use, so many
 * lookups in one text cost a binary search each.
 */
export class LineMap {
  #starts: number[] | undefined;

  constructor(
    readonly text: string,
    readonly firstLine = 1,
  ) {}

  at(offset: number): Location {
    const starts = (this.#starts ??= lineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: this.firstLine + lo, col: offset - (starts[lo] as number) + 1 };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** One lookup, for callers that need a single position. */
export function locate(text: string, offset: number, firstLine = 1): Location {
  let line = firstLine;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

const keyPatterns = new Map<string, RegExp>();

/**
 * Where a top-level key is written in a front matter's text (YAML `key:`, TOML `key =`, Hexo
 * JSON `"key":`, quoted or not): the offset of the key, and of its value when the value starts
 * on the same line (not for a block list or a comment). undefined when the key is not there.
 */
export function findKey(content: string, key: string): { key: number; value: number | undefined } | undefined {
  let re = keyPatterns.get(key);
  if (!re) {
    re = new RegExp(`^(["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?)[ \\t]*[:=][ \\t]*`, 'm');
    if (keyPatterns.size < 1000) keyPatterns.set(key, re);
  }
  const m = re.exec(content);
  if (!m) return undefined;
  const valueAt = m.index + m[0].length;
  const c = content[valueAt];
  return { key: m.index, value: valueAt >= content.length || c === '\n' || c === '\r' || c === '#' ? undefined : valueAt };
}

/** The line of a top-level key, as written (for rules that look at quoting). */
export function keyLine(content: string, key: string): string | undefined {
  const found = findKey(content, key);
  if (!found) return undefined;
  const end = content.indexOf('\n', found.key);
  return content.slice(found.key, end === -1 ? content.length : end).replace(/\r$/, '');
}

/**
 * The key a post uses for its tags or categories: `tags`/`categories`, else Hexo's aliases
 * `tag`/`category`; undefined when it has neither (a key with an undefined value does not count).
 */
export function taxonomyKey(data: Record<string, unknown>, field: 'tags' | 'categories'): string | undefined {
  // Asked several times of every post: nothing is allocated.
  const main = field === 'tags' ? 'tags' : 'categories';
  if (data[main] !== undefined && Object.prototype.hasOwnProperty.call(data, main)) return main;
  const alias = field === 'tags' ? 'tag' : 'category';
  if (data[alias] !== undefined && Object.prototype.hasOwnProperty.call(data, alias)) return alias;
  return undefined;
}
