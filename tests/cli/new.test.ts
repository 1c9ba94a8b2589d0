import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { CancelledError } from '../../src/io.js';
import { binPath, fakeIo, runBlog, snapshotTree, useTempTrees } from '../helpers.js';

const tree = useTempTrees();

const DATE = ['--date', '2025-03-31 21:17:31'];

describe('blog new (flags)', () => {
  it('writes the post with a Chinese file name and prints its path', () => {
    const root = tree({ 'posts/.keep': '' });
    const r = runBlog(['new', 'ChatGPT-5将免费开放？官方回应：DeepSeek逼的！', '--tags', 'ChatGPT', '--categories', '日常折腾', ...DATE], { cwd: root });
    expect(r).toMatchObject({ code: 0, stderr: '', stdout: 'posts/ChatGPT-5将免费开放-官方回应-DeepSeek逼的.md\n' });
    expect(readFileSync(join(root, 'posts/ChatGPT-5将免费开放-官方回应-DeepSeek逼的.md'), 'utf8')).toBe(
      '---\ntitle: ChatGPT-5将免费开放？官方回应：DeepSeek逼的！\ndate: 2025-03-31 21:17:31\ntags:\n  - ChatGPT\ncategories: 日常折腾\n---\n',
    );
  });

  it('without --date: now, local time, YYYY-MM-DD HH:mm:ss', () => {
    const root = tree({ 'posts/.keep': '' });
    const before = new Date();
    runBlog(['new', 'Now'], { cwd: root, env: { TZ: 'Asia/Shanghai' } });
    const text = readFileSync(join(root, 'posts/Now.md'), 'utf8');
    const m = /^date: (\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/m.exec(text);
    expect(m).not.toBeNull();
    const shanghaiHour = (before.getUTCHours() + 8) % 24;
    expect([shanghaiHour, (shanghaiHour + 1) % 24]).toContain(Number(m?.[4]));
  });

  it('tags comma-separated or repeated; categories with paths; the file lists back', () => {
    const root = tree({ 'posts/.keep': '' });
    runBlog(['new', 'Shipping a CLI', '--tags', 'TypeScript, Node.js', '--tags', 'ChatGPT', '--categories', '技术 > 工具,生活', ...DATE], { cwd: root });
    const doc = JSON.parse(runBlog(['list', '--json'], { cwd: root }).stdout);
    expect(doc.posts[0]).toMatchObject({ path: 'posts/Shipping-a-CLI.md', title: 'Shipping a CLI', tags: ['TypeScript', 'Node.js', 'ChatGPT'], categories: [['技术', '工具'], ['生活']], date: '2025-03-31 21:17:31' });
  });

  it.each(['Hello: World', '#1 tip', '"quoted"', 'yes', '2025', 'null', '- dash', '[x]', "it's", 'a # b'])('the title %j reads back as that string', (title) => {
    const root = tree({ 'posts/.keep': '' });
    const r = runBlog(['new', '--json', ...DATE, '--', title], { cwd: root }); // '--': a title may start with '-'
    expect(r.code).toBe(0);
    const { path } = JSON.parse(r.stdout);
    const listed = JSON.parse(runBlog(['list', '--json'], { cwd: root }).stdout);
    expect(listed.problems).toEqual([]);
    expect(listed.posts).toEqual([expect.objectContaining({ path, title })]);
  });

  it('never overwrites: a taken name gets -2, -3, also when it differs only in case', () => {
    const root = tree({ 'posts/hello.md': 'mine\n', 'posts/Hello-2.markdown': 'mine too\n' });
    const r1 = runBlog(['new', 'Hello', ...DATE], { cwd: root });
    expect(r1.stdout).toBe('posts/Hello-3.md\n');
    // The note names the file that is there (it named posts/Hello.md, which is not).
    expect(r1.stderr).toBe('blog: note: posts/hello.md exists (Hello.md but for case or extension); using Hello-3.md\n');
    const drafts = tree({ '_config.yml': 'title: x\n', 'source/_posts/.keep': '', 'source/_drafts/hello.md': '---\ntitle: hello\n---\n' });
    expect(runBlog(['new', 'hello', ...DATE, '--dry-run'], { cwd: drafts }).stderr).toContain('blog: note: source/_drafts/hello.md exists; using hello-1.md\n');
    const same = tree({ 'posts/Hello.md': 'mine\n' });
    expect(runBlog(['new', 'Hello', ...DATE], { cwd: same }).stderr).toBe('blog: note: posts/Hello.md exists; using Hello-2.md\n');
    expect(readFileSync(join(root, 'posts/hello.md'), 'utf8')).toBe('mine\n');
    expect(runBlog(['new', 'Hello', ...DATE], { cwd: root }).stdout).toBe('posts/Hello-4.md\n');
  });

  it('--slug wins; --dry-run prints the post and writes nothing', () => {
    const root = tree({ 'posts/.keep': '' });
    const r = runBlog(['new', '日常折腾', '--slug', 'daily', '--dry-run', ...DATE], { cwd: root });
    expect(r).toMatchObject({ code: 0, stdout: '---\ntitle: 日常折腾\ndate: 2025-03-31 21:17:31\ntags:\n---\n', stderr: 'blog: note: would write posts/daily.md (dry run, nothing written)\n' });
    expect(existsSync(join(root, 'posts/daily.md'))).toBe(false);
  });

  it('a title with no letters falls back to a stable name and says so', () => {
    const root = tree({ 'posts/.keep': '' });
    const r = runBlog(['new', '？！', ...DATE], { cwd: root });
    expect(r.stdout).toBe('posts/post-20250331-211731.md\n');
    expect(r.stderr).toContain('using "post-20250331-211731"');
  });

  it('"slug": "ascii" uses pinyin for Chinese; newPostName sets the file name', () => {
    const root = tree({ 'posts/.keep': '', 'blog.config.json': JSON.stringify({ slug: 'ascii', newPostName: ':year/:month-:day-:title.md' }) });
    const r = runBlog(['new', '日常折腾：Café ChatGPT', ...DATE], { cwd: root });
    expect(r.stdout).toBe('posts/2025/03-31-ri-chang-zhe-teng-cafe-chatgpt.md\n');
  });

  it('in a Hexo site: scaffolds keep their key order, drafts go to source/_drafts, new_post_name applies', () => {
    const root = tree({
      '_config.yml': 'new_post_name: :year-:month-:day-:title.md\ntimezone: Asia/Shanghai\n',
      'source/_posts/.keep': '',
      'source/_drafts/.keep': '',
      'scaffolds/post.md': '---\ntitle: {{ title }}\n# shown on the home page?\ncomments: true\ndate: {{ date }}\ntags:\ncategories:\n---\n\n# {{ title }}\n',
      'scaffolds/draft.md': '---\ntitle: {{ title }}\ntags:\n---\n',
      'scaffolds/photo.md': '---\nlayout: photo\ntitle: {{ title }}\ndate: {{ date }}\n---\n',
    });
    expect(runBlog(['new', 'Hello: 世界', '--tags', 'a', '--categories', '日常折腾', ...DATE], { cwd: root }).stdout).toBe('source/_posts/2025-03-31-Hello-世界.md\n');
    expect(readFileSync(join(root, 'source/_posts/2025-03-31-Hello-世界.md'), 'utf8')).toBe(
      '---\ntitle: "Hello: 世界"\n# shown on the home page?\ncomments: true\ndate: 2025-03-31 21:17:31\ntags:\n  - a\ncategories: 日常折腾\n---\n\n# Hello: 世界\n',
    );
    // Hexo names a draft by its slug only: the date prefix comes when it is published.
    expect(runBlog(['new', 'WIP', '--draft', ...DATE], { cwd: root }).stdout).toBe('source/_drafts/WIP.md\n');
    expect(readFileSync(join(root, 'source/_drafts/WIP.md'), 'utf8')).toBe('---\ntitle: WIP\ntags:\ndate: 2025-03-31 21:17:31\n---\n');
    // Without --date, a draft from the blog's own draft scaffold has no date unless the scaffold has one (as hexo new draft).
    expect(runBlog(['new', '明年的计划', '--draft', '--tags', '随笔'], { cwd: root }).stdout).toBe('source/_drafts/明年的计划.md\n');
    expect(readFileSync(join(root, 'source/_drafts/明年的计划.md'), 'utf8')).toBe('---\ntitle: 明年的计划\ntags:\n  - 随笔\n---\n');
    expect(runBlog(['new', 'Pic', '--template', 'photo', ...DATE], { cwd: root }).code).toBe(0);
    expect(readFileSync(join(root, 'source/_posts/2025-03-31-Pic.md'), 'utf8')).toBe('---\nlayout: photo\ntitle: Pic\ndate: 2025-03-31 21:17:31\n---\n');
    const bad = runBlog(['new', 'x', '--template', 'nope'], { cwd: root });
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringMatching(/^blog: error: --template "nope": no such template in .*scaffolds \(available: draft, photo, post\)\n$/) });
  });

  it('drafts without a drafts folder are marked in the front matter (Hexo: published: false)', () => {
    const root = tree({ 'posts/.keep': '' });
    runBlog(['new', 'D', '--draft', ...DATE], { cwd: root });
    expect(readFileSync(join(root, 'posts/D.md'), 'utf8')).toBe('---\ntitle: D\ndate: 2025-03-31 21:17:31\ntags:\ndraft: true\n---\n');
    expect(JSON.parse(runBlog(['list', '--draft', '--json'], { cwd: root }).stdout).count).toBe(1);
  });

  it('without a terminal and without a title: exit 2, one line naming what is missing, never waits', () => {
    const root = tree({ 'posts/.keep': '' });
    const before = snapshotTree(root);
    const r = spawnSync(process.execPath, [binPath, 'new'], { cwd: root, input: '', encoding: 'utf8', timeout: 10_000, env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('blog: error: missing title: pass it as the first argument, e.g. blog new "My first post" (prompts need a terminal)\n');
    expect(snapshotTree(root)).toEqual(before);
  });

  it('bad values: exit 2, one line', () => {
    const root = tree({ 'posts/.keep': '' });
    expect(runBlog(['new', 'x', '--date', '2025-02-30'], { cwd: root })).toMatchObject({ code: 2, stderr: 'blog: error: --date "2025-02-30" is not a real date: February 2025 has 28 days, not 30\n' });
    expect(runBlog(['new', 'x', '--slug', '../x'], { cwd: root })).toMatchObject({ code: 2, stderr: 'blog: error: --slug "../x": expected a file name without "/" or "\\"\n' });
    expect(readdirSync(join(root, 'posts'))).toEqual(['.keep']);
  });
});

const promptIo = (cwd: string, answers: Record<string, unknown>, asked: string[] = []) => fakeIo(cwd, { answers, asked, now: new Date(2025, 2, 31, 21, 17, 31) });

describe('blog new (prompts, in-process)', () => {
  it('asks title, tags (existing ones offered, most used first), category, draft, then confirms', async () => {
    const root = tree({
      'posts/a.md': '---\ntitle: A\ntags: [ChatGPT, AI]\ncategories: 日常折腾\n---\n',
      'posts/b.md': '---\ntitle: B\ntags: [ChatGPT]\ncategories: [技术, AI]\n---\n',
    });
    const asked: string[] = [];
    const io = promptIo(root, { title: '新的文章', tags: ['ChatGPT'], newTags: 'DeepSeek, 随笔', draft: false, write: true }, asked);
    let offered: unknown;
    const checkbox = io.prompt.checkbox;
    io.prompt.checkbox = async (q) => {
      offered = q.choices.map((c) => c.value);
      return checkbox(q);
    };
    io.prompt.select = async (q) => {
      asked.push(q.name);
      return q.choices.find((c) => c.name === '技术 > AI')?.value as string;
    };
    expect(await main(['new'], io)).toBe(0);
    expect(asked).toEqual(['title', 'tags', 'newTags', 'category', 'draft', 'write']);
    expect(offered).toEqual(['ChatGPT', 'AI']);
    expect(io.out).toBe('posts/新的文章.md\n');
    expect(readFileSync(join(root, 'posts/新的文章.md'), 'utf8')).toBe(
      '---\ntitle: 新的文章\ndate: 2025-03-31 21:17:31\ntags:\n  - ChatGPT\n  - DeepSeek\n  - 随笔\ncategories:\n  - 技术\n  - AI\n---\n',
    );
  });

  it('a tag or category chosen from the blog\'s own is taken as it is: {a,b} stays one tag, "C, C++" one category (they were split at the comma)', async () => {
    const root = tree({ 'posts/a.md': '---\ntitle: A\ntags: ["{a,b}", x]\ncategories: [["C, C++", "a > b"]]\n---\n' });
    const io = promptIo(root, { title: 'T', tags: ['{a,b}'], newTags: 'p, q', draft: false, write: true });
    io.prompt.select = async (q) => q.choices.find((c) => c.name === 'C, C++ > a > b')?.value as string;
    expect(await main(['new'], io)).toBe(0);
    const written = readFileSync(join(root, 'posts/T.md'), 'utf8');
    expect(written).toContain('tags:\n  - "{a,b}"\n  - p\n  - q\n');
    expect(JSON.parse(runBlog(['list', '--json'], { cwd: root }).stdout).posts.find((p: { path: string }) => p.path === 'posts/T.md')).toMatchObject({ path: 'posts/T.md', tags: ['{a,b}', 'p', 'q'], categories: [['C, C++', 'a > b']] });
  });

  it('Hugo: a "no" to "Save as a draft?" is written as draft = false over the archetype\'s draft = true; without the prompt the archetype decides, and --json says what was written', async () => {
    const root = tree({ 'hugo.toml': 'baseURL = "https://example.org/"\n', 'content/posts/.keep': '', 'archetypes/.keep': '' });
    const io = promptIo(root, { title: 'Hello', newTags: '', category: '\u0000none', draft: false, write: true });
    expect(await main(['new'], io)).toBe(0);
    expect(readFileSync(join(root, 'content/posts/Hello.md'), 'utf8')).toMatch(/^\+\+\+\ndate = .*\ndraft = false\ntitle = "Hello"\n\+\+\+\n/);
    const flags = runBlog(['new', 'Other', '--json'], { cwd: root });
    expect(JSON.parse(flags.stdout)).toMatchObject({ path: 'content/posts/Other.md', draft: true });
    expect(readFileSync(join(root, 'content/posts/Other.md'), 'utf8')).toContain('\ndraft = true\n');
    // An archetype that writes the marker in another case (Hugo reads keys in any case): that key is set.
    writeFileSync(join(root, 'archetypes/cap.md'), '+++\ntitle = "{{ .Name }}"\nDraft = true\n+++\n');
    const cap = promptIo(root, { title: 'Cap', newTags: '', category: '\u0000none', draft: false, write: true });
    expect(await main(['new', '--template', 'cap'], cap)).toBe(0);
    expect(readFileSync(join(root, 'content/posts/Cap.md'), 'utf8')).toBe('+++\ntitle = "Cap"\nDraft = false\ndate = 2025-03-31T21:17:31Z\n+++\n');
  });

  it('a new category; flags given are not asked', async () => {
    const root = tree({ 'posts/.keep': '' });
    const asked: string[] = [];
    const io = promptIo(root, { title: 'T', newTags: '', category: '\u0000new', newCategory: '生活 > 随笔', write: true }, asked);
    expect(await main(['new', '--draft'], io)).toBe(0);
    expect(asked).toEqual(['title', 'newTags', 'category', 'newCategory', 'write']);
    expect(readFileSync(join(root, 'posts/T.md'), 'utf8')).toContain('categories:\n  - 生活\n  - 随笔\ndraft: true\n');
  });

  it('Ctrl+C or Esc at any prompt: nothing written, "Cancelled", exit 130', async () => {
    for (const at of ['title', 'tags', 'category', 'draft', 'write']) {
      const root = tree({ 'posts/a.md': '---\ntitle: A\ntags: [x]\n---\n' });
      const before = snapshotTree(root);
      const answers: Record<string, unknown> = { title: 'T', tags: [], newTags: '', category: '\u0000none', draft: false, write: true, [at]: new CancelledError('Cancelled') };
      const io = promptIo(root, answers);
      expect(await main(['new'], io)).toBe(130);
      expect(io.err).toContain('Cancelled; nothing written.\n');
      expect(snapshotTree(root)).toEqual(before);
    }
  });

  it('answering no at the confirmation writes nothing', async () => {
    const root = tree({ 'posts/.keep': '' });
    const io = promptIo(root, { title: 'T', newTags: '', category: '\u0000none', draft: false, write: false }, []);
    expect(await main(['new'], io)).toBe(0);
    expect(readdirSync(join(root, 'posts'))).toEqual(['.keep']);
  });
});

describe('blog new does not load inquirer unless it prompts', () => {
  it('no @inquirer module is loaded for blog new "title" or blog --version', () => {
    const root = tree({ 'posts/.keep': '' });
    const loader = `data:text/javascript,${encodeURIComponent('export async function resolve(s, c, n) { const r = await n(s, c); if (r.url.includes("inquirer")) process.stderr.write("LOADED " + r.url + "\\n"); return r; }')}`;
    const register = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(loader)});`)}`;
    for (const args of [['new', 'Title', ...DATE], ['--version'], ['list']]) {
      const r = spawnSync(process.execPath, ['--import', register, binPath, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(r.status).toBe(0);
      expect(r.stderr).not.toContain('LOADED');
    }
    // The probe works: a prompt does load it.
    const probe = spawnSync(process.execPath, ['--import', register, '-e', 'import("@inquirer/prompts")'], { cwd: join(binPath, '..', '..'), encoding: 'utf8' });
    expect(probe.stderr).toContain('LOADED');
  });

  it('chalk is loaded only when some output may be coloured', () => {
    const root = tree({ 'posts/a.md': '---\ntitle: A\ndate: 2025-01-01\ntags: [ChatGPT]\n---\n' });
    const loader = `data:text/javascript,${encodeURIComponent('export async function resolve(s, c, n) { const r = await n(s, c); if (r.url.includes("/chalk/")) process.stderr.write("CHALK\\n"); return r; }')}`;
    const register = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(loader)});`)}`;
    const run = (args: string[], env: Record<string, string>) => {
      const { NO_COLOR: _n, FORCE_COLOR: _f, ...rest } = process.env;
      return spawnSync(process.execPath, ['--import', register, binPath, ...args], { cwd: root, encoding: 'utf8', env: { ...rest, ...env } });
    };
    for (const args of [['new', 'Title', ...DATE, '--dry-run'], ['--version'], ['list'], ['list', '--tag', 'nope']]) {
      const r = run(args, {});
      expect(r.stderr, args.join(' ')).not.toContain('CHALK');
    }
    const forced = run(['list'], { FORCE_COLOR: '1' });
    expect(forced.stderr).toContain('CHALK');
    expect(forced.stdout).toContain('\u001b[');
    const flagged = run(['list', '--color'], {});
    expect(flagged.stderr).toContain('CHALK');
    expect(flagged.stdout).toContain('\u001b[');
  });
});

