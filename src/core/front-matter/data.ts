/**
 * Finding and reading a post's front matter, the way the site generators do.
 * Pure: text in, data or a located problem out. No engine is ever chosen by the
 * text after `---`, and no YAML tag constructs anything but plain data.
 */
import { createRequire } from 'node:module';
import { clip, type Located, type Location } from '../diagnostic.js';
import { yaml } from '../yaml-lib.js';
import { locate, type FrontMatterFormat, type Generator } from './fences.js';
import { parseSimpleYaml } from './simple-yaml.js';

/*
 * The common shape of YAML front matter (plain and quoted scalars, lists, nested mappings) is
 * read by simple-yaml.ts, about 37 times faster than the `yaml` package and 3 times faster than
 * js-yaml; anything else, and every error, goes to `yaml`, whose located messages and limits are
 * the reference. tests/unit/core/yaml-differential.test.ts shows the two agree on every post in
 * ../shared/corpora, on generated posts and on fuzzed YAML-ish text.
 */

/** Limits on what one front matter block may cost. */
export const LIMITS = {
  /** Characters in one block. */
  maxChars: 1024 * 1024,
  /** Nesting depth of maps and lists. */
  maxDepth: 100,
  /** YAML alias expansions. */
  maxAliasCount: 100,
} as const;

export type DataResult =
  | { ok: true; data: Record<string, unknown>; warnings: Located[] }
  | { ok: false; problem: Located };

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
  // The fast reader first: it takes only text it reads with certainty (no NUL, at most 8 levels
  // deep), so the checks below are for what goes to the full parsers.
  const hexoTabs = generator === 'hexo' && content.includes('\t');
  if (format === 'yaml' && fastPath && !hexoTabs) {
    const fast = parseSimpleYaml(content);
    if (fast) return { ok: true, data: fast, warnings: [] };
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
      // Hexo reads tabs that indent a line as two spaces each. (Other text went to the fast reader above.)
      return parseYaml(hexoTabs ? content.replace(/^\t+/gm, (tabs) => '  '.repeat(tabs.length)) : content, contentLine, fastPath && hexoTabs);
    case 'toml':
      return parseTomlBlock(content, contentLine);
    case 'json':
      return parseJsonBlock(content, contentLine);
  }
}

function fail(rule: string, line: number, col: number, message: string, hint: string): DataResult {
  return { ok: false, problem: { line, col, severity: 'error', rule, message, hint } };
}

function firstLineOf(message: string): string {
  const line = message.slice(0, 1000).split('\n')[0] ?? message;
  return clip(line.replace(/ at line \d+, column \d+:?$/, ''), 200);
}

/** The key written at `offset` (the start of a duplicate key), without its quotes. */
function keyAt(content: string, offset: number): string {
  const end = content.indexOf('\n', offset);
  const line = content.slice(offset, end === -1 ? Math.min(content.length, offset + 200) : Math.min(end, offset + 200));
  const m = /^(["'])(.*?)\1\s*:|^([^:]*?)\s*:(\s|$)/.exec(line);
  return (m?.[2] ?? m?.[3] ?? line).trim();
}

function parseYaml(content: string, contentLine: number, fastPath = true): DataResult {
  const fast = fastPath ? parseSimpleYaml(content) : undefined;
  if (fast) return { ok: true, data: fast, warnings: [] };
  const { LineCounter, parseDocument, isMap } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(content, {
    // YAML 1.2 core schema: `2025-03-31 21:17:31` stays the text the author wrote.
    schema: 'core',
    merge: true,
    // Duplicate keys are found below in linear time: yaml's own check compares each key with
    // every key before it (80,000 keys in one map took 44 s).
    uniqueKeys: false,
    // `!!binary`, `!!set`, `!!timestamp` and friends stay plain strings.
    resolveKnownTags: false,
    prettyErrors: false,
    // yaml would print its warnings (a key that is a list) on stderr itself; they are not ours to show.
    logLevel: 'error',
    lineCounter,
  });
  const toLocation = (offset: number): Location => {
    const pos = lineCounter.linePos(offset);
    return { line: contentLine + pos.line - 1, col: pos.col };
  };
  const err = doc.errors[0];
  // The first error in the text, as yaml reports them: a duplicate key or another error.
  const duplicate = firstDuplicateKey(doc);
  if (duplicate !== undefined && (!err || duplicate < err.pos[0])) {
    const loc = toLocation(duplicate);
    return fail('duplicate-key', loc.line, loc.col, `duplicate key ${JSON.stringify(clip(keyAt(content, duplicate), 60))}: it appears more than once in the front matter`, 'keep one of the two keys');
  }
  if (err) {
    const loc = toLocation(err.pos[0]);
    return fail('syntax', loc.line, loc.col, `YAML syntax error: ${firstLineOf(err.message)}`, 'fix the YAML at this position: quote values that contain ": " or start with a special character');
  }
  const warnings = doc.warnings.map((w) => {
    const loc = toLocation(w.pos[0]);
    return { ...loc, severity: 'warning' as const, rule: 'yaml-tag', message: `YAML: ${firstLineOf(w.message)}; the value is read as plain text`, hint: 'remove the tag: front matter is data, and Hexo fails on a tag it does not know' };
  });
  if (doc.contents === null) return { ok: true, data: {}, warnings };
  if (!isMap(doc.contents)) {
    const loc = toLocation(doc.contents.range?.[0] ?? 0);
    return fail('not-mapping', loc.line, loc.col, 'front matter is not a mapping of keys to values', 'write the front matter as "key: value" lines');
  }
  try {
    const data = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount }) as Record<string, unknown>;
    if (nestedDeeperThan(data, LIMITS.maxDepth)) return tooDeep(contentLine);
    return { ok: true, data, warnings };
  } catch (e) {
    return fail('limit', contentLine, 1, `front matter could not be read: ${(e as Error).message}`, `use fewer YAML aliases (at most ${LIMITS.maxAliasCount} expansions)`);
  }
}

