/**
 * Honest results: blog never reports success over something it could not do or read, never
 * crashes on odd input, never shows values other than what the files hold.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEnv, binPath, blog, blogAsync, CRASH, describeRun, isRoot, nodePath, sleep, tempDir, useTrees, type RunResult } from './helpers.js';

const tree = useTrees();

const POST = (title: string, tags = '[a]') => `---\ntitle: ${title}\ndate: 2025-01-01 10:00:00\ntags: ${tags}\n---\nbody\n`;

const FORMATS: string[][] = [
  ['list'],
  ['list', '--format', 'json'],
  ['list', '--format', 'csv'],
  ['list', '--format', 'paths'],
  ['lint'],
  ['lint', '--format', 'compact'],
  ['lint', '--format', 'json'],
  ['lint', '--format', 'github'],
  ['lint', '--format', 'sarif'],
];

/** Exit 2 in every format; any JSON document printed also reports the folder. */
async function expectFolderError(root: string, folder: string): Promise<void> {
  const failures: string[] = [];
  const runs = await Promise.all(FORMATS.map((args) => blogAsync(args, { cwd: root })));
  for (const [i, r] of runs.entries()) {
    const args = FORMATS[i] as string[];
    if (r.code !== 2) failures.push(`${args.join(' ')}: ${describeRun(r, 150)}`);
    if (CRASH.test(r.stderr)) failures.push(`${args.join(' ')}: crash ${r.stderr.slice(0, 200)}`);
    if (r.stdout.trim().startsWith('{') && !r.stdout.includes(folder)) failures.push(`${args.join(' ')}: the JSON output does not report ${folder}`);
  }
  expect(failures).toEqual([]);
}

