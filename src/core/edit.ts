/**
 * Lossless edits of a post's tags or categories: only the bytes of those values change.
 * Works on the YAML document's source ranges and splices text; key order, quoting, flow or
 * block style, indentation, comments, other keys, line endings and the body stay as they are.
 * Every edit is verified by parsing the result again. Pure.
 */
import { yaml } from './yaml-lib.js';
import type { Alias, Document, DocumentOptions, Node, Pair, ParseOptions, Scalar, SchemaOptions, YAMLMap, YAMLSeq } from 'yaml';
import { locate, splitFrontMatter, taxonomyKey, type Generator } from './front-matter/fences.js';
import { firstDuplicateKey } from './front-matter/data.js';
import { quoted } from './diagnostic.js';
import { flatTerms, normalizeCategories, parsePost, readCategories, readTags, splitsNames, splitWords } from './post.js';

// The `yaml` package, loaded when a document is first edited (not by every command that could edit).
const isMap = (node: unknown): node is YAMLMap<unknown, unknown> => yaml().isMap(node);
const isScalar = (node: unknown): node is Scalar => yaml().isScalar(node);
const isSeq = (node: unknown): node is YAMLSeq<unknown> => yaml().isSeq(node);
const isAlias = (node: unknown): node is Alias => yaml().isAlias(node);
/**
 * yaml's parseDocument, with its duplicate-key check done in one pass (its own compares each key
 * with every key before it: a flow map of 100,000 keys took minutes to retag). A duplicate is an
 * error in `doc.errors`, where yaml puts it, in order of position.
 */
const parseDocument = (source: string, options: ParseOptions & DocumentOptions & SchemaOptions): Document.Parsed => {
  const { parseDocument: parse, YAMLParseError } = yaml();
  const doc = parse(source, { ...options, uniqueKeys: false });
  if (options.uniqueKeys !== false) {
    const at = firstDuplicateKey(doc, options.merge === true);
    if (at !== undefined) {
      doc.errors.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
      doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
    }
  }
  return doc;
};

export type ListField = 'tags' | 'categories';

export interface ListChange {
  field: ListField;
  /** New name for a name, or null to remove it; return the name itself to keep it. */
  rename: (name: string) => string | null;
  /** Names to add (tags only), appended in order unless already present. */
  add: string[];
  /** Also remove repeated names when nothing else changes (lint --fix). */
  dedupe?: boolean;
  /** Turn a single string value into a one-item list (lint --fix). */
  toList?: boolean;
  /** A string value is several names split at white space (Jekyll's `tags: a b`; set by editPostList). */
  splitScalar?: boolean;
}

export type EditOutcome =
  | { status: 'unchanged' }
  | { status: 'changed'; text: string; before: string[][]; after: string[][] }
  | { status: 'skipped'; line: number; col: number; reason: string };

const BOM = '\uFEFF';

interface Splice {
  start: number;
  end: number;
  text: string;
}

class CannotEdit extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** The value of a front matter field as lists of names (tags: one list; categories: paths). */
function readField(data: Record<string, unknown>, field: ListField, generator: Generator): string[][] {
  return field === 'tags' ? [readTags(data, generator)] : readCategories(data, generator);
}

/** What the field should read as after `change`: the meaning the splices must produce. */
export function applyChange(before: string[][], change: ListChange, generator: Generator): string[][] {
  // Sets, not includes(): a post may have 100,000 tags.
  const unique = (names: Iterable<string>): string[] => {
    const out = new Set<string>();
    for (const name of names) {
      const n = change.rename(name);
      if (n !== null) out.add(n);
    }
    return [...out];
  };
  if (change.field === 'tags') {
    const out = new Set(unique(before[0] ?? []));
    for (const a of change.add) out.add(a);
    return [[...out]];
  }
  const paths = before.map((p) => unique(p));
  // One path was written as a flat list (or a string); several as a list of lists.
  const result = normalizeCategories(paths.length === 1 ? paths[0] : paths, flatTerms(generator));
  for (const path of addedPaths(change, generator)) {
    if (!result.some((p) => JSON.stringify(p) === JSON.stringify(path))) result.push(path);
  }
  return result;
}

/** Categories to add, as paths (`A > B` is one path; in Hugo and Jekyll each name is a term). */
function addedPaths(change: ListChange, generator: Generator): string[][] {
  return change.add.map((a) => (flatTerms(generator) ? [a.trim()] : a.split('>').map((s) => s.trim()).filter(Boolean))).filter((p) => p.length > 0);
}

