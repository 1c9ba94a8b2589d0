/**
 * The fast reader of the common front matter shape (simple-yaml.ts) must read exactly what the
 * reference reads, `yaml`'s parseDocument(content, {schema: 'core', merge: true, uniqueKeys: true}):
 * same key order, same value types, -0 and NaN told apart, `__proto__` an own key. Whenever it
 * returns a value, the reference must read the block without errors and return the same data.
 * Inputs: every front matter block in ../shared/corpora, 5,000 generated posts, hand-picked
 * edge cases, and fast-check fuzzers of YAML-ish text (random lines, well-formed common shapes,
 * and common shapes with one random character inserted).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseSimpleYaml } from '../../../src/core/front-matter/simple-yaml.js';
import { splitFrontMatter } from '../../../src/core/front-matter/fences.js';
import { generatePost, mulberry32 } from '../../../bench/generate.mjs';
import { repoRoot } from '../../helpers.js';

/** The reference reader. */
function reference(content: string): { ok: true; data: unknown } | { ok: false; error: string } {
  const doc = parseDocument(content, { schema: 'core', merge: true, uniqueKeys: true });
  if (doc.errors.length) return { ok: false, error: doc.errors[0]?.code ?? 'error' };
  return { ok: true, data: doc.toJS() };
}

/** Deep equality that also checks key order, prototypes, -0 and NaN (Object.is on leaves). */
function same(a: unknown, b: unknown, path = '$'): string | undefined {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return `${path}: array vs non-array`;
    if (a.length !== b.length) return `${path}: length ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = same(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (a !== null && typeof a === 'object' && b !== null && typeof b === 'object') {
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: prototypes differ`;
    const ka = Object.getOwnPropertyNames(a);
    const kb = Object.getOwnPropertyNames(b);
    if (ka.join('\u0000') !== kb.join('\u0000')) return `${path}: keys ${JSON.stringify(ka)} vs ${JSON.stringify(kb)}`;
    for (const k of ka) {
      const da = Object.getOwnPropertyDescriptor(a, k)!;
      const db = Object.getOwnPropertyDescriptor(b, k)!;
      if (da.enumerable !== db.enumerable || da.writable !== db.writable) return `${path}.${k}: descriptor differs`;
      const d = same(da.value, db.value, `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(a, b) ? undefined : `${path}: ${String(a)} (${typeof a}) vs ${String(b)} (${typeof b})`;
}

/** Every block the fast reader reads must read the same with the reference; returns how many it read. */
function check(blocks: string[], label: string): number {
  let fast = 0;
  for (const block of blocks) {
    const f = parseSimpleYaml(block);
    if (f === undefined) continue;
    fast++;
    const ref = reference(block);
    if (!ref.ok) expect.fail(`${label}: the fast reader accepted a block the reference rejects (${ref.error}):\n${JSON.stringify(block)}`);
    const d = same(f, ref.data);
    if (d) expect.fail(`${label}: ${d}\n${JSON.stringify(block)}`);
  }
  return fast;
}

function yamlBlocks(text: string): string[] {
  const source = text.replace(/^\uFEFF/, '');
  const split = splitFrontMatter(source, 'hexo');
  return split.kind === 'block' && split.format === 'yaml' ? [source.slice(split.contentStart, split.contentEnd)] : [];
}

const corpora = resolve(repoRoot, '..', 'shared', 'corpora');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(md|markdown)$/.test(n) ? [p] : [];
  });
}

describe('the fast YAML reader reads what the reference reads', () => {
  it.skipIf(!existsSync(corpora))('on every front matter in ../shared/corpora (and reads almost all of them)', () => {
    const blocks = files(corpora).flatMap((f) => yamlBlocks(readFileSync(f, 'utf8')));
    expect(blocks.length).toBeGreaterThan(1000);
    expect(check(blocks, 'corpora') / blocks.length).toBeGreaterThan(0.99);
  });

  it('on 5,000 generated posts (and reads every one)', () => {
    const rand = mulberry32(7);
    const blocks = Array.from({ length: 5_000 }, (_, i) => yamlBlocks(generatePost(i, rand))).flat();
    expect(blocks).toHaveLength(5_000);
    expect(check(blocks, 'generated')).toBe(5_000);
  });

  it.each([
    '0b101: 0b101\nsigned: -0x1F\nhalf: -.5\nplus: +.5\nzero: -0\nnum: 0o8',
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
    check([block], 'edge case');
  });

  // ---- fuzzing -------------------------------------------------------------------------
  const atoms = [
    '', '~', 'null', 'Null', 'NULL', 'nULL', 'yes', 'no', 'on', 'true', 'True', 'TRUE', 'tRUE', 'false', 'FALSE',
    '1', '-1', '+1', '-0', '+0', '0', '00', '007', '1.10', '1.', '.5', '-.5', '1e3', '1E-3', '1e', '.e1', '0x1F', '0xg', '-0x1',
    '0o17', '0o8', '0b101', '1_000', '.inf', '-.Inf', '+.INF', '.NaN', '.nan', 'nan', '12345678901234567890', '2024-01-01',
    '2024-01-01 10:00:00 +0800', '12:30:00', 'a', 'b c', 'ChatGPT', '日常折腾', '🚀', 'é', 'it\'s', 'C#', 'a#b', 'a #b', '#b',
    'http://x.y/z#w', 'a:b', 'a: b', 'a:', ':a', '?a', '? a', '-a', '- a', '--', '---', '...', ',a', 'a,b', 'a, b', '[a]',
    '[a, b]', '[a,b,]', '[]', '[ ]', '[a, [b]]', '[a: b]', '[a:b]', '[,]', '[a,,b]', '[-]', '[-1, +2]', '[C#, x]', '[a #c]',
    '["a", \'b\']', '["a, b", c]', '{a: 1}', '{}', '"dq"', '""', '"d\\"q"', '"\\\\"', '"\\/"', '"\\u00e9"', '"\\ud83d\\ude80"',
    '"\\x41"', '"\\x4"', '"\\U0001F680"', '"\\q"', '"\\N\\_\\L\\P\\0\\a\\e"', '"\\ "', '"a" b', '"a"#b', '"a" #b', '"open',
    "'sq'", "''", "'it''s'", "'a' b", "'open", '&a x', '*a', '!t x', '!!str 1', '|', '|-', '>', '>+', '%x', '@x', '`x', '<<',
    '\\', '\\n', 'a\tb', '\t', ' ', '  ', '\u00a0', '\u0085', '\u2028', '\ufeff', '\u0007', '\r', 'x ', 'a ]', 'a }', 'a]b',
  ];
  const benign = [
    'a', 'b c', 'Hello world', 'ChatGPT', 'chatgpt', '日常折腾', '你好，世界', '🚀 rocket', 'é', "it's", 'C#', 'x.y', 'http://x.y/z',
    '2024-01-01', '2024-01-01 10:00:00', '2024-01-01T10:00:00+08:00', '1', '0', '42', '-3', '1.5', 'true', 'false', 'null', '~',
    '"quoted"', '"a: b"', '"a # b"', '"\\u4E2D"', "'single'", "'it''s'", "'[x]'", 'v1.2.3', 'a-b', 'a_b', 'foo: bar'.slice(0, 3),
  ];
  const atom = fc.constantFrom(...atoms);
  const sep = fc.constantFrom('', ' ', ', ', ': ', ' # ', '#', ':', '  ');
  const scalar = fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(...benign) },
    { weight: 3, arbitrary: atom },
    { weight: 2, arbitrary: fc.tuple(atom, sep, atom).map(([a, s, b]) => a + s + b) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', ' ', ':', '#', '-', '[', ']', ',', '"', "'", '\\', '1', '.', '?', '{', '}', '&', '*', '!', '|', '>', '日', '🚀', '\t'), maxLength: 12 }) },
  );
  const key = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom('title', 'date', 'tags', 'categories', 'a', 'b', 'id', 'draft', 'tags', 'title') },
    { weight: 2, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'my key', 'my  key', '标题', 'x.y', '$k', 'a-b', 'a/b', '1a', 'og:image', 'hasOwnProperty', 'a b c') },
    { weight: 1, arbitrary: atom },
  );
  const indent = fc.constantFrom('', '', '', ' ', '  ', '  ', '   ', '    ', '\t');
  const line = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(key, fc.constantFrom(': ', ':', ' : ', ':  '), scalar).map(([k, c, v]) => `${k}${c}${v}`) },
    { weight: 3, arbitrary: fc.tuple(key, fc.constantFrom(':', ': ', ': # c')).map(([k, c]) => `${k}${c}`) },
    { weight: 3, arbitrary: fc.tuple(indent, key, scalar).map(([i, k, v]) => `${i}${k}: ${v}`) },
    { weight: 4, arbitrary: fc.tuple(indent, scalar).map(([i, v]) => `${i}- ${v}`) },
    { weight: 2, arbitrary: fc.tuple(indent, scalar).map(([i, v]) => `${i}- - ${v}`) },
    { weight: 1, arbitrary: fc.tuple(indent, fc.constantFrom('-', '- ', '- - ', '-  ', '- # c')).map(([i, v]) => i + v) },
    { weight: 1, arbitrary: fc.tuple(indent, scalar).map(([i, v]) => `${i}${v}`) },
    { weight: 1, arbitrary: fc.tuple(indent, fc.constantFrom('# c', '#', '# a: b')).map(([i, v]) => i + v) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '---', '...', '%YAML 1.2', '? k', ': v') },
  );
  const eol = fc.constantFrom('\n', '\n', '\n', '\r\n');
  const doc = fc.tuple(fc.array(fc.tuple(line, eol), { minLength: 1, maxLength: 10 }), fc.boolean()).map(([ls, trailing]) => {
    const text = ls.map(([l, e]) => l + e).join('');
    return trailing ? text : text.replace(/\r?\n$/, '');
  });

  const shapedScalar = fc.oneof({ weight: 40, arbitrary: fc.constantFrom(...benign) }, { weight: 1, arbitrary: scalar });
  const shapedKey = fc.oneof({ weight: 30, arbitrary: fc.constantFrom('title', 'date', 'tags', 'categories', 'a', 'b', 'id', 'draft', 'params', 'x', 'y', 'z', 'my key', '标题') }, { weight: 1, arbitrary: key });
  // Well-formed documents of the shapes the fast reader is for, with random formatting: most
  // of these go through the fast path, so its results (not only its refusals) get fuzzed.
  type Shape = { inline: string } | { block: string[] };
  const pad = (lines: string[], by: string): string[] => lines.map((x) => (x === '' ? x : by + x));
  const shapedMap = fc.letrec<{ map: string[]; value: Shape }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      { weight: 5, arbitrary: shapedScalar.map((s): Shape => ({ inline: s })) },
      { weight: 2, arbitrary: fc.array(shapedScalar, { maxLength: 4 }).map((xs): Shape => ({ inline: `[${xs.join(', ')}]` })) },
      { weight: 3, arbitrary: fc.tuple(fc.constantFrom('', '  ', '    ', ' '), fc.array(shapedScalar, { minLength: 1, maxLength: 4 })).map(([i, xs]): Shape => ({ block: xs.map((x) => `${i}- ${x}`) })) },
      {
        weight: 2,
        arbitrary: fc.array(fc.array(shapedScalar, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }).map((paths): Shape => ({
          block: paths.flatMap((p) => p.map((x, j) => (j === 0 ? `  - - ${x}` : `    - ${x}`))),
        })),
      },
      { weight: 1, arbitrary: fc.constant<Shape>({ inline: '' }) },
      { weight: 2, arbitrary: fc.tuple(tie('map') as fc.Arbitrary<string[]>, fc.constantFrom('  ', ' ', '    ')).map(([m, i]): Shape => ({ block: pad(m, i) })) },
    ) as fc.Arbitrary<Shape>,
    map: fc
      .tuple(fc.array(fc.tuple(shapedKey, tie('value') as fc.Arbitrary<Shape>, fc.constantFrom('', '', ' # note', '  ')), { minLength: 1, maxLength: 6 }), fc.boolean())
      .map(([entries, blankLines]) =>
        entries.flatMap(([k, v, tail]) => ('inline' in v ? [`${k}: ${v.inline}${v.inline === '' ? '' : tail}`] : [`${k}:${tail}`, ...v.block]).concat(blankLines ? [''] : [])),
      ) as fc.Arbitrary<string[]>,
  })).map;
  const shaped = fc.tuple(shapedMap, eol).map(([lines, e]) => lines.join(e));

  const property = (text: string): void => {
    const f = parseSimpleYaml(text);
    if (f === undefined) return;
    const ref = reference(text);
    if (!ref.ok) throw new Error(`reference rejects (${ref.error}) what the fast reader accepted: ${JSON.stringify(text)} -> ${JSON.stringify(f)}`);
    const d = same(f, ref.data);
    if (d) throw new Error(`${d}: ${JSON.stringify(text)}`);
  };


  it('fuzz: random YAML-ish lines', () => {
    fc.assert(fc.property(doc, property), { numRuns: 20_000, seed: 1 });
  });

  it('fuzz: well-formed common shapes (most of them read by the fast reader)', () => {
    fc.assert(fc.property(shaped, property), { numRuns: 20_000, seed: 2 });
  });

  it('fuzz: common shapes with one random character inserted', () => {
    const noise = fc.constantFrom(' ', '  ', '\t', ':', '#', ' #', '-', '- ', '"', "'", '[', ']', ',', '\n', '\r\n', '\r', '\n  ', '\n    ', '\\', '&', '*', '!', '|', '>', '{', '?', '%', '\u2028', '\ufeff');
    const mutated = fc.tuple(shaped, fc.nat(), noise).map(([t, at, n]) => {
      const i = at % (t.length + 1);
      return t.slice(0, i) + n + t.slice(i);
    });
    fc.assert(fc.property(mutated, property), { numRuns: 20_000, seed: 3 });
  });
});
