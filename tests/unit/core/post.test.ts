import { describe, expect, it } from 'vitest';
import { parsePost, serializePost, normalizeCategories, normalizeTags, type ParseResult } from '../../../src/core/post.js';
import type { Generator } from '../../../src/core/front-matter/fences.js';

const read = (text: string, generator: Generator = 'generic', path = 'posts/a.md'): ParseResult =>
  parsePost(text, path, { generator, timeZone: 'Asia/Shanghai' });

function post(text: string, generator: Generator = 'generic', path = 'posts/a.md') {
  const r = read(text, generator, path);
  if (!r.ok) throw new Error(`expected a post, got ${JSON.stringify(r)}`);
  return r.post;
}

function problem(text: string, generator: Generator = 'generic') {
  const r = read(text, generator);
  if (r.ok || !('problem' in r)) throw new Error(`expected a problem, got ${JSON.stringify(r)}`);
  return r.problem;
}

const typical = `---
title: ChatGPT-5将免费开放？官方回应：DeepSeek逼的！
tags:
  - ChatGPT
categories: 日常折腾
date: 2025-03-31 21:17:31
---

正文
`;

describe('parsePost: the typical post', () => {
  it('reads title, tags, categories and the wall-clock date', () => {
    const p = post(typical);
    expect(p.title).toBe('ChatGPT-5将免费开放？官方回应：DeepSeek逼的！');
    expect(p.tags).toEqual(['ChatGPT']);
    expect(p.categories).toEqual([['日常折腾']]);
    expect(p.date?.raw).toBe('2025-03-31 21:17:31');
    expect(p.date?.iso).toBe('2025-03-31T21:17:31+08:00');
    expect(p.dateSource).toBe('front-matter');
    expect(p.body).toBe('\n正文\n');
    expect(p.format).toBe('yaml');
    expect(p.problems).toEqual([]);
  });

  it('keeps every other key as written, dates stay strings', () => {
    const p = post('---\ntitle: x\nupdated: 2025-04-01 10:00:00\npermalink: /a/\ncount: 01234\n---\n');
    expect(p.data).toEqual({ title: 'x', updated: '2025-04-01 10:00:00', permalink: '/a/', count: 1234 });
  });

  it('CRLF, BOM and a missing final newline are fine', () => {
    const p = post('\uFEFF---\r\ntitle: CRLF\r\ntags: [a, b]\r\n---\r\nbody');
    expect(p.title).toBe('CRLF');
    expect(p.tags).toEqual(['a', 'b']);
    expect(p.body).toBe('body');
  });
});

describe('tags', () => {
  it.each([
    ['tags:\n  - a\n  - b', ['a', 'b']],
    ['tags: [a, b]', ['a', 'b']],
    ['tags: ChatGPT', ['ChatGPT']],
    ['tags: "ChatGPT, AI"', ['ChatGPT, AI']],
    ['tags: []', []],
    ['tags:', []],
    ['tag: solo', ['solo']],
    ['tags: [1.10, true, 2025]', ['1.1', 'true', '2025']],
    ['tags: [a, "", null, a]', ['a']],
    ['tags: [a]\ntag: ignored', ['a']],
  ])('%s', (yaml, expected) => {
    expect(post(`---\n${yaml}\n---\n`).tags).toEqual(expected);
  });

  it('a nested list item is reported with its line, not silently flattened', () => {
    const p = post('---\ntitle: x\ntags:\n  - a\n  - [b, c]\n---\n');
    expect(p.tags).toEqual(['a']);
    expect(p.problems).toEqual([expect.objectContaining({ line: 3, severity: 'warning', message: 'tag 2 is a list; expected a string' })]);
  });
});

