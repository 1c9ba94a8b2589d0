import { createRequire } from 'node:module';
import { readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBlog, useTempTrees } from '../helpers.js';

const require = createRequire(import.meta.url);
const tree = useTempTrees();

const good = (title: string, tags = '[ChatGPT]') => `---\ntitle: ${title}\ndate: 2025-03-31 21:17:31\ntags: ${tags}\n---\nbody\n`;
const blog = {
  '_config.yml': 'title: test\n',
  'source/_posts/a.md': good('A'),
  'source/_posts/b.md': good('B'),
  'source/_posts/c.md': '---\ntitle: C\ndate: 2025-02-30 10:00:00\ntags:\n  - chatgpt\n  - AI\n  - AI\n---\n',
  'source/_posts/d.md': '---\ntitle: [broken\n---\n',
};

describe('blog lint: formats and exit codes', () => {
  it('a clean blog: exit 0 and a one-line summary', () => {
    const root = tree({ '_config.yml': '', 'source/_posts/a.md': good('A'), 'source/_posts/b.md': good('B') });
    expect(runBlog(['lint'], { cwd: root })).toMatchObject({ code: 0, stdout: '✔ 2 files checked, no problems\n', stderr: '' });
  });

  it('stylish (default): grouped by file, a summary, exit 1 on errors', () => {
    const root = tree(blog);
    const r = runBlog(['lint'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'source/_posts/c.md',
        '  3:7  error    date "2025-02-30 10:00:00" is not a real date: February 2025 has 28 days, not 30 (write a real date as YYYY-MM-DD HH:mm:ss)       date-invalid',
        '  5:5  warning  tag "chatgpt" (1 post) is a case variant of "ChatGPT" (2 posts) (blog retag chatgpt ChatGPT fixes every post, and so does --fix)  tag-case-variant',
        '  7:5  warning  tag "AI" is listed twice (remove the second one; --fix does)                                                                      tag-duplicate',
        '',
        'source/_posts/d.md',
        '  3:1  error  YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ] (fix the YAML at this position: quote values that contain ": " or start with a special character)  front-matter-unreadable',
        '',
        '✖ 4 problems (2 errors, 2 warnings) in 4 files checked',
        '  2 problems can be fixed with --fix',
        '',
      ].join('\n'),
    );
    expect(runBlog(['lint', '--color'], { cwd: root }).stdout).toContain('\u001b[31merror');
  });

  it('compact: path:line:col: severity message (rule-id)', () => {
    const r = runBlog(['lint', '--format', 'compact'], { cwd: tree(blog) });
    expect(r.stdout.split('\n')).toEqual([
      'source/_posts/c.md:3:7: error date "2025-02-30 10:00:00" is not a real date: February 2025 has 28 days, not 30 (date-invalid)',
      'source/_posts/c.md:5:5: warning tag "chatgpt" (1 post) is a case variant of "ChatGPT" (2 posts) (tag-case-variant)',
      'source/_posts/c.md:7:5: warning tag "AI" is listed twice (tag-duplicate)',
      'source/_posts/d.md:3:1: error YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ] (front-matter-unreadable)',
      '',
    ]);
  });

  it('json: one documented document', () => {
    const doc = JSON.parse(runBlog(['lint', '--format', 'json'], { cwd: tree(blog) }).stdout);
    expect(doc.summary).toEqual({ files: 4, errors: 2, warnings: 2, fixable: 2 });
    expect(doc.findings[1]).toEqual({
      path: 'source/_posts/c.md',
      line: 5,
      col: 5,
      rule: 'tag-case-variant',
      severity: 'warning',
      message: 'tag "chatgpt" (1 post) is a case variant of "ChatGPT" (2 posts)',
      hint: 'blog retag chatgpt ChatGPT fixes every post, and so does --fix',
      fixable: true,
    });
    expect(doc.fixed).toEqual([]);
  });

  it('github: workflow commands with escaped properties', () => {
    const root = tree({ '_config.yml': '', 'source/_posts/a,b.md': '---\ntitle: A\n---\n', 'source/_posts/ok.md': good('OK') });
    const r = runBlog(['lint', '--format', 'github'], { cwd: root });
    expect(r.stdout).toBe('::error file=source/_posts/a%2Cb.md,line=2,col=1,title=blog lint%3A required-fields::required key "date" is missing (Hexo then uses the file\'s creation time: in CI, the time of the clone) (add date: YYYY-MM-DD HH:mm:ss)\n');
    expect(r.code).toBe(1);
  });

  it('sarif: valid against the SARIF 2.1.0 schema', () => {
    const r = runBlog(['lint', '--format', 'sarif'], { cwd: tree(blog) });
    const log = JSON.parse(r.stdout);
    const Ajv = require('ajv-draft-04');
    const addFormats = require('ajv-formats');
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].results).toHaveLength(4);
    expect(log.runs[0].results[0]).toMatchObject({
      ruleId: 'date-invalid',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'source/_posts/c.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 7 } } }],
    });
    // A broken SARIF document fails the same check.
    expect(validate({ ...log, version: '2.0' })).toBe(false);
  });

  it('duplicate-title quotes each post\'s title as written: full-width ？：！ are not shown as ?:! (they were, so the title could not be searched for)', () => {
    const t = 'ChatGPT-5将免费开放？官方回应：DeepSeek逼的！';
    const root = tree({ '_config.yml': '', 'source/_posts/a.md': good(t), 'source/_posts/b.md': good(t), 'source/_posts/c.md': good('ChatGPT-5将免费开放?官方回应:DeepSeek逼的!') });
    const r = runBlog(['lint', '--format', 'compact'], { cwd: root });
    const why = ' (the same once full-width and other compatibility forms are read as plain ones) (duplicate-title)';
    expect(r.stdout).toBe(
      `source/_posts/a.md:2:8: warning title "${t}" is also used by source/_posts/b.md, source/_posts/c.md${why}\n` +
        `source/_posts/b.md:2:8: warning title "${t}" is also used by source/_posts/a.md, source/_posts/c.md${why}\n` +
        `source/_posts/c.md:2:8: warning title "ChatGPT-5将免费开放?官方回应:DeepSeek逼的!" is also used by source/_posts/a.md, source/_posts/b.md${why}\n`,
    );
    const same = tree({ '_config.yml': '', 'source/_posts/a.md': good(t), 'source/_posts/b.md': good(t) });
    expect(runBlog(['lint', '--format', 'compact'], { cwd: same }).stdout).toBe(`source/_posts/a.md:2:8: warning title "${t}" is also used by source/_posts/b.md (duplicate-title)\nsource/_posts/b.md:2:8: warning title "${t}" is also used by source/_posts/a.md (duplicate-title)\n`);
  });

  it('warnings alone exit 0, unless over --max-warnings', () => {
    const root = tree({ '_config.yml': '', 'source/_posts/a.md': good('A', '[a, a]') });
    expect(runBlog(['lint'], { cwd: root }).code).toBe(0);
    expect(runBlog(['lint', '--max-warnings', '1'], { cwd: root }).code).toBe(0);
    const over = runBlog(['lint', '--max-warnings', '0'], { cwd: root });
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('blog: error: 1 warnings, more than --max-warnings 0\n');
  });

  it('could not run: exit 2, one line', () => {
    const root = tree(blog);
    expect(runBlog(['lint', 'nope.md'], { cwd: root })).toMatchObject({ code: 2, stderr: 'blog: error: nope.md: no such file or folder (in CI, pass only added and modified files: git diff --diff-filter=d)\n' });
    // A name as git prints it by default (core.quotePath): the hint is about quoting, for lint and for retag.
    const hint = '(the name is quoted as git quotes non-ASCII names: list names with git -c core.quotePath=false ... -z | xargs -0)';
    for (const args of [['lint', 'posts/\\346\\227\\245.md'], ['retag', '--add', 'x', 'posts/\\346\\227\\245.md', '--yes']]) {
      expect(runBlog(args, { cwd: root })).toMatchObject({ code: 2, stderr: `blog: error: posts/\\346\\227\\245.md: no such file or folder ${hint}\n` });
    }
    expect(runBlog(['lint', '--format', 'xml'], { cwd: root }).code).toBe(2);
    const bad = tree({ ...blog, 'blog.config.json': JSON.stringify({ lint: { rules: { 'date-in-futur': 'error' } } }) });
    const r = runBlog(['lint'], { cwd: bad });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^blog: error: .*blog\.config\.json: "lint\.rules\.date-in-futur": no such rule \(did you mean "date-in-future"\?\); rules: front-matter-unreadable, /);
    const sev = tree({ ...blog, 'blog.config.json': JSON.stringify({ lint: { rules: { 'date-invalid': 'fatal' } } }) });
    expect(runBlog(['lint'], { cwd: sev }).stderr).toMatch(/"lint\.rules\.date-invalid": expected "error", "warning" \(or "warn"\) or "off", got "fatal"\n$/);
  });
});

