/**
 * The fast YAML reader (js-yaml, core schema) and the reference (`yaml`) must agree on every
 * value blog uses: every front matter in ../shared/corpora and a few thousand generated posts,
 * plus hand-picked edge cases.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYamlFast, parseYamlReference } from '../../../src/core/front-matter/data.js';
import { splitFrontMatter } from '../../../src/core/front-matter/fences.js';
import { generatePost, mulberry32 } from '../../../bench/generate.mjs';
import { repoRoot } from '../../helpers.js';

function yamlBlocks(text: string): string[] {
  const source = text.replace(/^\uFEFF/, '');
  const split = splitFrontMatter(source, 'hexo');
  return split.kind === 'block' && split.format === 'yaml' ? [source.slice(split.contentStart, split.contentEnd)] : [];
}

function compare(blocks: string[]): { fast: number; total: number } {
  let fast = 0;
  for (const block of blocks) {
    const f = parseYamlFast(block);
    const ref = parseYamlReference(block);
    if (f === undefined) continue;
    fast++;
    expect(ref.ok, block).toBe(true);
    if (ref.ok) expect(f, block).toEqual(ref.data);
  }
  return { fast, total: blocks.length };
}

const corpora = resolve(repoRoot, '..', 'shared', 'corpora');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(md|markdown)$/.test(n) ? [p] : [];
  });
}

describe('fast and reference YAML readers agree', () => {
  it.skipIf(!existsSync(corpora))('on every front matter in ../shared/corpora', () => {
    const blocks = files(corpora).flatMap((f) => yamlBlocks(readFileSync(f, 'utf8')));
    const { fast, total } = compare(blocks);
    expect(total).toBeGreaterThan(1000);
    expect(fast / total).toBeGreaterThan(0.95);
  });

  it('on 3000 generated posts', () => {
    const rand = mulberry32(99);
    const blocks = Array.from({ length: 3000 }, (_, i) => yamlBlocks(generatePost(i, rand))).flat();
    expect(compare(blocks).fast).toBeGreaterThan(2900);
  });

  it.each([
    'date: 2025-03-31 21:17:31\nd: 2025-03-31\nt: 2025-03-31T21:17:31+08:00',
    'y: yes\nn: no\non: on\nb: true\nB: True\nc: FALSE',
    'n: 1.10\nh: 0x10\no: 0o17\ne: 1e3\ni: .inf\nm: -.inf\nnan: .NaN\nneg: -12\nplus: +3\noct: 012',
    'a: ~\nb: null\nc:\nd: ""',
    'tags: [a, "b c", \'d\']\ncategories:\n  - - x\n    - y\n  - [z]',
    'folded: >\n  line one\n  line two\nliteral: |\n  keep\n  lines\n',
    'plain: multi\n  line plain\nquoted: "multi\n  line"',
    'key with spaces: 1\n"quoted key": 2\n? complex\n: 3',
    '<<: {a: 1}\nb: 2',
    'title: "\\u4E2D\\t文"\nsingle: \'it\'\'s\'',
    '__proto__: {x: 1}\nconstructor: 2',
    'emoji: 🚀\ncjk: 日常折腾：ChatGPT-5将免费开放？',
    '# only a comment',
    'list:\n- a\n-\n- c',
  ])('%j', (block) => {
    const f = parseYamlFast(block);
    const ref = parseYamlReference(block);
    if (f !== undefined) expect(ref.ok && ref.data).toEqual(f);
  });
});
