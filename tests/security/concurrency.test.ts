/**
 * Concurrent writers lose nothing: two blog runs, or blog and an editor, working on the same
 * posts at once never drop each other's changes, and blog never reports a change it did not
 * leave on disk.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blog, blogAsync, CRASH, describeRun, isRoot, useTrees, type RunResult } from './helpers.js';

const tree = useTrees();

function manyPosts(n: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) files[`posts/p${String(i).padStart(4, '0')}.md`] = `---\ntitle: P${i}\ndate: 2025-01-01 10:00:00\ntags: [x]\n---\nbody ${i}\n`;
  return files;
}

/** path → tags, as blog reads them now (no index). */
function tagsOnDisk(root: string): Map<string, string[]> {
  const r = blog(['list', '--json', '--no-cache'], { cwd: root });
  const doc = JSON.parse(r.stdout) as { posts: { path: string; tags: string[] }[] };
  return new Map(doc.posts.map((p) => [p.path, p.tags]));
}

interface RetagJson {
  changed: { path: string }[];
  skipped: { path: string; reason: string }[];
}

const parseRetag = (r: RunResult): RetagJson | undefined => {
  try {
    return JSON.parse(r.stdout) as RetagJson;
  } catch {
    return undefined;
  }
};

const LOCK = /lock|another blog|already running|busy|in progress/i;

/** Every file a run reports as changed carries its tag now (no lost update behind a success report). */
function lostReportedChanges(r: RunResult, tag: string, disk: Map<string, string[]>): string[] {
  const doc = parseRetag(r);
  if (!doc) return [];
  return doc.changed.filter((c) => !(disk.get(c.path) ?? []).includes(tag)).map((c) => c.path);
}