describe('blog lint --dir', () => {
  it("a Hexo site's source folder is that site: its _posts and _drafts are checked (read as a posts folder, they were skipped as _ names: 0 files checked, exit 0 in CI)", () => {
    const root = tree({ '_config.yml': 'title: x\n', 'source/_posts/a.md': '---\ntitle: A\ndate: 2025-02-30\n---\n', 'source/_drafts/d.md': '---\ntitle: D\n---\n' });
    const r = runBlog(['lint', '--dir', 'source', '--format', 'compact'], { cwd: root });
    expect(r).toMatchObject({ code: 1, stdout: 'source/_posts/a.md:3:7: error date "2025-02-30" is not a real date: February 2025 has 28 days, not 30 (date-invalid)\n' });
    expect(runBlog(['list', '--dir', 'source', '--format', 'paths'], { cwd: root }).stdout).toBe('source/_drafts/d.md\nsource/_posts/a.md\n');
    // With another source_dir, that folder.
    const other = tree({ '_config.yml': 'source_dir: src\n', 'src/_posts/a.md': '---\ntitle: A\ndate: 2025-01-01\n---\n' });
    expect(runBlog(['list', '--dir', 'src', '--format', 'paths'], { cwd: other }).stdout).toBe('src/_posts/a.md\n');
  });
});

