import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editPostList, formatScalar, setScalar, type ListChange } from '../../../src/core/edit.js';
import { parsePost } from '../../../src/core/post.js';

const rename = (map: Record<string, string | null>): ListChange['rename'] => (t) => (t in map ? (map[t] as string | null) : t);
const tagsOf = (text: string): string[] => {
  const r = parsePost(text, 'a.md', { generator: 'generic' });
  if (!r.ok) throw new Error('unreadable');
  return r.post.tags;
};

describe('editPostList', () => {
  it('changes only the renamed scalar', () => {
    const text = '---\ntitle: x\n# keep me\ntags:\n  - chatgpt # note\n  - AI\ndate: 2025-03-31 21:17:31\n---\nbody\n';
    const r = editPostList(text, 'generic', { field: 'tags', rename: rename({ chatgpt: 'ChatGPT' }), add: [] });
    expect(r).toMatchObject({ status: 'changed', text: text.replace('- chatgpt', '- ChatGPT') });
  });

  it('a duplicate key anywhere in the front matter (flow or block, nested) is never edited; merge keys may repeat', () => {
    for (const text of ['---\ntags: [a]\ntitle: x\ntitle: y\n---\n', '---\ntags: [a]\nm: {k: 1, j: 2, k: 3}\n---\n', '---\ntags: [a]\nm:\n  n:\n    k: 1\n    k: 2\n---\n']) {
      const r = editPostList(text, 'generic', { field: 'tags', rename: rename({ a: 'b' }), add: [] });
      expect(r.status, text).toBe('skipped');
    }
    const merged = '---\nbase: &b {x: 1}\nm:\n  <<: *b\n  <<: *b\n  y: 2\ntags: [a]\n---\n';
    expect(editPostList(merged, 'generic', { field: 'tags', rename: rename({ a: 'b' }), add: [] })).toMatchObject({ status: 'changed', text: merged.replace('[a]', '[b]') });
  });

  it('unchanged when nothing would change (no write)', () => {
    expect(editPostList('---\ntags: [a, a]\n---\n', 'generic', { field: 'tags', rename: rename({ b: 'c' }), add: [] })).toEqual({ status: 'unchanged' });
  });

  it('a merge keeps the first of two equal tags, in flow and block lists', () => {
    const merge = { field: 'tags' as const, rename: rename({ chatgpt: 'ChatGPT' }), add: [] };
    expect(editPostList('---\ntags: [chatgpt, AI, ChatGPT]\n---\n', 'generic', merge)).toMatchObject({ text: '---\ntags: [ChatGPT, AI]\n---\n' });
    expect(editPostList('---\ntags:\n- ChatGPT\n- chatgpt\n---\n', 'generic', merge)).toMatchObject({ text: '---\ntags:\n- ChatGPT\n---\n' });
  });

  it('dedupe on request removes repeated items', () => {
    const r = editPostList('---\ntags:\n  - a\n  - b\n  - a\n---\n', 'generic', { field: 'tags', rename: (t) => t, add: [], dedupe: true });
    expect(r).toMatchObject({ status: 'changed', text: '---\ntags:\n  - a\n  - b\n---\n' });
  });

  it.each([
    ['an alias', '---\nx: &x [a]\ntags: *x\n---\n'],
    ['a block scalar', '---\ntags: >-\n  a\n---\n'],
    ['a multi-line flow list', '---\ntags: [a,\n  b]\n---\n'],
    ['two items on one line', '---\ntags:\n  - a\n  - b\n  - - a\n---\n'],
  ])('refuses to edit %s, naming the line', (_what, text) => {
    const r = editPostList(text, 'generic', { field: 'tags', rename: rename({ a: null }), add: [] });
    expect(r.status).toBe('skipped');
  });

  it('adds in the file\'s own style: block indentation, flow separators, or a new key', () => {
    const add = (text: string) => editPostList(text, 'generic', { field: 'tags', rename: (t) => t, add: ['新'] });
    expect(add('---\ntags:\n    - a\n---\n')).toMatchObject({ text: '---\ntags:\n    - a\n    - 新\n---\n' });
    expect(add('---\ntags: [a,b]\n---\n')).toMatchObject({ text: '---\ntags: [a,b,新]\n---\n' });
    expect(add('---\ntags: []\n---\n')).toMatchObject({ text: '---\ntags: [新]\n---\n' });
    expect(add('---\ntitle: t\ncategories:\n- x\n---\n')).toMatchObject({ text: '---\ntitle: t\ncategories:\n- x\ntags:\n- 新\n---\n' });
    expect(add('---\r\ntitle: t\r\n---\r\n')).toMatchObject({ text: '---\r\ntitle: t\r\ntags:\r\n  - 新\r\n---\r\n' });
  });

  it('a YAML tag or anchor stays on its own item in a flow list: an added or kept item never takes it', () => {
    const edit = (text: string, map: Record<string, string | null>, add: string[]) => editPostList(text, 'hugo', { field: 'tags', rename: rename(map), add });
    expect(edit('---\ntags: [a, !!binary aGk=]\n---\n', {}, ['new'])).toMatchObject({ text: '---\ntags: [a, !!binary aGk=, new]\n---\n' });
    expect(edit('---\ntags: [a,  !custom b]\n---\n', {}, ['Z'])).toMatchObject({ text: '---\ntags: [a,  !custom b,  Z]\n---\n' });
    expect(edit('---\ntags: [ &x a ]\n---\n', {}, ['new'])).toMatchObject({ text: '---\ntags: [ &x a, new ]\n---\n' });
    expect(edit('---\ntags: [a, &x b, c]\nalso: *x\n---\n', { a: null }, [])).toMatchObject({ text: '---\ntags: [&x b, c]\nalso: *x\n---\n' });
    expect(edit('---\ntags: [!t a, b, c]\n---\n', { b: null }, ['d'])).toMatchObject({ text: '---\ntags: [!t a, c, d]\n---\n' });
    // A block list with a tagged item is left to the author, as before.
    expect(edit('---\ntags:\n  - !!binary aGk=\n---\n', {}, ['new'])).toMatchObject({ status: 'skipped' });
    expect(edit('---\ntags:\n  - &a x\n---\n', {}, ['new'])).toMatchObject({ status: 'skipped' });
    // A value that is an alias of another is left too, and the reason names the alias.
    expect(edit('---\nx: &t [chatgpt]\ntags: *t\n---\n', { chatgpt: 'ChatGPT' }, [])).toMatchObject({ status: 'skipped', line: 3, col: 7, reason: 'the value is an alias (*t) of another value; change it by hand' });
  });

  it('adds a category as a new path, changing the value\'s shape only where it must', () => {
    const add = (text: string, a: string[], generator: 'hexo' | 'hugo' = 'hexo') => editPostList(text, generator, { field: 'categories', rename: (t) => t, add: a });
    expect(add('---\ntitle: x\n---\n', ['新分类'])).toMatchObject({ text: '---\ntitle: x\ncategories:\n  - 新分类\n---\n', after: [['新分类']] });
    expect(add('---\ntitle: x\n---\n', ['A > B', 'C'])).toMatchObject({ text: '---\ntitle: x\ncategories:\n  - [A, B]\n  - [C]\n---\n' });
    expect(add('---\ncategories: 日常折腾\n---\n', ['X'])).toMatchObject({ text: '---\ncategories: [[日常折腾], [X]]\n---\n' });
    expect(add('---\ncategories: [技术, AI]\n---\n', ['X'])).toMatchObject({ text: '---\ncategories: [[技术, AI], [X]]\n---\n', after: [['技术', 'AI'], ['X']] });
    expect(add('---\r\ncategories:\r\n  - 技术\r\n  - AI\r\ntitle: x\r\n---\r\n', ['X'])).toMatchObject({ text: '---\r\ncategories:\r\n  - [技术, AI]\r\n  - [X]\r\ntitle: x\r\n---\r\n' });
    expect(add('---\ncategories:\n  - - 教程\n  - - 前端\n    - js\ndate: 1\n---\n', ['X'])).toMatchObject({ text: '---\ncategories:\n  - - 教程\n  - - 前端\n    - js\n  - [X]\ndate: 1\n---\n' });
    expect(add('---\ncategories: [a, b]\n---\n', ['c'], 'hugo')).toMatchObject({ text: '---\ncategories: [a, b, c]\n---\n' });
    expect(add('---\ncategories: [技术, AI]\n---\n', ['技术 > AI'])).toEqual({ status: 'unchanged' });
    expect(add('---\ncategories:\n  - 技术 # why\n---\n', ['X'])).toMatchObject({ status: 'skipped' });
  });

  it('formatScalar quotes only what YAML would misread', () => {
    expect(['ChatGPT', '日常折腾', 'Node.js', 'a b'].map((v) => formatScalar(v, false))).toEqual(['ChatGPT', '日常折腾', 'Node.js', 'a b']);
    expect(['yes', '1.10', '2025', 'a: b', '#x', '- x', '[x]', 'null', ' x'].map((v) => formatScalar(v, false))).toEqual(['"yes"', '"1.10"', '"2025"', '"a: b"', '"#x"', '"- x"', '"[x]"', '"null"', '" x"']);
    expect(formatScalar('a,b', true)).toBe('"a,b"');
  });
});

