/**
 * Finding and reading a post's front matter, the way the site generators do.
 * Pure: text in, data or a located problem out. No engine is ever chosen by the
 * text after `---`, and no YAML tag constructs anything but plain data.
 */
import { yaml } from './yaml-lib.js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type JsYaml from 'js-yaml';

/**
 * js-yaml with YAML 1.2's core schema (dates stay text, as with `yaml`) plus merge keys:
 * about 2.5 times faster than `yaml` on a typical front matter. It reads the common case;
 * anything it rejects, and anything with aliases, goes to `yaml`, whose located messages
 * and limits are the reference. tests/unit/core/yaml-differential.test.ts shows the two
 * agree on every post in ../shared/corpora and on generated posts.
 */
let fastReader: { load: typeof JsYaml.load; schema: JsYaml.Schema } | undefined;
/** js-yaml, loaded on the first front matter (commands that read none do not pay for it). */
function fastYaml(): { load: typeof JsYaml.load; schema: JsYaml.Schema } {
  if (!fastReader) {
    // The package's one-file build: loading it costs about half of loading its 20 modules.
    const require = createRequire(import.meta.url);
    const jsYaml = require(join(dirname(require.resolve('js-yaml/package.json')), 'dist', 'js-yaml.js')) as typeof JsYaml & { types: { merge: JsYaml.Type } };
    fastReader = { load: jsYaml.load, schema: jsYaml.CORE_SCHEMA.extend({ implicit: [jsYaml.types.merge] }) };
  }
  return fastReader;
}
/** Aliases (expansion limits), digit separators (1_000: js-yaml reads a number, YAML 1.2 text). */
const NEEDS_REFERENCE_PARSER = /\*[^\s,\]}]|\d_\d/;

