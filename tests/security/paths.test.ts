/**
 * No path leaves the blog. Settings found in the site (a cloned repository) may not make blog
 * write or read outside the folder that holds them; symlinks in the posts folder are not a way
 * out either. Only what the user types (`--dir`, file arguments) may point anywhere.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blog, blogAsync, CRASH, describeRun, snapshot, useTrees, writeTree, type Entry, type RunResult } from './helpers.js';

const tree = useTrees();

const POST = (title: string, tags = '[a]') => `---\ntitle: ${title}\ndate: 2025-01-01 10:00:00\ntags: ${tags}\n---\nbody\n`;

/** Exit 2 with one line on stderr (no stack trace) that matches `names`. */
function expectOneLineError(r: RunResult, names: RegExp): void {
  expect(r.code, describeRun(r)).toBe(2);
  expect(r.stderr, describeRun(r)).not.toMatch(CRASH);
  expect(r.stderr.trimEnd().split('\n'), describeRun(r)).toHaveLength(1);
  expect(r.stderr, describeRun(r)).toMatch(names);
}

/** Entries of a snapshot outside the given folder prefix. */
const outside = (snap: Record<string, string>, inside: string): Record<string, string> =>
  Object.fromEntries(Object.entries(snap).filter(([k]) => !k.startsWith(inside)));