describe('blog lint [paths]', () => {
  it('reports on the given files only, with site-wide rules against the whole blog', () => {
    const root = tree(blog);
    const r = runBlog(['lint', '--format', 'compact', 'source/_posts/c.md'], { cwd: root });
    expect(r.stdout.split('\n').filter(Boolean).map((l) => l.replace(/: (error|warning) .*\((.*)\)$/, ' $2'))).toEqual([
      'source/_posts/c.md:3:7 date-invalid',
      'source/_posts/c.md:5:5 tag-case-variant',
      'source/_posts/c.md:7:5 tag-duplicate',
    ]);
    expect(runBlog(['lint', 'source/_posts/a.md', 'README.txt'.replace('README.txt', 'source/_posts/b.md')], { cwd: root })).toMatchObject({ code: 0, stdout: '✔ 2 files checked, no problems\n' });
  });

  it('a folder outside the posts folder is linted too; the site root means the posts', () => {
    const root = tree({ ...blog, 'incoming/new.md': '---\ntitle: New\ndate: 2025-02-30\n---\n', 'incoming/sub/ok.md': good('Ok') });
    const r = runBlog(['lint', '--format', 'compact', 'incoming'], { cwd: root });
    expect(r.stdout).toBe('incoming/new.md:3:7: error date "2025-02-30" is not a real date: February 2025 has 28 days, not 30 (date-invalid)\n');
    expect(r.code).toBe(1);
    const summary = runBlog(['lint', 'incoming/sub'], { cwd: root });
    expect(summary).toMatchObject({ code: 0, stdout: '✔ 1 file checked, no problems\n' });
    // The site root holds the posts folder: its posts, not every Markdown file of the site.
    const all = runBlog(['lint', '--format', 'json', '.'], { cwd: root });
    expect(JSON.parse(all.stdout).summary.files).toBe(JSON.parse(runBlog(['lint', '--format', 'json'], { cwd: root }).stdout).summary.files);
  });
});