/**
 * Where the first key that repeats a key of its own map starts, as yaml's uniqueKeys check finds
 * them (scalar keys equal by value, `<<` merge keys allowed again), in one pass over the document.
 */
export function firstDuplicateKey(doc: import('yaml').Document, merge = true): number | undefined {
  const { visit, isScalar } = yaml();
  let first: number | undefined;
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key;
        if (!isScalar(key)) continue;
        const value = key.value;
        if ((merge && value === '<<') || (typeof value === 'number' && Number.isNaN(value))) continue;
        if (!seen.has(value)) seen.add(value);
        else if (key.range && (first === undefined || key.range[0] < first)) first = key.range[0];
      }
    },
  });
  return first;
}

/**
 * Whether the data nests lists and maps more than `max` levels deep. The scan of the text before
 * parsing is the guard that matters (a parser can crash on deep input); this one, on what was
 * parsed, holds the limit exactly where that scan may have been fooled. Iterative: no recursion
 * on the input's depth.
 */
export function nestedDeeperThan(data: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[data, 0]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [value, depth] = top;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(value) ? value : Object.values(value)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

function tooDeep(contentLine: number): DataResult {
  return fail('limit', contentLine, 1, `front matter is nested more than ${LIMITS.maxDepth} levels deep`, 'flatten the nested lists or maps');
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
    const parsed = parseToml(content);
    const data = plainToml(parsed) as Record<string, unknown>;
    for (const [key, value] of Object.entries(parsed)) if (value instanceof Date) data[key] = writtenDate(content, key, value) ?? data[key];
    if (nestedDeeperThan(data, LIMITS.maxDepth)) return tooDeep(contentLine);
    return { ok: true, data, warnings: [] };
  } catch (e) {
    if (e instanceof TomlError) {
      const message = firstLineOf(e.message.replace(/^Invalid TOML document: /, ''));
      return fail('syntax', contentLine + e.line - 1, e.column, `TOML syntax error: ${message}`, 'fix the TOML at this position');
    }
    return fail('syntax', contentLine, 1, `TOML could not be read: ${(e as Error).message}`, 'fix the TOML');
  }
}

/**
 * A top-level TOML date as it is written (`2025-01-10T10:00:00+08:00`, `2025-01-10 10:00:00`):
 * TomlDate prints its own form (`2025-01-10T10:00:00.000+08:00`), and the date is shown as
 * written. The text after a `key =` (indented or not) is taken only when it reads as the same
 * date: a line `date = 2020-01-01` inside a multi-line string is not the key.
 */
