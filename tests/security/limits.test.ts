/**
 * Bounded in every input dimension, with a clear error instead of an internal one: each case
 * exits 0, 1 or 2, within a time limit, without a stack trace or a runaway error in stderr,
 * and with correct output.
 */
import fs from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { blog, blogAsync, CRASH, describeRun, tempDir, useTrees, type RunResult } from './helpers.js';

const tree = useTrees();

/** Exit 0, 1 or 2 in time, with nothing in stderr that looks like a crash. */
function expectBounded(r: RunResult, what: string): void {
  expect(r.timedOut, `${what}: killed after ${r.ms} ms`).toBe(false);
  expect(r.signal, `${what}: ${describeRun(r, 300)}`).toBeNull();
  expect([0, 1, 2], `${what}: ${describeRun(r, 300)}`).toContain(r.code);
  expect(r.stderr.slice(0, 20_000), `${what}: ${describeRun(r, 300)}`).not.toMatch(CRASH);
}

const post = (fm: string, body = 'body\n') => `---\n${fm}\n---\n${body}`;

// Each test has its own temp folders; the slow ones wait on child processes, so they overlap.
describe('bounded in every input dimension', () => {
  describe('big front matter values', () => {
    it('a blog.config.json or .yaml nested 5,000 levels deep: one line, exit 2 (a message quoting it overflowed the stack)', () => {
      for (const [name, text] of [['blog.config.json', `{"posts": "posts", "slug": ${'['.repeat(5000)}${']'.repeat(5000)}}`], ['blog.config.yaml', `posts: posts\nz:${' ['.repeat(5000)}${']'.repeat(5000)}\n`]] as const) {
        const root = tree({ [name]: text, 'posts/a.md': post('title: A') });
        const r = blog(['list'], { cwd: root, timeout: 10_000 });
        expect(r.code, describeRun(r)).toBe(2);
        expect(r.stderr, describeRun(r)).toMatch(new RegExp(`^blog: error: .*${name.replace('.', '\\.')}: nested more than 100 levels deep \\(a config holds a few settings; see the README\\)\\n$`));
      }
    });

    it('an ignore pattern that would backtrack without end (@(a+)+c, a 60-character name) is plain text: list finishes at once', async () => {
      const root = tree({ 'blog.config.json': JSON.stringify({ posts: 'posts', ignore: ['@(a+)+c', '*(a*)c'] }), [`posts/${'a'.repeat(60)}.md`]: post('title: A\ndate: 2025-01-01') });
      const r = await blogAsync(['list', '--format', 'paths'], { cwd: root, timeout: 10_000 });
      expectBounded(r, 'list');
      expect(r.stdout).toBe(`posts/${'a'.repeat(60)}.md\n`);
    });

    it('the nesting limit holds where the scan before parsing is fooled (a quote continuing a plain scalar in a flow list; a TOML \'\' string)', () => {
      const root = tree({
        'posts/yaml.md': post(`title: Y\nk: [a\n  "x, ${'['.repeat(300)}${']'.repeat(300)}]`),
        'posts/toml.md': `+++\ntitle = "T"\ne = ''\nk = ${'['.repeat(300)}${']'.repeat(300)}\n+++\n`,
        'posts/ok.md': post(`title: OK\nk: ${'['.repeat(99)}${']'.repeat(99)}`),
      });
      const r = blog(['list', '--format', 'paths'], { cwd: root, timeout: 15_000 });
      expectBounded(r, 'list');
      expect(r.stdout).toBe('posts/ok.md\n');
      expect(r.stderr).toBe('posts/toml.md:2:1: error: front matter is nested more than 100 levels deep (flatten the nested lists or maps)\nposts/yaml.md:2:1: error: front matter is nested more than 100 levels deep (flatten the nested lists or maps)\n');
    });

    it('20,000 repeated tags, 20,000 tags in another case in a second post, 80,000 keys in one map: lint and lint --fix finish (each took minutes: quadratic)', async () => {
      const many = (f: (i: number) => string, n = 20_000) => Array.from({ length: n }, (_, i) => f(i)).join(', ');
      const files = {
        'posts/a.md': post(`title: A\ndate: 2025-01-01\ntags: [${many((i) => `t${i}`)}]`),
        'posts/b.md': post(`title: B\ndate: 2025-01-01\ntags: [${many((i) => `T${i}`)}]`),
        'posts/c.md': post(`title: C\ndate: 2025-01-01\ntags: [${many(() => 'x')}]`),
        'posts/d.md': post(`title: D\ndate: 2025-01-01\nm: {${many((i) => `k${i}: 1`, 80_000)}}`),
        'posts/e.md': post(`title: E\ndate: 2025-01-01\nx: &a 1\n${Array.from({ length: 80_000 }, (_, i) => `k${i}: 1`).join('\n')}\nk7: 2`),
      };
      const lint = await blogAsync(['lint', '--format', 'json'], { cwd: tree(files), timeout: 30_000 });
      expectBounded(lint, 'lint');
      const doc = JSON.parse(lint.stdout) as { findings: { path: string; rule: string; message: string }[] };
      expect(doc.findings.filter((f) => f.rule === 'tag-case-variant')).toHaveLength(20_000);
      expect(doc.findings.filter((f) => f.rule === 'tag-duplicate')).toHaveLength(19_999);
      expect(doc.findings.find((f) => f.path === 'posts/e.md')?.message).toBe('duplicate key "k7": it appears more than once in the front matter');
      const fix = await blogAsync(['lint', '--fix'], { cwd: tree(files), timeout: 30_000 });
      expectBounded(fix, 'lint --fix');
      // The editor parses the front matter again (yaml's own duplicate-key check took a minute on d.md).
      const retag = await blogAsync(['retag', '--add', 'zz', '--yes'], { cwd: tree(files), timeout: 45_000 });
      expectBounded(retag, 'retag --add');
    }, 150_000);

    it('a flat categories: list of 3,000 items: categories, list and lint finish with the whole path', () => {
      const names = Array.from({ length: 3000 }, (_, i) => `c${i}`);
      const root = tree({ 'posts/cats.md': post(`title: C\ndate: 2025-01-01\ncategories: [${names.join(', ')}]`) });
      const cats = blog(['categories'], { cwd: root, timeout: 15_000, stdoutFile: join(tempDir(), 'out') });
      expectBounded(cats, 'blog categories');
      expect(cats.code).toBe(0);
      const list = blog(['list'], { cwd: root, timeout: 15_000 });
      expectBounded(list, 'blog list');
      expect(list.code).toBe(0);
      expect(list.stdout).toContain(names.join(' > '));
      const lint = blog(['lint', '--format', 'json'], { cwd: root, timeout: 15_000 });
      expectBounded(lint, 'blog lint');
      expect(lint.code).toBe(0);
    });

    it('a 50,000-character title: blog list finishes within 5 s and shows it whole on a pipe', () => {
      const title = 'x'.repeat(50_000);
      const root = tree({ 'posts/long.md': post(`title: ${title}\ndate: 2025-01-01`) });
      const r = blog(['list'], { cwd: root, timeout: 5_000 });
      expectBounded(r, 'blog list');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(title);
    });

    it('a 1,000,000-character title: blog list finishes within 20 s under --max-old-space-size=256', () => {
      const title = 'y'.repeat(1_000_000);
      const root = tree({ 'posts/long.md': post(`title: ${title}\ndate: 2025-01-01`) });
      const out = join(tempDir(), 'out');
      const r = blog(['list'], { cwd: root, timeout: 20_000, nodeArgs: ['--max-old-space-size=256'], stdoutFile: out });
      expectBounded(r, 'blog list');
      expect(r.code).toBe(0);
      expect(fs.readFileSync(out, 'utf8')).toContain(title);
    });

    it('one 1,000,000-character title among 300 posts: blog list output stays linear in the input (rows are not all padded to it)', async () => {
      const files: Record<string, string> = { 'posts/long.md': post(`title: ${'y'.repeat(1_000_000)}\ndate: 2025-01-01`) };
      for (let i = 0; i < 300; i++) files[`posts/p${i}.md`] = post(`title: P${i}\ndate: 2025-01-02`);
      const root = tree(files);
      const out = join(tempDir(), 'out');
      const r = await blogAsync(['list', '--no-cache'], { cwd: root, timeout: 20_000, nodeArgs: ['--max-old-space-size=256'], stdoutFile: out });
      expectBounded(r, 'blog list');
      expect(r.code).toBe(0);
      expect(fs.statSync(out).size, 'stdout bytes').toBeLessThan(20 * 1024 * 1024);
    });

    it('a post with 100,000 tags: blog list within 10 s and blog retag <one of them> renamed --yes within 20 s (under load)', async () => {
      const tags = Array.from({ length: 100_000 }, (_, i) => `t${i}`);
      const root = tree({ 'posts/many.md': post(`title: M\ndate: 2025-01-01\ntags: [${tags.join(', ')}]`) });
      // Alone this takes 0.3 s (it took 9.6 s when the tags were deduplicated in quadratic time); the
      // limit leaves room for the other tests of this file running on the same cores.
      const list = await blogAsync(['list', '--no-cache'], { cwd: root, timeout: 10_000 });
      expectBounded(list, 'blog list');
      expect(list.code).toBe(0);
      expect(list.stdout).toContain('t99999');
      const retag = await blogAsync(['retag', 't5000', 'renamed', '--yes'], { cwd: root, timeout: 20_000 });
      expectBounded(retag, 'blog retag');
      expect(retag.code).toBe(0);
      const text = fs.readFileSync(join(root, 'posts', 'many.md'), 'utf8');
      expect(text).toContain('t4999, renamed, t5001');
    });

    it('a post with 100,000 tags: tags, lint and stats each finish within 10 s (run side by side)', async () => {
      const tags = Array.from({ length: 100_000 }, (_, i) => `t${i}`);
      const root = tree({ 'posts/many.md': post(`title: M\ndate: 2025-01-01\ntags: [${tags.join(', ')}]`) });
      const commands = [['tags', '--no-cache'], ['lint', '--no-cache'], ['stats']];
      const runs = await Promise.all(commands.map((args) => blogAsync(args, { cwd: root, timeout: 10_000, stdoutFile: join(tempDir(), 'out') })));
      for (const [i, r] of runs.entries()) expectBounded(r, `blog ${(commands[i] as string[]).join(' ')}`);
    });

    it('3,000 posts with the same title and permalink: lint --format json stays linear (under --max-old-space-size=256, output under 30 MB)', async () => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 3000; i++) files[`posts/p${i}.md`] = post('title: Same\ndate: 2025-01-01\npermalink: /same/');
      const root = tree(files);
      const out = join(tempDir(), 'out');
      const r = await blogAsync(['lint', '--no-cache', '--format', 'json'], { cwd: root, timeout: 20_000, nodeArgs: ['--max-old-space-size=256'], stdoutFile: out });
      expectBounded(r, 'blog lint');
      expect(r.code).toBe(1);
      expect(fs.statSync(out).size, 'stdout bytes').toBeLessThan(30 * 1024 * 1024);
    });
  });

  describe('blog new with long CJK titles', () => {
    for (const [count, char] of [
      [80, '汉'],
      [200, '字'],
    ] as const) {
      it(`a ${count}-character Chinese title: the file name is at most 255 bytes, cut at a character boundary, ends in .md, and --dry-run prints the same path`, () => {
        const title = char.repeat(count);
        const root = tree({ 'posts/old.md': post('title: Old\ndate: 2025-01-01') });
        const dry = blog(['new', title, '--dry-run', '--json'], { cwd: root });
        expectBounded(dry, 'new --dry-run');
        expect(dry.code, describeRun(dry, 300)).toBe(0);
        const planned = (JSON.parse(dry.stdout) as { path: string }).path;
        const real = blog(['new', title, '--json'], { cwd: root });
        expectBounded(real, 'new');
        expect(real.code, describeRun(real, 300)).toBe(0);
        const written = JSON.parse(real.stdout) as { path: string; written: boolean };
        expect(written.written).toBe(true);
        expect(written.path).toBe(planned);
        const name = basename(written.path);
        expect(fs.existsSync(join(root, written.path))).toBe(true);
        expect(Buffer.byteLength(name), name).toBeLessThanOrEqual(255);
        expect(name.endsWith('.md')).toBe(true);
        const stem = name.slice(0, -3);
        expect(stem.length).toBeGreaterThan(0);
        expect(stem).toBe(char.repeat(stem.length)); // whole characters only, no U+FFFD
        if (count * 3 + 3 <= 255) expect(stem).toBe(title);
      });
    }
  });

  describe('blog new with a title or --slug far longer than a file name', () => {
    // Segmenting the whole name to shorten it took memory by the square of its length: 100,000
    // characters ran out of heap after seconds (SIGABRT). The timeout is generous; the heap cap
    // makes the old behaviour fail fast instead of eating the machine.
    it('a 100,000-character title: exit 0, the whole title in the front matter, a file name of at most 255 bytes (under --max-old-space-size=256)', async () => {
      const title = 'a '.repeat(50_000).trim();
      const root = tree({ 'posts/old.md': post('title: Old\ndate: 2025-01-01') });
      const r = await blogAsync(['new', title, '--dry-run', '--json'], { cwd: root, timeout: 60_000, nodeArgs: ['--max-old-space-size=256'] });
      expectBounded(r, 'new --dry-run');
      expect(r.code, describeRun(r, 300)).toBe(0);
      const plan = JSON.parse(r.stdout) as { path: string; content: string };
      expect(plan.content).toContain(`\ntitle: ${title}\n`);
      const name = basename(plan.path);
      expect(Buffer.byteLength(name), name).toBeLessThanOrEqual(255);
      expect(Buffer.byteLength(name), name).toBeGreaterThan(200);
      expect(name).toMatch(/^a(-a)+\.md$/);
      expect(plan.path).toBe(`posts/${name}`);
    });

    it('a title whose first character alone is too long for a file name (a letter and 300 combining marks): exit 2, one line, no hidden .md written', () => {
      const root = tree({ 'posts/old.md': post('title: Old\ndate: 2025-01-01') });
      const r = blog(['new', `a${'\u0301'.repeat(300)}`], { cwd: root });
      expect(r.code, describeRun(r)).toBe(2);
      expect(r.stderr).toBe('blog: error: the title gives a file name too long for a file system, with nothing left when shortened (pass --slug <name>)\n');
      expect(fs.readdirSync(join(root, 'posts'))).toEqual(['old.md']);
    });

    it('a 30,000-character --slug: exit 0, the post written under a file name of at most 255 bytes (under --max-old-space-size=256)', async () => {
      const root = tree({ 'posts/old.md': post('title: Old\ndate: 2025-01-01') });
      const r = await blogAsync(['new', 'Long slug', '--slug', 'b'.repeat(30_000), '--json'], { cwd: root, timeout: 60_000, nodeArgs: ['--max-old-space-size=256'] });
      expectBounded(r, 'new --slug');
      expect(r.code, describeRun(r, 300)).toBe(0);
      const written = JSON.parse(r.stdout) as { path: string; written: boolean };
      expect(written.written).toBe(true);
      expect(written.path).toBe(`posts/${'b'.repeat(252)}.md`);
      expect(fs.existsSync(join(root, written.path))).toBe(true);
    });
  });

  describe('big bodies', () => {
    it('blog stats on one post with a 60 MB body under --max-old-space-size=64 counts every word', async () => {
      const root = tree({ 'posts/old.md': post('title: Old\ndate: 2025-01-01', '') });
      const line = `${'word 字 '.repeat(1000)}\n`; // 2,000 words a line
      const chunk = line.repeat(100);
      const lines = Math.ceil(60_000_000 / Buffer.byteLength(line) / 100) * 100;
      const fd = fs.openSync(join(root, 'posts', 'big.md'), 'w');
      fs.writeSync(fd, '---\ntitle: Big\ndate: 2025-01-02\n---\n');
      for (let i = 0; i < lines / 100; i++) fs.writeSync(fd, chunk);
      fs.closeSync(fd);
      const r = await blogAsync(['stats', '--json'], { cwd: root, timeout: 40_000, nodeArgs: ['--max-old-space-size=64'] });
      expectBounded(r, 'blog stats');
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout) as { words: { total: number } };
      expect(doc.words.total).toBe(lines * 2000);
    });
  });

  describe('deep nesting is a clean front-matter error, never a stack overflow', () => {
    const flow = (depth: number, item: string) => `${`[${item}, `.repeat(depth)}x${']'.repeat(depth)}`;

    function expectUnreadable(root: string, file: string): void {
      const list = blog(['list'], { cwd: root, timeout: 15_000 });
      expectBounded(list, 'blog list');
      expect(list.code, describeRun(list, 300)).toBe(1);
      expect(list.stderr).toContain(file);
      expect(list.stdout).toContain('OK');
      const lint = blog(['lint', '--format', 'json'], { cwd: root, timeout: 15_000 });
      expectBounded(lint, 'blog lint');
      expect(lint.code).toBe(1);
      const findings = (JSON.parse(lint.stdout) as { findings: { path: string; rule: string; message: string }[] }).findings.filter((f) => f.path === file);
      expect(findings.map((f) => f.rule)).toContain('front-matter-unreadable');
      expect(findings.map((f) => f.message).join('\n')).not.toMatch(CRASH);
    }

    for (const [name, item] of [
      ["x'y (a single quote inside plain scalars)", "x'y"],
      ['x"y (a double quote inside plain scalars)', 'x"y'],
    ] as const) {
      it(`150 levels of [[[ with ${name}: list and lint report front-matter-unreadable (exit 1)`, () => {
        const root = tree({ 'posts/deep.md': post(`title: D\ndate: 2025-01-01\na: ${flow(150, item)}`), 'posts/ok.md': post('title: OK\ndate: 2025-01-02') });
        expectUnreadable(root, 'posts/deep.md');
      });
    }

    it("10,000 levels hidden behind one quote ([x', [[[[…): list and lint report it cleanly, no 'Maximum call stack'", () => {
      const root = tree({
        'posts/deep.md': post(`title: D\ndate: 2025-01-01\na: [x', ${'['.repeat(10_000)}${']'.repeat(10_001)}`),
        'posts/ok.md': post('title: OK\ndate: 2025-01-02'),
      });
      expectUnreadable(root, 'posts/deep.md');
      const tags = blog(['tags'], { cwd: root, timeout: 15_000 });
      expectBounded(tags, 'blog tags');
      const retag = blog(['retag', '--add', 'Z', '--yes'], { cwd: root, timeout: 15_000 });
      expectBounded(retag, 'blog retag');
    });

    it('10,000 plain levels of [[[ and of {a: {a: …: a clean error', () => {
      const root = tree({
        'posts/deep1.md': post(`title: D\ndate: 2025-01-01\na: ${'['.repeat(10_000)}${']'.repeat(10_000)}`),
        'posts/deep2.md': post(`title: D\ndate: 2025-01-01\na: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}`),
        'posts/ok.md': post('title: OK\ndate: 2025-01-02'),
      });
      expectUnreadable(root, 'posts/deep1.md');
      expectUnreadable(root, 'posts/deep2.md');
    });

    it('Hexo ;;; JSON front matter 150 and 100,000 levels deep behind an escaped quote ("\\""): a clean error', () => {
      for (const depth of [150, 100_000]) {
        const root = tree({
          '_config.yml': 'title: s\n',
          'source/_posts/deep.md': `;;;\n"title": "J", "date": "2025-01-01", "a": ["\\"", ${'['.repeat(depth)}${']'.repeat(depth + 1)}\n;;;\nbody\n`,
          'source/_posts/ok.md': post('title: OK\ndate: 2025-01-02'),
        });
        expectUnreadable(root, 'source/_posts/deep.md');
      }
    });
  });

  describe('error messages quote little of the input', () => {
    it('an invalid date: value of 900,000 characters gives a problem line under 2 KB (list stderr, lint output)', () => {
      const root = tree({ 'posts/d.md': post(`title: X\ndate: "${'9'.repeat(900_000)}"`), 'posts/ok.md': post('title: OK\ndate: 2025-01-02') });
      const list = blog(['list'], { cwd: root });
      expectBounded(list, 'blog list');
      expect(list.code).toBe(1);
      expect(list.err.length, list.stderr.slice(0, 200)).toBeLessThan(2048);
      const lint = blog(['lint', '--format', 'compact'], { cwd: root });
      expectBounded(lint, 'blog lint');
      expect(lint.out.length, lint.stdout.slice(0, 200)).toBeLessThan(2048);
    });

    it('an invalid date: value of 50 MB gives stderr under 2 KB', () => {
      const root = tree({ 'posts/ok.md': post('title: OK\ndate: 2025-01-02') });
      const fd = fs.openSync(join(root, 'posts', 'd.md'), 'w');
      fs.writeSync(fd, '---\ntitle: X\ndate: "');
      const chunk = 'z'.repeat(1_000_000);
      for (let i = 0; i < 50; i++) fs.writeSync(fd, chunk);
      fs.writeSync(fd, '"\n---\n');
      fs.closeSync(fd);
      const r = blog(['list'], { cwd: root, timeout: 20_000 });
      expectBounded(r, 'blog list');
      expect(r.code).toBe(1);
      expect(r.err.length, r.stderr.slice(0, 200)).toBeLessThan(2048);
    });
  });

  describe('paths beyond the system limit', () => {
    it('a post in folders nested past PATH_MAX: lint fails (exit 1) instead of passing with a warning, and no raw ENAMETOOLONG', async () => {
      const root = tree({ 'posts/ok.md': post('title: OK\ndate: 2025-01-02') });
      // 2,200 levels of "d/": 4,400 characters, more than PATH_MAX (4,096). Made with relative steps.
      const script = `const fs = require('fs'); process.chdir('posts'); for (let i = 0; i < 2200; i++) { fs.mkdirSync('d'); process.chdir('d'); } fs.writeFileSync('deep.md', '---\\ntitle: Deep\\ndate: 2025-01-03\\n---\\n');`;
      const made = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
      expect(made.status).toBe(0);
      const r = await blogAsync(['lint'], { cwd: root, timeout: 20_000 });
      expect(r.timedOut).toBe(false);
      expect(r.code, describeRun(r, 300)).toBe(1);
      expect(r.stderr + r.stdout).not.toMatch(/ENAMETOOLONG/);
    });
  });
});
