/**
 * What the one-parser, one-pipeline shape promises, seen from outside: no command reads front
 * matter another way (the two bugs the five fence finders caused), every command reports the same
 * unreadable posts whatever its filter, the same flag means the same thing everywhere, and hints
 * are commands a shell runs as written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBlog, useTempTrees } from '../helpers.js';

const tree = useTempTrees();

describe('one front-matter module: a block closed by "..." is read the same way everywhere', () => {
  // YAML allows "..." to end a document; the body below it holds a line that looks like tags.
  const dots = '---\ntitle: Dots\ntags: [old]\n...\nBody text.\ntags: [from-the-body]\n---\n';

  it('retag --dry-run shows the hunk (it used to print headers and no hunk)', () => {
    const root = tree({ 'posts/dots.md': dots });
    const r = runBlog(['retag', 'old', 'new', '--dry-run'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(['--- a/posts/dots.md', '+++ b/posts/dots.md', '@@ -1,6 +1,6 @@', ' ---', ' title: Dots', '-tags: [old]', '+tags: [new]', ' ...', ' Body text.', ' tags: [from-the-body]', '1 file would change, 0 unchanged, 0 skipped', '  renamed tag old → new in 1 post', ''].join('\n'));
    expect(runBlog(['retag', 'old', 'new', '--yes'], { cwd: root }).code).toBe(0);
    expect(readFileSync(join(root, 'posts/dots.md'), 'utf8')).toBe(dots.replace('[old]', '[new]'));
  });

  it('completion offers the tags of the front matter, never a value from the body', () => {
    const root = tree({ 'posts/dots.md': dots });
    const r = runBlog(['__complete', 'tags'], { cwd: root });
    expect(r.stdout).toBe('old\n');
  });
});

describe('one reading pipeline: what a command reports does not depend on its filter', () => {
  const blog = {
    'posts/chatgpt.md': '---\ntitle: A\ndate: 2025-01-01\ntags: [ChatGPT]\n---\n',
    'posts/hexo.md': '---\ntitle: B\ndate: 2025-01-02\ntags: [Hexo]\n---\n',
    // Unreadable, and its bytes name neither tag: a filter that looked at bytes first skipped it.
    'posts/broken.md': '---\ntitle: [unclosed\n---\n',
  };
  const broken = 'posts/broken.md:3:1: error: YAML syntax error';

  it.each([
    ['list', '--tag', 'ChatGPT'],
    ['list', '--tag', 'Hexo'],
    ['list', '--tag', 'nothing-has-this'],
    ['list'],
    ['tags', '--tag', 'ChatGPT'],
    ['categories', '--tag', 'Hexo'],
    ['stats', '--tag', 'ChatGPT', '--no-words'],
  ].map((args) => [args.join(' '), args] as const))('blog %s: the broken post is reported and the exit code is 1', (_name, args) => {
    const root = tree(blog);
    const r = runBlog([...args], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(broken);
  });

  it('--json carries the same problem whatever the filter', () => {
    const root = tree(blog);
    const problems = (tag: string) => JSON.parse(runBlog(['list', '--tag', tag, '--json'], { cwd: root }).stdout).problems.map((p: { path: string }) => p.path);
    expect(problems('ChatGPT')).toEqual(['posts/broken.md']);
    expect(problems('Hexo')).toEqual(['posts/broken.md']);
  });
});

describe('one face for the flags', () => {
  const blog = { 'posts/a.md': '---\ntitle: A\ndate: 2025-01-01\ntags: [x, y]\ncategories: [Tech]\n---\n', 'posts/b.md': '---\ntitle: B\ndate: 2025-01-02\ntags: [x]\n---\n' };
  const NOW = ['--date', '2025-03-31 21:17:31'];

  it('new takes --tag (repeatable) as well as --tags, and --category as well as --categories', () => {
    const a = tree({ 'posts/.keep': '' });
    const viaTag = runBlog(['new', 'T', '--tag', 'a', '--tag', 'b', '--category', 'C', '--json', ...NOW], { cwd: a });
    const b = tree({ 'posts/.keep': '' });
    const viaTags = runBlog(['new', 'T', '--tags', 'a,b', '--categories', 'C', '--json', ...NOW], { cwd: b });
    expect(viaTag.code).toBe(0);
    expect(JSON.parse(viaTag.stdout)).toEqual(JSON.parse(viaTags.stdout));
    expect(readFileSync(join(a, 'posts/T.md'), 'utf8')).toBe(readFileSync(join(b, 'posts/T.md'), 'utf8'));
  });

  it('--json is --format json on every command that has formats', () => {
    const root = tree(blog);
    for (const cmd of [['lint'], ['list'], ['tags'], ['categories'], ['stats', '--no-words']]) {
      const json = runBlog([...cmd, '--json'], { cwd: root });
      const format = runBlog([...cmd, '--format', 'json'], { cwd: root });
      expect(json.stdout, cmd.join(' ')).toBe(format.stdout);
      expect(() => JSON.parse(json.stdout), cmd.join(' ')).not.toThrow();
    }
  });

  it('--tag filters on list, tags, categories, stats, retag and lint', () => {
    const root = tree(blog);
    expect(runBlog(['list', '--tag', 'y', '--format', 'paths'], { cwd: root }).stdout).toBe('posts/a.md\n');
    expect(JSON.parse(runBlog(['tags', '--tag', 'y', '--json'], { cwd: root }).stdout).posts).toBe(1);
    expect(JSON.parse(runBlog(['categories', '--tag', 'y', '--json'], { cwd: root }).stdout).categories).toEqual([{ name: 'Tech', count: 1, children: [] }]);
    expect(JSON.parse(runBlog(['stats', '--tag', 'y', '--json', '--no-words'], { cwd: root }).stdout).posts).toBe(1);
    expect(JSON.parse(runBlog(['retag', '--add', 'z', '--tag', 'y', '--dry-run', '--json'], { cwd: root }).stdout).changed.map((c: { path: string }) => c.path)).toEqual(['posts/a.md']);
    expect(JSON.parse(runBlog(['lint', '--tag', 'y', '--json'], { cwd: root }).stdout).summary.files).toBe(1);
  });

  it('-n is --dry-run (retag, new, publish); list keeps -n <n> for --limit as it was documented', () => {
    const root = tree(blog);
    expect(runBlog(['retag', 'x', 'X', '-n'], { cwd: root }).stdout).toContain('would change');
    expect(runBlog(['new', 'Hello', '-n', ...NOW], { cwd: root }).stderr).toContain('dry run, nothing written');
    expect(runBlog(['list', '-n', '1', '--format', 'paths'], { cwd: root }).stdout).toBe('posts/b.md\n');
    expect(runBlog(['list', '--limit', '1', '--format', 'paths'], { cwd: root }).stdout).toBe('posts/b.md\n');
  });

  it('blog help <command>, -v, --version and -V', () => {
    const root = tree(blog);
    const help = runBlog(['help', 'list'], { cwd: root });
    expect(help.code).toBe(0);
    expect(help.stdout).toBe(runBlog(['list', '--help'], { cwd: root }).stdout);
    const version = runBlog(['--version'], { cwd: root }).stdout;
    expect(version).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(runBlog(['-v'], { cwd: root }).stdout).toBe(version);
    expect(runBlog(['-V'], { cwd: root }).stdout).toBe(version);
  });
});

describe('hints are commands a shell runs as written', () => {
  it('the case-variant hint quotes names with $ in single quotes (double quotes would expand them)', () => {
    const root = tree({
      'posts/a.md': '---\ntitle: A\ndate: 2025-01-01\ntags: [$Money]\n---\n',
      'posts/b.md': '---\ntitle: B\ndate: 2025-01-02\ntags: [$Money]\n---\n',
      'posts/c.md': "---\ntitle: C\ndate: 2025-01-03\ntags: [$money]\n---\n",
    });
    const r = runBlog(['lint', '--json'], { cwd: root });
    const hint = JSON.parse(r.stdout).findings.find((f: { rule: string }) => f.rule === 'tag-case-variant').hint;
    expect(hint).toBe("blog retag '$money' '$Money' fixes every post, and so does --fix");
    // and what the hint says to run does what it says
    expect(runBlog(['retag', '$money', '$Money', '--yes'], { cwd: root }).code).toBe(0);
    expect(readFileSync(join(root, 'posts/c.md'), 'utf8')).toContain('tags: [$Money]');
  });
});
