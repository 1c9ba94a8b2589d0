/**
 * Where a key, its value, or an item of its list is in the file, for precise findings.
 * Built only when a rule has something to report.
 */
import type { Node, Pair } from 'yaml';
import type { Location } from '../diagnostic.js';
import { findKey, LineMap } from '../front-matter/fences.js';
import type { Post } from '../post.js';
import { yaml } from '../yaml-lib.js';

export interface Locator {
  key(name: string): Location;
  value(name: string): Location;
  /** Item `index` of the key's list (`[i, j]` for a list inside a list). */
  item(name: string, index: number[]): Location;
  /** The same as `item` when the line scanner knows it with certainty; undefined when only a YAML parse could tell. */
  quickItem(name: string, index: number[]): Location | undefined;
}

const cache = new WeakMap<Post, Locator>();

export function locator(post: Post): Locator {
  let l = cache.get(post);
  if (!l) {
    l = buildLocator(post);
    cache.set(post, l);
  }
  return l;
}

/**
 * A locator not kept with the post: for a post that is let go of at once (a cached one stays in a
 * WeakMap, which costs the garbage collector on every post of a big blog).
 */
export function buildLocator(post: Post): Locator {
  const fm = post.frontMatter;
  const first: Location = { line: fm?.line ?? 1, col: 1 };
  if (!fm) return { key: () => first, value: () => first, item: () => first, quickItem: () => first };
  const content = fm.content;
  const lines = new LineMap(content, fm.line);
  const at = (offset: number): Location => lines.at(offset);
  const textKey = (name: string): Location => {
    const found = findKey(content, name);
    return found ? at(found.key) : first;
  };
  const textValue = (name: string): Location | undefined => {
    const found = findKey(content, name);
    return found?.value === undefined ? undefined : at(found.value);
  };
  if (post.format !== 'yaml') {
    const item = (n: string): Location => textValue(n) ?? textKey(n);
    return { key: textKey, value: (n) => textValue(n) ?? textKey(n), item, quickItem: item };
  }
  // The exact positions come from a YAML parse, built only when a finding needs one the
  // line scanner below cannot give with certainty.
  let exact: Locator | undefined;
  const precise = (): Locator => (exact ??= yamlLocator(post, first));
  // Where each item of a key's list starts, scanned once per key: a post with 20,000 findings
  // in one list asks 20,000 times.
  const items = new Map<string, number[] | undefined>();
  const itemsOf = (name: string): number[] | undefined => {
    if (!items.has(name)) items.set(name, scanItems(content, findKey(content, name)));
    return items.get(name);
  };
  /**
   * Where the one string a key holds (`tags: chatgpt`) is written, when the text after the key
   * is that string as written plainly or in quotes (an anchor, a tag, a value continued on the
   * next line, or a line that only looks like the key inside a flow collection: undefined).
   */
  const oneString = (name: string): Location | undefined => {
    const v = post.data[name];
    const found = findKey(content, name);
    if (typeof v !== 'string' || found?.value === undefined) return undefined;
    const at0 = found.value;
    const c = content[at0];
    let written = v;
    if (c === "'") written = `'${v.replace(/'/g, "''")}'`;
    else if (c === '"') {
      if (/["\\\u0000-\u001f]/.test(v)) return undefined;
      written = `"${v}"`;
    }
    if (!content.startsWith(written, at0)) return undefined;
    const after = content[at0 + written.length];
    return after === undefined || after === '\n' || after === '\r' || after === ' ' || after === '\t' ? at(at0) : undefined;
  };
  const quickItem = (name: string, index: number[]): Location | undefined => {
    if (index.length === 0) return oneString(name);
    const offset = index.length === 1 ? itemsOf(name)?.[index[0] as number] : undefined;
    return offset === undefined ? undefined : at(offset);
  };
  return {
    key: (name) => (findKey(content, name) ? textKey(name) : precise().key(name)),
    value: (name) => textValue(name) ?? precise().value(name),
    item: (name, index) => quickItem(name, index) ?? precise().item(name, index),
    quickItem,
  };
}

/**
 * Where the items of a one-level list written the common ways (`- a` lines, or `[a, b]` on the
 * key's line) start. Anything else (nested lists, comments, quotes with commas) gives undefined.
 */
function scanItems(content: string, found: { key: number; value: number | undefined } | undefined): number[] | undefined {
  if (!found) return undefined;
  let pos = found.value ?? content.indexOf('\n', found.key);
  if (pos === -1) return undefined;
  if (content[pos] === '[') {
    const end = content.indexOf('\n', pos);
    const line = content.slice(pos, end === -1 ? undefined : end).replace(/\r$/, '');
    const close = line.lastIndexOf(']');
    const inner = line.slice(1, close);
    if (close === -1 || /[^\s]/.test(line.slice(close + 1)) || /["'#{}[\]]/.test(inner)) return undefined;
    const starts: number[] = [];
    let offset = pos + 1;
    for (const part of inner.split(',')) {
      starts.push(offset + part.length - part.trimStart().length);
      offset += part.length + 1;
    }
    return starts;
  }
  if (content[pos] === '\r') pos++;
  if (content[pos] !== '\n') return undefined;
  const starts: number[] = [];
  let indent = -1;
  for (let lineStart = content.indexOf('\n', pos) + 1; lineStart > 0 && lineStart < content.length; lineStart = content.indexOf('\n', lineStart) + 1) {
    const lineEnd = content.indexOf('\n', lineStart);
    const line = /^( *)-( *)(.*)$/.exec(content.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).replace(/\r$/, ''));
    // The items before the first line of another shape are certain; the rest are left to the
    // YAML parse.
    if (!line) return starts;
    const depth = (line[1] as string).length;
    const value = line[3] as string;
    if (indent === -1) indent = depth;
    if (depth !== indent || value.startsWith('-') || value.startsWith('#') || (value === '' && (line[2] as string).length > 0)) return starts;
    starts.push(lineStart + depth + 1 + (line[2] as string).length);
  }
  return starts;
}

/** Positions from a YAML parse: the reference the line scanner is tested against. */
export function yamlLocator(post: Post, first: Location = { line: post.frontMatter?.line ?? 1, col: 1 }): Locator {
  const fm = post.frontMatter as { content: string; line: number };
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = yaml();
  const counter = new LineCounter();
  const doc = parseDocument(fm.content, { schema: 'core', lineCounter: counter, uniqueKeys: false });
  const at = (offset: number): Location => {
    const p = counter.linePos(offset);
    return { line: fm.line + p.line - 1, col: p.col };
  };
  const pair = (name: string): Pair<Node, Node | null> | undefined =>
    isMap(doc.contents) ? (doc.contents.items as Pair<Node, Node | null>[]).find((p) => isScalar(p.key) && String(p.key.value) === name) : undefined;
  const item = (name: string, index: number[]): Location => {
    const p = pair(name);
    let node: Node | null | undefined = p?.value;
    for (const i of index) {
      if (!isSeq(node)) break;
      node = node.items[i] as Node | undefined;
    }
    return node?.range ? at(node.range[0]) : p?.value?.range ? at(p.value.range[0]) : first;
  };
  return {
    key: (name) => {
      const p = pair(name);
      return p?.key?.range ? at(p.key.range[0]) : first;
    },
    value: (name) => {
      const p = pair(name);
      return p?.value?.range ? at(p.value.range[0]) : p?.key?.range ? at(p.key.range[0]) : first;
    },
    item,
    quickItem: item,
  };
}
