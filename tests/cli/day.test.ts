/**
 * A blogger's whole day in each generator's own terms: drafts written as the generator names
 * them, linted by draft rules, published and unpublished; pages and section pages left out of
 * the posts; each generator's options (Hexo future and filename_case, Hugo archetypes).
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binPath, runBlog, snapshotTree, useTempTrees } from '../helpers.js';

const tree = useTempTrees();
const AT = ['--date', '2025-03-31 21:17:31'];

describe('Hexo: new draft → lint → publish → unpublish', () => {
  const site = () =>
    tree({
      '_config.yml': 'new_post_name: :year-:month-:day-:title.md\ntimezone: Asia/Shanghai\n',
      'package.json': '{"dependencies": {"hexo": "^7.0.0"}}',
      'source/_posts/hello.md': '---\ntitle: Hello\ndate: 2025-01-01 10:00:00\n---\n',
      'source/about/index.md': '---\ntitle: About me\n---\n',
    });
  const drafts = (root: string): string => {
    mkdirSync(join(root, 'source/_drafts'), { recursive: true });
    return join(root, 'source/_drafts');
  };

  it('a draft is named by its slug only and has no date until it is published; lint passes it', () => {
    const root = site();
    const r = runBlog(['new', '年终总结：2025', '--draft', '--tags', '随笔'], { cwd: root });
    expect(r).toMatchObject({ code: 0, stdout: 'source/_drafts/年终总结：2025.md\n' });
    expect(readFileSync(join(root, 'source/_drafts/年终总结：2025.md'), 'utf8')).toBe('---\ntitle: 年终总结：2025\ntags:\n  - 随笔\n---\n');
    const lint = runBlog(['lint', '--format', 'compact'], { cwd: root });
    expect(lint).toMatchObject({ code: 0, stdout: '' });
  });

  it('publish moves it into _posts under new_post_name, dated now (or --date), every other byte kept; unpublish moves it back', () => {
    const root = site();
    writeFileSync(join(drafts(root), 'wip.md'), '---\ntitle: Work in progress\n# a comment that stays\ntags: [a, b]\n---\n\nBody **as written**.\n');
    const dry = runBlog(['publish', 'wip', ...AT, '--dry-run'], { cwd: root });
    expect(dry).toMatchObject({ code: 0, stdout: 'would publish source/_drafts/wip.md → source/_posts/2025-03-31-wip.md (date: 2025-03-31 21:17:31)\n' });
    expect(existsSync(join(root, 'source/_posts/2025-03-31-wip.md'))).toBe(false);
    const r = runBlog(['publish', 'Work in progress', ...AT, '--json'], { cwd: root });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ action: 'publish', from: 'source/_drafts/wip.md', to: 'source/_posts/2025-03-31-wip.md', moved: true, date: '2025-03-31 21:17:31', changes: ['date: 2025-03-31 21:17:31'], written: true });
    expect(existsSync(join(root, 'source/_drafts/wip.md'))).toBe(false);
    expect(readFileSync(join(root, 'source/_posts/2025-03-31-wip.md'), 'utf8')).toBe('---\ntitle: Work in progress\ndate: 2025-03-31 21:17:31\n# a comment that stays\ntags: [a, b]\n---\n\nBody **as written**.\n');
    const back = runBlog(['unpublish', '2025-03-31-wip'], { cwd: root });
    expect(back).toMatchObject({ code: 0, stdout: 'unpublished source/_posts/2025-03-31-wip.md → source/_drafts/wip.md (date removed: a draft gets its date when it is published)\n' });
    expect(readFileSync(join(root, 'source/_drafts/wip.md'), 'utf8')).toBe('---\ntitle: Work in progress\n# a comment that stays\ntags: [a, b]\n---\n\nBody **as written**.\n');
  });

  it('never overwrites: a taken name gets -1 (as Hexo numbers it)', () => {
    const root = site();
    writeFileSync(join(drafts(root), 'hello.md'), '---\ntitle: Hello again\n---\n');
    writeFileSync(join(root, 'source/_posts/2025-03-31-hello.md'), '---\ntitle: Taken\ndate: 2025-03-31\n---\n');
    expect(runBlog(['publish', 'source/_drafts/hello.md', ...AT], { cwd: root }).stdout).toBe('published source/_drafts/hello.md → source/_posts/2025-03-31-hello-1.md (date: 2025-03-31 21:17:31)\n');
    expect(readFileSync(join(root, 'source/_posts/2025-03-31-hello.md'), 'utf8')).toBe('---\ntitle: Taken\ndate: 2025-03-31\n---\n');
  });

  it('a draft whose name fills 255 bytes and is taken in _posts: published under a shorter free name (it crashed with ENAMETOOLONG)', () => {
    const root = site();
    const name = `${'文'.repeat(84)}.md`;
    writeFileSync(join(drafts(root), name), '---\ntitle: long\n---\n');
    // The name it gets, cut to 255 bytes at a character boundary, is taken: a number must fit too.
    writeFileSync(join(root, 'source/_posts', `2025-03-31-${'文'.repeat(80)}.md`), '---\ntitle: other\ndate: 2024-01-01\n---\n');
    const r = runBlog(['publish', 'long', ...AT], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    const names = readdirSync(join(root, 'source/_posts'));
    expect(names).toHaveLength(3);
    for (const n of names) expect(Buffer.byteLength(n)).toBeLessThanOrEqual(255);
  });

  it('several drafts have the title asked for and there is no terminal: exit 2 naming them; none matches: exit 2', () => {
    const root = site();
    writeFileSync(join(drafts(root), 'note-one.md'), '---\ntitle: Note\n---\n');
    writeFileSync(join(root, 'source/_drafts/note-two.md'), '---\ntitle: note\n---\n');
    const r = runBlog(['publish', 'note'], { cwd: root });
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(/^blog: error: 2 drafts match "note": source\/_drafts\/note-one\.md, source\/_drafts\/note-two\.md \(pass the path of the one you mean\)\n$/);
    expect(runBlog(['publish', 'nothing-like-it'], { cwd: root })).toMatchObject({ code: 2 });
  });

  it('a query that is only part of a title or name is never acted on without a terminal: exit 2 naming the post, nothing moved (unpublish x took the date of the one post with an x in its title)', () => {
    const root = site();
    writeFileSync(join(root, 'source/_posts/2025-02-02-git.md'), '---\ntitle: Keeping a Hexo blog in git\ndate: 2025-02-02 10:00:00\n---\n');
    const before = snapshotTree(root);
    const r = runBlog(['unpublish', 'x'], { cwd: root });
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe('blog: error: no published post is named "x"; it is part of the name or title of source/_posts/2025-02-02-git.md (pass the whole path, file name, slug or title)\n');
    expect(runBlog(['unpublish', 'e', '--dry-run'], { cwd: root }).stderr).toBe('blog: error: no published post is named "e"; it is part of the name or title of 2 published posts: source/_posts/2025-02-02-git.md, source/_posts/hello.md (pass the whole path, file name, slug or title)\n');
    expect(snapshotTree(root)).toEqual(before);
    // Whole names and titles act as before, in any case.
    expect(runBlog(['unpublish', 'keeping a hexo blog in git', '--dry-run'], { cwd: root })).toMatchObject({ code: 0, stdout: 'would unpublish source/_posts/2025-02-02-git.md → source/_drafts/git.md (date removed: a draft gets its date when it is published)\n' });
  });

  it.skipIf(spawnSync('python3', ['--version']).status !== 0)('on a terminal, a part of a title asks which post, even when one matches; the answer is what is done', () => {
    const root = site();
    writeFileSync(join(root, 'source/_posts/2025-02-02-git.md'), '---\ntitle: Keeping a Hexo blog in git\ndate: 2025-02-02 10:00:00\n---\n');
    const steps = [{ wait: 'the one it is part of' }, { send: '\r' }];
    const r = spawnSync('python3', [join(binPath, '../../tests/pty-drive.py'), root, JSON.stringify(steps), '--', process.execPath, binPath, 'unpublish', 'x', '--dry-run'], { encoding: 'utf8', timeout: 60_000 });
    const out = JSON.parse(r.stdout) as { code: number; output: string };
    expect(out.output).toContain('No published post is named "x"; the one it is part of:');
    expect(out.output).toContain('Keeping a Hexo blog in git  source/_posts/2025-02-02-git.md');
    expect(out.code).toBe(0);
    expect(out.output).toContain('would unpublish source/_posts/2025-02-02-git.md → source/_drafts/git.md');
  });

  it('a page passed to lint by name (as a pre-commit hook does) is not a post: a note, exit 0', () => {
    const root = site();
    const r = runBlog(['lint', 'source/about/index.md', 'source/_posts/hello.md'], { cwd: root });
    expect(r).toMatchObject({ code: 0, stderr: 'source/about/index.md: note: a page of the Hexo site (outside source/_posts), not a post; not linted\n' });
    writeFileSync(join(root, 'README.md'), '# My blog\n');
    const readme = runBlog(['lint', 'README.md', '--format', 'compact'], { cwd: root });
    expect(readme).toMatchObject({ code: 0, stdout: '', stderr: 'README.md: note: a README, not a post; not linted\n' });
    writeFileSync(join(root, 'source/_posts/_partial.md'), '---\nno: title\n---\n');
    const partial = runBlog(['lint', 'source/_posts/_partial.md'], { cwd: root });
    expect(partial.code).toBe(0);
    expect(partial.stderr).toContain('a file whose name starts with "_", which Hexo does not publish as a post; not linted');
  });

  it('future: false makes a future date a warning; future: true (the default) does not', () => {
    const root = site();
    writeFileSync(join(root, 'source/_posts/later.md'), '---\ntitle: Later\ndate: 2099-01-01 10:00:00\n---\n');
    expect(runBlog(['lint', '--format', 'compact'], { cwd: root }).stdout).toBe('');
    writeFileSync(join(root, '_config.yml'), 'timezone: Asia/Shanghai\nfuture: false\n');
    expect(runBlog(['lint', '--format', 'compact'], { cwd: root }).stdout).toBe('source/_posts/later.md:3:7: warning date 2099-01-01 10:00:00 is in the future on a published post; Hexo does not publish it until then (future: false in _config.yml) (date-in-future)\n');
  });

  it('blog new names files as hexo new does: full-width punctuation kept, filename_case applied', () => {
    const root = site();
    expect(runBlog(['new', 'ChatGPT-5将免费开放？官方回应：DeepSeek逼的！', ...AT], { cwd: root }).stdout).toBe('source/_posts/2025-03-31-ChatGPT-5将免费开放？官方回应：DeepSeek逼的！.md\n');
    writeFileSync(join(root, '_config.yml'), 'new_post_name: :title.md\nfilename_case: 1\n');
    expect(runBlog(['new', 'Hello, World!', ...AT], { cwd: root }).stdout).toBe('source/_posts/hello-world.md\n');
  });

  it('the date-format hint is a form no rule flags; messages name Hexo only', () => {
    const root = site();
    writeFileSync(join(root, 'source/_posts/slash.md'), '---\ntitle: Slash\ndate: 2024/7/1 9:05:00\n---\n');
    const r = runBlog(['lint', '--format', 'json'], { cwd: root });
    const finding = JSON.parse(r.stdout).findings.find((f: { rule: string }) => f.rule === 'date-format');
    expect(finding.message).toBe('date "2024/7/1 9:05:00" uses slashes; Hexo reads it only through moment\'s deprecated fallback to the JavaScript Date parser');
    expect(finding.hint).toBe('write 2024-07-01 09:05:00');
    writeFileSync(join(root, 'source/_posts/slash.md'), '---\ntitle: Slash\ndate: 2024-07-01 09:05:00\n---\n');
    expect(JSON.parse(runBlog(['lint', '--format', 'json'], { cwd: root }).stdout).findings).toEqual([]);
  });
});

describe('Jekyll: draft, publish, unpublish as jekyll-compose does', () => {
  it('draft by slug in _drafts, published as YYYY-MM-DD-slug.md, unpublished back without the date', () => {
    const root = tree({ '_config.yml': 'title: x\n', '_posts/2025-01-01-first.md': '---\ntitle: First\n---\n' });
    expect(runBlog(['new', 'My Draft', '--draft'], { cwd: root }).stdout).toBe('_drafts/My-Draft.md\n');
    expect(runBlog(['lint'], { cwd: root }).code).toBe(0);
    expect(runBlog(['publish', 'My-Draft', ...AT], { cwd: root }).stdout).toBe('published _drafts/My-Draft.md → _posts/2025-03-31-My-Draft.md (date: 2025-03-31 21:17:31)\n');
    expect(readFileSync(join(root, '_posts/2025-03-31-My-Draft.md'), 'utf8')).toBe('---\ntitle: My Draft\ndate: 2025-03-31 21:17:31\ntags:\n---\n');
    expect(runBlog(['unpublish', '_posts/2025-03-31-My-Draft.md'], { cwd: root }).code).toBe(0);
    expect(readdirSync(join(root, '_drafts'))).toEqual(['My-Draft.md']);
    expect(readFileSync(join(root, '_drafts/My-Draft.md'), 'utf8')).toBe('---\ntitle: My Draft\ntags:\n---\n');
  });

  it('unpublish in place (a Jekyll blog without a drafts folder) writes published: false, the marker Jekyll reads (it wrote draft: true, which Jekyll ignores)', () => {
    const root = tree({ 'blog.config.json': '{"posts": "posts", "generator": "jekyll"}', 'posts/2024-01-01-x.md': '---\ntitle: X\ndraft: false\n---\n' });
    expect(runBlog(['unpublish', 'x'], { cwd: root }).stdout).toBe('unpublished posts/2024-01-01-x.md (published: false)\n');
    expect(runBlog(['list', '--draft', '--format', 'paths'], { cwd: root }).stdout).toBe('posts/2024-01-01-x.md\n');
  });

  it('a post in _posts with draft: true is published by Jekyll: list, --draft and stats say so, as lint does (list showed it as a draft)', () => {
    const root = tree({ '_config.yml': 'title: x\n', '_posts/2025-04-10-学习笔记.md': '---\ntitle: 学习笔记\ndraft: true\n---\n', '_posts/2025-04-11-hidden.md': '---\ntitle: Hidden\npublished: false\n---\n' });
    expect(runBlog(['list', '--format', 'csv'], { cwd: root }).stdout).toBe(
      'path,date,date_iso,title,tags,categories,draft\r\n_posts/2025-04-11-hidden.md,2025-04-11,2025-04-11T00:00:00,Hidden,,,true\r\n_posts/2025-04-10-学习笔记.md,2025-04-10,2025-04-10T00:00:00,学习笔记,,,false\r\n',
    );
    expect(runBlog(['list', '--draft', '--format', 'paths'], { cwd: root }).stdout).toBe('_posts/2025-04-11-hidden.md\n');
    expect(JSON.parse(runBlog(['stats', '--json', '--no-words'], { cwd: root }).stdout)).toMatchObject({ posts: 2, published: 1, drafts: 1 });
    expect(runBlog(['lint', '--format', 'compact'], { cwd: root }).stdout).toContain('_posts/2025-04-10-学习笔记.md:3:1: warning draft: true is ignored by Jekyll: this post is published');
  });
});

describe('date-in-future follows what the generator leaves out (each case checked with jekyll 4.3 and hugo list future 0.111)', () => {
  it('Jekyll: a post dated only by a file name in the future is not built: warned at the file', () => {
    const root = tree({ '_config.yml': 'title: j\n', '_posts/2999-01-01-later.md': '---\ntitle: Later\n---\nx\n', '_posts/2025-01-01-past.md': '---\ntitle: Past\n---\nx\n' });
    expect(runBlog(['lint', '--format', 'compact'], { cwd: root }).stdout).toBe("_posts/2999-01-01-later.md:1:1: warning the file name's date 2999-01-01 is in the future on a published post; Jekyll does not publish it until then (future: false) (date-in-future)\n");
  });

  it('Hugo: the publish date decides (publishDate, pubdate, a date-like published, in any case; else date), not lastmod', () => {
    const root = tree({
      'hugo.toml': 'baseURL = "https://example.org/"\n',
      'content/posts/a.md': '---\ntitle: A\ndate: 2025-01-01\npublishDate: 2999-06-01\n---\n',
      'content/posts/b.md': '---\ntitle: B\ndate: 2025-01-01\nlastmod: 2999-06-01\n---\n',
      'content/posts/c.md': '---\ntitle: C\nPubDate: 2999-06-01\n---\n',
      'content/posts/d.md': '---\ntitle: D\ndate: 2999-06-01\npublishDate: 2025-01-01\n---\n',
      'content/posts/e.md': '---\ntitle: E\ndate: 2999-06-01\n---\n',
    });
    expect(runBlog(['lint', '--format', 'compact'], { cwd: root }).stdout).toBe(
      [
        'content/posts/a.md:4:14: warning publishDate 2999-06-01 is in the future on a published post; Hugo does not publish it until then (buildFuture is off) (date-in-future)',
        'content/posts/c.md:3:10: warning PubDate 2999-06-01 is in the future on a published post; Hugo does not publish it until then (buildFuture is off) (date-in-future)',
        'content/posts/e.md:3:7: warning date 2999-06-01 is in the future on a published post; Hugo does not publish it until then (buildFuture is off) (date-in-future)',
        '',
      ].join('\n'),
    );
  });
});

describe('Jekyll: tags and categories as Jekyll 4.3 reads them (each case checked with its own reader)', () => {
  it('a tags or categories string is split at white space, a flat categories list is terms, singular tag/category are one name; retag and lint --fix write the list', () => {
    let n = 0;
    const fm = (body: string, title = `t${++n}`): string => `---\ntitle: ${title}\n${body}\n---\n`;
    const root = tree({
      '_config.yml': 'title: x\n',
      '_posts/2024-01-01-p1.md': fm('tags: 随笔 生活'),
      '_posts/2024-01-02-p2.md': fm('tags: "a, b"'),
      '_posts/2024-01-03-p3.md': fm('tag: x y'),
      '_posts/2024-01-04-p4.md': fm('tags: 1.10'),
      '_posts/2024-01-05-p5.md': fm('categories: team community'),
      '_posts/2024-01-06-p6.md': fm('categories: [team, community]'),
      '_posts/2024-01-07-p7.md': fm('category: 日常 折腾'),
      '_posts/2024-01-08-p8.md': fm('tags: [a b, c]'),
      // Ruby's split: ASCII white space only; a full-width space is part of the name.
      '_posts/2024-01-10-p10.md': fm('tags: 随笔\u3000生活'),
    });
    const doc = JSON.parse(runBlog(['list', '--json', '--sort', 'path'], { cwd: root }).stdout) as { posts: { tags: string[]; categories: string[][] }[] };
    expect(doc.posts.map((p) => [p.tags, p.categories])).toEqual([
      [['随笔', '生活'], []],
      [['a,', 'b'], []],
      [['x y'], []],
      [[], []],
      [[], [['team'], ['community']]],
      [[], [['team'], ['community']]],
      [[], [['日常 折腾']]],
      [['a b', 'c'], []],
      [['随笔\u3000生活'], []],
    ]);
    expect(runBlog(['list', '--tag', '随笔', '--format', 'paths'], { cwd: root }).stdout).toBe('_posts/2024-01-01-p1.md\n');
    expect(runBlog(['list', '--category', 'community', '--format', 'paths', '--sort', 'path'], { cwd: root }).stdout).toBe('_posts/2024-01-05-p5.md\n_posts/2024-01-06-p6.md\n');
    const lint = runBlog(['lint', '--format', 'compact'], { cwd: root }).stdout;
    expect(lint).toContain('_posts/2024-01-01-p1.md:3:7: warning tags is the string "随笔 生活": Jekyll reads 2 tags (tag-string)');
    expect(lint).not.toContain('p3.md');
    expect(runBlog(['retag', '随笔', '日记', '--yes'], { cwd: root }).code).toBe(0);
    expect(readFileSync(join(root, '_posts/2024-01-01-p1.md'), 'utf8')).toBe(fm('tags: [日记, 生活]', 't1'));
    // A block scalar is not offered to --fix (it refuses values over several lines).
    writeFileSync(join(root, '_posts/2024-01-11-p11.md'), fm('tags: >-\n  foo\n  baz', 't11'));
    expect(runBlog(['lint', '--format', 'json'], { cwd: root }).stdout).toContain('change it by hand (--fix edits a value on one line)');
    writeFileSync(join(root, '_posts/2024-01-09-p9.md'), fm('tags: foo bar', 't9'));
    runBlog(['lint', '--fix'], { cwd: root });
    expect(readFileSync(join(root, '_posts/2024-01-09-p9.md'), 'utf8')).toBe(fm('tags: [foo, bar]', 't9'));
    expect(runBlog(['new', 'X', '--categories', 'A > B'], { cwd: root }).stderr).toBe('blog: error: --categories "A > B": Jekyll categories are single terms, not paths (pass them as terms: --categories "A,B")\n');
  });
});

describe('Hugo: archetypes, section pages, draft flipped in place', () => {
  const site = (files: Record<string, string> = {}) =>
    tree({
      'hugo.toml': 'baseURL = "https://example.org/"\ntimeZone = "Asia/Shanghai"\n',
      'content/_index.md': '---\ntitle: Home\n---\n',
      'content/posts/_index.md': '---\ntitle: Posts\n---\n',
      'content/posts/first.md': '---\ntitle: First\ndate: 2025-01-01T10:00:00+08:00\n---\n',
      ...files,
    });

  it('blog new writes into content/posts/ from Hugo\'s default archetype, in TOML, a draft as Hugo makes it', () => {
    const root = site();
    const r = runBlog(['new', 'My First Post', '--tags', 'a,b', ...AT], { cwd: root });
    expect(r).toMatchObject({ code: 0, stdout: 'content/posts/My-First-Post.md\n' });
    expect(readFileSync(join(root, 'content/posts/My-First-Post.md'), 'utf8')).toBe("+++\ndate = 2025-03-31T21:17:31+08:00\ndraft = true\ntitle = \"My First Post\"\ntags = [\"a\", \"b\"]\n+++\n");
  });

  it('a section archetype in YAML is used for its section; template code blog does not run is refused', () => {
    const root = site({ 'archetypes/notes.md': '---\ntitle: "{{ replace .File.ContentBaseName "-" " " | title }}"\ndate: {{ .Date }}\ntags: []\n---\n\nNotes of {{ .Date }}.\n', 'archetypes/default.md': '+++\ntitle = "{{ .Site.Title }}"\n+++\n' });
    expect(runBlog(['new', 'Reading list', '--section', 'notes', '--tags', '读书', ...AT], { cwd: root }).stdout).toBe('content/notes/Reading-list.md\n');
    expect(readFileSync(join(root, 'content/notes/Reading-list.md'), 'utf8')).toBe('---\ntitle: "Reading list"\ndate: 2025-03-31T21:17:31+08:00\ntags: ["读书"]\n---\n\nNotes of 2025-03-31T21:17:31+08:00.\n');
    const refused = runBlog(['new', 'X', ...AT], { cwd: root });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^blog: error: archetype archetypes\/default\.md: it uses template code blog does not run: "\{\{ \.Site\.Title \}\}"/);
  });

  it('published: false alone makes a draft, as in Hugo (hugo list all 0.111); with draft beside it, draft decides; unpublish writes draft', () => {
    const root = site({ 'content/posts/hidden.md': '---\ntitle: Hidden\ndate: 2024-01-01\npublished: false\n---\n', 'content/posts/both.md': '---\ntitle: Both\ndate: 2024-01-01\ndraft: false\npublished: false\n---\n' });
    expect(runBlog(['list', '--draft', '--format', 'paths'], { cwd: root }).stdout).toBe('content/posts/hidden.md\n');
    expect(runBlog(['lint', '--format', 'compact'], { cwd: root }).stdout).toContain('content/posts/both.md:5:1: warning published: false is ignored by Hugo, which uses draft: false: this page is published (draft-ignored)');
    expect(runBlog(['unpublish', 'both'], { cwd: root }).stdout).toBe('unpublished content/posts/both.md (draft: true)\n');
    expect(runBlog(['list', '--draft', '--format', 'paths'], { cwd: root }).stdout).toBe('content/posts/both.md\ncontent/posts/hidden.md\n');
  });

  it('draft and published values that are not booleans are read as Hugo 0.111 reads them (each checked with hugo list all); lint names them; publish writes draft: false', () => {
    // [value as written, a draft in Hugo]
    const draft: [string, boolean][] = [['true', true], ['"true"', true], ['1', true], ['yes', true], ['"yes"', false], ['"1"', true], ['0', false], ['"false"', false], ['on', true], ['"TRUE"', true], ['"t"', true], ['True', true], ['2', true], ['"2"', false], ['[]', false], ['""', false], ['null', false], ['1.5', false], ['"on"', false], ['Y', true], ["'y'", false], ['off', false], ['No', false],
      // YAML 1.1 numbers, by how they are written: integers in any base count, floats do not.
      ['1.0', false], ['1e0', false], ['-1.0', false], ['0b1', true], ['1_0', true], ['0x0', false], ['010', true], ['-1', true], ['1 # a comment', true]];
    const published: [string, boolean][] = [['false', true], ['"false"', true], ['0', true], ['no', true], ['"no"', false], ['null', true], ['""', false], ['"0"', true], ['off', true], ['1', false]];
    const toml: [string, string, boolean][] = [['draft', '"true"', true], ['draft', '1', false], ['draft', '"yes"', false], ['published', '"false"', true]];
    const files: Record<string, string> = {};
    draft.forEach(([v], i) => (files[`content/posts/d${i}.md`] = `---\ntitle: d${i}\ndate: 2024-05-01\ndraft: ${v}\n---\n`));
    published.forEach(([v], i) => (files[`content/posts/p${i}.md`] = `---\ntitle: p${i}\ndate: 2024-05-01\npublished: ${v}\n---\n`));
    toml.forEach(([k, v], i) => (files[`content/posts/t${i}.md`] = `+++\ntitle = "t${i}"\ndate = 2024-05-01\n${k} = ${v}\n+++\n`));
    const root = site(files);
    const drafts = new Set(runBlog(['list', '--draft', '--format', 'paths'], { cwd: root }).stdout.split('\n').filter(Boolean));
    const expected = [...draft.flatMap(([, d], i) => (d ? [`content/posts/d${i}.md`] : [])), ...published.flatMap(([, d], i) => (d ? [`content/posts/p${i}.md`] : [])), ...toml.flatMap(([, , d], i) => (d ? [`content/posts/t${i}.md`] : []))];
    expect([...drafts].sort()).toEqual(expected.sort());
    const lint = runBlog(['lint', '--format', 'compact'], { cwd: root }).stdout;
    expect(lint).toContain('content/posts/d3.md:4:1: warning draft: "yes" is not a boolean; Hugo reads it as draft: true: this page is a draft (draft-ignored)');
    expect(lint).toContain('content/posts/d4.md:4:1: warning draft: "yes" is not a boolean; Hugo reads it as not set: this page is published (draft-ignored)');
    expect(lint).not.toContain('content/posts/d0.md');
    expect(runBlog(['publish', 'content/posts/d3.md', ...AT], { cwd: root }).code).toBe(0);
    expect(readFileSync(join(root, 'content/posts/d3.md'), 'utf8')).toContain('\ndraft: false\n');
  });

  it('new --categories "A > B" in Hugo is a one-line error (it wrote two terms that --category "A > B" never matched); terms go through', () => {
    const root = site({});
    const r = runBlog(['new', '测试', '--categories', '技术 > 工具', ...AT], { cwd: root });
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: 'blog: error: --categories "技术 > 工具": Hugo categories are single terms, not paths (pass them as terms: --categories "技术,工具")\n' });
    expect(runBlog(['new', '测试', '--categories', '技术,工具', ...AT], { cwd: root }).code).toBe(0);
    expect(runBlog(['list', '--category', '工具', '--format', 'paths'], { cwd: root }).stdout).toBe('content/posts/测试.md\n');
  });

  it('a page without date is dated as Hugo 0.111 dates it: publishDate (pubdate, published), else lastmod (modified), keys in any case (checked with hugo list all)', () => {
    const cases: [string, string | null][] = [
      ['publishDate: 2024-02-01', '2024-02-01T00:00:00'],
      ['lastmod: 2024-03-01', '2024-03-01T00:00:00'],
      ['Date: 2024-04-01', '2024-04-01T00:00:00'],
      ['pubdate: 2024-05-01', '2024-05-01T00:00:00'],
      ['modified: 2024-06-01', '2024-06-01T00:00:00'],
      ['published: 2024-07-01', '2024-07-01T00:00:00'],
      ['lastmod: 2024-09-01\npublishDate: 2024-09-02', '2024-09-02T00:00:00'],
      ['PublishDate: "2024-10-01 10:00:00"', '2024-10-01T10:00:00'],
      ['expiryDate: 2024-11-01', null],
    ];
    const root = site(Object.fromEntries(cases.map(([fm], i) => [`content/posts/q${i}.md`, `---\ntitle: q${i}\n${fm}\n---\n`])));
    const doc = JSON.parse(runBlog(['list', '--json', '--sort', 'path'], { cwd: root }).stdout) as { posts: { path: string; dateIso: string | null }[] };
    const got = Object.fromEntries(doc.posts.map((p) => [p.path, p.dateIso]));
    // (The site's timeZone is Asia/Shanghai.)
    cases.forEach(([, iso], i) => expect(got[`content/posts/q${i}.md`], cases[i]?.[0]).toBe(iso === null ? null : `${iso}+08:00`));
    // A bad one is named by its own key.
    const bad = site({ 'content/posts/bad.md': '---\ntitle: Bad\npublishDate: 2024-02-30\n---\n' });
    expect(runBlog(['lint', '--format', 'compact'], { cwd: bad }).stdout).toMatch(/^content\/posts\/bad\.md:3:\d+: error publishDate /m);
    // `published` as the draft marker is not a date: lastmod dates the page, and nothing says "not a date".
    const marker = site({ 'content/posts/a.md': '---\ntitle: A\npublished: "false"\n---\n', 'content/posts/b.md': '---\ntitle: B\npublished: yes\nlastmod: 2024-01-01\n---\n' });
    const m = runBlog(['list', '--json', '--sort', 'path'], { cwd: marker });
    expect((JSON.parse(m.stdout) as { posts: { path: string; dateIso: string | null }[] }).posts.filter((p) => p.path !== 'content/posts/first.md').map((p) => p.dateIso)).toEqual([null, '2024-01-01T00:00:00+08:00']);
    expect(runBlog(['lint', '--format', 'compact'], { cwd: marker }).stdout).not.toContain('not a date');
  });

  it('JSON front matter (an object at the top of the file) is read as Hugo reads it; unclosed, it is an error; retag leaves it to the author', () => {
    const root = site({
      'content/posts/json-fm.md': '{ "title": "JSON fm", "date": "2024-04-05T10:00:00Z", "tags": ["json", "a}b"] }\nbody text\n',
      'content/posts/j2.md': '\n{\n  "title": "J2",\n  "date": "2024-04-06",\n  "categories": ["技术"]\n}\n\nbody\n',
    });
    const doc = JSON.parse(runBlog(['list', '--json', '--sort', 'path'], { cwd: root }).stdout) as { posts: { title: string; dateIso: string; tags: string[]; categories: string[][]; format: string }[] };
    expect(doc.posts.filter((p) => p.format === 'json').map((p) => [p.title, p.dateIso, p.tags, p.categories, p.format])).toEqual([
      ['J2', '2024-04-06T00:00:00+08:00', [], [['技术']], 'json'],
      ['JSON fm', '2024-04-05T10:00:00Z', ['json', 'a}b'], [], 'json'],
    ]);
    expect(runBlog(['lint', '--format', 'compact'], { cwd: root }).stdout).not.toContain('required');
    expect(runBlog(['retag', '--add', 'x', '--dry-run'], { cwd: root }).stderr).toContain('content/posts/j2.md:2:1: skipped: JSON front matter is not edited yet; change it by hand');
    // Past a head read of blank lines, and only after the white space Hugo's lexer skips (an NBSP ends it: no front matter).
    writeFileSync(join(root, 'content/posts/ws.md'), `${'\n'.repeat(5000)}{ "title": "WS", "date": "2024-04-01", "tags": ["ws"] }\nbody\n`);
    writeFileSync(join(root, 'content/posts/nb.md'), '\u00a0{ "title": "NBSP", "date": "2024-06-01" }\nbody\n');
    expect(runBlog(['list', '--tag', 'ws', '--format', 'paths'], { cwd: root }).stdout).toBe('content/posts/ws.md\n');
    expect(runBlog(['list', '--json'], { cwd: root }).stdout).not.toContain('"NBSP"');
    writeFileSync(join(root, 'content/posts/j3.md'), '{ "title": "bad",\n');
    expect(runBlog(['lint', '--format', 'compact'], { cwd: root }).stdout).toContain('content/posts/j3.md:1:1: error the JSON front matter opened by "{" is never closed (front-matter-unreadable)');
  });

  it('section pages (_index.md) are not posts; publish flips draft in place', () => {
    const root = site({ 'content/posts/wip.md': '+++\ntitle = "WIP"\ndraft = true\n+++\nbody\n' });
    const list = JSON.parse(runBlog(['list', '--json'], { cwd: root }).stdout);
    expect(list.posts.map((p: { path: string }) => p.path)).toEqual(['content/posts/first.md', 'content/posts/wip.md']);
    expect(runBlog(['publish', 'wip', ...AT], { cwd: root }).stdout).toBe('published content/posts/wip.md (date: 2025-03-31T21:17:31+08:00, draft: false)\n');
    expect(readFileSync(join(root, 'content/posts/wip.md'), 'utf8')).toBe('+++\ntitle = "WIP"\ndate = 2025-03-31T21:17:31+08:00\ndraft = false\n+++\nbody\n');
    expect(runBlog(['unpublish', 'wip'], { cwd: root }).stdout).toBe('unpublished content/posts/wip.md (draft: true)\n');
    expect(readFileSync(join(root, 'content/posts/wip.md'), 'utf8')).toBe('+++\ntitle = "WIP"\ndate = 2025-03-31T21:17:31+08:00\ndraft = true\n+++\nbody\n');
  });

  it('publish writes a YAML date with its offset, as blog new does: without one Hugo reads it in UTC (a post published at 15:56 in UTC+8 was dated 8 hours ahead, and not built)', () => {
    const root = site({ 'content/posts/y.md': '---\ntitle: Y\ndate: 2024-01-01T10:00:00+08:00\ndraft: true\n---\nbody\n' });
    expect(runBlog(['publish', 'y', ...AT], { cwd: root }).stdout).toBe('published content/posts/y.md (date: 2025-03-31T21:17:31+08:00, draft: false)\n');
    expect(readFileSync(join(root, 'content/posts/y.md'), 'utf8')).toBe('---\ntitle: Y\ndate: 2025-03-31T21:17:31+08:00\ndraft: false\n---\nbody\n');
    // No timeZone in the site: now, in the machine's zone, with its offset.
    const bare = tree({ 'hugo.toml': 'baseURL = "https://example.org/"\n', 'content/posts/n.md': '---\ntitle: N\ndraft: true\n---\n' });
    const r = runBlog(['publish', 'n'], { cwd: bare, env: { TZ: 'Asia/Shanghai' } });
    expect(r.stdout).toMatch(/^published content\/posts\/n\.md \(date: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00, draft: false\)\n$/);
    expect(readFileSync(join(bare, 'content/posts/n.md'), 'utf8')).toMatch(/^---\ntitle: N\ndate: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00\ndraft: false\n---\n$/);
    expect(runBlog(['lint', '--format', 'compact'], { cwd: bare })).toMatchObject({ code: 0, stdout: '' });
  });

  it('a TOML date is shown as written (it was TomlDate\'s own form: 2025-01-10T10:00:00.000+08:00)', () => {
    const root = site({
      'content/posts/t.md': '+++\ntitle = "T"\ndate = 2025-01-10T10:00:00+08:00\n+++\n',
      'content/posts/u.md': '+++\ntitle = "U"\ndate = 2025-01-09 10:00:00\n+++\n',
      'content/posts/w.md': '+++\ntitle = "W"\n"date" = 2025-01-08\n[params]\ndate = 2024-01-01T00:00:00Z\n+++\n',
      // A line inside a multi-line string is not the key (it was taken for it: the post was dated 2020); an indented key is.
      'content/posts/x.md': '+++\ntitle = "X"\ndescription = """\ndate = 2020-01-01\n"""\ndate = 2025-01-07 08:00:00\n+++\n',
      'content/posts/y.md': '+++\ntitle = "Y"\n  date = 2025-01-06T03:04:05+08:00\n+++\n',
    });
    const posts = JSON.parse(runBlog(['list', '--json'], { cwd: root }).stdout).posts.map((p: { path: string; date: string; dateIso: string }) => [p.path, p.date, p.dateIso]);
    expect(posts).toEqual([
      ['content/posts/t.md', '2025-01-10T10:00:00+08:00', '2025-01-10T10:00:00+08:00'],
      ['content/posts/u.md', '2025-01-09 10:00:00', '2025-01-09T10:00:00+08:00'],
      ['content/posts/w.md', '2025-01-08', '2025-01-08T00:00:00+08:00'],
      ['content/posts/x.md', '2025-01-07 08:00:00', '2025-01-07T08:00:00+08:00'],
      ['content/posts/y.md', '2025-01-06T03:04:05+08:00', '2025-01-06T03:04:05+08:00'],
      ['content/posts/first.md', '2025-01-01T10:00:00+08:00', '2025-01-01T10:00:00+08:00'],
    ]);
  });

  it('a draft marker in another case (Draft = true) is a draft, as Hugo reads keys in any case (hugo list drafts 0.111); publish flips that key', () => {
    const root = site({ 'content/posts/cap.md': '+++\ntitle = "Cap"\nDraft = true\n+++\n', 'content/posts/yes.md': '---\ntitle: Yes\nDraft: "yes"\n---\n' });
    const drafts = JSON.parse(runBlog(['list', '--json', '--draft'], { cwd: root }).stdout).posts.map((p: { path: string }) => p.path);
    expect(drafts).toEqual(['content/posts/cap.md']);
    expect(runBlog(['lint', '--format', 'compact'], { cwd: root }).stdout).toBe('content/posts/yes.md:3:1: warning Draft: "yes" is not a boolean; Hugo reads it as not set: this page is published (draft-ignored)\n');
    expect(runBlog(['publish', 'cap', ...AT], { cwd: root }).stdout).toBe('published content/posts/cap.md (date: 2025-03-31T21:17:31+08:00, Draft: false)\n');
    expect(readFileSync(join(root, 'content/posts/cap.md'), 'utf8')).toBe('+++\ntitle = "Cap"\ndate = 2025-03-31T21:17:31+08:00\nDraft = false\n+++\n');
  });

  it('publish replaces a TOML date written as a quoted string with a # in it whole', () => {
    const root = site({ 'content/posts/t5.md': '+++\ntitle = "t"\ndate = "2024-01-01 #x"\ndraft = true\n+++\n' });
    expect(runBlog(['publish', 't5', '--date', '2025-01-01 10:00:00'], { cwd: root })).toMatchObject({ code: 0, stdout: 'published content/posts/t5.md (date: 2025-01-01T10:00:00+08:00, draft: false)\n' });
    expect(readFileSync(join(root, 'content/posts/t5.md'), 'utf8')).toBe('+++\ntitle = "t"\ndate = 2025-01-01T10:00:00+08:00\ndraft = false\n+++\n');
  });
});

describe('the rest of the day', () => {
  it('an ignore setting leaves files out; a read-only post is skipped by retag, not rewritten', () => {
    const root = tree({
      'blog.config.json': JSON.stringify({ posts: 'posts', ignore: ['archive/**', '**/notes.md'] }),
      'posts/a.md': '---\ntitle: A\ndate: 2025-01-01\ntags: [x]\n---\n',
      'posts/archive/old.md': '---\ntitle: Old\ndate: 2010-01-01\ntags: [x]\n---\n',
      'posts/sub/notes.md': 'just notes',
      'posts/ro.md': '---\ntitle: RO\ndate: 2025-01-02\ntags: [x]\n---\n',
    });
    chmodSync(join(root, 'posts/ro.md'), 0o444);
    expect(runBlog(['list', '--format', 'paths'], { cwd: root }).stdout).toBe('posts/ro.md\nposts/a.md\n');
    // The preview counts what the write will do: the read-only post is skipped there too, with the same reason.
    const dry = runBlog(['retag', 'x', 'y', '--dry-run'], { cwd: root });
    expect(dry.stdout).toContain('\n1 file would change, 0 unchanged, 1 skipped\n');
    expect(dry.stdout).not.toContain('posts/ro.md');
    expect(dry.stderr).toBe('posts/ro.md: skipped: the file is read-only; left as it is (make it writable to change it)\n');
    const r = runBlog(['retag', 'x', 'y', '--yes'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('posts/ro.md: skipped: the file is read-only; left as it is (make it writable to change it)\n');
    expect(r.stdout).toBe('1 file changed, 0 unchanged, 1 skipped\n  renamed tag x → y in 1 post\n');
    expect(readFileSync(join(root, 'posts/ro.md'), 'utf8')).toContain('tags: [x]');
  });

  it('unpublish of a post in :year/:month/ folders removes the folders it leaves empty, and only those', () => {
    const root = tree({ '_config.yml': 'new_post_name: ":year/:month/:title.md"\n', 'source/_posts/2023/07/月份草稿.md': '---\ntitle: 月份草稿\ndate: 2023-07-01 10:00:00\n---\nbody\n', 'source/_posts/2023/keep.md': '---\ntitle: keep\ndate: 2023-05-01 10:00:00\n---\n', 'source/_drafts/.keep': '' });
    expect(runBlog(['unpublish', '月份草稿'], { cwd: root }).code).toBe(0);
    expect(existsSync(join(root, 'source/_posts/2023/07'))).toBe(false);
    expect(readdirSync(join(root, 'source/_posts/2023'))).toEqual(['keep.md']);
    expect(readdirSync(join(root, 'source/_drafts')).sort()).toEqual(['.keep', '月份草稿.md']);
    // Publish leaves the user's drafts subfolders, even emptied.
    writeFileSync(join(root, '_config.yml'), 'new_post_name: ":title.md"\n');
    mkdirSync(join(root, 'source/_drafts/series'));
    writeFileSync(join(root, 'source/_drafts/series/one.md'), '---\ntitle: one\n---\n');
    expect(runBlog(['publish', 'one', '--date', '2024-01-01 10:00:00'], { cwd: root }).code).toBe(0);
    expect(existsSync(join(root, 'source/_drafts/series'))).toBe(true);
  });

  it('publish then unpublish in a plain posts folder with _drafts gives back the same bytes (draft: true comes back)', () => {
    const original = '---\ntitle: ChatGPT 和 Claude\ndraft: true\ntags: [ChatGPT]\n---\n\n正文。\n';
    const root = tree({ 'posts/hello.md': '---\ntitle: Hello\ndate: 2025-01-01\n---\n', 'posts/_drafts/chatgpt-vs-claude.md': original });
    const pub = runBlog(['publish', 'chatgpt-vs-claude', ...AT], { cwd: root });
    expect(pub).toMatchObject({ code: 0, stdout: 'published posts/_drafts/chatgpt-vs-claude.md → posts/chatgpt-vs-claude.md (date: 2025-03-31 21:17:31, draft: false)\n' });
    expect(readFileSync(join(root, 'posts/chatgpt-vs-claude.md'), 'utf8')).toBe('---\ntitle: ChatGPT 和 Claude\ndate: 2025-03-31 21:17:31\ndraft: false\ntags: [ChatGPT]\n---\n\n正文。\n');
    const back = runBlog(['unpublish', 'chatgpt-vs-claude'], { cwd: root });
    expect(back).toMatchObject({ code: 0, stdout: 'unpublished posts/chatgpt-vs-claude.md → posts/_drafts/chatgpt-vs-claude.md (date removed: a draft gets its date when it is published, draft: true)\n' });
    expect(readFileSync(join(root, 'posts/_drafts/chatgpt-vs-claude.md'), 'utf8')).toBe(original);
  });

  it('new --edit opens the post in $VISUAL (else $EDITOR) with the path as one argument', () => {
    const root = tree({ 'posts/.keep': '' });
    const log = join(root, 'editor.log');
    writeFileSync(join(root, 'ed.sh'), `#!/bin/sh\nprintf '%s\\n' "$#" "$1" > ${JSON.stringify(log)}\n`);
    chmodSync(join(root, 'ed.sh'), 0o755);
    const r = runBlog(['new', 'A title; with $(dollars)', '--edit', ...AT], { cwd: root, env: { VISUAL: join(root, 'ed.sh') } });
    expect(r.code).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe(`1\n${join(root, 'posts/A-title-with-dollars.md')}\n`);
  });
});