describe('setScalar', () => {
  it('TOML: a # inside a quoted string is part of the value, not a comment; a real comment after the value stays', () => {
    const set = (old: string) => setScalar(`+++\ntitle = "t"\ndate = ${old}\ndraft = true\n+++\nbody\n`, 'hugo', 'date', { yaml: 'x', toml: '2025-01-01T10:00:00Z' });
    const written = (line: string) => ({ status: 'changed', text: `+++\ntitle = "t"\n${line}\ndraft = true\n+++\nbody\n` });
    expect(set('"2024-01-01 #x"')).toEqual(written('date = 2025-01-01T10:00:00Z'));
    expect(set("'2024-01-01 #x'")).toEqual(written('date = 2025-01-01T10:00:00Z'));
    expect(set('"a \\"#\\" b"')).toEqual(written('date = 2025-01-01T10:00:00Z'));
    expect(set('"a\\\\" # note')).toEqual(written('date = 2025-01-01T10:00:00Z # note'));
    expect(set('2024-01-01 # note "q"')).toEqual(written('date = 2025-01-01T10:00:00Z # note "q"'));
    expect(set("'2024-01-01'  # note")).toEqual(written('date = 2025-01-01T10:00:00Z  # note'));
  });
});

// ---- property tests ----

const NAMES = ['ChatGPT', 'chatgpt', 'AI', '深度学习', '日常折腾', 'a: b', 'yes', '1.10', 'Node.js', 'C++', '#hash', "it's", 'x y', '2025'];
const OTHER_LINES = ['title: Hello', 'title: "Quoted: yes"', 'date: 2025-03-31 21:17:31', '# a comment', 'count: 01234', 'list: [x,  y]', 'nested:\n  a: 1\n  b: [2]', 'updated: 2024/01/02', 'categories:\n  - 前端\n  - js', 'draft: false', "quote: 'single'"];