/** The fast reader; undefined when the reference parser must decide. Exported for the differential test. */
export function parseYamlFast(content: string): Record<string, unknown> | undefined {
  if (NEEDS_REFERENCE_PARSER.test(content)) return undefined;
  try {
    const { load, schema } = fastYaml();
    const data = load(content, { schema });
    if (data === null || data === undefined) return {};
    if (typeof data !== 'object' || Array.isArray(data)) return undefined;
    return data as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export type Generator = 'hexo' | 'jekyll' | 'hugo' | 'generic';
export type FrontMatterFormat = 'yaml' | 'toml' | 'json';

export interface Location {
  /** 1-based line in the file. */
  line: number;
  /** 1-based column (in UTF-16 code units of that line). */
  col: number;
}

export interface Problem extends Location {
  message: string;
  /** What to do about it. */
  hint?: string;
  /** What kind of problem, for lint rules: syntax, duplicate-key, not-mapping, unclosed, language, encoding, limit, hexo-variant, io, ... */
  code?: string;
}

/** Limits on what one front matter block may cost. */
export const LIMITS = {
  /** Characters in one block. */
  maxChars: 1024 * 1024,
  /** Nesting depth of maps and lists. */
  maxDepth: 100,
  /** YAML alias expansions. */
  maxAliasCount: 100,
} as const;

export type Split =
  | { kind: 'none'; warning?: Problem }
  | { kind: 'incomplete' }
  | { kind: 'error'; problem: Problem }
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
 * Locate the front matter block. `complete` is false when `text` is only the head of
 * the file: the answer is then `incomplete` if more text could change it.
 */
export function splitFrontMatter(text: string, generator: Generator, complete = true): Split {
  const hexo = generator === 'hexo';
  const first = lineAt(text, 0);
  if (first.next === -1 && !complete) return { kind: 'incomplete' };

  const opener = first.text;
  if (opener === '---' || opener === '+++' || (hexo && HEXO_SEPARATOR.test(opener))) {
    const format: FrontMatterFormat = opener === '+++' ? 'toml' : opener.startsWith(';') ? 'json' : 'yaml';
    return findClosing(text, first, opener, format, hexo, complete);
  }
  const trimmed = opener.trimEnd();
  if (trimmed !== opener && (trimmed === '---' || trimmed === '+++')) {
    if (!hexo) return findClosing(text, first, trimmed, trimmed === '+++' ? 'toml' : 'yaml', hexo, complete);
    return error('hexo-variant', 1, opener.length, `the opening line "${opener}" ends with spaces, so Hexo reads this post as having no front matter`, `delete the spaces after "${trimmed}"`);
  }
  const lang = /^---\s*([A-Za-z][\w-]*)\s*$/.exec(opener);
  if (lang) {
    return error('language', 1, 4, `front matter language "${lang[1]}" is not supported: front matter is data, never code`, 'make the first line a plain "---" and write the front matter in YAML');
  }
  if (HEXO_SEPARATOR.test(opener)) {
    const what = opener.startsWith(';') ? 'JSON front matter (";;;")' : `an opening line of ${opener.length} dashes`;
    return error('hexo-variant', 1, 1, `${what} is only read in Hexo sites`, 'use "---" lines and YAML, or set "generator": "hexo" in blog.config.json');
  }
  return splitWithoutOpener(text, hexo, complete);
}

function findClosing(
  text: string,
  first: Line,
  fence: string,
  format: FrontMatterFormat,
  hexo: boolean,
  complete: boolean,
): Split {
  let lineNo = 2;
  let start = first.next;
  while (start !== -1 && start <= text.length) {
    const line = lineAt(text, start);
    if (line.next === -1 && !complete) return { kind: 'incomplete' };
    const candidate = hexo ? line.text : line.text.trimEnd();
    if (candidate === fence || (!hexo && format === 'yaml' && candidate === '...')) {
      return {
        kind: 'block',
        format,
        contentStart: first.next,
        contentEnd: line.start,
        bodyStart: line.next === -1 ? text.length : line.next,
        contentLine: 2,
      };
    }
    if (line.next === -1) break;
    start = line.next;
    lineNo++;
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
            code: 'no-opener',
            message: 'this looks like front matter without an opening "---" line; it is read as body text',
            hint: 'add "---" as the first line, or set "generator": "hexo" if this is a Hexo site',
          },
        };
      }
      return {
        kind: 'block',
        format: line.text.startsWith(';') ? 'json' : 'yaml',
        contentStart: 0,
        contentEnd: start,
        bodyStart: line.next === -1 ? text.length : line.next,
        contentLine: 1,
      };
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

function error(code: string, line: number, col: number, message: string, hint: string): Split {
  return { kind: 'error', problem: { line, col, message, hint, code } };
}

export type DataResult =
  | { ok: true; data: Record<string, unknown>; warnings: Problem[] }
  | { ok: false; problem: Problem };

/** Turn a block's text into data. `contentLine` is the file line of its first line. */
export function parseFrontMatterData(
  content: string,
  format: FrontMatterFormat,
  contentLine: number,
  generator: Generator,
  /** false: the reference parser only (it is loaded anyway where documents are edited). */
  fastPath = true,
): DataResult {
  const at = (offset: number): Location => locate(content, offset, contentLine);
  if (content.length > LIMITS.maxChars) {
    return fail('limit', contentLine, 1, `front matter is ${content.length} characters long, over the limit of ${LIMITS.maxChars}`, 'move long data out of the front matter');
  }
  const nul = content.indexOf('\0');
  if (nul !== -1) {
    const loc = at(nul);
    return fail('encoding', loc.line, loc.col, 'front matter contains a NUL character', 'remove the NUL byte (the file may be binary or corrupted)');
  }
  const depth = estimateNestingDepth(content);
  if (depth.depth > LIMITS.maxDepth) {
    const loc = at(depth.offset);
    return fail('limit', loc.line, loc.col, `front matter is nested more than ${LIMITS.maxDepth} levels deep`, 'flatten the nested lists or maps');
  }
  switch (format) {
    case 'yaml':
      return parseYaml(generator === 'hexo' ? content.replace(/^\t+/gm, (tabs) => '  '.repeat(tabs.length)) : content, contentLine, fastPath);
    case 'toml':
      return parseTomlBlock(content, contentLine);
    case 'json':
      return parseJsonBlock(content, contentLine);
  }
}

function fail(code: string, line: number, col: number, message: string, hint: string): DataResult {
  return { ok: false, problem: { line, col, message, hint, code } };
}

/** File location of an offset into a block that starts on `firstLine`. */
export function locate(content: string, offset: number, firstLine: number): Location {
  let line = firstLine;
  let lineStart = 0;
  for (let i = content.indexOf('\n'); i !== -1 && i < offset; i = content.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

function firstLineOf(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

function parseYaml(content: string, contentLine: number, fastPath = true): DataResult {
  const fast = fastPath ? parseYamlFast(content) : undefined;
  if (fast) return { ok: true, data: fast, warnings: [] };
  const { LineCounter, parseDocument, isMap } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(content, {
    // YAML 1.2 core schema: `2025-03-31 21:17:31` stays the text the author wrote.
    schema: 'core',
    merge: true,
    uniqueKeys: true,
    // `!!binary`, `!!set`, `!!timestamp` and friends stay plain strings.
    resolveKnownTags: false,
    prettyErrors: false,
    lineCounter,
  });
  const toLocation = (offset: number): Location => {
    const pos = lineCounter.linePos(offset);
    return { line: contentLine + pos.line - 1, col: pos.col };
  };
  const err = doc.errors[0];
  if (err) {
    const loc = toLocation(err.pos[0]);
    const dup = err.code === 'DUPLICATE_KEY';
    return fail(dup ? 'duplicate-key' : 'syntax', loc.line, loc.col, `${dup ? 'duplicate key' : 'YAML syntax error'}: ${firstLineOf(err.message)}`, dup ? 'keep one of the two keys' : 'fix the YAML at this position (quote values that contain ": " or start with a special character)');
  }
  const warnings = doc.warnings.map((w) => {
    const loc = toLocation(w.pos[0]);
    return { ...loc, code: 'yaml-tag', message: `YAML: ${firstLineOf(w.message)}; the value is read as plain text` };
  });
  if (doc.contents === null) return { ok: true, data: {}, warnings };
  if (!isMap(doc.contents)) {
    const loc = toLocation(doc.contents.range?.[0] ?? 0);
    return fail('not-mapping', loc.line, loc.col, 'front matter is not a mapping of keys to values', 'write the front matter as "key: value" lines');
  }
  try {
    const data = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount }) as Record<string, unknown>;
    return { ok: true, data, warnings };
  } catch (e) {
    return fail('limit', contentLine, 1, `front matter could not be read: ${(e as Error).message}`, `use fewer YAML aliases (at most ${LIMITS.maxAliasCount} expansions)`);
  }
}

type SmolToml = typeof import('smol-toml');
let smolToml: SmolToml | undefined;
/** smol-toml, loaded on the first TOML front matter (most blogs have none). */
export function toml(): SmolToml {
  return (smolToml ??= createRequire(import.meta.url)('smol-toml') as SmolToml);
}

function parseTomlBlock(content: string, contentLine: number): DataResult {
  const { parse: parseToml, TomlError } = toml();
  try {
    const data = plainToml(parseToml(content)) as Record<string, unknown>;
    return { ok: true, data, warnings: [] };
  } catch (e) {
    if (e instanceof TomlError) {
      const message = firstLineOf(e.message.replace(/^Invalid TOML document: /, ''));
      return fail('syntax', contentLine + e.line - 1, e.column, `TOML syntax error: ${message}`, 'fix the TOML at this position');
    }
    return fail('syntax', contentLine, 1, `TOML could not be read: ${(e as Error).message}`, 'fix the TOML');
  }
}

/** TOML datetimes become the text they were written as (TomlDate prints its own form). */
function plainToml(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plainToml);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, k, { value: plainToml(v), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

function parseJsonBlock(content: string, contentLine: number): DataResult {
  let data: unknown;
  try {
    // Hexo's `;;;` blocks are JSON without the outer braces.
    data = JSON.parse(`{${content}}`, (key, value: unknown) => value);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const loc = m ? locate(content, Math.max(0, Number(m[1]) - 1), contentLine) : { line: contentLine, col: 1 };
    return fail('syntax', loc.line, loc.col, `JSON syntax error: ${(e as Error).message.replace(/ in JSON at position \d+.*$/, '')}`, 'fix the JSON at this position (";;;" blocks are JSON without the outer braces)');
  }
  return { ok: true, data: data as Record<string, unknown>, warnings: [] };
}

/** The reference parser alone (the `yaml` package), for the differential test. */
export function parseYamlReference(content: string): DataResult {
  return parseYaml(content, 1, false);
}

/**
 * A cheap upper estimate of nesting depth, run before any parser sees the text: a YAML
 * parser can abort the whole process on extremely deep input.
 */
export function estimateNestingDepth(content: string): { depth: number; offset: number } {
  let max = 0;
  let maxOffset = 0;
  let flow = 0;
  const indents: number[] = [];
  let start = 0;
  while (start < content.length) {
    let end = content.indexOf('\n', start);
    if (end === -1) end = content.length;
    let i = start;
    while (i < end && content.charCodeAt(i) === 32) i++;
    const c = content[i];
    if (i < end && c !== '#' && c !== '\r') {
      const indent = i - start;
      while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= indent) indents.pop();
      indents.push(indent);
      let compact = 0;
      while ((content[i] === '-' || content[i] === '?') && (content[i + 1] === ' ' || content[i + 1] === '\t')) {
        compact++;
        i += 2;
        while (content[i] === ' ') i++;
      }
      let depth = indents.length + compact + flow;
      let quote = '';
      for (; i < end; i++) {
        const ch = content[i];
        if (quote) {
          if (ch === quote) quote = '';
        } else if (ch === '"' || ch === "'") {
          quote = ch;
        } else if (ch === '#' && (content[i - 1] === ' ' || content[i - 1] === '\t')) {
          break;
        } else if (ch === '[' || ch === '{') {
          flow++;
          if (indents.length + compact + flow > depth) depth = indents.length + compact + flow;
        } else if ((ch === ']' || ch === '}') && flow > 0) {
          flow--;
        }
      }
      if (depth > max) {
        max = depth;
        maxOffset = start;
      }
    }
    start = end + 1;
  }
  return { depth: max, offset: maxOffset };
}