function writtenDate(content: string, key: string, value: Date): string | undefined {
  const { TomlDate } = toml();
  const name = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^[ \\t]*(?:${name}|"${name}"|'${name}')[ \\t]*=[ \\t]*(\\d{4}-\\d{2}-\\d{2}(?:[Tt ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:[Zz]|[+-]\\d{2}:\\d{2})?)?)`, 'gm');
  for (let m = re.exec(content); m; m = re.exec(content)) {
    const text = m[1] as string;
    try {
      if (new TomlDate(text).toISOString() === value.toISOString()) return text;
    } catch {
      // Not a date TOML reads (2025-13-01): not this key's value.
    }
  }
  return undefined;
}

/** TOML datetimes become text (TomlDate prints its own form; top-level ones are made the text written, see writtenDate). */
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
    // Hexo's `;;;` blocks, and Hugo's `{` blocks as cut, are JSON without the outer braces.
    data = JSON.parse(`{${content}}`);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const loc = m ? locate(content, Math.max(0, Number(m[1]) - 1), contentLine) : { line: contentLine, col: 1 };
    return fail('syntax', loc.line, loc.col, `JSON syntax error: ${(e as Error).message.replace(/ in JSON at position \d+.*$/, '')}`, 'fix the JSON at this position');
  }
  return { ok: true, data: data as Record<string, unknown>, warnings: [] };
}

/**
 * An estimate of nesting depth that never counts low, run before any parser sees the text: a
 * parser can exhaust the stack on very deep input. Block nesting is counted by indentation and
 * `- `/`? ` indicators, flow nesting by brackets. Brackets and `#` inside quoted scalars are not
 * structure; a quote opens a scalar only where a node starts (`x'y` is a plain scalar, so its
 * quote cannot hide the brackets after it); in block context, brackets inside a plain scalar
 * (`a: x [y`) and lines of a block scalar (`|`, `>`) are text. Where it cannot tell, it counts.
 */
export function estimateNestingDepth(content: string): { depth: number; offset: number } {
  let max = 0;
  let maxOffset = 0;
  let flow = 0;
  let quote = '';
  const indents: number[] = [];
  /** Lines more indented than this belong to a block scalar (-1: none open). */
  let blockScalar = -1;
  let start = 0;
  while (start < content.length) {
    let end = content.indexOf('\n', start);
    if (end === -1) end = content.length;
    let i = start;
    let base: number;
    if (quote === '' && flow === 0) {
      while (i < end && (content[i] === ' ' || content[i] === '\t')) i++;
      const c = content[i];
      const blank = i >= end || c === '\r';
      if (blockScalar !== -1 && (blank || i - start > blockScalar)) {
        start = end + 1;
        continue;
      }
      blockScalar = -1;
      if (blank || c === '#') {
        start = end + 1;
        continue;
      }
      const indent = i - start;
      while (indents.length > 0 && (indents[indents.length - 1] as number) >= indent) indents.pop();
      indents.push(indent);
      let compact = 0;
      while ((content[i] === '-' || content[i] === '?') && (content[i + 1] === ' ' || content[i + 1] === '\t')) {
        compact++;
        i += 2;
        while (content[i] === ' ' || content[i] === '\t') i++;
      }
      base = indents.length + compact;
    } else {
      base = indents.length;
    }
    if (base + flow > max) {
      max = base + flow;
      maxOffset = start;
    }
    const lineIndent = indents.length ? (indents[indents.length - 1] as number) : 0;
    let plain = false;
    for (; i < end; i++) {
      const ch = content[i] as string;
      if (quote) {
        if (quote === '"' && ch === '\\') i++;
        else if (ch === quote) {
          if (quote === "'" && content[i + 1] === "'") i++;
          else quote = '';
        }
        continue;
      }
      const prev = i > start ? (content[i - 1] as string) : ' ';
      const spaced = prev === ' ' || prev === '\t';
      if (ch === '#' && (spaced || i === start)) break;
      if (plain) {
        // A plain scalar ends at ": " (it was a key), and in flow context at , ] }.
        const next = content[i + 1];
        if (ch === ':' && (next === ' ' || next === '\t' || next === '\r' || i + 1 >= end || (flow > 0 && (next === ',' || next === ']' || next === '}')))) plain = false;
        else if (flow > 0 && (ch === ',' || ch === ']' || ch === '}')) {
          plain = false;
          if (ch !== ',') flow--;
        }
        continue;
      }
      if (ch === ' ' || ch === '\t' || ch === '\r' || ch === ',') continue;
      if (ch === '[' || ch === '{') {
        flow++;
        if (base + flow > max) {
          max = base + flow;
          maxOffset = start;
        }
      } else if (ch === ']' || ch === '}') {
        if (flow > 0) flow--;
      } else if ((ch === '"' || ch === "'") && (spaced || i === start || prev === '[' || prev === '{' || prev === ',')) {
        quote = ch;
      } else if ((ch === '-' || ch === '?' || ch === ':') && (content[i + 1] === ' ' || content[i + 1] === '\t' || i + 1 >= end)) {
        // an indicator
      } else if (ch === '&' || ch === '!' || ch === '*') {
        // An anchor, tag or alias: a prefix, not a scalar.
        while (i + 1 < end && !/[\s,[\]{}]/.test(content[i + 1] as string)) i++;
      } else if ((ch === '|' || ch === '>') && flow === 0 && /[:?-]$/.test(content.slice(start, i).trimEnd()) && /^[|>][0-9+-]*[ \t]*(#.*)?\r?$/.test(content.slice(i, end))) {
        // A block scalar: the more indented lines that follow are its text.
        blockScalar = lineIndent;
        break;
      } else {
        plain = true;
      }
    }
    start = end + 1;
  }
  return { depth: max, offset: maxOffset };
}