describe('blog lint --fix', () => {
  it('applies the safe fixes, changes nothing else, reports them, leaves the rest', () => {
    const root = tree({
      '_config.yml': '',
      'source/_posts/a.md': good('A'),
      'source/_posts/b.md': good('B'),
      'source/_posts/c.md': '---\r\ntitle: C   # the title\r\ndate: 2025-02-30 10:00:00\r\ntags:\r\n  - chatgpt\r\n  - AI\r\n  - AI\r\n---\r\nbody stays\r\n',
    });
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(join(root, 'source/_posts/a.md'), old, old);
    const r = runBlog(['lint', '--fix', '--format', 'compact'], { cwd: root });
    expect(r.stderr).toBe('blog: note: fixed source/_posts/c.md: tag chatgpt → ChatGPT, duplicate tags removed\n');
    expect(readFileSync(join(root, 'source/_posts/c.md'), 'utf8')).toBe('---\r\ntitle: C   # the title\r\ndate: 2025-02-30 10:00:00\r\ntags:\r\n  - ChatGPT\r\n  - AI\r\n---\r\nbody stays\r\n');
    expect(r.stdout).toBe('source/_posts/c.md:3:7: error date "2025-02-30 10:00:00" is not a real date: February 2025 has 28 days, not 30 (date-invalid)\n');
    expect(r.code).toBe(1);
    expect(statSync(join(root, 'source/_posts/a.md')).mtime.getTime()).toBe(old.getTime());
  });

  it('never settles an ambiguous tag string: one tag with spaces, or several? It explains and leaves it', () => {
    const text = '---\ntitle: A\ndate: 2025-01-01\ntags: Hexo GitHub-Actions CI\n---\n';
    const root = tree({ '_config.yml': '', 'source/_posts/a.md': text });
    const r = runBlog(['lint', '--fix', '--format', 'json'], { cwd: root });
    const doc = JSON.parse(r.stdout);
    expect(doc.fixed).toEqual([]);
    expect(doc.findings).toEqual([expect.objectContaining({ rule: 'tag-string', fixable: false, hint: 'write tags: [Hexo, GitHub-Actions, CI] for 3 tags, or tags: [Hexo GitHub-Actions CI] for one; --fix leaves this to you' })]);
    expect(readFileSync(join(root, 'source/_posts/a.md'), 'utf8')).toBe(text);
  });

  it("a tag string with spaces: the message says how the blog's own generator reads it (Hugo, like Hexo, reads one tag; Jekyll splits)", () => {
    const post = '---\ntitle: A\ndate: 2025-01-01\ntags: Jekyll 随笔\n---\n';
    const message = (files: Record<string, string>): string => JSON.parse(runBlog(['lint', '--format', 'json'], { cwd: tree(files) }).stdout).findings.map((f: { message: string }) => f.message).join('\n');
    expect(message({ '_config.yml': '', 'source/_posts/a.md': post })).toBe('tags is the string "Jekyll 随笔": Hexo reads one tag; did you mean 2?');
    expect(message({ '_config.yml': '', '_posts/2025-01-01-a.md': post })).toBe('tags is the string "Jekyll 随笔": Jekyll reads 2 tags');
    expect(message({ 'hugo.toml': '', 'content/posts/a.md': post })).toBe('tags is the string "Jekyll 随笔": Hugo reads one tag; did you mean 2?');
    // A single word is one tag in Hugo whether written as a string or a list: nothing to say.
    expect(message({ 'hugo.toml': '', 'content/posts/a.md': post.replace('Jekyll 随笔', 'Jekyll') })).toBe('');
  });

  it('turns a single-word tag string into a list where Jekyll expects one', () => {
    const root = tree({ '_config.yml': '', '_posts/2025-01-01-a.md': '---\ntitle: A\ndate: 2025-01-01\ntags: Jekyll\n---\n' });
    const r = runBlog(['lint', '--fix', '--format', 'json'], { cwd: root });
    expect(JSON.parse(r.stdout).fixed).toEqual([{ path: '_posts/2025-01-01-a.md', changes: ['tags written as a list'] }]);
    expect(readFileSync(join(root, '_posts/2025-01-01-a.md'), 'utf8')).toBe('---\ntitle: A\ndate: 2025-01-01\ntags: [Jekyll]\n---\n');
  });

  it('reports as fixed only the edits it wrote: tags that are a YAML alias are not fixed, and it says why, while the categories beside them are', () => {
    const post = (i: number) => `---\ntitle: P${i}\ndate: 2025-01-0${i} 10:00:00\ntags: [ChatGPT]\ncategories: [Tech]\n---\n`;
    const aliased = '---\ntitle: C\ndate: 2025-01-05 10:00:00\nx: &t [chatgpt]\ntags: *t\ncategories: [tech]\n---\nx\n';
    const root = tree({ '_config.yml': '', 'source/_posts/p1.md': post(1), 'source/_posts/p2.md': post(2), 'source/_posts/p3.md': post(3), 'source/_posts/c.md': aliased });
    const r = runBlog(['lint', '--fix', '--format', 'compact'], { cwd: root });
    expect(r.stderr).toBe('source/_posts/c.md:5:7: not fixed: tags: the value is an alias (*t) of another value; change it by hand\nblog: note: fixed source/_posts/c.md: category tech → Tech\n');
    expect(readFileSync(join(root, 'source/_posts/c.md'), 'utf8')).toBe(aliased.replace('[tech]', '[Tech]'));
    expect(r.stdout).toContain('source/_posts/c.md:5:7: warning tag "chatgpt" (1 post) is a case variant of "ChatGPT" (3 posts)');
    // In JSON too, and what --fix could not do is no longer counted as fixable by it.
    const json = JSON.parse(runBlog(['lint', '--fix', '--format', 'json'], { cwd: root }).stdout);
    expect(json.notFixed).toEqual([{ path: 'source/_posts/c.md', line: 5, col: 7, reason: 'tags: the value is an alias (*t) of another value; change it by hand' }]);
    expect(json.summary.fixable).toBe(0);
    expect(json.findings).toEqual([expect.objectContaining({ rule: 'tag-case-variant', fixable: false })]);
    expect(runBlog(['lint', '--fix'], { cwd: root }).stdout).not.toContain('can be fixed with --fix');
  });

  it('a Jekyll tag string is read as its names by the rules about names too: a case variant in it is found and fixed, an allowed vocabulary checks each name', () => {
    const post = (i: number) => `---\ntitle: P${i}\ndate: 2025-01-0${i} 10:00:00\ntags: [ChatGPT]\n---\nx\n`;
    const files = { '_config.yml': 'title: j\n', '_posts/2025-01-01-p1.md': post(1), '_posts/2025-01-02-p2.md': post(2), '_posts/2025-01-03-p3.md': post(3), '_posts/2025-01-05-s.md': '---\ntitle: S\ndate: 2025-01-05 10:00:00\ntags: chatgpt AI\n---\nx\n' };
    const root = tree(files);
    const findings = (r: { stdout: string }) => JSON.parse(r.stdout).findings.map((f: { rule: string; message: string }) => `${f.rule}: ${f.message}`);
    expect(findings(runBlog(['lint', '--format', 'json'], { cwd: root }))).toEqual(['tag-case-variant: tag "chatgpt" (1 post) is a case variant of "ChatGPT" (3 posts)', 'tag-string: tags is the string "chatgpt AI": Jekyll reads 2 tags']);
    const fixed = runBlog(['lint', '--fix', '--format', 'json'], { cwd: root });
    expect(JSON.parse(fixed.stdout).fixed).toEqual([{ path: '_posts/2025-01-05-s.md', changes: ['tag chatgpt → ChatGPT', 'tags written as a list'] }]);
    expect(readFileSync(join(root, '_posts/2025-01-05-s.md'), 'utf8')).toBe('---\ntitle: S\ndate: 2025-01-05 10:00:00\ntags: [ChatGPT, AI]\n---\nx\n');
    const allowed = tree({ ...files, '_posts/2025-01-05-s.md': '---\ntitle: S\ndate: 2025-01-05 10:00:00\ntags: ChatGPT AI\n---\nx\n', 'blog.config.json': JSON.stringify({ lint: { allowedTags: ['ChatGPT', 'AI'] } }) });
    expect(findings(runBlog(['lint', '--format', 'json'], { cwd: allowed }))).toEqual(['tag-string: tags is the string "ChatGPT AI": Jekyll reads 2 tags']);
  });

  it('a tag string that is also renamed becomes a list in the same run, as the report says', () => {
    const post = (i: number) => `---\ntitle: p${i}\ndate: 2024-01-0${i}\ntags: [ChatGPT]\n---\n`;
    const root = tree({ '_config.yml': 'title: j\n', '_posts/2024-01-01-p1.md': post(1), '_posts/2024-01-02-p2.md': post(2), '_posts/2024-01-03-p3.md': post(3), '_posts/2024-02-02-s.md': '---\ntitle: s\ndate: 2024-02-02\ntags: chatgpt\n---\n' });
    const r = runBlog(['lint', '--fix', '--format', 'json'], { cwd: root });
    const doc = JSON.parse(r.stdout);
    expect(doc.fixed).toEqual([{ path: '_posts/2024-02-02-s.md', changes: ['tag chatgpt → ChatGPT', 'tags written as a list'] }]);
    expect(readFileSync(join(root, '_posts/2024-02-02-s.md'), 'utf8')).toBe('---\ntitle: s\ndate: 2024-02-02\ntags: [ChatGPT]\n---\n');
    expect(doc.findings).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe('blog new output passes blog lint', () => {
  it.each(['hexo', 'jekyll', 'hugo', 'generic'])('in a %s blog', (generator) => {
    const root = tree({ 'posts/.keep': '', 'blog.config.json': JSON.stringify({ posts: 'posts', generator }) });
    for (const [title, extra] of [
      ['ChatGPT-5将免费开放？官方回应：DeepSeek逼的！', ['--tags', 'ChatGPT', '--categories', '日常折腾']],
      // Hugo's and Jekyll's categories are terms: a path is a usage error there.
      ['Hello: World', ['--tags', 'yes,1.10', '--categories', generator === 'hugo' || generator === 'jekyll' ? '技术,AI,生活' : '技术 > AI,生活']],
      ['🚀 Draft', ['--draft']],
      ['[x]', []],
    ] as const) {
      expect(runBlog(['new', title, ...extra, '--date', '2025-03-31 21:17:31'], { cwd: root }).code).toBe(0);
    }
    const r = runBlog(['lint', '--format', 'compact'], { cwd: root });
    expect(r).toMatchObject({ code: 0, stdout: '' });
  });
});