/**
 * Edit one post's text. `unchanged` when the field already reads as wanted (write nothing);
 * `skipped` with a located reason when the edit cannot be made losslessly.
 */
export function editPostList(text: string, generator: Generator, change: ListChange): EditOutcome {
  const hasBom = text.startsWith(BOM);
  const source = hasBom ? text.slice(1) : text;
  const parsed = parsePost(source, 'post.md', { generator, timeZone: 'UTC' });
  if (!parsed.ok) {
    if ('problem' in parsed) return { status: 'skipped', line: parsed.problem.line, col: parsed.problem.col, reason: `front matter cannot be read: ${parsed.problem.message}` };
    return { status: 'skipped', line: 1, col: 1, reason: 'front matter cannot be read' };
  }
  const before = readField(parsed.post.data, change.field, generator);
  const wanted = applyChange(before, change, generator);
  if (!change.dedupe && !change.toList && JSON.stringify(before) === JSON.stringify(wanted)) return { status: 'unchanged' };
  if (change.field === 'categories' && change.add.length > 0 && !flatTerms(generator)) {
    return addCategories(text, generator, change, parsed.post.data, before, wanted);
  }
  const split = splitFrontMatter(source, generator);
  if (split.kind !== 'block') {
    if (JSON.stringify(before) === JSON.stringify(wanted)) return { status: 'unchanged' };
    return { status: 'skipped', line: 1, col: 1, reason: 'the post has no front matter to edit' };
  }
  const contentLine = split.contentLine;
  const content = source.slice(split.contentStart, split.contentEnd);
  const skip = (reason: string, offset: number): EditOutcome => ({ status: 'skipped', ...locate(content, offset, contentLine), reason });
  if (split.format !== 'yaml') return skip(`${split.format.toUpperCase()} front matter is not edited yet; change it by hand`, 0);
  if (generator === 'hexo' && /^\t/m.test(content)) return skip('tab-indented front matter cannot be edited losslessly', content.search(/^\t/m));

  let splices: Splice[];
  try {
    // A Jekyll `tags: a b` string is several names: edited as such (written as a list when it changes).
    const splitScalar = splitsNames(generator, taxonomyKey(parsed.post.data, change.field));
    splices = planSplices(content, splitScalar ? { ...change, splitScalar } : change, detectEol(source));
  } catch (e) {
    if (e instanceof CannotEdit) return skip(e.message, e.offset);
    throw e;
  }
  if (splices.length === 0) {
    if (JSON.stringify(before) === JSON.stringify(wanted)) return { status: 'unchanged' };
    return skip('the edit cannot be made losslessly', 0);
  }
  const newContent = applySplices(content, splices);
  const newSource = source.slice(0, split.contentStart) + newContent + source.slice(split.contentEnd);
  if (newSource === source) return { status: 'unchanged' };

  // Verify: the result must parse, read as wanted, and keep every other key's value.
  const check = parsePost(newSource, 'post.md', { generator, timeZone: 'UTC' });
  if (!check.ok) return skip('the edited front matter would not parse; left as it was', 0);
  const after = readField(check.post.data, change.field, generator);
  if (JSON.stringify(after) !== JSON.stringify(wanted)) return skip(`the edit cannot be made losslessly (it would read as ${quoted(after, 200)}); left as it was`, 0);
  const others = (d: Record<string, unknown>) =>
    JSON.stringify(Object.entries(d).filter(([k]) => !(change.field === 'tags' ? ['tags', 'tag'] : ['categories', 'category']).includes(k)));
  if (others(check.post.data) !== others(parsed.post.data)) return skip('the edit would change other keys; left as it was', 0);
  return { status: 'changed', text: (hasBom ? BOM : '') + newSource, before, after };
}

/**
 * Categories are paths, so adding one may change the value's shape: a string or a flat list
 * (one path) becomes a list of lists. Renames and removals go first, as for tags; then the
 * value is rewritten from its own item texts plus the new paths, in the file's list style.
 */