interface Doc {
  prefix: string;
  region: string;
  suffix: string;
  names: string[];
}

const render = (name: string, single: boolean, flow: boolean): string => (single && !name.includes('\n') ? `'${name.replace(/'/g, "''")}'` : formatScalar(name, flow));

const docArb = fc
  .record({
    eol: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
    before: fc.array(fc.constantFrom(...OTHER_LINES), { maxLength: 4 }),
    after: fc.array(fc.constantFrom(...OTHER_LINES), { maxLength: 4 }),
    names: fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 5 }),
    singles: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    style: fc.constantFrom('block', 'flow'),
    indent: fc.constantFrom('', '  ', '    '),
    comments: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    sep: fc.constantFrom(', ', ',', ' , ', ',  '),
    pad: fc.constantFrom('', ' '),
    body: fc.string({ unit: fc.constantFrom('a', ' ', '\n', '-', '中', '#', ':'), maxLength: 40 }),
    finalNewline: fc.boolean(),
  })
  .filter((d) => {
    const keys = [...d.before, ...d.after].map((l) => l.split(':')[0]).filter((k) => !k?.startsWith('#'));
    return new Set(keys).size === keys.length;
  })
  .map((d): Doc => {
    const eolify = (s: string) => s.replace(/\n/g, d.eol);
    const open = `${d.bom ? '\uFEFF' : ''}---${d.eol}${d.before.map((l) => eolify(l) + d.eol).join('')}tags:`;
    let prefix: string;
    let region: string;
    let suffix: string;
    if (d.style === 'block') {
      prefix = `${open}${d.eol}`;
      region = d.names.map((n, i) => `${d.indent}- ${render(n, d.singles[i] ?? false, false)}${d.comments[i] ? '   # note' : ''}`).join(d.eol);
    } else {
      prefix = `${open} `;
      region = `[${d.pad}${d.names.map((n, i) => render(n, d.singles[i] ?? false, true)).join(d.sep)}${d.pad}]`;
    }
    suffix = `${d.eol}${d.after.map((l) => eolify(l) + d.eol).join('')}---${d.eol}${d.body}${d.finalNewline ? '\n' : ''}`;
    return { prefix, region, suffix, names: d.names };
  });

