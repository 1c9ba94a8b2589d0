import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runBlog, snapshotTree, useTempTrees } from '../helpers.js';

const golden = join(repoRoot, 'tests/fixtures/retag-golden');
const tree = useTempTrees();

function goldenCopy(): string {
  const root = tree({});
  cpSync(join(golden, 'input'), join(root, 'posts'), { recursive: true });
  return root;
}

const OLD = new Date('2020-01-01T00:00:00Z');
function ageAll(dir: string): void {
  for (const name of readdirSync(dir)) utimesSync(join(dir, name), OLD, OLD);
}

describe('blog retag: golden files, byte for byte', () => {
  it.each([
    ['expected-rename', ['-i', 'chatgpt', 'ChatGPT']],
    ['expected-add-remove', ['--add', '人工智能', '--add', 'AI: the hype', '--remove', 'AI']],
  ])('%s', (expectedDir, args) => {
    const root = goldenCopy();
    ageAll(join(root, 'posts'));
    const r = runBlog(['retag', ...args, '--yes'], { cwd: root });
    expect(r.code).toBe(1); // broken.md, hugo.md and multiline-flow.md are skipped
    expect(r.stderr.split('\n').filter(Boolean).map((l) => l.replace(/: skipped: .*/, ''))).toEqual([
      'posts/broken.md:3:1',
      'posts/hugo.md:2:1',
      'posts/multiline-flow.md:3:7',
    ]);
    const expected = join(golden, expectedDir);
    for (const name of readdirSync(expected)) {
      const got = readFileSync(join(root, 'posts', name));
      expect({ name, bytes: got.toString('latin1') }).toEqual({ name, bytes: readFileSync(join(expected, name)).toString('latin1') });
      const input = readFileSync(join(golden, 'input', name));
      // Files that need no change are not written at all: same mtime.
      if (got.equals(input)) expect(statSync(join(root, 'posts', name)).mtime.getTime()).toBe(OLD.getTime());
    }
    expect(readdirSync(join(root, 'posts')).sort()).toEqual(readdirSync(expected).sort());
    // Idempotent: the same command again changes nothing.
    const again = runBlog(['retag', ...args, '--yes', '--json'], { cwd: root });
    expect(JSON.parse(again.stdout).changed).toEqual([]);
  });
});

