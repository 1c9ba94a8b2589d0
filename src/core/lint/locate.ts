/**
 * Where a key, its value, or an item of its list is in the file, for precise findings.
 * Built only when a rule has something to report.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import type { Location } from '../front-matter.js';
import type { Post } from '../post.js';

export interface Locator {
  key(name: string): Location;
  value(name: string): Location;
  /** Item `index` of the key's list (`[i, j]` for a list inside a list). */
  item(name: string, index: number[]): Location;
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

function buildLocator(post: Post): Locator {
  const fm = post.frontMatter;
  const first: Location = { line: fm?.line ?? 1, col: 1 };
  if (!fm) return { key: () => first, value: () => first, item: () => first };
  const textKey = (name: string): Location => {
    const re = new RegExp(`^(["']?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*[:=]\\s*)`, 'm');
    const m = re.exec(fm.content);
    if (!m) return first;
    const before = fm.content.slice(0, m.index);
    return { line: fm.line + (before.match(/\n/g)?.length ?? 0), col: 1 };
  };
  if (post.format !== 'yaml') return { key: textKey, value: textKey, item: textKey };
  const counter = new LineCounter();
  const doc = parseDocument(fm.content, { schema: 'core', lineCounter: counter, uniqueKeys: false });
  const at = (offset: number): Location => {
    const p = counter.linePos(offset);
    return { line: fm.line + p.line - 1, col: p.col };
  };
  const pair = (name: string): Pair<Node, Node | null> | undefined =>
    isMap(doc.contents) ? (doc.contents.items as Pair<Node, Node | null>[]).find((p) => isScalar(p.key) && String(p.key.value) === name) : undefined;
  return {
    key: (name) => {
      const p = pair(name);
      return p?.key?.range ? at(p.key.range[0]) : textKey(name);
    },
    value: (name) => {
      const p = pair(name);
      return p?.value?.range ? at(p.value.range[0]) : p?.key?.range ? at(p.key.range[0]) : textKey(name);
    },
    item: (name, index) => {
      const p = pair(name);
      let node: Node | null | undefined = p?.value;
      for (const i of index) {
        if (!isSeq(node)) break;
        node = node.items[i] as Node | undefined;
      }
      return node?.range ? at(node.range[0]) : p?.value?.range ? at(p.value.range[0]) : textKey(name);
    },
  };
}