describe.skipIf(spawnSync('python3', ['--version']).status !== 0)('blog new in a real terminal (pseudo-terminal)', () => {
  const drive = (cwd: string, steps: ({ wait: string } | { send: string })[]): { code: number | null; output: string } => {
    const r = spawnSync('python3', [join(binPath, '../../tests/pty-drive.py'), cwd, JSON.stringify(steps), '--', process.execPath, binPath, 'new'], { encoding: 'utf8', timeout: 60_000 });
    return JSON.parse(r.stdout);
  };
  const blog = { 'posts/a.md': '---\ntitle: A\ntags: [ChatGPT, AI]\ncategories: 日常折腾\n---\n', 'posts/b.md': '---\ntitle: B\ntags: [ChatGPT]\n---\n' };

  it('answers the real prompts and writes the post', () => {
    const root = tree(blog);
    const r = drive(root, [
      { wait: 'Title' },
      { send: '终端里写的文章\r' },
      { wait: 'Tags' },
      { send: ' ' },
      { send: '\r' },
      { wait: 'New tags' },
      { send: 'DeepSeek\r' },
      { wait: 'Category' },
      { send: '\u001b[B' },
      { send: '\r' },
      { wait: 'draft' },
      { send: '\r' },
      { wait: 'Write posts/' },
      { send: '\r' },
    ]);
    expect(r.code).toBe(0);
    const text = readFileSync(join(root, 'posts/终端里写的文章.md'), 'utf8');
    expect(text).toMatch(/^---\ntitle: 终端里写的文章\ndate: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\ntags:\n  - ChatGPT\n  - DeepSeek\ncategories: 日常折腾\n---\n$/);
  });

  it('a title of spaces is refused where it is typed (it was taken, shown under a ✔, and asked again)', () => {
    const root = tree(blog);
    const r = drive(root, [{ wait: 'Title' }, { send: '   \r' }, { wait: 'spaces alone' }, { send: '\u0003' }]);
    expect(r.output).toContain('Type some text (spaces alone are not a value)');
    expect(r.output).not.toContain('✔ Title');
    expect(r.code).toBe(130);
  });

  it.each([
    ['Ctrl+C at the title', [{ wait: 'Title' }, { send: 'abc' }, { send: '\u0003' }]],
    ['Ctrl+C at the tags', [{ wait: 'Title' }, { send: 'T\r' }, { wait: 'Tags' }, { send: '\u0003' }]],
    ['Esc at the category', [{ wait: 'Title' }, { send: 'T\r' }, { wait: 'Tags' }, { send: '\r' }, { wait: 'New tags' }, { send: '\r' }, { wait: 'Category' }, { send: '\u001b' }]],
    ['Ctrl+C at the confirmation', [{ wait: 'Title' }, { send: 'T\r' }, { wait: 'Tags' }, { send: '\r' }, { wait: 'New tags' }, { send: '\r' }, { wait: 'Category' }, { send: '\r' }, { wait: 'draft' }, { send: '\r' }, { wait: 'Write' }, { send: '\u0003' }]],
  ])('%s: nothing written, exit 130', (_name, steps) => {
    const root = tree(blog);
    const before = snapshotTree(root);
    const r = drive(root, steps as ({ wait: string } | { send: string })[]);
    expect(r.code).toBe(130);
    expect(r.output).toContain('Cancelled; nothing written.');
    expect(snapshotTree(root)).toEqual(before);
  });
});
