import { symlinkSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binPath, repoRoot, runBlog, useTempTrees } from '../helpers.js';

const tree = useTempTrees();

const blogPosts = {
  'posts/chatgpt.md': '---\ntitle: ChatGPT-5将免费开放？官方回应：DeepSeek逼的！\ntags:\n  - ChatGPT\ncategories: 日常折腾\ndate: 2025-03-31 21:17:31\n---\n正文\n',
  'posts/2024-12-30-review.md': '---\ntitle: 2024 年终总结\ntags: 年终总结\ncategories: [生活, 随笔]\n---\n',
  'posts/en.md': '---\ntitle: "Prompts: a year with ChatGPT"\ndate: 2024-12-15 10:00:00\ntags: [ChatGPT, Prompting]\ncategories:\n  - [Notes, AI]\n  - [Writing]\n---\n',
  'posts/_drafts/draft.md': '---\ntitle: 🚀 草稿\ndate: 2025-04-20 22:05:00\ndraft: true\ntags: [Claude]\n---\n',
  'posts/offset.md': '---\ntitle: Offset\ndate: 2025-02-10T09:30:00+08:00\n---\n',
};

describe('blog list: output', () => {
  it('prints an aligned table sorted newest first, nothing on stderr', () => {
    const root = tree(blogPosts);
    const r = runBlog(['list'], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'DATE                     TITLE                                          TAGS                CATEGORIES           PATH',
        '2025-04-20 22:05         🚀 草稿 [draft]                                Claude                                   posts/_drafts/draft.md',
        '2025-03-31 21:17         ChatGPT-5将免费开放？官方回应：DeepSeek逼的！  ChatGPT             日常折腾             posts/chatgpt.md',
        '2025-02-10 09:30 +08:00  Offset                                                                                  posts/offset.md',
        '2024-12-30               2024 年终总结                                  年终总结            生活 > 随笔          posts/2024-12-30-review.md',
        '2024-12-15 10:00         Prompts: a year with ChatGPT                   ChatGPT, Prompting  Notes > AI, Writing  posts/en.md',
        '',
      ].join('\n'),
    );
  });

  it('--tag filters (all must match) and --json prints one documented document', () => {
    const root = tree(blogPosts);
    const r = runBlog(['list', '--tag', 'ChatGPT', '--json'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc).toEqual({
      count: 2,
      total: 5,
      timezone: null,
      problems: [],
      skipped: [],
      posts: [
        {
          path: 'posts/chatgpt.md',
          title: 'ChatGPT-5将免费开放？官方回应：DeepSeek逼的！',
          date: '2025-03-31 21:17:31',
          dateIso: '2025-03-31T21:17:31',
          dateSource: 'front-matter',
          tags: ['ChatGPT'],
          categories: [['日常折腾']],
          draft: false,
          format: 'yaml',
        },
        {
          path: 'posts/en.md',
          title: 'Prompts: a year with ChatGPT',
          date: '2024-12-15 10:00:00',
          dateIso: '2024-12-15T10:00:00',
          dateSource: 'front-matter',
          tags: ['ChatGPT', 'Prompting'],
          categories: [['Notes', 'AI'], ['Writing']],
          draft: false,
          format: 'yaml',
        },
      ],
    });
    const both = JSON.parse(runBlog(['list', '--tag', 'ChatGPT', '--tag', 'Prompting', '--json'], { cwd: root }).stdout);
    expect(both.posts.map((p: { path: string }) => p.path)).toEqual(['posts/en.md']);
  });

  it('a post with an impossible date is listed without a date (not the file name date), counted, and reported as an error: exit 1', () => {
    const root = tree({ 'posts/2025-11-11-pr.md': '---\ntitle: PR 里的文章\ndate: 2025-13-01\ntags: [x]\n---\n', 'posts/ok.md': '---\ntitle: OK\ndate: 2025-01-01\ntags: [x]\n---\n' });
    const r = runBlog(['list', '--tag', 'x', '--json'], { cwd: root });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ count: 2, total: 2 });
    expect(doc.posts.map((p: { path: string; date: string | null }) => [p.path, p.date])).toEqual([['posts/ok.md', '2025-01-01'], ['posts/2025-11-11-pr.md', null]]);
    expect(doc.problems).toEqual([{ path: 'posts/2025-11-11-pr.md', line: 3, col: 7, severity: 'error', code: 'date-invalid', message: expect.stringContaining('"2025-13-01" is not a real date: month 13 does not exist'), hint: expect.any(String) }]);
    const table = runBlog(['list'], { cwd: root, env: { NO_COLOR: '1' } });
    expect(table.stdout).toContain('(no date)   PR 里的文章');
    expect(table.stderr).toContain('posts/2025-11-11-pr.md:3:7: error: date "2025-13-01" is not a real date');
  });

  it('--format csv and --format paths', () => {
    const root = tree(blogPosts);
    const csv = runBlog(['list', '--format', 'csv', '--category', 'Notes'], { cwd: root });
    expect(csv.stdout).toBe(
      'path,date,date_iso,title,tags,categories,draft\r\nposts/en.md,2024-12-15 10:00:00,2024-12-15T10:00:00,Prompts: a year with ChatGPT,ChatGPT|Prompting,Notes > AI|Writing,false\r\n',
    );
    const paths = runBlog(['list', '--format', 'paths', '--sort', 'path'], { cwd: root });
    expect(paths.stdout).toBe('posts/2024-12-30-review.md\nposts/_drafts/draft.md\nposts/chatgpt.md\nposts/en.md\nposts/offset.md\n');
  });

  it('--draft, --published, --since/--until, --search, --sort, --reverse, --limit', () => {
    const root = tree(blogPosts);
    const paths = (...args: string[]) => runBlog(['list', '--format', 'paths', ...args], { cwd: root }).stdout.trim().split('\n');
    expect(paths('--draft')).toEqual(['posts/_drafts/draft.md']);
    expect(paths('--published', '--limit', '2')).toEqual(['posts/chatgpt.md', 'posts/offset.md']);
    expect(paths('--since', '2024-12-30', '--until', '2025-03-31')).toEqual(['posts/chatgpt.md', 'posts/offset.md', 'posts/2024-12-30-review.md']);
    expect(paths('--until', '2024-12-15')).toEqual(['posts/en.md']);
    expect(paths('--search', 'chatgpt')).toEqual(['posts/chatgpt.md', 'posts/en.md']);
    expect(paths('--sort', 'title', '--reverse', '--limit', '1')).toEqual(['posts/en.md']);
    expect(paths('--reverse')).toEqual(['posts/en.md', 'posts/2024-12-30-review.md', 'posts/offset.md', 'posts/chatgpt.md', 'posts/_drafts/draft.md']);
    expect(paths('--category', '生活 > 随笔')).toEqual(['posts/2024-12-30-review.md']);
    expect(paths('--category', '随笔')).toEqual(['posts/2024-12-30-review.md']);
  });

  it('warnings are about the posts listed: --limit leaves out those of posts it does not show (one thread or three)', () => {
    const tagged = (name: string, date: string): string => `---\ntitle: ${name}\ndate: ${date}\nx: !foo bar\n---\n`;
    const root = tree({ 'posts/a.md': tagged('A', '2025-01-01'), 'posts/b.md': tagged('B', '2025-02-01'), 'posts/c.md': '---\ntitle: C\ndate: 2025-03-01\n---\n', 'posts/d.md': '---\ntitle: D\n---\n' });
    const warning = (path: string): string => `${path}:4:4: warning: YAML: Unresolved tag: !foo; the value is read as plain text (remove the tag: front matter is data, and Hexo fails on a tag it does not know)\n`;
    for (const threads of ['1', '3']) {
      const run = (...args: string[]): { stdout: string; stderr: string } => runBlog(['list', '--format', 'paths', ...args], { cwd: root, env: { BLOG_THREADS: threads } });
      expect(run()).toMatchObject({ stdout: 'posts/c.md\nposts/b.md\nposts/a.md\nposts/d.md\n', stderr: warning('posts/a.md') + warning('posts/b.md') });
      expect(run('--limit', '1')).toMatchObject({ stdout: 'posts/c.md\n', stderr: '' });
      expect(run('--limit', '2')).toMatchObject({ stdout: 'posts/c.md\nposts/b.md\n', stderr: warning('posts/b.md') });
      expect(run('--limit', '2', '--reverse')).toMatchObject({ stdout: 'posts/a.md\nposts/b.md\n', stderr: warning('posts/a.md') + warning('posts/b.md') });
      expect(run('--limit', '1', '--sort', 'path', '--reverse')).toMatchObject({ stdout: 'posts/d.md\n', stderr: '' });
      expect(run('--limit', '1', '--sort', 'title')).toMatchObject({ stdout: 'posts/a.md\n', stderr: warning('posts/a.md') });
    }
  });

  it('nothing matches: stdout empty, stderr says so and suggests a case variant or typo fix', () => {
    const root = tree(blogPosts);
    const r = runBlog(['list', '--tag', 'chatgpt'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('blog: note: no posts match (5 posts searched). Did you mean --tag ChatGPT?\n');
    expect(runBlog(['list', '--category', '日常折藤'], { cwd: root }).stderr).toContain('Did you mean --category 日常折腾?');
    expect(runBlog(['list', '--tag', 'Promting', '--json'], { cwd: root }).stderr).toContain('Did you mean --tag Prompting?');
  });

  it('colours only when asked or on a terminal: FORCE_COLOR, NO_COLOR, --no-color', () => {
    const root = tree(blogPosts);
    const esc = '\u001b[';
    expect(runBlog(['list'], { cwd: root, env: { NO_COLOR: undefined } }).stdout).not.toContain(esc);
    expect(runBlog(['list'], { cwd: root, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout).toContain(esc);
    expect(runBlog(['list', '--no-color'], { cwd: root, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout).not.toContain(esc);
    expect(runBlog(['list', '--color'], { cwd: root }).stdout).toContain(esc);
    expect(runBlog(['list', '--json'], { cwd: root, env: { FORCE_COLOR: '1' } }).stdout).not.toContain(esc);
  });
});

describe('blog list: bad posts are reported, the rest listed', () => {
  it('prints path:line:col on stderr, lists the others, exits 1', () => {
    const root = tree({
      'posts/good.md': '---\ntitle: Good\ndate: 2025-01-01\n---\n',
      'posts/yaml-error.md': '---\ntitle: Bad\ntags: [a, b\ndate: 2025-01-01\n---\n',
      'posts/dup.md': '---\ntitle: One\ntitle: Two\n---\n',
      'posts/feb30.md': '---\ntitle: Feb 30\ndate: 2025-02-30 10:00:00\n---\n',
      'posts/js.md': '---js\n{ title: require("child_process").execSync("touch pwned") }\n---\n',
      'posts/unclosed.md': '---\ntitle: Unclosed\n\nbody\n',
      'posts/bad-utf8.md': Buffer.concat([Buffer.from('---\ntitle: caf'), Buffer.from([0xe9]), Buffer.from('\n---\n')]),
      'posts/bad-utf8-body.md': Buffer.concat([Buffer.from('---\ntitle: Body bytes\n---\n'), Buffer.from([0xff, 0xfe])]),
    });
    const r = runBlog(['list', '--format', 'paths'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('posts/good.md\nposts/bad-utf8-body.md\nposts/feb30.md\n');
    expect(r.stderr.split('\n')).toEqual([
      'posts/bad-utf8.md:2:11: error: invalid UTF-8 in the front matter (save the file as UTF-8)',
      'posts/dup.md:3:1: error: duplicate key "title": it appears more than once in the front matter (keep one of the two keys)',
      'posts/feb30.md:3:7: error: date "2025-02-30 10:00:00" is not a real date: February 2025 has 28 days, not 30 (write a real date as YYYY-MM-DD HH:mm:ss)',
      'posts/js.md:1:4: error: front matter language "js" is not supported: front matter is data, never code (make the first line a plain "---" and write the front matter in YAML)',
      'posts/unclosed.md:1:1: error: the front matter opened by "---" on line 1 is never closed (add a line "---" after the last front matter line)',
      expect.stringMatching(/^posts\/yaml-error\.md:4:\d+: error: YAML syntax error: /),
      '',
    ]);
    const doc = JSON.parse(runBlog(['list', '--json'], { cwd: root }).stdout);
    expect(doc.problems).toHaveLength(6);
    expect(doc.problems[0]).toEqual({ path: 'posts/bad-utf8.md', line: 2, col: 11, severity: 'error', code: 'encoding', message: 'invalid UTF-8 in the front matter', hint: 'save the file as UTF-8' });
  });

  it('one identical broken file does not hide another (no shared parse cache)', () => {
    const broken = '---\ntitle: [\n---\n';
    const root = tree({ 'posts/a.md': broken, 'posts/b.md': broken });
    const r = runBlog(['list'], { cwd: root });
    expect(r.stderr.match(/error: YAML syntax error/g)).toHaveLength(2);
  });
});

describe('blog list: usage errors are one line and exit 2', () => {
  it.each([
    [['list', '--limit', 'abc'], /^blog: error: option '-l, --limit <n>' argument 'abc' is invalid\. expected a positive whole number, such as 10\. Run "blog list --help" for usage\.\n$/],
    [['list', '--since', '2025-02-30'], /^blog: error: --since "2025-02-30": expected a real date such as 2025-03-31 or "2025-03-31 21:17:31"\n$/],
    [['list', '--sort', 'size'], /^blog: error: option '--sort <key>' argument 'size' is invalid\. Allowed choices are date, title, path\. Run/],
    [['list', '--draft', '--published'], /^blog: error: option '--draft' cannot be used with option '--published'/],
    [['list', '--frobnicate'], /^blog: error: unknown option '--frobnicate'\. Run "blog list --help" for usage\.\n$/],
    [['--dir', 'x', 'list'], /^blog: error: unknown option '--dir'\. Options go after the command: blog list --dir …\n$/],
    [['--frobnicate'], /^blog: error: unknown option '--frobnicate'\. Run "blog --help" for usage\.\n$/],
    [['list', '--null', '--format', 'json'], /^blog: error: --null separates paths: it goes with --format paths, not --format json\n$/],
    [['help', 'nosuch'], /^blog: error: unknown command "nosuch"\. Run "blog --help" for the commands\.\n$/],
    [['lsit'], /^blog: error: unknown command 'lsit' \(Did you mean list\?\)/],
    [['list', '--dir', 'nope'], /^blog: error: --dir nope: no such folder \(pass the folder that holds your posts, or your site root\)\n$/],
    [['list', '--since', '2025-03-01', '--until', '2025-01-01'], /^blog: error: --since 2025-03-01 is after --until 2025-01-01/],
  ])('%j', (args, pattern) => {
    const root = tree(blogPosts);
    const r = runBlog(args, { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('no posts folder: exit 2 with what to do', () => {
    const root = tree({ 'README.md': '# not a blog\n' });
    const r = runBlog(['list'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('blog: error: no posts folder found here (pass --dir <folder>, run blog in a Hexo, Jekyll or Hugo site, or create blog.config.json with {"posts": "<folder>"})\n');
  });

  it('--help shows examples; --version prints the version', () => {
    const root = tree(blogPosts);
    const help = runBlog(['list', '--help'], { cwd: root });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:\n  blog list --tag ChatGPT\n');
    expect(runBlog(['--version'], { cwd: root }).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('blog list: configuration and sites', () => {
  it('blog.config.json sets the posts folder and timezone; found from a subfolder', () => {
    const root = tree({
      'blog.config.json': JSON.stringify({ posts: 'content/posts', timezone: 'Asia/Shanghai' }),
      'content/posts/a.md': '---\ntitle: A\ndate: 2025-03-31 21:17:31\n---\n',
      'somewhere/deep/.keep': '',
    });
    const doc = JSON.parse(runBlog(['list', '--json'], { cwd: join(root, 'somewhere/deep') }).stdout);
    expect(doc.timezone).toBe('Asia/Shanghai');
    expect(doc.posts[0]).toMatchObject({ path: '../../content/posts/a.md', date: '2025-03-31 21:17:31', dateIso: '2025-03-31T21:17:31+08:00' });
  });

  it('a bad config exits 2 naming the file, the key and what is expected', () => {
    const root = tree({ 'blog.config.json': '{"timezone": "Mars/Olympus"}', 'posts/a.md': '---\ntitle: A\n---\n' });
    const r = runBlog(['list'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`blog: error: ${join(root, 'blog.config.json')}: "timezone": expected an IANA timezone name such as "Asia/Shanghai" or "UTC", got "Mars/Olympus"\n`);
    const yaml = tree({ 'blog.config.yaml': 'generator: wordpress\n', 'posts/a.md': '' });
    expect(runBlog(['list'], { cwd: yaml }).stderr).toContain('"generator": expected one of "hexo", "jekyll", "hugo", "generic", got "wordpress"');
    const broken = tree({ 'blog.config.json': '{"posts": ', 'posts/a.md': '' });
    expect(runBlog(['list'], { cwd: broken })).toMatchObject({ code: 2, stderr: expect.stringContaining('blog.config.json: not valid JSON') });
    // Where, as a line and column (it said "at position 35").
    const comma = tree({ 'blog.config.json': '{\n  "posts": "posts",\n  "timezone": "UTC",\n}\n', 'posts/a.md': '' });
    expect(runBlog(['list'], { cwd: comma }).stderr).toBe(`blog: error: ${join(comma, 'blog.config.json')}: not valid JSON at line 4, column 1: Expected double-quoted property name\n`);
    // Text after the document, and a column in characters (the emoji is one).
    const after = tree({ 'blog.config.json': '{"posts": "posts"} x', 'posts/a.md': '' });
    expect(runBlog(['list'], { cwd: after }).stderr).toBe(`blog: error: ${join(after, 'blog.config.json')}: not valid JSON at line 1, column 20: Unexpected non-whitespace character\n`);
    const emoji = tree({ 'blog.config.json': '{"a": "é😀", x}', 'posts/a.md': '' });
    expect(runBlog(['list'], { cwd: emoji }).stderr).toContain('not valid JSON at line 1, column 13:');
  });

  it('a Hexo site root: source/_posts and source/_drafts, the timezone from _config.yml, Hexo front matter variants', () => {
    const root = tree({
      '_config.yml': 'title: My Hexo\ntimezone: Asia/Shanghai\nnew_post_name: :title.md\n',
      'package.json': '{"dependencies": {"hexo": "^8.0.0"}}',
      'source/_posts/yaml.md': '---\ntitle: YAML\ndate: 2025-03-31 21:17:31\ntags: ChatGPT\n---\n',
      'source/_posts/json.md': ';;;\n"title": "JSON",\n"date": "2025-03-30 08:00:00",\n"tags": ["ChatGPT"]\n;;;\nbody\n',
      'source/_posts/no-opener.md': 'title: No opener\ndate: 2025-03-29\ntags: [ChatGPT]\n---\nbody\n',
      'source/_posts/_partial.md': '---\ntitle: skipped by Hexo\n---\n',
      'source/_drafts/wip.md': '---\ntitle: WIP\ntags: [ChatGPT]\n---\n',
    });
    const doc = JSON.parse(runBlog(['list', '--tag', 'ChatGPT', '--json'], { cwd: root }).stdout);
    expect(doc.timezone).toBe('Asia/Shanghai');
    expect(doc.posts.map((p: { path: string; draft: boolean; dateIso: string }) => [p.path, p.draft, p.dateIso])).toEqual([
      ['source/_posts/yaml.md', false, '2025-03-31T21:17:31+08:00'],
      ['source/_posts/json.md', false, '2025-03-30T08:00:00+08:00'],
      ['source/_posts/no-opener.md', false, '2025-03-29T00:00:00+08:00'],
      ['source/_drafts/wip.md', true, null],
    ]);
    // The same site through --dir, from elsewhere.
    const other = tree({});
    const viaDir = JSON.parse(runBlog(['list', '--dir', root, '--json'], { cwd: other }).stdout);
    expect(viaDir.count).toBe(4);
  });

  it('--dir works the same for a plain folder of posts', () => {
    const root = tree(blogPosts);
    const elsewhere = tree({});
    const r = runBlog(['list', '--dir', join(root, 'posts'), '--format', 'paths', '--tag', 'ChatGPT'], { cwd: elsewhere });
    expect(r.stdout.split('\n').map((p) => p.replace(/^.*\/posts\//, ''))).toEqual(['chatgpt.md', 'en.md', '']);
  });
});

describe('blog list: walking the folder', () => {
  it('recursive, .md and .markdown, hidden and temp files skipped, symlink loops and FIFOs never hang it', () => {
    const root = tree({
      'posts/a.md': '---\ntitle: A\n---\n',
      'posts/b.markdown': '---\ntitle: B\n---\n',
      'posts/C.MD': '---\ntitle: C\n---\n',
      'posts/notes.txt': 'not a post',
      'posts/.hidden.md': '---\ntitle: hidden\n---\n',
      'posts/.git/x.md': '---\ntitle: in .git\n---\n',
      'posts/a.md~': 'backup',
      'posts/.a.md.swp': 'swap',
      'posts/#a.md#': 'emacs',
      'posts/deep/er/d.md': '---\ntitle: D\n---\n',
    });
    symlinkSync(join(root, 'posts'), join(root, 'posts/deep/loop'));
    symlinkSync(join(root, 'posts/a.md'), join(root, 'posts/linked.md'));
    symlinkSync(join(root, 'missing.md'), join(root, 'posts/dangling.md'));
    execFileSync('mkfifo', [join(root, 'posts/fifo.md')]);
    const r = runBlog(['list', '--format', 'paths', '--sort', 'path'], { cwd: root });
    expect(r.stdout).toBe('posts/C.MD\nposts/a.md\nposts/b.markdown\nposts/deep/er/d.md\nposts/linked.md\n');
    expect(r.stderr.split('\n').sort()).toEqual([
      '',
      'posts/dangling.md: error: symbolic link to a missing file; skipped',
      'posts/deep/loop: warning: symbolic link to a folder already listed (loop); skipped',
      'posts/fifo.md: error: not a regular file (FIFO, socket or device); skipped',
    ]);
    // A post that is there but cannot be read (a FIFO, a dangling link) is an error: exit 1.
    // A folder reached again through a link loses nothing: a warning.
    expect(r.code).toBe(1);
  });

  it('a link to a folder of the blog that sorts before it: the posts are listed where they are, and the link is the one reported (the real folder was)', () => {
    const root = tree({ 'posts/zzz/z.md': '---\ntitle: Z\ndate: 2024-01-03\n---\n', 'posts/a/b.md': '---\ntitle: B\n---\n' });
    symlinkSync(join(root, 'posts/zzz'), join(root, 'posts/aaa-link'));
    symlinkSync(join(root, 'posts/zzz'), join(root, 'posts/a/link'));
    for (const threads of ['1', '2']) {
      const r = runBlog(['list', '--format', 'paths', '--sort', 'path'], { cwd: root, env: { BLOG_THREADS: threads } });
      expect(r, threads).toMatchObject({ code: 0, stdout: 'posts/a/b.md\nposts/zzz/z.md\n' });
      expect(r.stderr.split('\n').sort()).toEqual(['', 'posts/a/link: warning: symbolic link to a folder already listed (loop); skipped', 'posts/aaa-link: warning: symbolic link to a folder already listed (loop); skipped']);
    }
    // A link to a folder that is not walked otherwise (Hexo skips `_` names) is still followed.
    const hexo = tree({ '_config.yml': 'title: x\n', 'source/_posts/a.md': '---\ntitle: A\n---\n', 'source/_posts/_private/p.md': '---\ntitle: P\n---\n' });
    symlinkSync(join(hexo, 'source/_posts/_private'), join(hexo, 'source/_posts/pub'));
    expect(runBlog(['list', '--format', 'paths', '--sort', 'path'], { cwd: hexo })).toMatchObject({ code: 0, stdout: 'source/_posts/a.md\nsource/_posts/pub/p.md\n', stderr: '' });
  });

  it('paths are in JavaScript\'s string order (UTF-16 code units), as the README says: an emoji sorts before U+FF5E', () => {
    const root = tree({ 'posts/～wave.md': '---\ntitle: W\n---\n', 'posts/😀emoji.md': '---\ntitle: E\n---\n', 'posts/a.md': '---\ntitle: A\n---\n' });
    expect(runBlog(['list', '--format', 'paths', '--sort', 'path'], { cwd: root }).stdout).toBe('posts/a.md\nposts/😀emoji.md\nposts/～wave.md\n');
  });

  it('reads only the head of a huge post', () => {
    const big = '---\ntitle: Big\ntags: [ChatGPT]\n---\n' + 'x'.repeat(1024 * 1024) + '\n';
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`posts/big-${i}.md`] = big;
    const root = tree(files);
    const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, binPath, 'list', '--format', 'paths'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stdout.trim().split('\n')).toHaveLength(20);
    const rssKb = Number(r.stderr.trim().split('\n').pop());
    // 20 MB of bodies must not be in memory at once (node alone is ~45 MB).
    expect(rssKb).toBeLessThan(120_000);
  });

  it('a long front matter beyond the first read is read whole', () => {
    const tags = Array.from({ length: 3000 }, (_, i) => `  - tag-${i}`).join('\n');
    const root = tree({ 'posts/long.md': `---\ntitle: Long\ntags:\n${tags}\n---\nbody\n` });
    const doc = JSON.parse(runBlog(['list', '--json'], { cwd: root }).stdout);
    expect(doc.posts[0].tags).toHaveLength(3000);
  });
});

describe('timezones', () => {
  it('TZ=UTC and TZ=Asia/Shanghai give the same output for dates without an offset', () => {
    for (const args of [['list'], ['list', '--json'], ['list', '--since', '2025-01-18', '--format', 'csv']]) {
      const utc = runBlog(args, { cwd: repoRoot, env: { TZ: 'UTC' } });
      const sh = runBlog(args, { cwd: repoRoot, env: { TZ: 'Asia/Shanghai' } });
      expect(utc.code).toBe(0);
      expect(sh.stdout).toBe(utc.stdout);
      expect(utc.stdout.length).toBeGreaterThan(100);
    }
  });
});

describe('pipes', () => {
  it('a closed pipe is not an error', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`posts/p${i}.md`] = `---\ntitle: Post ${i}\n---\n`;
    const root = tree(files);
    const out = execFileSync('bash', ['-c', `set -o pipefail; node ${JSON.stringify(binPath)} list | head -1; echo "rc=$?"`], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(out).toMatch(/^DATE\s+TITLE.*\nrc=0\n$/);
  });

  it('a closed pipe keeps the exit code of posts that could not be read (1), in every format and in lint', () => {
    const files: Record<string, string> = {};
    // A table of about 300 KB: it is written in pieces, and `head` closes the pipe after the first.
    for (let i = 0; i < 3000; i++) files[`posts/p${String(i).padStart(4, '0')}.md`] = `---\ntitle: Post ${i} ${'x'.repeat(60)}\ntags: [a]\ndate: 2024-01-01\n---\n`;
    files['posts/zz-broken.md'] = '---\ntitle: [unclosed\n---\n';
    const root = tree(files);
    for (const args of ['list', 'list --json', 'list --format csv', 'list --format paths', 'lint', 'tags --json']) {
      const out = execFileSync('bash', ['-c', `node ${JSON.stringify(binPath)} ${args} 2>/dev/null | head -c 100 >/dev/null; echo "rc=\${PIPESTATUS[0]}"`], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(out, args).toBe('rc=1\n');
    }
  });
});

it('sample posts: README command works', () => {
  const r = runBlog(['list', '--tag', 'ChatGPT', '--format', 'paths'], { cwd: repoRoot });
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  expect(r.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(3);
});