describe('blog retag: behaviour', () => {
  const posts = {
    'posts/a.md': '---\ntitle: A\ntags: [chatgpt, AI]\n---\n',
    'posts/b.md': '---\ntitle: B\ntags:\n  - ChatGPT\n  - gpt\n---\n',
    'posts/c.md': '---\ntitle: C\ntags: [Rust]\ncategories: [前端, js]\n---\n',
    'posts/sub/d.md': '---\ntitle: D\ndate: 2024-01-01\ntags: [ChatGPT]\ncategories:\n  - - 前端\n    - js\n  - - 后端\n---\n',
  };

  it('a post with a value that cannot be read (an impossible date) is reported and exits 1, as list and tags do; it is still retagged', () => {
    const root = tree({ 'posts/坏文章.md': '---\ntitle: 坏\ndate: 2025-02-30\ntags: [a]\n---\n', 'posts/ok.md': '---\ntitle: ok\ndate: 2025-02-01\ntags: [a]\n---\n' });
    const error = 'posts/坏文章.md:3:7: error: date "2025-02-30" is not a real date: February 2025 has 28 days, not 30 (write a real date as YYYY-MM-DD HH:mm:ss)\n';
    expect(runBlog(['tags'], { cwd: root })).toMatchObject({ code: 1, stderr: error });
    const r = runBlog(['retag', 'a', 'b', '--yes'], { cwd: root });
    expect(r).toMatchObject({ code: 1, stderr: error, stdout: '2 files changed, 0 unchanged, 0 skipped\n  renamed tag a → b in 2 posts\n' });
    const json = runBlog(['retag', 'b', 'c', '--yes', '--json'], { cwd: root });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).problems).toEqual([{ path: 'posts/坏文章.md', line: 3, col: 7, severity: 'error', code: 'date-invalid', message: 'date "2025-02-30" is not a real date: February 2025 has 28 days, not 30', hint: 'write a real date as YYYY-MM-DD HH:mm:ss' }]);
  });

  it('a name no post has is never answered with the new name itself (retag chatgpt ChatGPT: "Did you mean ChatGPT?")', () => {
    const root = tree({ 'posts/a.md': '---\ntitle: A\ntags: [ChatGPT]\n---\n' });
    expect(runBlog(['retag', 'chatgpt', 'ChatGPT', '--dry-run'], { cwd: root }).stderr).toBe('blog: note: no post has the tag chatgpt.\n');
    expect(runBlog(['retag', 'chatgpt', 'GPT', '--dry-run'], { cwd: root }).stderr).toBe('blog: note: no post has the tag chatgpt. Did you mean ChatGPT?\n');
    // With -i, nor a case variant of it.
    expect(runBlog(['retag', '-i', 'chatgtp', 'CHATGPT', '--dry-run'], { cwd: root }).stderr).toBe('blog: note: no post has the tag chatgtp (in any case).\n');
  });

  it('without a terminal, refuses to write unless --yes or --dry-run (exit 2, nothing read or written)', () => {
    const root = tree(posts);
    const before = snapshotTree(root);
    const r = runBlog(['retag', 'chatgpt', 'ChatGPT'], { cwd: root });
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: 'blog: error: retag writes files: pass --yes to write them, or --dry-run to preview the changes\n' });
    expect(snapshotTree(root)).toEqual(before);
  });

  it('--dry-run: a diff git applies: a CRLF post keeps its line endings (a CR inside a line is shown), a missing last newline is marked, trailing spaces stay', () => {
    const root = tree({ 'posts/a.md': '---\r\ntitle: A\r\ntags: [js, b]\r\n---\r\nbody\r\n', 'posts/b.md': '---\ntitle: "B\\rx"\ntags:\n  - js\n---\nlast  ' });
    const r = runBlog(['retag', 'js', 'JavaScript', '--dry-run'], { cwd: root });
    expect(r.code).toBe(0);
    const patch = r.stdout.slice(0, r.stdout.indexOf('2 files would change'));
    expect(patch).toBe(
      [
        '--- a/posts/a.md',
        '+++ b/posts/a.md',
        '@@ -1,5 +1,5 @@',
        ' ---\r',
        ' title: A\r',
        '-tags: [js, b]\r',
        '+tags: [JavaScript, b]\r',
        ' ---\r',
        ' body\r',
        '--- a/posts/b.md',
        '+++ b/posts/b.md',
        '@@ -1,6 +1,6 @@',
        ' ---',
        ' title: "B\\rx"',
        ' tags:',
        '-  - js',
        '+  - JavaScript',
        ' ---',
        ' last  ',
        '\\ No newline at end of file',
        '',
      ].join('\n'),
    );
    // git applies it to the files as they are (in a repository of their own).
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: root } });
    git('init', '-q');
    writeFileSync(join(root, 'retag.patch'), patch);
    git('apply', '--check', 'retag.patch');
    git('apply', 'retag.patch');
    expect(readFileSync(join(root, 'posts/a.md'), 'utf8')).toBe('---\r\ntitle: A\r\ntags: [JavaScript, b]\r\n---\r\nbody\r\n');
    // A CR inside a line (here in the body, shown as context) is shown, not written: it would move the cursor back.
    const inside = tree({ 'posts/c.md': '---\r\ntitle: C\r\ntags: [js]\r\n---\r\nover\rwrite\r\n' });
    const c = runBlog(['retag', 'js', 'JavaScript', '--dry-run'], { cwd: inside });
    expect(c.stdout).toContain('\n over\\rwrite\r\n');
  });

  it('--dry-run prints a unified diff and a summary, writes nothing', () => {
    const root = tree(posts);
    const before = snapshotTree(root);
    const r = runBlog(['retag', 'chatgpt', 'gpt', 'ChatGPT', '--dry-run'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '--- a/posts/a.md',
        '+++ b/posts/a.md',
        '@@ -1,4 +1,4 @@',
        ' ---',
        ' title: A',
        '-tags: [chatgpt, AI]',
        '+tags: [ChatGPT, AI]',
        ' ---',
        '--- a/posts/b.md',
        '+++ b/posts/b.md',
        '@@ -2,5 +2,4 @@',
        ' title: B',
        ' tags:',
        '   - ChatGPT',
        '-  - gpt',
        ' ---',
        '2 files would change, 2 unchanged, 0 skipped',
        '  renamed tag chatgpt → ChatGPT in 1 post',
        '  renamed tag gpt → ChatGPT in 1 post',
        '',
      ].join('\n'),
    );
    expect(snapshotTree(root)).toEqual(before);
  });

  it('merges, then the reverse rename does not split what was merged; --json summary', () => {
    const root = tree(posts);
    const r = runBlog(['retag', 'chatgpt', 'gpt', 'ChatGPT', '--yes', '--json'], { cwd: root });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      dryRun: false,
      field: 'tags',
      missing: [],
      problems: [],
      changed: [
        { path: 'posts/a.md', before: ['chatgpt', 'AI'], after: ['ChatGPT', 'AI'] },
        { path: 'posts/b.md', before: ['ChatGPT', 'gpt'], after: ['ChatGPT'] },
      ],
      skipped: [],
      unchanged: 2,
      summary: { files: 2, renamed: { 'chatgpt → ChatGPT': 1, 'gpt → ChatGPT': 1 }, added: {}, removed: {} },
      removedTempFiles: [],
    });
    expect(readFileSync(join(root, 'posts/b.md'), 'utf8')).toBe('---\ntitle: B\ntags:\n  - ChatGPT\n---\n');
  });

  it('--add to the posts a filter selects, or to given paths; --remove', () => {
    const root = tree(posts);
    expect(runBlog(['retag', '--add', 'AI', '--tag', 'ChatGPT', '--yes'], { cwd: root }).code).toBe(0);
    expect(readFileSync(join(root, 'posts/b.md'), 'utf8')).toBe('---\ntitle: B\ntags:\n  - ChatGPT\n  - gpt\n  - AI\n---\n');
    expect(readFileSync(join(root, 'posts/sub/d.md'), 'utf8')).toContain('tags: [ChatGPT, AI]\n');
    expect(readFileSync(join(root, 'posts/a.md'), 'utf8')).toBe(posts['posts/a.md']);
    expect(runBlog(['retag', '--add', '2024', 'posts/sub', '--yes'], { cwd: root }).code).toBe(0);
    expect(readFileSync(join(root, 'posts/sub/d.md'), 'utf8')).toContain('tags: [ChatGPT, AI, "2024"]\n');
    expect(readFileSync(join(root, 'posts/c.md'), 'utf8')).toBe(posts['posts/c.md']);
    expect(runBlog(['retag', '--remove', 'AI', '--yes'], { cwd: root }).code).toBe(0);
    expect(readFileSync(join(root, 'posts/a.md'), 'utf8')).toBe('---\ntitle: A\ntags: [chatgpt]\n---\n');
  });

  it('--categories renames at any level of a Hexo path', () => {
    const root = tree(posts);
    expect(runBlog(['retag', '--categories', 'js', 'JavaScript', '--yes'], { cwd: root }).code).toBe(0);
    expect(readFileSync(join(root, 'posts/c.md'), 'utf8')).toBe('---\ntitle: C\ntags: [Rust]\ncategories: [前端, JavaScript]\n---\n');
    expect(readFileSync(join(root, 'posts/sub/d.md'), 'utf8')).toContain('categories:\n  - - 前端\n    - JavaScript\n  - - 后端\n');
    const list = JSON.parse(runBlog(['list', '--category', 'JavaScript', '--json'], { cwd: root }).stdout);
    expect(list.posts.map((p: { categories: string[][] }) => p.categories)).toEqual([[['前端', 'JavaScript'], ['后端']], [['前端', 'JavaScript']]]);
  });

  it('--categories --add adds a path to the selected posts', () => {
    const root = tree(posts);
    expect(runBlog(['retag', '--categories', '--add', '工具 > CLI', '--tag', 'Rust', '--yes'], { cwd: root }).code).toBe(0);
    expect(readFileSync(join(root, 'posts/c.md'), 'utf8')).toBe('---\ntitle: C\ntags: [Rust]\ncategories: [[前端, js], [工具, CLI]]\n---\n');
    expect(readFileSync(join(root, 'posts/a.md'), 'utf8')).toBe(posts['posts/a.md']);
  });

  it('a symlinked post (to a file inside the blog) stays a symlink; mode is kept; untouched files keep their mtime', () => {
    const root = tree({ 'blog.config.json': '{"posts": "posts"}', 'real/a.md': '---\ntitle: A\ntags: [old]\n---\n', 'posts/b.md': '---\ntitle: B\ntags: [old]\n---\n', 'posts/c.md': '---\ntitle: C\n---\n' });
    symlinkSync(join(root, 'real/a.md'), join(root, 'posts/a.md'));
    chmodSync(join(root, 'posts/b.md'), 0o640);
    utimesSync(join(root, 'posts/c.md'), OLD, OLD);
    expect(runBlog(['retag', 'old', 'new', '--yes'], { cwd: root }).code).toBe(0);
    expect(lstatSync(join(root, 'posts/a.md')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(root, 'posts/a.md'))).toBe(join(root, 'real/a.md'));
    expect(readFileSync(join(root, 'real/a.md'), 'utf8')).toBe('---\ntitle: A\ntags: [new]\n---\n');
    expect(statSync(join(root, 'posts/b.md')).mode & 0o777).toBe(0o640);
    expect(statSync(join(root, 'posts/c.md')).mtime.getTime()).toBe(OLD.getTime());
    expect(readdirSync(join(root, 'posts')).sort()).toEqual(['a.md', 'b.md', 'c.md']);
  });

  it('removes temp files left by a killed run; keeps bytes after invalid UTF-8 in the body', () => {
    const body = Buffer.from([0x0a, 0xff, 0xfe, 0x41, 0x0a]);
    const root = tree({
      'posts/a.md': Buffer.concat([Buffer.from('---\ntitle: A\ntags: [old]\n---\n'), body]),
      'posts/.a.md.blog-999999-abc.tmp': 'half written',
    });
    const r = runBlog(['retag', 'old', 'new', '--yes', '--json'], { cwd: root });
    expect(JSON.parse(r.stdout).removedTempFiles).toEqual(['posts/.a.md.blog-999999-abc.tmp']);
    expect(existsSync(join(root, 'posts/.a.md.blog-999999-abc.tmp'))).toBe(false);
    expect(readFileSync(join(root, 'posts/a.md')).equals(Buffer.concat([Buffer.from('---\ntitle: A\ntags: [new]\n---\n'), body]))).toBe(true);
  });

  it('usage errors: exit 2, one line', () => {
    const root = tree(posts);
    for (const [args, message] of [
      [['retag', 'only-one', '--yes'], 'blog: error: expected <from>... <to>: only "only-one" was given (e.g. blog retag chatgpt ChatGPT)\n'],
      [['retag', '--yes'], 'blog: error: nothing to do: expected <from>... <to>, --add <tag> or --remove <tag> (e.g. blog retag chatgpt ChatGPT)\n'],
      [['retag', '--add', 'x', 'nowhere', '--yes'], 'blog: error: nowhere: no such file or folder\n'],
      // A path outside the blog changed nothing and said "0 files changed", exit 0.
      [['retag', '--add', 'x', '/usr', '--yes'], "blog: error: /usr: not in the blog's posts folder (posts) (pass --dir to work on another blog)\n"],
    ] as const) {
      const r = runBlog([...args], { cwd: root });
      expect(r.code).toBe(2);
      expect(r.stderr).toEqual(message);
    }
  });
});