describe('two blog runs at once', () => {
  it('a writer waits for the blog lock another live blog holds, says so on stderr, and writes once it is released', async () => {
    const root = tree(manyPosts(20));
    const holder = spawn('sleep', ['30']);
    try {
      fs.writeFileSync(join(root, 'posts', '.blog.lock'), JSON.stringify({ pid: holder.pid, host: hostname(), command: 'blog retag', started: Date.now() }));
      const run = blogAsync(['retag', '--add', 'L', '--yes'], { cwd: root });
      await new Promise((r) => setTimeout(r, 1500));
      // Nothing written while the lock is held.
      expect([...tagsOnDisk(root).values()].filter((t) => t.includes('L'))).toEqual([]);
      holder.kill('SIGKILL');
      const r = await run;
      expect(r.code, describeRun(r, 300)).toBe(0);
      expect(r.stderr).toMatch(/waiting for blog retag \(pid \d+/);
      expect([...tagsOnDisk(root).values()].filter((t) => !t.includes('L'))).toEqual([]);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('a lock held in a folder below or above the one written to, in the drafts folder, or in a folder a link leads to, is waited for too (two runs on nested or linked folders wrote at once and lost edits)', async () => {
    const cases: { files: Record<string, string>; lockIn: string; args: string[]; link?: [string, string] }[] = [
      // A blog whose posts folder links to a folder elsewhere in it, while another run (`--dir shared`) holds that folder.
      { files: { 'blog.config.json': '{"posts": "p"}', 'p/z.md': '---\ntitle: Z\ntags: [x]\n---\n', 'shared/s.md': '---\ntitle: S\ntags: [x]\n---\n' }, lockIn: 'shared', args: [], link: ['p/link', '../shared'] },
      // A link into a hidden folder of the posts folder (the walk skips hidden folders, the search for locks must not).
      { files: { 'blog.config.json': '{"posts": "p"}', 'p/z.md': '---\ntitle: Z\ntags: [x]\n---\n', 'p/.x/sub/s.md': '---\ntitle: S\ntags: [x]\n---\n' }, lockIn: 'p/.x/sub', args: [], link: ['p/link', '.x/sub'] },
      // `--dir posts` while another run holds posts/sub.
      { files: Object.fromEntries(Object.entries(manyPosts(20)).map(([k, v]) => [k.replace('posts/', 'posts/sub/'), v])), lockIn: 'posts/sub', args: ['--dir', 'posts'] },
      // `--dir posts/sub` while another run holds posts.
      { files: Object.fromEntries(Object.entries(manyPosts(20)).map(([k, v]) => [k.replace('posts/', 'posts/sub/'), v])), lockIn: 'posts', args: ['--dir', 'posts/sub'] },
      // A Hexo site while another run (`--dir source/_drafts`) holds its drafts folder.
      { files: { '_config.yml': 'title: x\n', 'source/_posts/a.md': '---\ntitle: A\ndate: 2025-01-01\ntags: [x]\n---\n', 'source/_drafts/d.md': '---\ntitle: D\ntags: [x]\n---\n' }, lockIn: 'source/_drafts', args: [] },
    ];
    for (const c of cases) {
      const root = tree(c.files);
      if (c.link) fs.symlinkSync(c.link[1], join(root, c.link[0]));
      const holder = spawn('sleep', ['30']);
      try {
        fs.writeFileSync(join(root, c.lockIn, '.blog.lock'), JSON.stringify({ pid: holder.pid, host: hostname(), command: 'blog retag', started: Date.now() }));
        const before = tagsOnDisk(root);
        const run = blogAsync(['retag', '--add', 'L', '--yes', ...c.args], { cwd: root });
        // A run that did not wait writes these few posts well within this.
        await new Promise((r) => setTimeout(r, 1000));
        expect(tagsOnDisk(root), `lock in ${c.lockIn}: nothing written while it is held`).toEqual(before);
        holder.kill('SIGKILL');
        const r = await run;
        expect(r.code, describeRun(r, 300)).toBe(0);
        expect(r.stderr).toMatch(new RegExp(`waiting for blog retag \\(pid \\d+\\) in .*${c.lockIn.replace('/', '\\/')} to finish writing`));
        expect([...tagsOnDisk(root).values()].filter((t) => !t.includes('L'))).toEqual([]);
      } finally {
        holder.kill('SIGKILL');
      }
    }
  });

  it('retag --add A on a folder and --add B on a folder inside it, started together on 300 posts: no run reports a change that is not on disk, and a run that exits 0 left its tag everywhere it reads', async () => {
    for (let round = 0; round < 2; round++) {
      const root = tree(Object.fromEntries(Object.entries(manyPosts(300)).map(([k, v]) => [k.replace('posts/', 'posts/sub/'), v])));
      const [a, b] = await Promise.all([blogAsync(['retag', '--add', 'A', '--yes', '--json', '--dir', 'posts'], { cwd: root }), blogAsync(['retag', '--add', 'B', '--yes', '--json', '--dir', 'posts/sub'], { cwd: root })]);
      const disk = tagsOnDisk(root);
      expect(lostReportedChanges(a, 'A', disk), `round ${round}: run A reported changes that are not on disk`).toEqual([]);
      expect(lostReportedChanges(b, 'B', disk), `round ${round}: run B reported changes that are not on disk`).toEqual([]);
      for (const [r, tag] of [[a, 'A'], [b, 'B']] as const) {
        expect([0, 2], describeRun(r, 200)).toContain(r.code);
        if (r.code === 0) expect([...disk.values()].filter((t) => !t.includes(tag)).length, `round ${round}: run ${tag} exited 0`).toBe(0);
        else expect(r.stderr).toMatch(LOCK);
      }
    }
  });

  it('retag --add A and --add B started together on 300 posts: both succeed with both tags everywhere, or one stops with a lock message (exit 2) and the other\'s tag is everywhere', async () => {
    for (let round = 0; round < 2; round++) {
      const root = tree(manyPosts(300));
      const [a, b] = await Promise.all([blogAsync(['retag', '--add', 'A', '--yes', '--json'], { cwd: root }), blogAsync(['retag', '--add', 'B', '--yes', '--json'], { cwd: root })]);
      const disk = tagsOnDisk(root);
      expect(lostReportedChanges(a, 'A', disk), `round ${round}: run A reported changes that are not on disk`).toEqual([]);
      expect(lostReportedChanges(b, 'B', disk), `round ${round}: run B reported changes that are not on disk`).toEqual([]);
      const all = [...disk.values()];
      if (a.code === 0 && b.code === 0) {
        expect(all.filter((t) => !t.includes('A') || !t.includes('B')).length, `round ${round}: posts missing A or B`).toBe(0);
      } else {
        const [stopped, ran, tag] = a.code === 2 ? [a, b, 'B'] : [b, a, 'A'];
        expect(stopped.code, `round ${round}: A ${describeRun(a, 200)} / B ${describeRun(b, 200)}`).toBe(2);
        expect(stopped.stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(stopped.stderr).toMatch(LOCK);
        expect(ran.code).toBe(0);
        expect(all.filter((t) => !t.includes(tag)).length).toBe(0);
      }
    }
  });

  it('four retag --add runs at once on 300 posts: no run reports a file as changed whose change is missing', async () => {
    const root = tree(manyPosts(300));
    const tags = ['A', 'B', 'C', 'D'];
    const runs = await Promise.all(tags.map((t) => blogAsync(['retag', '--add', t, '--yes', '--json'], { cwd: root })));
    const disk = tagsOnDisk(root);
    const lost = runs.flatMap((r, i) => lostReportedChanges(r, tags[i] as string, disk).map((p) => `${tags[i]}: ${p}`));
    expect(lost.length, `lost updates reported as changed: ${lost.slice(0, 5).join(', ')}`).toBe(0);
    for (const [i, r] of runs.entries()) {
      expect([0, 1, 2], describeRun(r, 200)).toContain(r.code);
      if (r.code === 2) expect(r.stderr).toMatch(LOCK);
      expect(r.stderr).not.toMatch(CRASH);
      if (r.code === 0) expect([...disk.values()].filter((t) => !t.includes(tags[i] as string)).length, `run ${tags[i]} exited 0`).toBe(0);
    }
  });
});

/** An editor in its own process: appends a line to posts (last first) until `stop` exists, records each append. */
const EDITOR = `
const fs = require('fs');
const [dir, stop, log] = process.argv.slice(1);
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort().reverse();
const done = [];
let k = 0;
const end = Date.now() + 15000;
while (!fs.existsSync(stop) && Date.now() < end) {
  for (const f of files) {
    const line = 'edited ' + (k++) + '\\n';
    fs.appendFileSync(dir + '/' + f, line);
    done.push([f, line]);
    if (k % 50 === 0) {
      if (fs.existsSync(stop)) break;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1); // leave the CPU to blog now and then
    }
  }
}
fs.writeFileSync(log, JSON.stringify(done));
`;

describe('blog and an editor at once', () => {
  it('an editor appending to posts while retag --add C --yes runs over 1,000 posts: every appended line is still there; every post not named as skipped has C; "N files changed" and "added tag C to N posts" equal the disk', async () => {
    const root = tree(manyPosts(1000));
    const posts = join(root, 'posts');
    const stop = join(root, 'stop');
    const log = join(root, 'edits.json');
    const editor = spawn(process.execPath, ['-e', EDITOR, posts, stop, log], { stdio: 'ignore' });
    const editorDone = new Promise((r) => editor.on('close', r));
    const r = await blogAsync(['retag', '--add', 'C', '--yes'], { cwd: root, timeout: 30_000 });
    fs.writeFileSync(stop, '');
    await editorDone;
    expect(r.stderr).not.toMatch(CRASH);
    const edits = JSON.parse(fs.readFileSync(log, 'utf8')) as [string, string][];
    expect(edits.length).toBeGreaterThan(0);
    const texts = new Map<string, string>();
    for (const name of fs.readdirSync(posts)) texts.set(name, fs.readFileSync(join(posts, name), 'utf8'));
    const lost = edits.filter(([f, line]) => !(texts.get(f) ?? '').includes(line));
    expect.soft(lost.length, `${lost.length} of ${edits.length} appended lines lost, e.g. ${JSON.stringify(lost.slice(0, 3))}; ${describeRun(r, 300)}`).toBe(0);
    const disk = tagsOnDisk(root);
    const skipped = new Set(r.stderr.split('\n').flatMap((l) => /^(posts\/p\d{4}\.md)\b/.exec(l)?.[1] ?? []));
    const missing = [...disk].filter(([p, t]) => !skipped.has(p) && !t.includes('C')).map(([p]) => p);
    expect.soft(missing, 'posts reported as changed (not named as skipped) without C').toEqual([]);
    const withC = [...disk.values()].filter((t) => t.includes('C')).length;
    const changed = /(\d+) files? changed/.exec(r.stdout);
    expect.soft(Number(changed?.[1]), `"N files changed": ${r.stdout.slice(0, 200)}`).toBe(withC);
    const added = /added tag C to (\d+) posts?/.exec(r.stdout);
    if (added) expect.soft(Number(added[1]), `the "added tag" line: ${r.stdout.slice(0, 200)}`).toBe(withC);
  });
});

describe('two publish runs of the same draft', () => {
  it('make one post: the other stops with one line and exit 2 (it made a second post, -1, and crashed on the gone draft)', async () => {
    for (let round = 0; round < 4; round++) {
      const root = tree({ '_config.yml': 'title: x\n', 'source/_posts/old.md': '---\ntitle: old\ndate: 2024-01-01\n---\n', 'source/_drafts/d1.md': '---\ntitle: d1\n---\nbody\n' });
      const runs = await Promise.all([0, 1].map(() => blogAsync(['publish', 'd1', '--date', '2025-01-01 10:00:00'], { cwd: root, timeout: 20_000 })));
      expect(fs.readdirSync(join(root, 'source/_posts')).sort(), runs.map((r) => describeRun(r)).join('\n')).toEqual(['d1.md', 'old.md']);
      expect(fs.readdirSync(join(root, 'source/_drafts'))).toEqual([]);
      expect(runs.map((r) => r.code).sort()).toEqual([0, 2]);
      const failed = runs.find((r) => r.code === 2) as RunResult;
      expect(failed.stderr).not.toMatch(CRASH);
      expect(failed.stderr.trimEnd().split('\n').filter((l) => !l.startsWith('blog: note: waiting'))).toHaveLength(1);
    }
  });
});

describe('publish checks its destination again once it holds the lock', () => {
  it('a folder made a link out of the blog while publish waited for the lock: nothing is written there, one line, exit 2; an edit saved meanwhile is one line too', async () => {
    const root = tree({ '_config.yml': 'new_post_name: ":year/:title.md"\n', 'source/_posts/old.md': '---\ntitle: old\ndate: 2024-01-01\n---\n', 'source/_drafts/d1.md': '---\ntitle: d1\n---\nbody\n', 'source/_drafts/d2.md': '---\ntitle: d2\n---\nbody\n' });
    const out = join(root, 'outside');
    fs.mkdirSync(out);
    const holder = spawn('sleep', ['30']);
    try {
      const lock = join(root, 'source/_posts', '.blog.lock');
      fs.writeFileSync(lock, JSON.stringify({ pid: holder.pid, host: hostname(), command: 'blog retag', started: Date.now() }));
      const linked = blogAsync(['publish', 'd1', '--date', '2025-01-01 10:00:00'], { cwd: root, timeout: 20_000 });
      const edited = blogAsync(['publish', 'd2', '--date', '2025-01-01 10:00:00'], { cwd: root, timeout: 20_000 });
      await new Promise((r) => setTimeout(r, 1500));
      fs.symlinkSync(out, join(root, 'source/_posts/2025'));
      fs.writeFileSync(join(root, 'source/_drafts/d2.md'), '---\ntitle: d2\n---\nbody, edited meanwhile\n');
      holder.kill('SIGKILL');
      const [a, b] = await Promise.all([linked, edited]);
      expect(fs.readdirSync(out)).toEqual([]);
      for (const r of [a, b]) {
        expect(r.code, describeRun(r)).toBe(2);
        expect(r.stderr).not.toMatch(CRASH);
        expect(r.stderr.trimEnd().split('\n').filter((l) => !l.startsWith('blog: note: waiting'))).toHaveLength(1);
      }
      expect(a.stderr).toContain('leads outside the blog through a symbolic link; nothing written');
      expect(fs.readFileSync(join(root, 'source/_drafts/d2.md'), 'utf8')).toContain('edited meanwhile');
    } finally {
      holder.kill('SIGKILL');
    }
  });
});

describe('read-only posts', () => {
  it(`a read-only post (mode 0444) is skipped with a reason mentioning read-only/permission, left byte-identical, exit 1${isRoot ? ' (running as root: detected by mode)' : ''}`, () => {
    const root = tree({ ...manyPosts(3), 'posts/ro.md': { content: '---\ntitle: RO\ndate: 2025-01-01\ntags: [x]\n---\nbody\n', mode: 0o444 } });
    const before = fs.readFileSync(join(root, 'posts', 'ro.md'));
    const r = blog(['retag', '--add', 'X', '--yes'], { cwd: root });
    expect(fs.readFileSync(join(root, 'posts', 'ro.md')).equals(before), describeRun(r)).toBe(true);
    expect(fs.statSync(join(root, 'posts', 'ro.md')).mode & 0o777).toBe(0o444);
    expect(r.code, describeRun(r)).toBe(1);
    const line = r.stderr.split('\n').find((l) => l.includes('posts/ro.md'));
    expect(line, describeRun(r)).toMatch(/read-only|read only|permission/i);
    expect(r.stdout).toMatch(/\b3 files changed/);
  });

  it('publish of a read-only Hugo draft (flipped in place) is one line and exit 2, not an internal error', () => {
    const root = tree({ 'hugo.toml': 'baseURL = "http://x/"\n', 'content/posts/d.md': { content: '---\ntitle: D\ndraft: true\n---\n', mode: 0o444 } });
    const r = blog(['publish', 'd'], { cwd: root });
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: 'blog: error: content/posts/d.md: the file is read-only; left as it is (make it writable to change it)\n' });
  });

  it('blog lint --fix skips a read-only post the same way', () => {
    const root = tree({ 'posts/ro.md': { content: '---\ntitle: RO\ndate: 2025-01-01\ntags: [a, a]\n---\nbody\n', mode: 0o444 } });
    const before = fs.readFileSync(join(root, 'posts', 'ro.md'));
    const r = blog(['lint', '--fix'], { cwd: root });
    expect(fs.readFileSync(join(root, 'posts', 'ro.md')).equals(before), describeRun(r)).toBe(true);
    expect(r.stderr, describeRun(r)).toMatch(/read-only|read only|permission/i);
  });
});