describe('categories', () => {
  it.each([
    ['categories: 日常折腾', [['日常折腾']]],
    ['categories: [Diary, Life]', [['Diary', 'Life']]],
    ['categories:\n  - [Diary, PS]\n  - [Life]', [['Diary', 'PS'], ['Life']]],
    ['categories:\n  - - 教程\n  - - 前端\n    - js', [['教程'], ['前端', 'js']]],
    ['categories: [[A, B], C]', [['A', 'B'], ['C']]],
    ['category: Tools', [['Tools']]],
    ['categories: []', []],
    ['categories:', []],
  ])('%s', (yaml, expected) => {
    expect(post(`---\n${yaml}\n---\n`).categories).toEqual(expected);
  });

  it('in Hugo a flat list is several terms', () => {
    expect(post('---\ncategories: [a, b]\n---\n', 'hugo').categories).toEqual([['a'], ['b']]);
    expect(normalizeCategories(['a', 'b'], false)).toEqual([['a', 'b']]);
  });
});

describe('drafts', () => {
  it.each([
    ['draft: true', 'posts/a.md', true],
    ['published: false', 'posts/a.md', true],
    ['title: x', 'posts/_drafts/a.md', true],
    ['draft: false', 'posts/a.md', false],
    ['published: true', 'posts/a.md', false],
  ])('%s in %s', (yaml, path, draft) => {
    expect(post(`---\n${yaml}\n---\n`, 'generic', path).draft).toBe(draft);
  });

  // What each generator reads (lint's draft-ignored names the other marker): list showed [draft]
  // on a Jekyll post with draft: true that Jekyll publishes, and stats counted it as a draft.
  it.each([
    ['hexo', 'draft: true', false],
    ['hexo', 'published: false', true],
    ['jekyll', 'draft: true', false],
    ['jekyll', 'published: false', true],
    ['hugo', 'draft: true', true],
    // Hugo reads published without draft, and draft when both are there (hugo list all 0.111).
    ['hugo', 'published: false', true],
    ['hugo', 'draft: false\npublished: false', false],
    ['hugo', 'draft: true\npublished: true', true],
  ] as const)('%s: %s', (generator, yaml, draft) => {
    expect(post(`---\n${yaml}\n---\n`, generator, 'posts/a.md').draft).toBe(draft);
    expect(post(`---\n${yaml}\n---\n`, generator, 'posts/_drafts/a.md').draft).toBe(true);
  });
});

describe('dates', () => {
  it('a missing date comes from a YYYY-MM-DD- file name prefix', () => {
    const p = post('---\ntitle: x\n---\n', 'generic', 'posts/2024-12-30-review.md');
    expect(p.date?.iso).toBe('2024-12-30T00:00:00+08:00');
    expect(p.dateSource).toBe('filename');
  });

  it('otherwise there is no date (never the file time)', () => {
    const p = post('---\ntitle: x\n---\n');
    expect(p.date).toBeNull();
    expect(p.dateSource).toBeNull();
  });

  it('an impossible date is an error at the date line and column, not rolled over', () => {
    const p = post('---\ntitle: x\ndate: 2025-02-30 10:00:00\n---\n');
    expect(p.date).toBeNull();
    expect(p.problems).toEqual([
      expect.objectContaining({ line: 3, col: 7, severity: 'error', message: expect.stringContaining('February 2025 has 28 days, not 30') }),
    ]);
  });

  it('a number is not a date', () => {
    expect(post('---\ndate: 2025\n---\n').problems[0]?.message).toContain('is not a date');
  });
});