describe('blog retag: --help', () => {
  it('shows examples', () => {
    const r = runBlog(['retag', '--help'], { cwd: repoRoot });
    expect(r.stdout).toContain('Examples:\n  blog retag chatgpt ChatGPT --dry-run\n');
  });
});


describe('retag on a terminal', () => {
  it('names the files it leaves out before it asks, and not again after (it said "1 skipped" and named the file only after the answer)', async () => {
    const { main } = await import('../../src/main.js');
    const { fakeIo } = await import('../helpers.js');
    const root = tree({ 'posts/a.md': '---\ntitle: A\ntags: [x]\n---\n', 'posts/t.md': '+++\ntitle = "T"\ntags = ["x"]\n+++\n' });
    const asked: string[] = [];
    const io = fakeIo(root, { answers: { write: true }, asked });
    const prompt = io.prompt;
    let before = '';
    io.prompt = { ...prompt, confirm: async (q) => ((before = io.err), prompt.confirm(q)) };
    const code = await main(['retag', 'x', 'y'], io);
    expect(asked).toEqual(['write']);
    const line = 'posts/t.md:2:1: skipped: TOML front matter is not edited yet; change it by hand\n';
    expect(before).toContain(line);
    expect(io.err.split(line).length - 1).toBe(1);
    expect(code).toBe(1);
    expect(readFileSync(join(root, 'posts/a.md'), 'utf8')).toContain('tags: ["y"]');
  });
});