describe('properties of the lossless editor', () => {
  it('a rename changes no byte outside the tag values, and the reverse rename restores the file', () => {
    fc.assert(
      fc.property(docArb, fc.nat(), fc.constantFrom(...NAMES), (doc, pick, to) => {
        fc.pre(!doc.names.includes(to));
        const text = doc.prefix + doc.region + doc.suffix;
        const from = doc.names[pick % doc.names.length] as string;
        const r = editPostList(text, 'generic', { field: 'tags', rename: rename({ [from]: to }), add: [] });
        expect(r.status).toBe('changed');
        if (r.status !== 'changed') return;
        expect(r.text.startsWith(doc.prefix)).toBe(true);
        expect(r.text.endsWith(doc.suffix)).toBe(true);
        expect(tagsOf(r.text)).toEqual(doc.names.map((n) => (n === from ? to : n)));
        const back = editPostList(r.text, 'generic', { field: 'tags', rename: rename({ [to]: from }), add: [] });
        expect(back).toMatchObject({ status: 'changed', text });
      }),
      { numRuns: 400 },
    );
  });

  it('removing and adding tags changes nothing outside the list; adding then removing a tag restores the file', () => {
    fc.assert(
      fc.property(docArb, fc.constantFrom(...NAMES), (doc, extra) => {
        fc.pre(!doc.names.includes(extra));
        const text = doc.prefix + doc.region + doc.suffix;
        const added = editPostList(text, 'generic', { field: 'tags', rename: (t) => t, add: [extra] });
        expect(added.status).toBe('changed');
        if (added.status !== 'changed') return;
        expect(added.text.startsWith(doc.prefix)).toBe(true);
        expect(added.text.endsWith(doc.suffix)).toBe(true);
        expect(tagsOf(added.text)).toEqual([...doc.names, extra]);
        const removed = editPostList(added.text, 'generic', { field: 'tags', rename: rename({ [extra]: null }), add: [] });
        expect(removed).toMatchObject({ status: 'changed', text });
      }),
      { numRuns: 400 },
    );
  });
});