describe('what cannot be read is reported, located', () => {
  it('YAML syntax errors', () => {
    expect(problem('---\ntitle: x\ntags: [a, b\n---\n')).toMatchObject({ line: 4, message: expect.stringContaining('YAML syntax error') });
    expect(problem('---\ntitle: a: b\n---\n')).toMatchObject({ line: 2, col: 8 });
  });

  it('duplicate keys', () => {
    expect(problem('---\ntitle: a\ntags: x\ntitle: b\n---\n')).toMatchObject({ line: 4, col: 1, message: expect.stringContaining('duplicate key') });
  });

  it('an unclosed block', () => {
    expect(problem('---\ntitle: x\n\nbody without a closing line\n')).toMatchObject({ line: 1, col: 1, message: expect.stringContaining('never closed') });
  });

  it('---js and other languages are refused, never evaluated', () => {
    (globalThis as Record<string, unknown>).pwned = false;
    const p = problem('---js\n{ title: (globalThis.pwned = true, "x") }\n---\n');
    expect(p.message).toContain('front matter language "js" is not supported');
    expect((globalThis as Record<string, unknown>).pwned).toBe(false);
    expect(problem('---constructor\na: 1\n---\n').message).toContain('"constructor" is not supported');
  });

  it('front matter that is not a mapping', () => {
    expect(problem('---\n- a\n- b\n---\n')).toMatchObject({ line: 2, message: expect.stringContaining('not a mapping') });
    expect(problem('---\njust text\n---\n').message).toContain('not a mapping');
  });

  it('a NUL character', () => {
    expect(problem('---\ntitle: a\0b\n---\n')).toMatchObject({ line: 2, col: 9, message: expect.stringContaining('NUL') });
  });

  it('deep nesting is refused before any parser sees it', () => {
    const deep = `---\na: ${'['.repeat(5000)}${']'.repeat(5000)}\n---\n`;
    expect(problem(deep).message).toContain('nested more than 100 levels');
    const block = `---\n${Array.from({ length: 150 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} x\n---\n`;
    expect(problem(block).message).toContain('nested more than 100 levels');
    expect(problem(`---\na:\n  ${'- '.repeat(200)}x\n---\n`).message).toContain('nested');
  });

  it('alias bombs are refused', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]'];
    expect(problem(`---\n${bomb.join('\n')}\n---\n`).message).toContain('alias');
  });

  it('oversized front matter', () => {
    expect(problem(`---\nbig: "${'x'.repeat(1024 * 1024)}"\n---\n`).message).toContain('over the limit');
  });
});