function addCategories(text: string, generator: Generator, change: ListChange, original: Record<string, unknown>, before: string[][], wanted: string[][]): EditOutcome {
  let current = text;
  const renamed = editPostList(text, generator, { ...change, add: [] });
  if (renamed.status === 'skipped') return renamed;
  if (renamed.status === 'changed') current = renamed.text;
  const hasBom = current.startsWith(BOM);
  const source = hasBom ? current.slice(1) : current;
  const split = splitFrontMatter(source, generator);
  if (split.kind !== 'block' || split.format !== 'yaml') return { status: 'skipped', line: 1, col: 1, reason: 'only YAML front matter is edited' };
  const content = source.slice(split.contentStart, split.contentEnd);
  const eol = detectEol(source);
  const doc = parseDocument(content, { schema: 'core', merge: true, uniqueKeys: true, resolveKnownTags: false });
  if (!isMap(doc.contents) && doc.contents !== null) return { status: 'skipped', line: 1, col: 1, reason: 'front matter is not a mapping' };
  const pairs = (isMap(doc.contents) ? doc.contents.items : []) as Pair<Node, Node | null>[];
  const pair = pairs.find((p) => isScalar(p.key) && String(p.key.value) === 'categories') ?? pairs.find((p) => isScalar(p.key) && String(p.key.value) === 'category');
  const present = new Set(applyChange(before, { ...change, add: [] }, generator).map((p) => JSON.stringify(p)));
  const adds = addedPaths(change, generator).filter((p) => !present.has(JSON.stringify(p)));
  const flowPath = (p: string[]) => `[${p.map((n) => formatScalar(n, true)).join(', ')}]`;
  let splice: Splice | undefined;
  const value = pair?.value ?? null;
  if (!pair || value === null || (isScalar(value) && (value.value === null || value.value === ''))) {
    const paths = adds;
    const lines = paths.length === 1 ? (paths[0] as string[]).map((n) => `  - ${formatScalar(n, false)}`) : paths.map((p) => `  - ${flowPath(p)}`);
    if (!pair) {
      const needsEol = content.length > 0 && !content.endsWith('\n');
      splice = { start: content.length, end: content.length, text: `${needsEol ? eol : ''}categories:${eol}${lines.join(eol)}${eol}` };
    } else {
      const end = lineEnd(content, (pair.key as Node).range?.[1] ?? 0);
      splice = { start: end, end, text: lines.map((l) => `${eol}${l}`).join('') };
    }
  } else if (isScalar(value) && value.range) {
    splice = { start: value.range[0], end: value.range[1], text: `[[${content.slice(value.range[0], value.range[1])}], ${adds.map(flowPath).join(', ')}]` };
  } else if (isSeq(value) && value.range) {
    const nested = value.items.some((i) => isSeq(i));
    const range = value.range;
    if (value.flow) {
      const src = content.slice(range[0], range[1]);
      if (src.includes('\n')) return { status: 'skipped', line: 1, col: 1, reason: 'a flow list over several lines cannot be edited losslessly; change it by hand' };
      const close = src.lastIndexOf(']');
      splice = nested
        ? { start: range[0] + close, end: range[0] + close, text: `${value.items.length ? ', ' : ''}${adds.map(flowPath).join(', ')}` }
        : { start: range[0], end: range[1], text: `[${src}, ${adds.map(flowPath).join(', ')}]` };
    } else {
      const first = value.items[0] as Node | undefined;
      const start = lineStart(content, first?.range?.[0] ?? range[0]);
      const indent = content.slice(start, first?.range?.[0] ?? range[0]).replace(/-\s*$/, '').replace(/[^ ]/g, ' ');
      const after = nextLine(content, Math.max(range[0], range[1] - 1));
      if (nested) {
        splice = { start: after, end: after, text: adds.map((p) => `${indent}- ${flowPath(p)}${eol}`).join('') };
      } else {
        const block = content.slice(start, after);
        if (/#/.test(block.replace(/(["'])(?:(?!\1).)*\1/g, ''))) return { status: 'skipped', line: 1, col: 1, reason: 'the categories list has comments; add the category by hand' };
        const names = (value.items as Node[]).map((i) => (isScalar(i) ? formatScalar(String(i.value), true) : ''));
        splice = { start, end: after, text: [`${indent}- [${names.join(', ')}]`, ...adds.map((p) => `${indent}- ${flowPath(p)}`)].map((l) => l + eol).join('') };
      }
    }
  }
  if (!splice) return { status: 'skipped', line: 1, col: 1, reason: 'the categories value cannot be edited losslessly; change it by hand' };
  const newContent = applySplices(content, [splice]);
  const newSource = source.slice(0, split.contentStart) + newContent + source.slice(split.contentEnd);
  const check = parsePost(newSource, 'post.md', { generator, timeZone: 'UTC' });
  if (!check.ok) return { status: 'skipped', line: 1, col: 1, reason: 'the edited front matter would not parse; left as it was' };
  const after = readField(check.post.data, 'categories', generator);
  if (JSON.stringify(after) !== JSON.stringify(wanted)) return { status: 'skipped', line: 1, col: 1, reason: `the edit cannot be made losslessly (it would read as ${quoted(after, 200)}); left as it was` };
  const others = (d: Record<string, unknown>) => JSON.stringify(Object.entries(d).filter(([k]) => k !== 'categories' && k !== 'category'));
  if (others(check.post.data) !== others(original)) return { status: 'skipped', line: 1, col: 1, reason: 'the edit would change other keys; left as it was' };
  return { status: 'changed', text: (hasBom ? BOM : '') + newSource, before, after };
}

function detectEol(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

/** The text with every splice made (they do not overlap), built in one pass: linear in the text and the splices. */
function applySplices(text: string, splices: Splice[]): string {
  const sorted = [...splices].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const s of sorted) {
    parts.push(text.slice(at, s.start), s.text);
    at = s.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Find the field's pair and plan the splices for it. */
function planSplices(content: string, change: ListChange, eol: string): Splice[] {
  const doc = parseDocument(content, { schema: 'core', merge: true, uniqueKeys: true, resolveKnownTags: false });
  if (doc.errors.length > 0) throw new CannotEdit('front matter cannot be read', doc.errors[0]?.pos[0] ?? 0);
  const root = doc.contents;
  if (root === null) {
    if (change.add.length === 0) return [];
    return [insertField(content, content.length, change, eol, null)];
  }
  if (!isMap(root)) throw new CannotEdit('front matter is not a mapping', 0);
  const keys = change.field === 'tags' ? ['tags', 'tag'] : ['categories', 'category'];
  const pairs = root.items as Pair<Node, Node | null>[];
  const findPair = (name: string) => pairs.find((p) => isScalar(p.key) && String(p.key.value) === name);
  const primary = findPair(keys[0] as string);
  const pair = primary && primary.value !== undefined ? primary : findPair(keys[1] as string);
  if (!pair) {
    if (change.add.length === 0) return [];
    return [insertField(content, content.length, change, eol, root.items.length ? sampleSeq(root.items as Pair<Node, Node | null>[]) : null)];
  }
  if (pair.value && (pair.value.anchor || pair.value.tag)) throw new CannotEdit('the value has a YAML anchor or tag; change it by hand', pair.value.range?.[0] ?? 0);
  if (pair.value && isAlias(pair.value)) throw new CannotEdit(`the value is an alias (*${pair.value.source}) of another value; change it by hand`, pair.value.range?.[0] ?? 0);
  const value = pair.value;
  const keyNode = pair.key as Node;
  if (value === null || (isScalar(value) && (value.value === null || value.value === ''))) {
    if (change.add.length === 0) return [];
    const items = change.add;
    if (value && value.range && value.range[1] > value.range[0]) {
      // `tags: ~` or `tags: null`: becomes a flow list in place.
      return [{ start: value.range[0], end: value.range[1], text: `[${items.map((v) => formatScalar(v, true)).join(', ')}]` }];
    }
    const keyEnd = lineEnd(content, keyNode.range?.[1] ?? 0);
    const indent = seqIndent(content, keyNode, sampleSeq(pairs));
    return [{ start: keyEnd, end: keyEnd, text: items.map((v) => `${eol}${indent}- ${formatScalar(v, false)}`).join('') }];
  }
  if (isScalar(value)) return editScalarValue(content, value, change);
  if (isSeq(value)) {
    const splices: Splice[] = [];
    if (value.flow) {
      const range = value.range as [number, number, number];
      if (content.slice(range[0], range[1]).includes('\n')) throw new CannotEdit('a flow list over several lines cannot be edited losslessly; change it by hand', range[0]);
      const rebuilt = rebuildFlowSeq(content, value, change, true);
      if (rebuilt !== content.slice(range[0], range[1])) splices.push({ start: range[0], end: range[1], text: rebuilt });
      return splices;
    }
    editBlockSeq(content, value, change, eol, splices, true);
    return splices;
  }
  throw new CannotEdit(`${change.field} is a mapping; expected a list`, value.range?.[0] ?? 0);
}

/** `tags: ChatGPT` */
function editScalarValue(content: string, node: Scalar, change: ListChange): Splice[] {
  const range = node.range as [number, number, number];
  const sourceText = content.slice(range[0], range[1]);
  if (sourceText.includes('\n') || node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    throw new CannotEdit(`a ${change.field} value over several lines cannot be edited losslessly; change it by hand`, range[0]);
  }
  const name = String(node.value);
  const words = change.splitScalar ? splitWords(name) : [];
  if (words.length > 1) {
    // Several names in one string: the list they become, written as a flow list when it differs (or asked for).
    const out: string[] = [];
    for (const w of [...words.map((x) => change.rename(x)), ...change.add]) if (w !== null && !out.includes(w)) out.push(w);
    if (!change.toList && out.length === words.length && out.every((w, i) => w === words[i])) return [];
    return [{ start: range[0], end: range[1], text: `[${out.map((w) => formatScalar(w, true)).join(', ')}]` }];
  }
  const renamed = change.rename(name);
  const adds = change.add.filter((a) => a !== (renamed ?? ''));
  if (renamed === name && adds.length === 0) return change.toList ? [{ start: range[0], end: range[1], text: `[${requote(name, node, true)}]` }] : [];
  if (renamed === null && adds.length === 0) return [{ start: range[0], end: range[1], text: '[]' }];
  if (adds.length === 0 && !change.toList) return [{ start: range[0], end: range[1], text: requote(renamed as string, node, false) }];
  const items = [...(renamed === null ? [] : [requote(renamed, node, true)]), ...adds.map((a) => formatScalar(a, true))];
  return [{ start: range[0], end: range[1], text: `[${items.join(', ')}]` }];
}

/**
 * Rebuild a one-line flow list from its own pieces: every kept item keeps its source text
 * (renamed ones excepted) and the separator that followed it, so `[a,b, c]` stays that way.
 */
function rebuildFlowSeq(content: string, seq: YAMLSeq, change: ListChange, top: boolean): string {
  const range = seq.range as [number, number, number];
  const src = content.slice(range[0], range[1]);
  const items = (seq.items as Node[]).filter((it) => it?.range);
  if (items.length === 0) {
    const adds = top ? change.add.map((a) => formatScalar(a, true)) : [];
    return adds.length ? `[${adds.join(', ')}]` : src;
  }
  const r = (i: number) => (items[i] as Node).range as [number, number, number];
  // An item's tag or anchor (`!!binary aGk=`, `&a x`) comes before its range: it starts where the
  // `[` or `,` before it and the spaces after that end, so it stays with its item and never goes
  // with a separator onto another item.
  const leads = items.map((_, i) => {
    const from = i === 0 ? range[0] : r(i - 1)[1];
    const m = /^\s*[[,]\s*/.exec(content.slice(from, r(i)[0]));
    return m ? from + m[0].length : r(i)[0];
  });
  const lead = (i: number) => leads[i] as number;
  const open = content.slice(range[0], lead(0));
  const close = content.slice(r(items.length - 1)[1], range[1]);
  const seps = items.slice(0, -1).map((_, i) => content.slice(r(i)[1], lead(i + 1)));
  const kept: { text: string; index: number }[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const original = content.slice(lead(i), r(i)[1]);
    if (isSeq(item) && item.flow) {
      kept.push({ text: content.slice(lead(i), r(i)[0]) + rebuildFlowSeq(content, item, change, false), index: i });
    } else if (isScalar(item) && item.value !== null && !item.anchor && !item.tag) {
      const name = String(item.value);
      const renamed = change.rename(name);
      if (renamed === null || seen.has(renamed)) return;
      seen.add(renamed);
      kept.push({ text: renamed === name ? original : requote(renamed, item, true), index: i });
    } else {
      kept.push({ text: original, index: i });
    }
  });
  const lastSep = seps.length ? (seps[seps.length - 1] as string) : ', ';
  if (top) for (const a of change.add) if (!seen.has(a)) kept.push({ text: formatScalar(a, true), index: -1 });
  if (kept.length === 0) return '[]';
  let out = open;
  kept.forEach((k, j) => {
    out += k.text;
    if (j < kept.length - 1) out += k.index >= 0 && k.index < seps.length ? (seps[k.index] as string) : lastSep;
  });
  return out + close;
}

/** Block lists: rename in place, delete whole item lines, append new item lines. */
function editBlockSeq(content: string, seq: YAMLSeq, change: ListChange, eol: string, splices: Splice[], top: boolean): void {
  const items = seq.items as Node[];
  const seen = new Set<string>();
  /** Where the line after the last item starts: new items go there. */
  let afterLast = -1;
  let itemIndent = '';
  for (const item of items) {
    if (!item?.range) continue;
    const start = item.range[0];
    const ls = lineStart(content, start);
    const prefix = content.slice(ls, start);
    if (isSeq(item)) {
      if (item.flow) {
        const rebuilt = rebuildFlowSeq(content, item, change, false);
        if (rebuilt !== content.slice(item.range[0], item.range[1])) splices.push({ start: item.range[0], end: item.range[1], text: rebuilt });
      } else {
        editBlockSeq(content, item, change, eol, splices, false);
      }
      afterLast = nextLine(content, item.range[1] - 1);
      continue;
    }
    if (!isScalar(item)) {
      afterLast = nextLine(content, item.range[1] - 1);
      continue;
    }
    const itemText = content.slice(item.range[0], item.range[1]);
    if (itemText.includes('\n')) throw new CannotEdit('an item over several lines cannot be edited losslessly; change it by hand', start);
    if (item.anchor || item.tag) throw new CannotEdit('an item has a YAML anchor or tag; change it by hand', start);
    const end = lineEnd(content, item.range[1]);
    afterLast = nextLine(content, item.range[1]);
    if (/^\s*-\s+$/.test(prefix)) itemIndent = prefix.slice(0, prefix.indexOf('-'));
    if (item.value === null) continue;
    const name = String(item.value);
    const renamed = change.rename(name);
    const rest = content.slice(item.range[1], end);
    if (renamed === null || seen.has(renamed)) {
      // Delete the whole line: it must hold nothing but this item (and maybe a comment).
      if (!/^\s*-\s+$/.test(prefix) || !/^\s*(#.*)?\r?$/.test(rest)) {
        throw new CannotEdit('an item shares its line with another value; change it by hand', start);
      }
      splices.push({ start: ls, end: nextLine(content, item.range[1]), text: '' });
      continue;
    }
    seen.add(renamed);
    if (renamed !== name) splices.push({ start: item.range[0], end: item.range[1], text: requote(renamed, item, false) });
  }
  if (top) {
    const adds = change.add.filter((a) => !seen.has(a));
    if (adds.length > 0) {
      if (afterLast < 0) throw new CannotEdit('cannot find where to add the new item', seq.range?.[0] ?? 0);
      const lead = afterLast > 0 && content[afterLast - 1] !== '\n' ? eol : '';
      splices.push({ start: afterLast, end: afterLast, text: lead + adds.map((a) => `${itemIndent}- ${formatScalar(a, false)}${eol}`).join('') });
    }
  }
}

/** Offset where the line after the one holding `offset` starts (or the end of the text). */
function nextLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the end of the line holding `offset`, before its `\r\n` or `\n`. */
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl === -1 ? text.length : nl;
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

/** Some block list of the document, to copy its indentation style. */
function sampleSeq(pairs: Pair<Node, Node | null>[]): { key: Node; seq: YAMLSeq } | null {
  for (const p of pairs) if (isSeq(p.value) && !p.value.flow && p.value.items.length > 0) return { key: p.key as Node, seq: p.value };
  return null;
}

function seqIndent(content: string, key: Node, sample: { key: Node; seq: YAMLSeq } | null): string {
  const keyIndent = content.slice(lineStart(content, key.range?.[0] ?? 0), key.range?.[0] ?? 0);
  if (sample) {
    const s = sample.seq.range?.[0] ?? 0;
    const sampleKeyIndent = content.slice(lineStart(content, sample.key.range?.[0] ?? 0), sample.key.range?.[0] ?? 0).length;
    const extra = Math.max(0, content.slice(lineStart(content, s), s).length - sampleKeyIndent);
    return keyIndent + ' '.repeat(extra);
  }
  return `${keyIndent}  `;
}

/** A whole new `tags:` key at the end of the block, in the file's own list style. */
function insertField(content: string, at: number, change: ListChange, eol: string, sample: { key: Node; seq: YAMLSeq } | null): Splice {
  const usesFlow = /^[A-Za-z_]\w*:\s*\[.*\]\s*$/m.test(content) && !sample;
  let indent = '  ';
  if (sample) {
    const s = sample.seq.range?.[0] ?? 0;
    indent = content.slice(lineStart(content, s), s);
  }
  const key = change.field;
  const lines = usesFlow ? [`${key}: [${change.add.map((v) => formatScalar(v, true)).join(', ')}]`] : [`${key}:`, ...change.add.map((v) => `${indent}- ${formatScalar(v, false)}`)];
  const needsEol = at > 0 && content[at - 1] !== '\n';
  return { start: at, end: at, text: (needsEol ? eol : '') + lines.join(eol) + eol };
}

const YAML11_BOOL = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/** Whether `value` written plain reads back as the same string. */
function plainIsSafe(value: string, flow: boolean): boolean {
  if (value === '' || value !== value.trim() || /[\n\r\t]/.test(value) || YAML11_BOOL.test(value)) return false;
  if (flow && /[,[\]{}]/.test(value)) return false;
  try {
    const doc = parseDocument(flow ? `k: [${value}]` : `k: ${value}`, { schema: 'core' });
    if (doc.errors.length > 0) return false;
    const v = (doc.toJS() as { k: unknown }).k;
    return flow ? Array.isArray(v) && v.length === 1 && v[0] === value : v === value;
  } catch {
    return false;
  }
}

/** A name as YAML text: plain when that reads back the same, else double-quoted. */
export function formatScalar(value: string, flow: boolean): string {
  return plainIsSafe(value, flow) ? value : JSON.stringify(value);
}

/**
 * Replacement text for an existing scalar. Single quotes are kept (an author's choice);
 * double quotes are kept where the old value did not need them (also a choice), and
 * otherwise the new value is written plain when it can be: so that renaming a tag and
 * renaming it back gives the file back byte for byte.
 */
function requote(value: string, node: Scalar, flow: boolean): string {
  if (node.type === 'QUOTE_SINGLE' && !/[\n\r]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  if (node.type === 'QUOTE_DOUBLE' && plainIsSafe(String(node.value), flow)) return JSON.stringify(value);
  return formatScalar(value, flow);
}

/** What setScalar writes: YAML text for YAML front matter, TOML text for TOML. */
export interface ScalarText {
  yaml: string;
  toml: string;
}

export type ScalarEdit = { status: 'changed'; text: string } | { status: 'unchanged' } | { status: 'skipped'; line: number; col: number; reason: string };

/**
 * Set a top-level key of the front matter to a scalar, losslessly: only the value's bytes change
 * (or one `key: value` line is added, after `after` when that key is there, else at the end).
 * `value` null removes the key's line. YAML and TOML front matter; everything else is skipped.
 */
export function setScalar(text: string, generator: Generator, key: string, value: ScalarText | null, after?: string): ScalarEdit {
  const hasBom = text.startsWith(BOM);
  const source = hasBom ? text.slice(1) : text;
  const split = splitFrontMatter(source, generator);
  if (split.kind !== 'block') return { status: 'skipped', line: 1, col: 1, reason: 'the post has no front matter to edit' };
  const content = source.slice(split.contentStart, split.contentEnd);
  const eol = detectEol(source);
  const skip = (reason: string, offset: number): ScalarEdit => ({ status: 'skipped', ...locate(content, offset, split.contentLine), reason });
  let splice: Splice | undefined;
  if (split.format === 'yaml') {
    const doc = parseDocument(content, { schema: 'core', uniqueKeys: true, resolveKnownTags: false });
    if (doc.errors.length) return skip('front matter cannot be read', doc.errors[0]?.pos[0] ?? 0);
    const root = doc.contents;
    if (root !== null && !isMap(root)) return skip('front matter is not a mapping', 0);
    const pairs = (root === null ? [] : root.items) as Pair<Node, Node | null>[];
    const find = (name: string) => pairs.find((p) => isScalar(p.key) && String(p.key.value) === name);
    const pair = find(key);
    if (pair) {
      const keyStart = (pair.key as Node).range?.[0] ?? 0;
      if (value === null) {
        const v = pair.value;
        const end = v?.range ? nextLine(content, Math.max(keyStart, v.range[1] - 1)) : nextLine(content, keyStart);
        splice = { start: lineStart(content, keyStart), end, text: '' };
      } else if (pair.value && isScalar(pair.value) && pair.value.range) {
        const r = pair.value.range;
        if (content.slice(r[0], r[1]).includes('\n')) return skip(`${key} is written over several lines; change it by hand`, r[0]);
        if (pair.value.anchor || pair.value.tag) return skip(`${key} has a YAML anchor or tag; change it by hand`, r[0]);
        splice = { start: r[0], end: r[1], text: value.yaml };
      } else if (pair.value && isSeq(pair.value) && pair.value.flow && pair.value.range && !content.slice(pair.value.range[0], pair.value.range[1]).includes('\n')) {
        // A one-line flow list (`tags: []`) is replaced whole.
        splice = { start: pair.value.range[0], end: pair.value.range[1], text: value.yaml };
      } else if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) {
        const end = lineEnd(content, (pair.key as Node).range?.[1] ?? keyStart);
        const colon = content.lastIndexOf(':', end);
        splice = { start: colon + 1, end, text: ` ${value.yaml}` };
      } else return skip(`${key} is not a single value; change it by hand`, keyStart);
    } else {
      if (value === null) return { status: 'unchanged' };
      const anchor = after ? find(after) : undefined;
      const at = anchor?.key && (anchor.key as Node).range ? nextLine(content, Math.max(((anchor.value ?? anchor.key) as Node).range?.[1] ?? 0, 1) - 1) : content.length;
      const lead = at > 0 && content[at - 1] !== '\n' ? eol : '';
      splice = { start: at, end: at, text: `${lead}${key}: ${value.yaml}${eol}` };
    }
  } else if (split.format === 'toml') {
    // Top-level keys come before the first [table] header.
    const tableAt = content.search(/^\s*\[/m);
    const top = tableAt === -1 ? content.length : tableAt;
    // The value: quoted strings (a `#` in one is text, not a comment; `\"` does not end a basic string) and other text up to a comment.
    const re = new RegExp(`^([ \\t]*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*=[ \\t]*)((?:"(?:[^"\\\\\\n]|\\\\.)*"|'[^'\\n]*'|[^\\n#"'])*?)([ \\t]*(#[^\\n]*)?)(\\r?)$`, 'm');
    const m = re.exec(content.slice(0, top));
    if (m) {
      if (value === null) splice = { start: m.index, end: nextLine(content, m.index), text: '' };
      else splice = { start: m.index + (m[1] as string).length, end: m.index + (m[1] as string).length + (m[2] as string).length, text: value.toml };
    } else {
      if (value === null) return { status: 'unchanged' };
      // After the `after` key's line when there is one (a value on one line), else at the end of the top-level keys.
      const anchor = after ? new RegExp(`^[ \\t]*${after.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*=[^\\n]*\\n`, 'm').exec(content.slice(0, top)) : null;
      const multiline = anchor !== null && /=\s*(\x22\x22\x22|'''|\[\s*$|\{\s*$)/.test(anchor[0]);
      const at = anchor && !multiline ? anchor.index + anchor[0].length : top;
      const lead = at > 0 && content[at - 1] !== '\n' ? eol : '';
      splice = { start: at, end: at, text: `${lead}${key} = ${value.toml}${eol}` };
    }
  } else return skip(`${split.format.toUpperCase()} front matter is not edited; change it by hand`, 0);
  const newContent = applySplices(content, [splice]);
  if (newContent === content) return { status: 'unchanged' };
  const newSource = source.slice(0, split.contentStart) + newContent + source.slice(split.contentEnd);
  // Verify: the result reads, and no other key changed.
  const before = parsePost(source, 'post.md', { generator, timeZone: 'UTC' });
  const check = parsePost(newSource, 'post.md', { generator, timeZone: 'UTC' });
  if (!check.ok || !before.ok) return skip('the edited front matter would not read; left as it was', 0);
  const others = (d: Record<string, unknown>) => JSON.stringify(Object.entries(d).filter(([k]) => k !== key));
  if (others(check.post.data) !== others(before.post.data)) return skip('the edit would change other keys; left as it was', 0);
  return { status: 'changed', text: (hasBom ? BOM : '') + newSource };
}
