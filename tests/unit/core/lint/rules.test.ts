import { describe, expect, it } from 'vitest';
import { parsePost } from '../../../../src/core/post.js';
import type { Generator } from '../../../../src/core/front-matter/fences.js';
import { activeRules, lintFile, lintInputs, lintSite, markHeadless, siteCollector, sortFindings } from '../../../../src/core/lint/run.js';
import { RULES } from '../../../../src/core/lint/rules/index.js';
import type { LintInput, LintSettings } from '../../../../src/core/lint/types.js';
import { vocabulary } from '../../../../src/core/select.js';

const NOW = Date.UTC(2026, 0, 1);

function input(path: string, text: string, generator: Generator): LintInput {
  const r = parsePost(text, path, { generator, timeZone: 'UTC' });
  const rel = path.replace(/^posts\//, '');
  const inDrafts = /(^|\/)_drafts\//.test(path);
  return r.ok ? { path, rel, inDrafts, post: r.post } : 'problem' in r ? { path, rel, inDrafts, problem: r.problem } : { path, rel, inDrafts };
}

function lint(files: Record<string, string>, options: { generator?: Generator; settings?: Partial<LintSettings>; rules?: Record<string, 'error' | 'warn' | 'off'> } = {}) {
  const generator = options.generator ?? 'hexo';
  const inputs = Object.entries(files).map(([p, t]) => input(p, t, generator));
  if (generator === 'hugo') markHeadless(inputs);
  const settings: LintSettings = { generator, required: generator === 'hugo' ? ['title'] : ['title', 'date'], now: NOW, future: generator === 'hexo', ...options.settings };
  const run = { settings, severities: options.rules ?? {}, isTarget: () => true };
  const findings = lintInputs(inputs, run);
  // The command reads in chunks (on several threads): the site-wide rules' facts are gathered
  // a chunk at a time, structured-cloned between threads, and merged in order. One post a chunk
  // must find the same as all posts in one.
  // A collector lives as long as its thread (one for all its chunks) or is new for each chunk:
  // both find the same.
  const active = activeRules(run);
  const thread = siteCollector(active, settings);
  for (const collectorOf of [() => siteCollector(active, settings), () => thread]) {
    const chunks = inputs.map((input, i) => {
      const c = collectorOf();
      c.add(i, input);
      return structuredClone(c.facts());
    });
    const again = (i: number) => inputs[i] as LintInput;
    expect(sortFindings([...inputs.flatMap((i) => lintFile(i, active, run)), ...lintSite(chunks, active, settings, again, () => true, (i) => (inputs[i] as LintInput).path)])).toEqual(findings);
  }
  return findings;
}

const ok = (body = '') => `---\ntitle: Fine\ndate: 2025-03-31 21:17:31\ntags: [ChatGPT]\n${body}---\n`;

/** rule id → [a post that passes, a post that fails, expected message part] */
const cases: Record<string, { pass: Record<string, string>; fail: Record<string, string>; expect: { line: number; col: number; message: string }; generator?: Generator; settings?: Partial<LintSettings> }> = {
  'front-matter-unreadable': { pass: { 'posts/a.md': ok() }, fail: { 'posts/a.md': '---\ntitle: [x\n---\n' }, expect: { line: 3, col: 1, message: 'YAML syntax error' } },
  'no-duplicate-keys': { pass: { 'posts/a.md': ok() }, fail: { 'posts/a.md': '---\ntitle: a\ndate: 2025-01-01\ntitle: b\n---\n' }, expect: { line: 4, col: 1, message: 'duplicate key' } },
  'front-matter-mapping': { pass: { 'posts/a.md': ok() }, fail: { 'posts/a.md': '---\n- a\n- b\n---\n' }, expect: { line: 2, col: 1, message: 'not a mapping' } },
  'yaml-tag': { pass: { 'posts/a.md': ok('b: !!binary aGVsbG8=\n') }, fail: { 'posts/a.md': ok("f: !!js/function 'function () {}'\n") }, expect: { line: 5, col: 4, message: 'YAML tag !!js/function is not a data type' } },
  'required-fields': { pass: { 'posts/a.md': ok(), 'posts/2025-01-01-b.md': '---\ntitle: B\n---\n', 'posts/_drafts/c.md': '---\ntitle: C\ntags:\n---\n' }, fail: { 'posts/a.md': '---\ntitle: A\n---\n' }, expect: { line: 2, col: 1, message: 'required key "date" is missing' } },
  'date-invalid': { pass: { 'posts/a.md': ok() }, fail: { 'posts/a.md': '---\ntitle: A\ndate: 2025-02-30 10:00:00\n---\n' }, expect: { line: 3, col: 7, message: 'February 2025 has 28 days, not 30' } },
  'date-format': { pass: { 'posts/a.md': ok() }, fail: { 'posts/a.md': '---\ntitle: A\ndate: 2019/10/21\n---\n' }, expect: { line: 3, col: 7, message: 'uses slashes' } },
  'date-in-future': { pass: { 'posts/a.md': ok(), 'posts/d.md': '---\ntitle: D\ndate: 2099-01-01\ndraft: true\n---\n' }, fail: { 'posts/a.md': '---\ntitle: A\ndate: 2099-01-01 10:00:00\n---\n' }, expect: { line: 3, col: 7, message: 'in the future' }, generator: 'generic' },
  'date-filename-mismatch': { pass: { 'posts/2025-03-31-a.md': ok() }, fail: { 'posts/2025-03-30-a.md': ok() }, expect: { line: 3, col: 7, message: 'is not the day in the file name (2025-03-30)' } },
  'taxonomy-shape': { pass: { 'posts/a.md': ok() }, fail: { 'posts/a.md': '---\ntitle: A\ndate: 2025-01-01\ntags:\n  - 1.10\n  -\n---\n' }, expect: { line: 5, col: 5, message: 'tag 1.1 is a number' } },
  'tag-comma': { pass: { 'posts/a.md': ok() }, fail: { 'posts/a.md': '---\ntitle: A\ndate: 2025-01-01\ntags: "ChatGPT, AI"\n---\n' }, expect: { line: 4, col: 7, message: 'one tag with a comma' } },
  'tag-string': { pass: { 'posts/a.md': ok(), 'posts/b.md': '---\ntitle: B\ndate: 2025-01-01\ntags: ChatGPT\n---\n' }, fail: { 'posts/a.md': '---\ntitle: A\ndate: 2025-01-01\ntags: Google Drive\n---\n' }, expect: { line: 4, col: 7, message: 'Hexo reads one tag; did you mean 2?' } },
  'tag-duplicate': { pass: { 'posts/a.md': ok() }, fail: { 'posts/a.md': '---\ntitle: A\ndate: 2025-01-01\ntags: [a, b, a]\n---\n' }, expect: { line: 4, col: 14, message: 'tag "a" is listed twice' } },
  'tag-case-variant': {
    pass: { 'posts/a.md': ok(), 'posts/b.md': ok() },
    fail: { 'posts/a.md': ok(), 'posts/b.md': ok(), 'posts/c.md': '---\ntitle: C\ndate: 2025-01-01\ntags: [x, chatgpt]\n---\n' },
    expect: { line: 4, col: 11, message: 'tag "chatgpt" (1 post) is a case variant of "ChatGPT" (2 posts)' },
  },
  'tag-allowed': { pass: { 'posts/a.md': ok() }, fail: { 'posts/a.md': '---\ntitle: A\ndate: 2025-01-01\ntags: [ChatGTP]\n---\n' }, expect: { line: 4, col: 8, message: 'tag "ChatGTP" is not in the allowed tags' }, settings: { allowedTags: ['ChatGPT'] } },
  'draft-ignored': { pass: { 'posts/a.md': ok('published: false\n') }, fail: { 'posts/a.md': ok('draft: true\n') }, expect: { line: 5, col: 1, message: 'draft: true is ignored by Hexo' } },
  'duplicate-slug': { pass: { 'posts/a.md': ok(), 'posts/b.md': ok() }, fail: { 'posts/Hello.md': ok(), 'posts/hello.markdown': ok() }, expect: { line: 1, col: 1, message: 'slug "Hello" is also used by posts/hello.markdown (differs only in case)' } },
  'duplicate-title': { pass: { 'posts/a.md': ok(), 'posts/b.md': ok().replace('Fine', 'Other') }, fail: { 'posts/a.md': ok(), 'posts/b.md': ok() }, expect: { line: 2, col: 8, message: 'title "Fine" is also used by posts/b.md' } },
  'unknown-key': { pass: { 'posts/a.md': ok() }, fail: { 'posts/a.md': ok('tittle: x\n') }, expect: { line: 5, col: 1, message: 'key "tittle" is not in the allowed keys' }, settings: { allowedKeys: ['title', 'date', 'tags'] } },
};

describe('every rule has a passing and a failing case', () => {
  it('covers all rules', () => {
    expect(Object.keys(cases).sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  for (const rule of RULES) {
    const c = cases[rule.id];
    if (!c) continue;
    const opts = { ...(c.generator ? { generator: c.generator } : {}), ...(c.settings ? { settings: c.settings } : {}) };
    it(`${rule.id}: passes`, () => {
      expect(lint(c.pass, opts).filter((f) => f.rule === rule.id)).toEqual([]);
    });
    it(`${rule.id}: fails, located`, () => {
      const found = lint(c.fail, opts).filter((f) => f.rule === rule.id);
      expect(found[0]).toMatchObject({ line: c.expect.line, col: c.expect.col, message: expect.stringContaining(c.expect.message) });
    });
  }
});

describe('rule details', () => {
  it('required-fields points at a likely misspelling', () => {
    const f = lint({ 'posts/a.md': '---\ntltle: Hello\ndate: 2025-01-01\n---\n' }).find((x) => x.rule === 'required-fields');
    expect(f).toMatchObject({ line: 2, col: 1, message: 'required key "title" is missing', hint: 'is "tltle" a misspelling of "title"?' });
  });

  it('Hugo: no date required, headless bundles need no title, published that draft overrides is flagged', () => {
    const files = {
      'posts/_common/_index.md': '---\ncascade:\n  build:\n    render: never\n---\n',
      'posts/_common/snippet.md': '---\n_comment: included elsewhere\n---\n',
      'posts/page.md': '---\ntitle: Page\ndraft: false\npublished: false\n---\n',
      // Alone, published: false makes a draft in Hugo (hugo list all 0.111): nothing to flag.
      'posts/alone.md': '---\ntitle: Alone\npublished: false\n---\n',
      'posts/untitled.md': '---\nweight: 1\n---\n',
    };
    const findings = lint(files, { generator: 'hugo' });
    expect(findings.map((f) => `${f.path} ${f.rule}`)).toEqual(['posts/page.md draft-ignored', 'posts/untitled.md required-fields']);
  });

  it('severities come from the config; off means off', () => {
    const files = { 'posts/a.md': '---\ntitle: A\n---\n' };
    expect(lint(files, { rules: { 'required-fields': 'warn' } })[0]?.severity).toBe('warning');
    expect(lint(files, { rules: { 'required-fields': 'off' } })).toEqual([]);
  });

  it('duplicate-slug compares slug, permalink and url keys, located at the value', () => {
    const f = lint({
      'posts/a.md': '---\ntitle: A\ndate: 2025-01-01\nslug: same\n---\n',
      'posts/b.md': '---\ntitle: B\ndate: 2025-01-02\nslug: Same\n---\n',
      'posts/c.md': '---\ntitle: C\ndate: 2025-01-03\npermalink: /x/\n---\n',
      'posts/d.md': '---\ntitle: D\ndate: 2025-01-04\nurl: x\n---\n',
    });
    expect(f.filter((x) => x.rule === 'duplicate-slug').map((x) => `${x.path}:${x.line}:${x.col} ${x.message}`)).toEqual([
      'posts/a.md:4:7 slug "same" is also used by posts/b.md (differs only in case)',
      'posts/b.md:4:7 slug "Same" is also used by posts/a.md (differs only in case)',
      'posts/c.md:4:12 permalink "/x/" is also used by posts/d.md',
      'posts/d.md:4:6 url "x" is also used by posts/c.md',
    ]);
  });

  it('case variants are located where they are read, or by reading the post again when the thread had not yet seen the other spelling: the same places', () => {
    const variant = (n: number, tags: string) => `---\ntitle: T${n}\ndate: 2025-01-0${n}\n# note\ntags: ${tags}\n---\n`;
    const files = {
      'posts/1.md': variant(1, '[chatgpt, AI]'),
      'posts/2.md': variant(2, '\n  - AI\n  - ChatGPT'),
      'posts/3.md': variant(3, '[ChatGPT]'),
      'posts/4.md': variant(4, '\n  - x\n  - ChatGPT'),
      'posts/5.md': variant(5, 'chatgpt'),
      'posts/6.md': variant(6, '\n  - ChatGPT\n  - chatgpt'),
    };
    const expected = ['posts/1.md:5:8', 'posts/5.md:5:7', 'posts/6.md:7:5'];
    expect(lint(files).map((f) => `${f.path}:${f.line}:${f.col}`)).toEqual(expected);
    // One thread reads them in order: the first chatgpt comes before any ChatGPT, so only that
    // post is read again; the later ones are located as they are read.
    const inputs = Object.entries(files).map(([p, t]) => input(p, t, 'hexo'));
    const settings: LintSettings = { generator: 'hexo', required: ['title', 'date'], now: NOW, future: true };
    const active = activeRules({ settings, severities: {} });
    const c = siteCollector(active, settings);
    inputs.forEach((x, i) => c.add(i, x));
    const readAgain: number[] = [];
    const site = lintSite([c.facts()], active, settings, (i) => (readAgain.push(i), inputs[i] as LintInput), () => true, (i) => (inputs[i] as LintInput).path);
    expect(sortFindings(site).map((f) => `${f.path}:${f.line}:${f.col}`)).toEqual(expected);
    expect([...new Set(readAgain)]).toEqual([0]);
  });

  it('tag-duplicate in short and long lists, names compared as text (1 and "1" are the same tag)', () => {
    const tags = (list: string) => ({ 'posts/a.md': `---\ntitle: A\ndate: 2025-01-01\ntags: [${list}]\n---\n` });
    const dup = (list: string) => lint(tags(list)).filter((f) => f.rule === 'tag-duplicate').map((f) => `${f.col} ${f.message}`);
    const many = Array.from({ length: 20 }, (_, i) => `t${i}`);
    expect(dup('a, b, c')).toEqual([]);
    expect(dup('1, "1"')).toEqual(['11 tag "1" is listed twice']);
    expect(dup('[x, y], [x, y], z')).toEqual([]);
    expect(dup(many.join(', '))).toEqual([]);
    expect(dup([...many, 't3'].join(', '))).toEqual([`${8 + many.join(', ').length + 2} tag "t3" is listed twice`]);
  });

  it('duplicate-slug strips .md and .markdown in any ASCII case only (a Kelvin sign K is another name)', () => {
    const post = (n: number) => `---\ntitle: T${n}\ndate: 2025-01-0${n}\n---\n`;
    const slugs = (files: Record<string, string>) => lint(files).filter((f) => f.rule === 'duplicate-slug').map((f) => f.path);
    expect(slugs({ 'posts/a.md': post(1), 'posts/a.MarkDown': post(2) })).toEqual(['posts/a.MarkDown', 'posts/a.md']);
    expect(slugs({ 'posts/a.md': post(1), 'posts/a.mar\u212adown': post(2) })).toEqual([]);
  });

  it('the allowed tags and keys are one map a list, not one a post', () => {
    const allowed = ['a', 'b'];
    expect(vocabulary(allowed)).toBe(vocabulary(allowed));
    expect([...vocabulary(allowed).known.keys()]).toEqual(['a', 'b']);
    expect(vocabulary([...allowed])).not.toBe(vocabulary(allowed));
    expect(vocabulary(allowed).closest('A')).toBe('a');
    expect(vocabulary(allowed).closest('zzzzzz')).toBeUndefined();
  });

  it('case variants of categories too, with the fix to the dominant form', () => {
    const files = {
      'posts/a.md': '---\ntitle: A\ndate: 2025-01-01\ncategories: [前端, JS]\n---\n',
      'posts/b.md': '---\ntitle: B\ndate: 2025-01-02\ncategories: [前端, JS]\n---\n',
      'posts/c.md': '---\ntitle: C\ndate: 2025-01-03\ncategories: [前端, js]\n---\n',
    };
    expect(lint(files)).toEqual([
      expect.objectContaining({ path: 'posts/c.md', rule: 'tag-case-variant', line: 4, col: 18, fix: { kind: 'rename-category', from: 'js', to: 'JS' }, hint: 'blog retag --categories js JS fixes every post, and so does --fix' }),
    ]);
  });
});

describe('RULE_IDS', () => {
  it('lists every rule, in order', async () => {
    const { RULE_IDS } = await import('../../../../src/core/lint/ids.js');
    expect([...RULE_IDS]).toEqual(RULES.map((r) => r.id));
  });
});