describe('front matter is data, never code', () => {
  it('YAML tags construct nothing: !!js/function, !!binary stay text, with a warning', () => {
    const p = post("---\nf: !!js/function 'function () { return 1 }'\nb: !!binary aGVsbG8=\n---\n");
    expect(p.data.f).toBe('function () { return 1 }');
    expect(p.data.b).toBe('aGVsbG8=');
    expect(p.problems.map((x) => x.severity)).toEqual(['warning', 'warning']);
  });

  it('__proto__ is an ordinary key: no prototype pollution', () => {
    const p = post('---\n__proto__: {polluted: yes}\ntitle: x\n---\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(p.data)).toBe(Object.prototype);
    expect(Object.keys(p.data)).toContain('__proto__');
    const t = post('+++\n[__proto__]\npolluted = true\n+++\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(t.data)).toEqual(['__proto__']);
  });

  it('two identical files give two independent results (no shared cache)', () => {
    const a = post(typical);
    const b = post(typical);
    expect(a.data).not.toBe(b.data);
    a.tags.push('mutated');
    expect(b.tags).toEqual(['ChatGPT']);
    expect(problem('---\na: [\n---\n')).toEqual(problem('---\na: [\n---\n'));
  });
});

describe('TOML (+++)', () => {
  it('reads Hugo TOML, dates as written', () => {
    const p = post('+++\ntitle = "Hugo"\ndate = 2025-03-31T21:17:31+08:00\ntags = ["a", "b"]\ncategories = ["x"]\ndraft = true\n+++\nbody\n', 'hugo');
    expect(p).toMatchObject({ title: 'Hugo', tags: ['a', 'b'], categories: [['x']], draft: true, format: 'toml' });
    expect(p.date?.iso).toBe('2025-03-31T21:17:31+08:00');
  });

  it('local TOML datetimes are wall-clock time', () => {
    expect(post('+++\ndate = 2025-03-31T21:17:31\n+++\n').date?.iso).toBe('2025-03-31T21:17:31+08:00');
  });

  it('reports TOML errors with their line', () => {
    expect(problem('+++\ntitle = "x"\ntags = [\n+++\n')).toMatchObject({ line: 4, message: expect.stringContaining('TOML syntax error') });
  });
});

describe('Hexo variants, only in Hexo sites', () => {
  it(';;; JSON front matter', () => {
    const p = post(';;;\n"title": "JSON post",\n"tags": ["a"]\n;;;\nbody', 'hexo');
    expect(p).toMatchObject({ title: 'JSON post', tags: ['a'], format: 'json' });
    expect(problem(';;;\n"title": "x",\n;;;\n', 'hexo').message).toContain('JSON syntax error');
  });

  it('four or more dashes, closed by the same line', () => {
    expect(post('----\ntitle: four\n----\nbody', 'hexo').title).toBe('four');
    expect(problem('----\ntitle: four\n---\nbody', 'hexo').message).toContain('never closed');
  });

  it('a block with no opening line', () => {
    const p = post('title: No opener\ntags: [x]\n---\nbody\n', 'hexo');
    expect(p).toMatchObject({ title: 'No opener', tags: ['x'] });
    expect(p.body).toBe('body\n');
  });

  it('leading tabs are read as Hexo reads them', () => {
    expect(post('---\ntags:\n\t- a\n\t- b\n---\n', 'hexo').tags).toEqual(['a', 'b']);
  });

  it('"--- " with a trailing space is no front matter to Hexo: reported', () => {
    expect(problem('--- \ntitle: x\n---\n', 'hexo').message).toContain('ends with spaces');
    expect(post('--- \ntitle: x\n---\n', 'jekyll').title).toBe('x');
  });

  it('elsewhere the variants are reported, not read as body', () => {
    expect(problem(';;;\n"title": "x"\n;;;\n').message).toContain('only read in Hexo sites');
    expect(problem('----\ntitle: x\n----\n').message).toContain('only read in Hexo sites');
    const p = post('title: x\n---\nbody\n');
    expect(p.format).toBe('none');
    expect(p.problems[0]?.message).toContain('without an opening "---"');
  });
});

describe('no front matter', () => {
  it('a plain Markdown file is a post without front matter', () => {
    const p = post('# Hello\n\nText\n');
    expect(p).toMatchObject({ format: 'none', title: null, tags: [], problems: [] });
  });

  it('an empty or comment-only block is an empty mapping', () => {
    expect(post('---\n---\nbody').data).toEqual({});
    expect(post('---\n# just a comment\n---\nbody').data).toEqual({});
  });
});

describe('head reads', () => {
  it('a head that ends before the closing line asks for more', () => {
    expect(parsePost('---\ntitle: x\n', 'a.md', { generator: 'generic', complete: false })).toEqual({ ok: false, incomplete: true });
  });
  it('a head with the whole block parses, without a body', () => {
    const r = parsePost('---\ntitle: x\n---\n', 'a.md', { generator: 'generic', complete: false });
    expect(r.ok && r.post.body).toBeUndefined();
  });
});

describe('serializePost', () => {
  it.each(['Hello: World', '#1 tip', '"quoted"', 'yes', 'no', '2025', 'null', '- dash', '[x]', 'ChatGPT-5将免费开放？官方回应：DeepSeek逼的！', '2025-03-31'])(
    'a title %j round-trips as a string',
    (title) => {
      const text = serializePost({ data: { title, tags: ['ChatGPT'] }, body: 'Body\n' });
      const p = post(text);
      expect(p.title).toBe(title);
      expect(p.data.title).toBe(title);
      expect(p.body).toBe('\nBody\n');
    },
  );

  it('quotes words that YAML 1.1 readers take for booleans', () => {
    expect(serializePost({ data: { title: 'yes', draft: false }, body: '' })).toBe('---\ntitle: "yes"\ndraft: false\n---\n');
  });

  it('writes block lists and plain scalars where YAML allows', () => {
    expect(serializePost({ data: { title: 'Plain', date: '2025-03-31 21:17:31', tags: ['a', 'b'] }, body: '' })).toBe(
      '---\ntitle: Plain\ndate: 2025-03-31 21:17:31\ntags:\n  - a\n  - b\n---\n',
    );
  });
});

describe('normalizeTags', () => {
  it('dedupes and stringifies', () => {
    expect(normalizeTags(['a', 'a', 1])).toEqual(['a', '1']);
  });
});