// Every test has its own folders, so they run side by side.
describe.concurrent('honest results', () => {
  describe('an unreadable posts folder is an error in every format', () => {
    it.skipIf(isRoot)('posts/ with mode 000: list (table, json, csv, paths) and lint (all formats) exit 2', async () => {
      const root = tree({ 'posts/a.md': POST('A') });
      fs.chmodSync(join(root, 'posts'), 0o000);
      try {
        await expectFolderError(root, 'posts');
      } finally {
        fs.chmodSync(join(root, 'posts'), 0o755);
      }
    });

    it('a Hexo site whose source/_posts is a dangling symlink: every format exits 2 and JSON/SARIF report it', async () => {
      const root = tree({ '_config.yml': 'title: s\n', 'package.json': JSON.stringify({ dependencies: { hexo: '^7.0.0' } }), 'source/_posts': { symlink: 'gone' } });
      await expectFolderError(root, 'source/_posts');
    });

    it('a Hexo site whose source/_posts is a regular file: every format exits 2 and JSON/SARIF report it', async () => {
      const root = tree({ '_config.yml': 'title: s\n', 'package.json': JSON.stringify({ dependencies: { hexo: '^7.0.0' } }), 'source/_posts': 'not a folder\n' });
      await expectFolderError(root, 'source/_posts');
    });

    it('a ./posts that is a file or a dangling symlink: every format exits 2', async () => {
      await expectFolderError(tree({ posts: 'not a folder\n' }), 'posts');
      await expectFolderError(tree({ posts: { symlink: 'gone' } }), 'posts');
    });
  });

  describe('a write error on stdout', () => {
    for (const args of [['list'], ['list', '--json'], ['lint', '--format', 'sarif'], ['tags'], ['stats']]) {
      it(`blog ${args.join(' ')} > /dev/full prints one line on stderr and exits 2, no stack trace`, () => {
        const root = tree({ 'posts/a.md': POST('A'), 'posts/b.md': POST('B') });
        const r = spawnSync('sh', ['-c', 'exec "$0" "$@" > /dev/full', nodePath, binPath, ...args], { cwd: root, env: baseEnv(), encoding: 'utf8', timeout: 20_000 });
        const run = `exit ${r.status}; stderr ${JSON.stringify(r.stderr)}`;
        expect(r.status, run).toBe(2);
        expect(r.stderr, run).not.toMatch(CRASH);
        expect(r.stderr.trimEnd().split('\n'), run).toHaveLength(1);
      });
    }
  });

  describe('a file name that is not valid UTF-8', () => {
    it('is listed or reported with a clear message (not "missing" or "permissions"), never a crash, and the other posts are listed', () => {
      const root = tree({ 'posts/ok.md': POST('Fine post') });
      const bad = Buffer.concat([Buffer.from(join(root, 'posts') + '/'), Buffer.from([0x66, 0xff, 0x2e, 0x6d, 0x64])]);
      fs.writeFileSync(bad, POST('Bad name'));
      for (const args of [['list'], ['list', '--json'], ['lint'], ['tags'], ['stats']]) {
        const r = blog(args, { cwd: root });
        expect([0, 1], `${args.join(' ')}: ${describeRun(r)}`).toContain(r.code);
        expect(r.stderr).not.toMatch(CRASH);
        if (args[0] === 'list') expect(r.stdout).toContain('Fine post');
        const listed = r.stdout.includes('Bad name');
        const problem = (r.stdout + r.stderr).split('\n').find((l) => /f(\uFFFD|\\xff|\\xFF|%FF|\?)/i.test(l) && !l.includes('Bad name'));
        if (args.join(' ') === 'list') {
          expect(listed || problem !== undefined, `neither listed nor reported: ${describeRun(r)}`).toBe(true);
          if (!listed) expect(problem, 'the problem line').not.toMatch(/ENOENT|no such file|permission/i);
        }
      }
      const retag = blog(['retag', '--add', 'Z', '--yes'], { cwd: root });
      expect([0, 1], describeRun(retag)).toContain(retag.code);
      expect(retag.stderr).not.toMatch(CRASH);
      expect(retag.stderr, 'retag names the file it could not edit with a clear reason').not.toMatch(/ENOENT|no such file/i);
      expect(fs.readFileSync(bad, 'utf8'), 'the post with the odd name is retagged or left as it was').toMatch(/^---\ntitle: Bad name\n/);
    });
  });

  describe('a file name that is not valid UTF-8 next to a real one it decodes to', () => {
    it('a\\xff.md reads as a\uFFFD.md: the real a\uFFFD.md is listed once, the other reported, and lint finds no duplicate (it was read twice)', () => {
      for (const threads of ['1', '2']) {
        const root = tree({ 'posts/a\uFFFD.md': '---\ntitle: real\ndate: 2024-01-01\n---\n' });
        fs.writeFileSync(Buffer.concat([Buffer.from(join(root, 'posts') + '/'), Buffer.from([0x61, 0xff, 0x2e, 0x6d, 0x64])]), '---\ntitle: x\ndate: 2024-01-02\n---\n');
        const env = { BLOG_THREADS: threads };
        const list = blog(['list', '--format', 'paths'], { cwd: root, env });
        expect(list, threads).toMatchObject({ code: 1, stdout: 'posts/a\uFFFD.md\n', stderr: 'posts/a\\xff.md: error: file name is not valid UTF-8; skipped (rename the file (bytes that are not UTF-8 are shown as \\xHH))\n' });
        const lint = blog(['lint', '--format', 'compact'], { cwd: root, env });
        expect(lint.stdout, threads).toBe('posts/a\\xff.md:1:1: error file name is not valid UTF-8; skipped (front-matter-unreadable)\n');
      }
    });
  });

  describe('YAML tags in site and blog configs', () => {
    const hasRawWarning = (s: string) => /\(node:\d+\)|YAMLWarning|TAG_RESOLVE_FAILED|--trace-warnings/.test(s);

    it("_config.yml with timezone: !!js/function 'x' and new_post_name: !custom x gives at most one clean warning line per problem, never Node's raw (node:1234) warning", () => {
      const root = tree({ '_config.yml': "title: s\ntimezone: !!js/function 'x'\nnew_post_name: !custom x\n", 'source/_posts/a.md': POST('A') });
      for (const args of [['list'], ['new', 'Hello', '--dry-run']]) {
        const r = blog(args, { cwd: root });
        expect(hasRawWarning(r.stderr), `${args.join(' ')}: ${describeRun(r)}`).toBe(false);
        expect(r.stderr).not.toMatch(CRASH);
        const lines = r.stderr.split('\n').filter(Boolean);
        expect(lines.filter((l) => /js\/function|timezone/.test(l)).length, r.stderr).toBeLessThanOrEqual(1);
        expect(lines.filter((l) => /!custom|new_post_name/.test(l)).length, r.stderr).toBeLessThanOrEqual(1);
        expect(lines.every((l) => /^(blog: |source\/)/.test(l)), `every stderr line is one of blog's own: ${r.stderr}`).toBe(true);
      }
    });

    it('blog.config.yaml with !!js/function and !custom tags gives a clean one-line error or warning, never the raw Node warning', () => {
      for (const text of ["posts: posts\ntimezone: !!js/function 'x'\n", 'posts: !custom posts\n']) {
        const root = tree({ 'blog.config.yaml': text, 'posts/a.md': POST('A') });
        const r = blog(['list'], { cwd: root });
        expect(hasRawWarning(r.stderr), `${JSON.stringify(text)}: ${describeRun(r)}`).toBe(false);
        expect(r.stderr).not.toMatch(CRASH);
        expect(r.stderr.split('\n').filter(Boolean).every((l) => /^blog: /.test(l)), r.stderr).toBe(true);
      }
    });
  });

  describe('code-construction tags in posts', () => {
    it("blog lint reports title: !!js/function 'function(){}' and x: !!python/object:os.system ls as errors at their lines (exit 1)", () => {
      const root = tree({
        'posts/a.md': "---\ntitle: !!js/function 'function(){}'\ndate: 2025-01-01\n---\n",
        'posts/b.md': '---\ntitle: B\ndate: 2025-01-01\nx: !!python/object:os.system ls\n---\n',
      });
      const r = blog(['lint', '--format', 'json'], { cwd: root });
      expect(r.code, describeRun(r)).toBe(1);
      const findings = (JSON.parse(r.stdout) as { findings: { path: string; line: number; severity: string }[] }).findings;
      expect(findings.some((f) => f.path === 'posts/a.md' && f.line === 2 && f.severity === 'error'), JSON.stringify(findings)).toBe(true);
      expect(findings.some((f) => f.path === 'posts/b.md' && f.line === 4 && f.severity === 'error'), JSON.stringify(findings)).toBe(true);
    });
  });

  describe('empty and contradictory arguments are usage errors (exit 2, one line)', () => {
    const cases: [string, string[]][] = [
      ['retag --add X --remove X', ['retag', '--add', 'X', '--remove', 'X', '--dry-run']],
      ["list --tag ''", ['list', '--tag', '']],
      ["list --dir ''", ['list', '--dir', '']],
      ["list --category ''", ['list', '--category', '']],
      ["retag --tag '' --add X", ['retag', '--tag', '', '--add', 'X', '--dry-run']],
    ];
    for (const [name, args] of cases) {
      it(`${name} exits 2 with one line on stderr`, () => {
        const root = tree({ 'posts/a.md': POST('A', '[X]') });
        const r: RunResult = blog(args, { cwd: root });
        expect(r.code, describeRun(r)).toBe(2);
        expect(r.stderr.trimEnd().split('\n'), describeRun(r)).toHaveLength(1);
        expect(r.stderr).not.toMatch(CRASH);
      });
    }
  });
});