// Every test works in its own temp folders: they all run at once (the walk of / waits on a timer).
describe('no path leaves the blog', () => {
  describe('reading never walks a folder symlink out of the blog', () => {
    it('posts/root -> /: blog list --json finishes within 10 s, lists nothing outside and reports the link in skipped', async () => {
      const root = tree({ 'blog.config.json': JSON.stringify({ posts: 'posts' }), 'posts/mine.md': POST('Mine'), 'posts/root': { symlink: '/' } });
      const r = await blogAsync(['list', '--json'], { cwd: root, timeout: 10_000 });
      expect(r.timedOut, `still walking after 10 s: ${describeRun(r, 200)}`).toBe(false);
      const doc = JSON.parse(r.stdout) as { posts: { path: string }[]; skipped: { path: string; reason: string }[] };
      expect(doc.posts.map((p) => p.path)).toEqual(['posts/mine.md']);
      expect(doc.skipped.map((s) => s.path)).toContain('posts/root');
    });

    it('posts/up -> the folder above the blog: lists nothing outside, reports the link in skipped (JSON) and on stderr (table)', () => {
      const t = tree({ 'outside/secret.md': POST('OUTSIDE'), 'outside/deeper/more.md': POST('OUTSIDE2') });
      const root = writeTree(join(t, 'blog'), { 'blog.config.json': JSON.stringify({ posts: 'posts' }), 'posts/mine.md': POST('Mine'), 'posts/up': { symlink: t } });
      const json = blog(['list', '--json'], { cwd: root, timeout: 10_000 });
      const doc = JSON.parse(json.stdout) as { posts: { path: string }[]; skipped: { path: string; reason: string }[] };
      expect(doc.posts.map((p) => p.path)).toEqual(['posts/mine.md']);
      expect(doc.skipped.map((s) => s.path)).toContain('posts/up');
      const table = blog(['list'], { cwd: root, timeout: 10_000 });
      expect(table.stdout).not.toContain('OUTSIDE');
      expect(table.stderr).toContain('posts/up');
    });

    it('posts/up -> the folder above the blog: blog retag --add X --yes changes nothing outside', () => {
      const t = tree({ 'outside/secret.md': POST('OUTSIDE') });
      const root = writeTree(join(t, 'blog'), { 'blog.config.json': JSON.stringify({ posts: 'posts' }), 'posts/mine.md': POST('Mine'), 'posts/up': { symlink: t } });
      const before = snapshot(join(t, 'outside'));
      const r = blog(['retag', '--add', 'X', '--yes'], { cwd: root, timeout: 10_000 });
      expect(snapshot(join(t, 'outside')), describeRun(r)).toEqual(before);
    });
  });

  it('lint of named files (what CI passes from a pull request) reads no link out of the blog and no FIFO: each is reported, the rest linted', () => {
    const t = tree({ 'outside/secret.md': '---\ntitle: s\ndate: TOPSECRET-VALUE\n---\n' });
    const secret = join(t, 'outside/secret.md');
    const root = writeTree(join(t, 'blog'), { 'blog.config.json': JSON.stringify({ posts: 'posts' }), 'posts/ok.md': POST('OK'), 'posts/leak.md': { symlink: secret }, 'notes/other.md': { symlink: secret }, 'posts/evildir': { symlink: join(t, 'outside') } });
    fs.mkdirSync(join(root, 'notes'), { recursive: true });
    execFileSync('mkfifo', [join(root, 'posts/fifo.md')]);
    for (const format of ['github', 'json', 'compact']) {
      const r = blog(['lint', '--format', format, '--', 'posts/leak.md', 'notes/other.md', 'posts/fifo.md', 'posts/evildir/secret.md', 'posts/ok.md'], { cwd: root, timeout: 10_000 });
      // A file in a linked folder is said to be behind a link (it said "left out by the ignore setting"), as an error
      // like a direct link (it was a warning, and the check passed).
      expect(r.stdout, format).toContain('posts/evildir/secret.md');
      expect(r.stdout, format).toContain(`symbolic link to a file outside the blog (${fs.realpathSync(join(t, 'outside'))}/secret.md)`);
      expect(r.timedOut, describeRun(r)).toBe(false);
      expect(r.stdout + r.stderr, format).not.toContain('TOPSECRET');
      expect(r.stdout + r.stderr, format).toContain('posts/leak.md');
      expect(r.stdout + r.stderr, format).toContain('notes/other.md');
      expect(r.stdout + r.stderr, format).toContain('posts/fifo.md');
      expect(r.code, describeRun(r)).toBe(1);
    }
  });

  it('publish with new_post_name ":year/:title.md" and source/_posts/2025 a link out of the blog: refused as new refuses it, the draft stays', () => {
    const t = tree({ 'outside/keep.txt': 'x' });
    const out = join(t, 'outside');
    const root = writeTree(join(t, 'blog'), { '_config.yml': 'new_post_name: ":year/:title.md"\n', 'source/_drafts/d1.md': '---\ntitle: d1\n---\nbody\n', 'source/_posts/2025': { symlink: out } });
    const before = snapshot(out);
    expectOneLineError(blog(['publish', 'd1', '--date', '2025-01-01 10:00:00'], { cwd: root }), /source\/_posts\/2025\/d1\.md, which leads outside the blog through a symbolic link/);
    expectOneLineError(blog(['new', 'other', '--date', '2025-01-01 10:00:00'], { cwd: root }), /leads outside the blog through a symbolic link/);
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(join(root, 'source/_drafts'))).toEqual(['d1.md']);
  });

  it('a file where new_post_name needs a folder (source/_posts/2025): new and publish stop with one line, no stack', () => {
    const root = tree({ '_config.yml': 'new_post_name: ":year/:title.md"\n', 'source/_drafts/x.md': '---\ntitle: x\n---\n', 'source/_posts/2025': 'not a folder' });
    for (const args of [['new', 'hello', '--date', '2025-01-01 10:00:00'], ['publish', 'x', '--date', '2025-01-01 10:00:00']]) {
      expectOneLineError(blog(args, { cwd: root }), /source\/_posts\/2025 is a file, where a folder of posts should be/);
    }
    // Two folders deep, the file above is named (it said source/_posts/2025/01).
    fs.writeFileSync(join(root, '_config.yml'), 'new_post_name: ":year/:month/:title.md"\n');
    expectOneLineError(blog(['new', 'hello', '--date', '2025-01-01 10:00:00'], { cwd: root }), /error: source\/_posts\/2025 is a file, where a folder of posts should be/);
    // A Hugo section that is a file (it said "system error EEXIST").
    const hugo = tree({ 'hugo.toml': 'title = "x"\n', 'content/posts': 'not a folder' });
    expectOneLineError(blog(['new', 'Y'], { cwd: hugo }), /cannot write content\/posts\/Y\.md: a file is where a folder should be/);
  });

  describe('a drafts or posts folder that links out of the blog is neither read nor written', () => {
    const cases: [string, Record<string, string | { symlink: string }>, (out: string) => Record<string, { symlink: string }>, string[][]][] = [
      ['Jekyll _drafts', { '_config.yml': 'x: 1\n', '_posts/2025-01-01-a.md': POST('A') }, (out) => ({ _drafts: { symlink: out } }), [['list'], ['new', 'Evil', '--draft'], ['retag', '--add', 'PWN', '--yes'], ['unpublish', 'a']]],
      ['Hexo source/_drafts', { '_config.yml': 'title: x\n', 'source/_posts/2025-01-01-a.md': POST('A') }, (out) => ({ 'source/_drafts': { symlink: out } }), [['publish', 'victim'], ['unpublish', '2025-01-01-a'], ['new', 'Evil', '--draft']]],
      ['plain posts/_drafts', { 'posts/a.md': POST('A') }, (out) => ({ 'posts/_drafts': { symlink: out } }), [['new', 'Evil', '--draft'], ['unpublish', 'a'], ['retag', '--add', 'PWN', '--yes']]],
      ['plain ./posts itself', {}, (out) => ({ posts: { symlink: out } }), [['retag', '--add', 'PWN', '--yes'], ['new', 'Planted'], ['list']]],
    ];
    it.each(cases)('%s: every command stops with exit 2 naming the folder; nothing outside changes', (_name, files, link, commands) => {
      const t = tree({ 'outside/victim.md': POST('Victim', '[o]') });
      const out = join(t, 'outside');
      const root = writeTree(join(t, 'blog'), { ...files, ...link(out) });
      const before = snapshot(out);
      for (const args of commands) {
        const r = blog(args, { cwd: root });
        expectOneLineError(r, /the (drafts|posts) folder .* is a symbolic link to .*outside, outside the blog/);
      }
      expect(snapshot(out)).toEqual(before);
    });
  });

  it('--dir naming a site root does not make its own _posts, source or content trusted: a link out of the site is refused', () => {
    const t = tree({ 'outside/2024-01-01-x.md': POST('SECRET-TITLE') });
    const out = join(t, 'outside');
    const sites: Record<string, Record<string, string | { symlink: string }>> = {
      jekyll: { '_config.yml': 'title: x\n', _posts: { symlink: out } },
      hexo: { '_config.yml': 'title: x\n', 'package.json': '{"dependencies": {"hexo": "^7.0.0"}}', 'source/_posts': { symlink: out } },
      hugo: { 'hugo.toml': 'title = "x"\n', content: { symlink: out } },
    };
    const before = snapshot(out);
    for (const [name, files] of Object.entries(sites)) {
      const root = writeTree(join(t, name), files);
      for (const args of [['list', '--dir', '.'], ['retag', '--add', 'PWN', '--yes', '--dir', '.'], ['new', 'Dropped', '--dir', root]]) {
        const r = blog(args, { cwd: root });
        expectOneLineError(r, /the posts folder .* is a symbolic link to .*outside, outside the blog/);
        expect(r.stdout).not.toContain('SECRET');
      }
    }
    expect(snapshot(out)).toEqual(before);
  });

  describe('config, template and lock files are read only as small regular files of the blog', () => {
    const post = { 'source/_posts/p.md': POST('P') };
    it('_config.yml -> /dev/zero: a warning naming it, its settings ignored, the posts listed (it read without end before)', async () => {
      const root = tree({ ...post, '_config.yml': { symlink: '/dev/zero' } });
      const r = await blogAsync(['list', '--format', 'paths'], { cwd: root, timeout: 10_000 });
      expect(r.timedOut, describeRun(r, 200)).toBe(false);
      expect(r).toMatchObject({ code: 0, stdout: 'source/_posts/p.md\n' });
      expect(r.stderr).toMatch(/_config\.yml: cannot read \(it is a symbolic link to \/dev\/zero, outside the blog\); its settings are ignored\n$/);
    });
    it('blog.config.yaml -> a file outside: exit 2, and not one line of that file is shown', () => {
      const t = tree({ 'secret.txt': 'root:*:20228:0:99999:7:::\n' });
      const root = writeTree(join(t, 'blog'), { 'posts/p.md': POST('P'), 'blog.config.yaml': { symlink: join(t, 'secret.txt') } });
      const r = blog(['list'], { cwd: root });
      expectOneLineError(r, /blog\.config\.yaml: cannot read: it is a symbolic link to .*secret\.txt, outside the blog/);
      expect(r.stdout + r.stderr).not.toContain('root:*');
    });
    it('scaffolds/post.md -> /dev/zero or a file outside: blog new exits 2 naming the template', async () => {
      const t = tree({ 'outside.md': '---\ntitle: x\n---\nSECRET BODY\n' });
      for (const target of ['/dev/zero', join(t, 'outside.md')]) {
        const root = writeTree(join(t, `blog-${target.length}`), { '_config.yml': 'title: x\n', 'source/_posts/p.md': POST('P'), 'scaffolds/post.md': { symlink: target } });
        const r = await blogAsync(['new', 'Leak'], { cwd: root, timeout: 10_000 });
        expectOneLineError(r, /template scaffolds\/post\.md: cannot read: it is a symbolic link to .*, outside the blog/);
        expect(fs.readdirSync(join(root, 'source/_posts'))).toEqual(['p.md']);
      }
    });
    it("a Hexo site's scaffolds/ or a Hugo site's archetypes/ (the default folders) linking out of the site: blog new exits 2 naming the folder, and no outside template is used; list and lint work", () => {
      const t = tree({ 'outside/post.md': '---\ntitle: {{ title }}\nleak: OUTSIDE-SECRET\n---\n', 'outside/default.md': '---\ntitle: x\nleak: OUTSIDE-SECRET\n---\n' });
      const sites: { name: string; files: Record<string, Entry>; folder: string; key: string; posts: string; post: string }[] = [
        { name: 'hexo', files: { '_config.yml': 'title: x\n', 'source/_posts/p.md': POST('P') }, folder: 'scaffolds', key: 'scaffold_dir', posts: 'source/_posts', post: 'p.md' },
        { name: 'hugo', files: { 'hugo.toml': 'title = "x"\n', 'content/posts/p.md': POST('P') }, folder: 'archetypes', key: 'archetypeDir', posts: 'content/posts', post: 'p.md' },
      ];
      for (const site of sites) {
        const root = writeTree(join(t, site.name), { ...site.files, [site.folder]: { symlink: join(t, 'outside') } });
        for (const args of [['new', 'Hello', '--dry-run'], ['new', 'Hello']]) {
          const r = blog(args, { cwd: root });
          expectOneLineError(r, new RegExp(`: the folder "${site.folder}" \\(the default of "${site.key}"\\) leads outside the blog through a symbolic link \\(make ${site.folder} a folder inside the site, or set "${site.key}" to one\\)\\n$`));
          expect(r.stdout + r.stderr).not.toContain('OUTSIDE-SECRET');
        }
        // Only reading a template stops: the site's other commands work (they all stopped).
        for (const args of [['list'], ['lint']]) expect(blog(args, { cwd: root }).code, `${site.name} ${args[0]}`).toBe(0);
        expect(fs.readdirSync(join(root, site.posts))).toEqual([site.post]);
        // A link to a folder inside the site is a folder of the site.
        fs.unlinkSync(join(root, site.folder));
        writeTree(root, { [`templates/${site.name === 'hexo' ? 'post' : 'default'}.md`]: '---\ntitle: x\nmine: INSIDE\n---\n', [site.folder]: { symlink: 'templates' } });
        const inside = blog(['new', 'Hello', '--dry-run'], { cwd: root });
        expect(inside.code, describeRun(inside)).toBe(0);
        expect(inside.stdout).toContain('mine: INSIDE');
      }
    });
    it('--template evil, where scaffolds/evil.md or archetypes/evil.md links out: exit 2 saying where it leads, and no list of templates offers it', () => {
      const t = tree({ 'outside/evil.md': '---\ntitle: x\nleak: OUTSIDE-SECRET\n---\n' });
      const sites: { name: string; files: Record<string, Entry>; folder: string }[] = [
        { name: 'hexo', files: { '_config.yml': 'title: x\n', 'source/_posts/p.md': POST('P'), 'scaffolds/photo.md': '---\ntitle: {{ title }}\n---\n' }, folder: 'scaffolds' },
        { name: 'hugo', files: { 'hugo.toml': 'title = "x"\n', 'content/posts/p.md': POST('P'), 'archetypes/photo.md': '---\ntitle: x\n---\n' }, folder: 'archetypes' },
      ];
      for (const site of sites) {
        const root = writeTree(join(t, site.name), { ...site.files, [`${site.folder}/evil.md`]: { symlink: join(t, 'outside/evil.md') } });
        const evil = blog(['new', 'Hello', '--template', 'evil', '--dry-run'], { cwd: root });
        expectOneLineError(evil, new RegExp(`^blog: error: template ${site.folder}/evil\\.md: cannot read: it is a symbolic link to .*evil\\.md, outside the blog\\n$`));
        expect(evil.stdout).not.toContain('OUTSIDE-SECRET');
        const nope = blog(['new', 'Hello', '--template', 'nope', '--dry-run'], { cwd: root });
        expectOneLineError(nope, /--template "nope": no such (template|archetype)/);
        expect(nope.stderr).not.toContain('evil');
        if (site.name === 'hexo') expect(nope.stderr).toMatch(/\(available: photo\)\n$/);
        // Hugo's default archetype linking out is refused, not passed over for Hugo's built-in one.
        if (site.name === 'hugo') {
          writeTree(root, { 'archetypes/default.md': { symlink: join(t, 'outside/evil.md') } });
          const fallback = blog(['new', 'Hello', '--dry-run'], { cwd: root });
          expectOneLineError(fallback, /^blog: error: template archetypes\/default\.md: cannot read: it is a symbolic link to .*evil\.md, outside the blog\n$/);
        }
      }
    });
    it('posts/.blog.lock as a link to /dev/zero or as a folder: writers exit 2 saying to remove it', async () => {
      for (const lock of [{ 'posts/.blog.lock': { symlink: '/dev/zero' } }, { 'posts/.blog.lock/x': 'x' }]) {
        const root = tree({ 'posts/p.md': POST('P'), ...lock });
        const r = await blogAsync(['retag', '--add', 'x', '--yes'], { cwd: root, timeout: 10_000 });
        expectOneLineError(r, /posts\/\.blog\.lock is a (symbolic link|folder), not a lock file blog wrote; nothing written \(remove it/);
      }
    });
  });

  describe('blog new: a site setting cannot name a file outside the posts folder', () => {
    const hexoPatterns = (t: string) => ['../../../x/.bash_login', `${t}/abs/:title.md`, ':title/../../../y.md', '../:title.md'];

    for (const dryRun of [false, true]) {
      it(`Hexo new_post_name with ../ or an absolute path: blog new${dryRun ? ' --dry-run' : ''} exits 2 naming new_post_name and writes nothing outside source/_posts`, () => {
        const t = tree();
        for (const pattern of hexoPatterns(t)) {
          const site = join(t, 'a', 'b', `site-${hexoPatterns(t).indexOf(pattern)}`);
          writeTree(site, { '_config.yml': `title: s\nnew_post_name: ${pattern}\n`, 'source/_posts/old.md': POST('Old') });
          const before = snapshot(t);
          const r = blog(['new', 'Hello', ...(dryRun ? ['--dry-run'] : [])], { cwd: site });
          expectOneLineError(r, /new_post_name/);
          const after = snapshot(t);
          const posts = `${site.slice(t.length + 1)}/source/_posts/`;
          expect(outside(after, posts), `pattern ${pattern}: files outside source/_posts changed`).toEqual(outside(before, posts));
        }
      });
    }

    it('blog.config.json newPostName "../evil/:title.md" (and an absolute one) exits 2 naming newPostName and writes nothing', () => {
      const t = tree();
      for (const [i, pattern] of ['../evil/:title.md', `${t}/abs/:title.md`, ':title/../../x.md'].entries()) {
        const root = writeTree(join(t, `blog-${i}`), { 'blog.config.json': JSON.stringify({ posts: 'posts', newPostName: pattern }), 'posts/old.md': POST('Old') });
        for (const dry of [['--dry-run'], []]) {
          const before = snapshot(t);
          const r = blog(['new', 'Hello', ...dry], { cwd: root });
          expectOneLineError(r, /newPostName/);
          expect(snapshot(t), `pattern ${pattern}`).toEqual(before);
        }
      }
    });

    it('--slug ../../escape and --slug /tmp/x exit 2 or write inside the posts folder, never outside', () => {
      const t = tree();
      const root = writeTree(join(t, 'a', 'b', 'blog'), { 'posts/old.md': POST('Old') });
      for (const slug of ['../../escape', '/tmp/x', '..', `${t}/abs`]) {
        const before = snapshot(t);
        const r = blog(['new', 'Hello', '--slug', slug], { cwd: root });
        expect([0, 2], describeRun(r)).toContain(r.code);
        expect(r.stderr).not.toMatch(CRASH);
        expect(outside(snapshot(t), 'a/b/blog/posts/'), `--slug ${slug}`).toEqual(outside(before, 'a/b/blog/posts/'));
      }
    });

    it('--slug .hidden (and a pattern giving .x.md) exits 2 or writes a visible file that blog list then shows', () => {
      const t = tree();
      const cases: { files: Record<string, string>; args: string[] }[] = [
        { files: { 'posts/old.md': POST('Old') }, args: ['new', 'Hello', '--slug', '.hidden'] },
        { files: { 'posts/old.md': POST('Old'), 'blog.config.json': JSON.stringify({ posts: 'posts', newPostName: '.:title.md' }) }, args: ['new', 'Hello'] },
      ];
      for (const [i, c] of cases.entries()) {
        const root = writeTree(join(t, `blog-${i}`), c.files);
        const r = blog(c.args, { cwd: root });
        expect([0, 2], describeRun(r)).toContain(r.code);
        const made = fs.readdirSync(join(root, 'posts')).filter((n) => n !== 'old.md');
        if (r.code === 2) {
          expect(made).toEqual([]);
          continue;
        }
        expect(made.length).toBe(1);
        expect(made[0], `${c.args.join(' ')} wrote a hidden file`).not.toMatch(/^\./);
        const list = blog(['list', '--format', 'paths'], { cwd: root });
        expect(list.stdout.split('\n')).toContain(`posts/${made[0]}`);
      }
    });

    it('a Hexo new_post_name that does not end in .md (e.g. :title.txt) exits 2 or writes a post that blog list shows', () => {
      const site = tree({ '_config.yml': 'title: s\nnew_post_name: :title.txt\n', 'source/_posts/old.md': POST('Old') });
      const r = blog(['new', 'Hello'], { cwd: site });
      expect([0, 2], describeRun(r)).toContain(r.code);
      const made = fs.readdirSync(join(site, 'source', '_posts')).filter((n) => n !== 'old.md');
      if (r.code === 2) {
        expect(made).toEqual([]);
        return;
      }
      const list = blog(['list', '--format', 'paths'], { cwd: site });
      for (const name of made) expect(list.stdout.split('\n'), `blog new wrote ${name}, which blog list does not show`).toContain(`source/_posts/${name}`);
    });

    it('newPostName "sub/:title.md" where posts/sub is a symlink to a folder outside: blog new exits 2 or writes nothing outside', () => {
      const t = tree({ 'outside/keep.txt': 'x' });
      const root = writeTree(join(t, 'blog'), {
        'blog.config.json': JSON.stringify({ posts: 'posts', newPostName: 'sub/:title.md' }),
        'posts/old.md': POST('Old'),
        'posts/sub': { symlink: join(t, 'outside') },
      });
      const before = snapshot(join(t, 'outside'));
      const r = blog(['new', 'Hello'], { cwd: root });
      expect([0, 2], describeRun(r)).toContain(r.code);
      expect(r.stderr).not.toMatch(CRASH);
      expect(snapshot(join(t, 'outside'))).toEqual(before);
    });

    it('--template ../../etc/passwd, --template /etc/hostname and --template ../outside/secret exit 2 naming --template', () => {
      const t = tree({ 'outside/secret.md': '---\ntitle: SECRET-TEMPLATE {{ title }}\n---\nSECRET BODY\n' });
      const root = writeTree(join(t, 'blog'), { 'posts/old.md': POST('Old'), 'scaffolds/post.md': '---\ntitle: {{ title }}\n---\n' });
      for (const name of ['../../etc/passwd', '/etc/hostname', '../outside/secret', `${t}/outside/secret`]) {
        const r = blog(['new', 'Hello', '--template', name, '--dry-run'], { cwd: root });
        expectOneLineError(r, /--template/);
        expect(r.stdout).not.toMatch(/SECRET|root:/);
      }
    });
  });

  describe('a config may not point outside the folder that holds it', () => {
    it('blog.config.json "posts": "../../" exits 2 naming posts (and lists nothing from outside)', () => {
      const t = tree({ 'a/outside.md': POST('OUTSIDE') });
      const root = writeTree(join(t, 'a', 'b', 'blog'), { 'blog.config.json': JSON.stringify({ posts: '../../' }), 'posts/mine.md': POST('Mine') });
      const r = blog(['list'], { cwd: root, timeout: 10_000 });
      expectOneLineError(r, /posts/);
      expect(r.stdout).not.toContain('OUTSIDE');
    });

    it('blog.config.json "drafts": "/" exits 2 naming drafts (blog new --draft never targets /)', () => {
      const root = tree({ 'blog.config.json': JSON.stringify({ posts: 'posts', drafts: '/' }), 'posts/mine.md': POST('Mine') });
      const r = blog(['new', 'Hello', '--draft', '--dry-run'], { cwd: root, timeout: 10_000 });
      expectOneLineError(r, /drafts/);
    });

    it('blog.config.json "scaffolds": "/etc" or "../outside" exits 2 naming scaffolds, and no outside template is used', () => {
      const t = tree({ 'outside/post.md': '---\ntitle: {{ title }}\nleak: OUTSIDE-SECRET\n---\n' });
      for (const [i, scaffolds] of ['/etc', '../outside', join(t, 'outside')].entries()) {
        const root = writeTree(join(t, `blog-${i}`), { 'blog.config.json': JSON.stringify({ posts: 'posts', scaffolds }), 'posts/mine.md': POST('Mine') });
        const r = blog(['new', 'Hello', '--dry-run'], { cwd: root });
        expectOneLineError(r, /scaffolds/);
        expect(r.stdout).not.toContain('OUTSIDE-SECRET');
      }
    });

    it('a Hexo _config.yml with source_dir: ../.. exits 2 naming source_dir (and lists nothing from outside)', () => {
      const t = tree({ 'a/_posts/outside.md': POST('OUTSIDE') });
      const site = writeTree(join(t, 'a', 'b', 'site'), { '_config.yml': 'title: s\nsource_dir: ../..\n', 'package.json': JSON.stringify({ dependencies: { hexo: '^7.0.0' } }), 'source/_posts/mine.md': POST('Mine') });
      const r = blog(['list'], { cwd: site, timeout: 10_000 });
      expectOneLineError(r, /source_dir/);
      expect(r.stdout).not.toContain('OUTSIDE');
    });

    it('a Hugo config with contentDir = "../.." exits 2 naming contentDir (and lists nothing from outside)', () => {
      const t = tree({ 'a/outside.md': POST('OUTSIDE') });
      const site = writeTree(join(t, 'a', 'b', 'site'), { 'hugo.toml': 'title = "s"\ncontentDir = "../.."\n', 'content/mine.md': POST('Mine') });
      const r = blog(['list'], { cwd: site, timeout: 10_000 });
      expectOneLineError(r, /contentDir/);
      expect(r.stdout).not.toContain('OUTSIDE');
    });

    it('--dir given by the user may point anywhere (a folder outside the current one is listed)', () => {
      const t = tree({ 'elsewhere/posts/far.md': POST('Far away') });
      const here = writeTree(join(t, 'here'), { 'posts/mine.md': POST('Mine') });
      const r = blog(['list', '--dir', '../elsewhere/posts'], { cwd: here });
      expect(r.code, describeRun(r)).toBe(0);
      expect(r.stdout).toContain('Far away');
    });

    it('a Hexo site planted in a world-writable folder above the current folder (like /tmp) is not used instead of ./posts', () => {
      const t = tree({ '_config.yml': 'title: planted\n', 'source/_posts/planted.md': POST('PLANTED') });
      fs.chmodSync(t, 0o1777);
      const root = writeTree(join(t, 'me', 'blog'), { 'posts/mine.md': POST('Mine') });
      fs.chmodSync(join(t, 'me'), 0o755);
      const r = blog(['list'], { cwd: root });
      expect(r.stdout, describeRun(r)).not.toContain('PLANTED');
      expect(r.stdout).toContain('Mine');
    });

    it('a site in a world-writable folder (a Windows drive under WSL, a shared volume) is used when named with --dir, and is why nothing is found without it', () => {
      const site = tree({ '_config.yml': 'timezone: Asia/Shanghai\n', 'source/_posts/a.md': POST('你好'), 'scaffolds/post.md': '---\ntitle: {{ title }}\ndate: {{ date }}\n---\n' });
      fs.chmodSync(site, 0o777);
      const alone = blog(['list'], { cwd: site });
      expect(alone.code).toBe(2);
      expect(alone.stderr).toBe(`blog: error: no posts folder found here (${site}/_config.yml is not used: it is in a folder anyone may write to (${site}); pass --dir ${site} to use it)\n`);
      for (const dir of [site, '.']) {
        const r = blog(['list', '--dir', dir, '--json'], { cwd: site });
        expect(r.code, describeRun(r)).toBe(0);
        expect(r.stderr).toBe('');
        expect(JSON.parse(r.stdout)).toMatchObject({ count: 1, timezone: 'Asia/Shanghai', posts: [{ path: 'source/_posts/a.md' }] });
      }
      const made = blog(['new', '测试', '--dir', site, '--dry-run'], { cwd: site });
      expect(made.stderr).toBe('blog: note: would write source/_posts/测试.md (dry run, nothing written)\n');
    });

    it('a blog.config.json in a world-writable folder is used when that folder is named with --dir (or the file with --config)', () => {
      const t = tree({ 'blog.config.json': '{"posts": "p", "timezone": "Asia/Shanghai"}', 'p/a.md': POST('Mine') });
      fs.chmodSync(t, 0o777);
      const alone = blog(['list'], { cwd: join(t, 'p') });
      expect(alone).toMatchObject({ code: 2, stderr: `blog: error: no posts folder found here (${t}/blog.config.json is not used: it is in a folder anyone may write to (${t}); pass --config ${t}/blog.config.json to use it)\n` });
      for (const args of [['--dir', '.'], ['--dir', t], ['--config', 'blog.config.json']]) {
        const r = blog(['list', '--json', ...args], { cwd: t });
        expect(r.stderr, args.join(' ')).toBe('');
        expect(JSON.parse(r.stdout), args.join(' ')).toMatchObject({ count: 1, timezone: 'Asia/Shanghai', posts: [{ path: 'p/a.md' }] });
      }
    });

    it('--dir naming a file says it is not a folder', () => {
      const t = tree({ 'posts/a.md': POST('A') });
      expectOneLineError(blog(['list', '--dir', 'posts/a.md'], { cwd: t }), /^blog: error: --dir posts\/a\.md: not a folder /);
    });
  });

  describe('writes never go through a symlink to a file outside the blog', () => {
    function linkedBlog(outsideText: string) {
      const t = tree({ 'outside/o.md': outsideText });
      const root = writeTree(join(t, 'blog'), {
        'blog.config.json': JSON.stringify({ posts: 'posts' }),
        'posts/a.md': { symlink: join(t, 'outside', 'o.md') },
        'posts/b.md': POST('B', '[old]'),
      });
      return { t, root, outsideFile: join(t, 'outside', 'o.md') };
    }

    it('blog retag old new --yes leaves a symlinked outside file byte-identical, names posts/a.md as skipped (link/outside) and exits 1', () => {
      const text = POST('Outside', '[old, x]');
      const { root, outsideFile } = linkedBlog(text);
      const r = blog(['retag', 'old', 'new', '--yes'], { cwd: root });
      expect(fs.readFileSync(outsideFile, 'utf8')).toBe(text);
      expect(r.code, describeRun(r)).toBe(1);
      const line = r.stderr.split('\n').find((l) => l.includes('posts/a.md'));
      expect(line, describeRun(r)).toBeDefined();
      expect(line).toMatch(/link|outside/i);
      expect(fs.readFileSync(join(root, 'posts', 'b.md'), 'utf8')).toContain('[new]');
    });

    it('blog lint --fix leaves a symlinked outside file byte-identical, reports posts/a.md (link/outside) as a finding and exits 1', () => {
      const text = POST('Outside', '[a, a]');
      const { root, outsideFile } = linkedBlog(text);
      const r = blog(['lint', '--fix'], { cwd: root });
      expect(fs.readFileSync(outsideFile, 'utf8')).toBe(text);
      expect(r.code, describeRun(r)).toBe(1);
      // lint reports it as a finding (stdout, like every finding), so CI fails on a post it could not check.
      const line = `${r.stderr}\n${r.stdout}`.split('\n').find((l) => /outside the blog/.test(l));
      expect(`${r.stderr}\n${r.stdout}`).toContain('posts/a.md');
      expect(line, describeRun(r)).toBeDefined();
      expect(line).toMatch(/link|outside/i);
    });

    it('a symlink to a file inside the blog is edited through (the link stays a link)', () => {
      const root = tree({
        'blog.config.json': JSON.stringify({ posts: 'posts' }),
        'shared/s.md': POST('Shared', '[old]'),
        'posts/s.md': { symlink: '../shared/s.md' },
      });
      const r = blog(['retag', 'old', 'new', '--yes'], { cwd: root });
      expect(r.code, describeRun(r)).toBe(0);
      expect(fs.lstatSync(join(root, 'posts', 's.md')).isSymbolicLink()).toBe(true);
      expect(fs.readFileSync(join(root, 'shared', 's.md'), 'utf8')).toBe(POST('Shared', '[new]'));
    });
  });
});
