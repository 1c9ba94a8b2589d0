/**
 * Nothing from a post reaches the terminal or a CI log as a control sequence. Titles, tags,
 * categories, dates, other keys and file names are data from whoever wrote the post: human
 * output shows them escaped (`\e`, `\n`, `\x07`…), machine output keeps them exact, and no line
 * of any output can be read by GitHub Actions as a workflow command.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blog, blogAsync, CRASH, describeRun, parseCsv, rawControls, stripSgr, tempDir, useTrees, workflowCommandLines, writeTree, type RunResult } from './helpers.js';

const tree = useTrees();

// The hostile values, as the front matter's YAML reads them.
const TITLE = 'T\x1b]0;pwned\x07X \x1b[2J \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ cr\rlf\nend \u009b c1 \x7f del \u202e rtl \ttab';
const TAGS = ['tag\x1b]0;pwned\x07', '::error::pwned-tag', 'nl\nx', 'bidi\u202eevil', 'ls\u2028x'];
const CATEGORIES = [['cat\x1b[2J', '::error::cat'], ['\u202eabc']];
const BAD_DATE = '2025-01-0\x1b]0;pwned\x07';

const yaml = (v: unknown): string => JSON.stringify(v); // JSON is YAML (flow style, double-quoted escapes)

/** File names: readable ones are listed (their path is shown), unreadable ones are reported (path on stderr). */
const NAMES = {
  escReadable: 'ok\x1b[2Jname.md',
  tabReadable: 'tab\tname.md',
  escBroken: 'bad\x1b]0;pwned\x07.md',
  workflow: '::warning::x.md',
  newline: 'nl\nname.md',
  bidi: 'bidi\u202ename.md',
};

const BROKEN = '---\ntitle: [unclosed\n---\n';

function hostileBlog(): string {
  return tree(hostileFiles());
}

function hostileFiles(): Record<string, string> {
  return {
    'posts/a.md': `---\ntitle: ${yaml(TITLE)}\ndate: 2025-01-01 10:00:00\ntags: ${yaml(TAGS)}\ncategories: ${yaml(CATEGORIES)}\nextra: ${yaml('\x1b]0;pwned\x07')}\n---\nbody \x1b]0;pwned-body\x07 line\n`,
    'posts/r.md': `---\ntitle: R\ndate: 2025-01-07 10:00:00\ntags: [old-r]\n---\nbody \x1b]0;pwned-body\x07 line\r\n::error::from-body\n`,
    'posts/b.md': `---\ntitle: "::error::pwned-title"\ndate: ${yaml(BAD_DATE)}\ntags: [b]\n---\nbody\n`,
    'posts/c.md': `---\ntitle: C\ndate: 2025-01-02 10:00:00\ntags: ["::error::variant"]\ncategories: "::error::topcat"\n---\nbody\n`,
    'posts/d.md': `---\ntitle: "D ##[error]legacy-pwned"\ndate: 2025-01-03 10:00:00\ntags: ["::error::variant", "##[warning]legacy-tag"]\n---\nbody\n`,
    'posts/e.md': `---\ntitle: E\ndate: 2025-01-04 10:00:00\ntags: ["::Error::variant", "::Error::variant"]\n---\nbody\n`,
    [`posts/${NAMES.escReadable}`]: '---\ntitle: Esc name\ndate: 2025-01-05 10:00:00\ntags: [z]\n---\n',
    [`posts/${NAMES.tabReadable}`]: '---\ntitle: Tab name\ndate: 2025-01-06 10:00:00\ntags: [z]\n---\n',
    [`posts/${NAMES.escBroken}`]: BROKEN,
    [`posts/${NAMES.workflow}`]: BROKEN,
    [`posts/${NAMES.newline}`]: BROKEN,
    [`posts/${NAMES.bidi}`]: BROKEN,
  };
}

let runsOnce: Promise<{ name: string; r: RunResult; color: boolean }[]> | undefined;
/** The human runs on one hostile blog, made once for this file (none of them writes), all at once. */
function hostileRuns(): Promise<{ name: string; r: RunResult; color: boolean }[]> {
  return (runsOnce ??= humanRuns(writeTree(tempDir(), hostileFiles())));
}

const ESC_SHOWN = /\\(e|x1b|u001b|033|E)\]0;pwned/;
const BEL_SHOWN = /\\(a|x07|u0007|007)/;

/** The human commands, run from the blog root and from the posts folder with `--dir .` (paths then start with the file name). */
async function humanRuns(root: string): Promise<{ name: string; r: RunResult; color: boolean }[]> {
  const runs: { name: string; r: Promise<RunResult>; color: boolean }[] = [];
  const posts = join(root, 'posts');
  const color = { FORCE_COLOR: '1', NO_COLOR: undefined };
  for (const [where, cwd, dir] of [
    ['root', root, []],
    ['posts --dir .', posts, ['--dir', '.']],
  ] as const) {
    const cmds: [string, string[], boolean][] = [
      ['list', ['list'], false],
      ['list (FORCE_COLOR=1)', ['list'], true],
      ['tags', ['tags'], false],
      ['categories', ['categories'], false],
      ['stats', ['stats'], false],
      ['lint', ['lint'], false],
      ['lint (FORCE_COLOR=1)', ['lint'], true],
      ['lint --format compact', ['lint', '--format', 'compact'], false],
      ['retag --dry-run', ['retag', TAGS[0] as string, 'renamed', '--dry-run'], false],
      ['retag --dry-run (body context)', ['retag', 'old-r', 'renamed', '--dry-run'], false],
      ['retag --add --dry-run', ['retag', '--add', 'new\x1b]0;pwned\x07', '--dry-run'], false],
    ];
    for (const [name, args, colored] of cmds) {
      runs.push({ name: `${name} [cwd ${where}]`, r: blogAsync([...args, ...dir], { cwd, ...(colored ? { env: color } : {}) }), color: colored });
    }
  }
  runs.push({ name: 'new --dry-run <hostile title>', r: blogAsync(['new', `New ${TITLE} ::error::x`, '--dry-run'], { cwd: root }), color: false });
  return Promise.all(runs.map(async (run) => ({ ...run, r: await run.r })));
}

describe('human output shows control characters escaped, never raw', () => {
  it('no raw C0 (tab included), DEL, C1, bidi or U+2028/2029 in stdout or stderr of list, tags, categories, stats, lint, retag --dry-run and new --dry-run', async () => {
    const failures: string[] = [];
    for (const { name, r, color } of await hostileRuns()) {
      expect(r.stderr, `${name}: ${describeRun(r)}`).not.toMatch(CRASH);
      for (const [stream, text] of [
        ['stdout', r.stdout],
        ['stderr', r.stderr],
      ] as const) {
        // blog's own SGR colours are allowed when FORCE_COLOR is set; nothing else. A retag diff
        // keeps a CRLF post's line endings (so that git can apply it): a CR right before the line
        // break moves nothing on a screen; any other CR must be shown.
        const breaks = name.startsWith('retag') ? /\r?\n/g : /\n/g;
        const bad = rawControls((color ? stripSgr(text) : text).replace(breaks, ''));
        if (bad.length) failures.push(`${name} ${stream}: ${bad.slice(0, 2).join('; ')}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('no line of stdout or stderr of any human command starts (after spaces) with :: (a GitHub workflow command)', async () => {
    const failures: string[] = [];
    for (const { name, r } of await hostileRuns()) {
      for (const [stream, text] of [
        ['stdout', r.stdout],
        ['stderr', r.stderr],
      ] as const) {
        for (const line of workflowCommandLines(text)) failures.push(`${name} ${stream}: ${JSON.stringify(line.slice(0, 80))}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('list --format csv, paths and --null from inside the posts folder: no line starts (after spaces or a tab) with :: (a path starts a row there)', () => {
    const root = tree({ 'posts/ ::warning::pwn.md': '---\ntitle: a\ndate: 2024-01-01\n---\n', 'posts/::error::pwn2.md': '---\ntitle: b\ndate: 2024-01-02\n---\n', 'posts/\t::notice::pwn3.md': '---\ntitle: c\ndate: 2024-01-03\n---\n' });
    const cwd = join(root, 'posts');
    const csv = blog(['list', '--dir', '.', '--format', 'csv'], { cwd });
    expect(csv.stdout.split('\r\n').slice(1)).toEqual(['"\'\t::notice::pwn3.md",2024-01-03,2024-01-03T00:00:00,c,,,false', '"::error::pwn2.md",2024-01-02,2024-01-02T00:00:00,b,,,false', '" ::warning::pwn.md",2024-01-01,2024-01-01T00:00:00,a,,,false', '']);
    const paths = blog(['list', '--dir', '.', '--format', 'paths'], { cwd });
    expect(paths.stdout).toBe('./\t::notice::pwn3.md\n./::error::pwn2.md\n./ ::warning::pwn.md\n');
    const nul = blog(['list', '--dir', '.', '--null'], { cwd });
    expect(nul.stdout).toBe('./\t::notice::pwn3.md\0./::error::pwn2.md\0./ ::warning::pwn.md\0');
    for (const r of [csv, paths, nul]) expect(workflowCommandLines(r.stdout + r.stderr), describeRun(r)).toEqual([]);
  });

  it('the same after any white space the runner trims (NBSP, U+3000, U+2003, VT, FF, U+2028), in csv and paths', () => {
    const names = ['\u00a0::warning::a.md', '\u3000::error::b.md', '\u2003::notice::c.md', '\v::error::d.md', '\f::error::e.md', '\u2028::error::f.md'];
    const root = tree(Object.fromEntries(names.map((n, i) => [`posts/${n}`, `---\ntitle: t${i}\ndate: 2024-01-0${i + 1}\n---\n`])));
    const cwd = join(root, 'posts');
    for (const format of ['csv', 'paths']) {
      const r = blog(['list', '--dir', '.', '--format', format], { cwd });
      const lines = r.stdout.split(/\r?\n/);
      expect(lines.filter((l) => l.trimStart().startsWith('::')), `${format}: ${describeRun(r)}`).toEqual([]);
      // Every post is still there; in paths, those with a control character (VT, FF, U+2028) are left out, and the command says so.
      expect(lines.filter(Boolean).length, format).toBe(format === 'csv' ? 7 : 3);
      if (format === 'paths') expect(r.stderr).toContain('3 paths left out');
    }
  });

  it('no line of any human output contains ##[ (GitHub\'s legacy command syntax, which the runner matches anywhere in a line)', async () => {
    const failures: string[] = [];
    for (const { name, r } of await hostileRuns()) {
      for (const [stream, text] of [
        ['stdout', r.stdout],
        ['stderr', r.stderr],
      ] as const) {
        for (const line of text.split('\n').filter((l) => l.includes('##['))) failures.push(`${name} ${stream}: ${JSON.stringify(line.slice(0, 80))}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('the escaped values stay visible: list shows \\e]0;pwned, \\n and \\a-style escapes where the controls were', () => {
    const root = hostileBlog();
    const r = blog(['list'], { cwd: root });
    expect(r.stdout, describeRun(r)).toMatch(ESC_SHOWN);
    expect(r.stdout).toMatch(/lf\\nend/);
    expect(r.stdout).toMatch(BEL_SHOWN);
    expect(r.stdout).toMatch(/nl\\nx/);
    // The unreadable post with an ESC in its name is reported on stderr, its name escaped.
    expect(r.stderr).toMatch(/bad\\(e|x1b|u001b|033|E)\]0;pwned/);
    expect(r.stderr).toMatch(/nl\\nname\.md/);
  });

  it('tags, categories and the date problem show their escaped values', () => {
    const root = hostileBlog();
    const tags = blog(['tags'], { cwd: root });
    expect(tags.stdout, describeRun(tags)).toMatch(/tag\\(e|x1b|u001b|033|E)\]0;pwned/);
    const cats = blog(['categories'], { cwd: root });
    expect(cats.stdout, describeRun(cats)).toMatch(/cat\\(e|x1b|u001b|033|E)\[2J/);
    const lint = blog(['lint', '--format', 'compact'], { cwd: root });
    expect(lint.stdout, describeRun(lint)).toMatch(/2025-01-0\\(e|x1b|u001b|033|E)\]0;pwned/);
  });

  it('retag --dry-run shows the raw ESC of a post body as an escape in its diff', () => {
    const root = hostileBlog();
    const r = blog(['retag', 'old-r', 'renamed', '--dry-run'], { cwd: root });
    expect(r.stdout, describeRun(r)).toMatch(/body \\(e|x1b|u001b|033|E)\]0;pwned-body/);
  });
});

describe('retag --dry-run diff headers', () => {
  it('a line break in a file name does not start a line of its own (it would be ::error:: in a CI log)', () => {
    const root = writeTree(tempDir(), { 'posts/a\n::error::fname.md': '---\ntitle: Q\ndate: 2024-01-01\ntags: [a]\n---\n', 'posts/b\n@@ -1 +1 @@\n::error::x.md': '---\ntitle: R\ndate: 2024-01-01\ntags: [a]\n---\n' });
    const r = blog(['retag', '--add', 'X', '--dry-run'], { cwd: root });
    expect(r.code, describeRun(r)).toBe(0);
    expect(workflowCommandLines(r.stdout), describeRun(r)).toEqual([]);
    // Quoted as git quotes such a name, so that git apply takes the diff (it did not: the name was shown, not quoted).
    expect(r.stdout).toContain('--- "a/posts/a\\n::error::fname.md"\n+++ "b/posts/a\\n::error::fname.md"\n@@');
  });

  it('a name with a tab, an escape or ##[ is quoted as git quotes it: git apply takes the diff, and no raw control or ##[ is printed', () => {
    const names = ['tab\tx.md', 'esc\x1b[31mred.md', '##[error]h.md', '日常.md'];
    const root = writeTree(tempDir(), Object.fromEntries(names.map((n, i) => [`posts/${n}`, `---\ntitle: t${i}\ntags: [old]\n---\n`])));
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: root } });
    git('init', '-q');
    const r = blog(['retag', 'old', 'new', '--dry-run'], { cwd: root });
    expect(r.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]|##\[/);
    expect(r.stdout).toContain('--- "a/posts/tab\\tx.md"\n');
    expect(r.stdout).toContain('--- a/posts/日常.md\n');
    fs.writeFileSync(join(root, 'retag.patch'), r.stdout.slice(0, r.stdout.indexOf('4 files would change')));
    git('apply', 'retag.patch');
    for (const n of names) expect(fs.readFileSync(join(root, 'posts', n), 'utf8')).toContain('tags: [new]');
  });
});

describe('machine output keeps the exact values', () => {
  it('list --json gives back the exact title, tags, categories and file names', () => {
    const root = hostileBlog();
    const r = blog(['list', '--json'], { cwd: root });
    const doc = JSON.parse(r.stdout) as { posts: { path: string; title: string; tags: string[]; categories: string[][] }[]; problems: { path: string }[] };
    const a = doc.posts.find((p) => p.path === 'posts/a.md');
    expect(a?.title).toBe(TITLE);
    expect(a?.tags).toEqual(TAGS);
    expect(a?.categories).toEqual(CATEGORIES);
    const paths = [...doc.posts.map((p) => p.path), ...doc.problems.map((p) => p.path)];
    for (const name of Object.values(NAMES)) expect(paths).toContain(`posts/${name}`);
  });

  it('JSON and SARIF of every command carry no ##[ and no raw DEL, C1, bidi or U+2028/2029, and parse to the exact values', () => {
    // ##[ is a workflow command wherever it is in a line of a CI log; in a JSON string it is written #\u0023[.
    const hostile = `##[error]t \u0085nel \u009b31m \u202eevil \u2028x`;
    const root = tree({ 'posts/##[error]name.md': `---\ntitle: ${JSON.stringify(hostile)}\ndate: 2024-01-01\ntags: [${JSON.stringify(hostile)}, b]\ncategories: [${JSON.stringify(hostile)}]\n---\n`, 'posts/b.md': '---\ntitle: B\ndate: 2024-01-02\ntags: "##[error]inj, b"\n---\n' });
    const RAW = /##\[|[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
    for (const args of [['list', '--json'], ['lint', '--format', 'json'], ['lint', '--format', 'sarif'], ['tags', '--json'], ['categories', '--json'], ['stats', '--json'], ['retag', 'b', 'c', '--dry-run', '--json']]) {
      const r = blog(args, { cwd: root });
      expect(r.stderr, args.join(' ')).not.toMatch(CRASH);
      expect(r.stdout, args.join(' ')).not.toMatch(RAW);
      JSON.parse(r.stdout);
    }
    const doc = JSON.parse(blog(['list', '--json'], { cwd: root }).stdout) as { posts: { path: string; title: string; tags: string[]; categories: string[][] }[] };
    const a = doc.posts.find((p) => p.path === 'posts/##[error]name.md');
    expect(a).toMatchObject({ title: hostile, tags: [hostile, 'b'], categories: [[hostile]] });
  });

  it('lint --format json and SARIF give back the exact hostile file names', () => {
    const root = hostileBlog();
    const json = JSON.parse(blog(['lint', '--format', 'json'], { cwd: root }).stdout) as { findings: { path: string }[] };
    const sarif = JSON.parse(blog(['lint', '--format', 'sarif'], { cwd: root }).stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const sarifPaths = (sarif.runs[0]?.results ?? []).map((r) => decodeURIComponent(r.locations[0]?.physicalLocation.artifactLocation.uri ?? ''));
    for (const name of [NAMES.escBroken, NAMES.workflow, NAMES.newline, NAMES.bidi]) {
      expect(json.findings.map((f) => f.path)).toContain(`posts/${name}`);
      expect(sarifPaths).toContain(`posts/${name}`);
    }
  });

  it('lint --format github: every line that GitHub reads as a command is one of blog\'s own ::error/::warning annotations, one per finding, with escaped properties', () => {
    const root = hostileBlog();
    for (const [cwd, dir] of [
      [root, []],
      [join(root, 'posts'), ['--dir', '.']],
    ] as const) {
      const gh = blog(['lint', '--format', 'github', ...dir], { cwd });
      const json = JSON.parse(blog(['lint', '--format', 'json', ...dir], { cwd }).stdout) as { findings: unknown[] };
      const commands = workflowCommandLines(gh.stdout).concat(workflowCommandLines(gh.stderr));
      expect(commands.length, describeRun(gh)).toBe(json.findings.length);
      for (const line of commands) {
        expect(line).toMatch(/^::(error|warning) file=[^:,\r]*,line=\d+,col=\d+(,endLine=\d+)?(,endColumn=\d+)?,title=[^:,\r]*::[^\r]*$/);
      }
    }
  });

  it('lint --format github carries no raw ESC, C1 or bidi characters (CI logs render ANSI)', () => {
    const root = hostileBlog();
    const gh = blog(['lint', '--format', 'github'], { cwd: root });
    expect(rawControls(gh.stdout.replace(/\n/g, ''))).toEqual([]);
  });
});

describe('CSV cells cannot run as spreadsheet formulas, and list cells stay distinguishable', () => {
  const FORMULAS = ['=HYPERLINK("http://x")', '+1', '-1', '@SUM(A1)', '\tTAB', '\rCR'];

  it('titles starting with = + - @ tab or CR are prefixed with a single quote and quoted (OWASP)', () => {
    const files: Record<string, string> = {};
    FORMULAS.forEach((t, i) => (files[`posts/f${i}.md`] = `---\ntitle: ${yaml(t)}\ndate: 2025-01-0${i + 1}\n---\n`));
    const root = tree(files);
    const r = blog(['list', '--format', 'csv'], { cwd: root });
    const rows = parseCsv(r.stdout);
    const header = (rows[0] ?? []).map((c) => c.value);
    const col = header.indexOf('title');
    const cells = rows.slice(1).map((row) => row[col]);
    for (const title of FORMULAS) {
      const cell = cells.find((c) => c?.value.endsWith(title.slice(1)) && c.value.includes(title[0] as string));
      expect(cell, `no cell for ${JSON.stringify(title)} in ${JSON.stringify(r.stdout)}`).toBeDefined();
      expect(cell?.value).toBe(`'${title}`);
      expect(cell?.raw.startsWith('"')).toBe(true);
    }
  });

  it('a line inside a cell never starts with :: (a workflow command in a CI log)', () => {
    const root = tree({ 'posts/a.md': `---\ntitle: "x\\n::error::owned"\ndate: 2025-01-01\ntags: ["a\\r\\n  ::warning::b"]\n---\n` });
    const r = blog(['list', '--format', 'csv'], { cwd: root });
    expect(r.stdout.split(/\r\n|\r|\n/).filter((line) => /^\s*::/.test(line))).toEqual([]);
    const rows = parseCsv(r.stdout);
    const header = (rows[0] ?? []).map((c) => c.value);
    expect(rows[1]?.[header.indexOf('title')]?.value).toBe("x\n'::error::owned");
  });

  it('control characters other than line breaks and tabs are shown as escapes, and ##[ is broken: a CSV in a terminal or CI log cannot colour it or start a command', () => {
    const root = tree({ 'posts/a.md': `---\ntitle: "x\\e[31mred\\a\\u202eevil\\u009b2J ##[error]boom"\ndate: 2025-01-01\ntags: ["t\\e]0;title\\a", "two\\tcols"]\n---\n` });
    const r = blog(['list', '--format', 'csv'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/[\r\n\t]/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(r.stdout).not.toContain('##[');
    const rows = parseCsv(r.stdout);
    const header = (rows[0] ?? []).map((c) => c.value);
    expect(rows[1]?.[header.indexOf('title')]?.value).toBe('x\\e[31mred\\a\\u202eevil\\x9b2J #\\x23[error]boom');
    expect(rows[1]?.[header.indexOf('tags')]?.value).toBe('t\\e]0;title\\a|two\tcols');
  });

  it('tag, category and path cells starting with = are neutralised too', () => {
    const root = tree({ 'posts/=cmd.md': `---\ntitle: T\ndate: 2025-01-01\ntags: ["=1+2"]\ncategories: ["@x"]\n---\n` });
    const r = blog(['list', '--format', 'csv', '--dir', '.'], { cwd: join(root, 'posts') });
    const rows = parseCsv(r.stdout);
    const header = (rows[0] ?? []).map((c) => c.value);
    const row = rows[1] ?? [];
    for (const field of ['path', 'tags', 'categories']) {
      const cell = row[header.indexOf(field)];
      expect(cell?.value, `${field}: ${JSON.stringify(r.stdout)}`).toMatch(/^'[=@]/);
    }
  });

  it('a tag containing | is escaped: tags [a|b, c] and [a, b, c] give different cells (a\\|b|c and a|b|c), a backslash is \\\\', () => {
    const root = tree({
      'posts/one.md': `---\ntitle: One\ndate: 2025-01-01\ntags: ["a|b", "c"]\n---\n`,
      'posts/two.md': `---\ntitle: Two\ndate: 2025-01-02\ntags: [a, b, c]\n---\n`,
      'posts/three.md': `---\ntitle: Three\ndate: 2025-01-03\ntags: ["x\\\\y"]\n---\n`,
    });
    const r = blog(['list', '--format', 'csv'], { cwd: root });
    const rows = parseCsv(r.stdout);
    const header = (rows[0] ?? []).map((c) => c.value);
    const byTitle = new Map(rows.slice(1).map((row) => [row[header.indexOf('title')]?.value, row[header.indexOf('tags')]?.value]));
    expect(byTitle.get('One')).not.toBe(byTitle.get('Two'));
    expect(byTitle.get('One')).toBe('a\\|b|c');
    expect(byTitle.get('Two')).toBe('a|b|c');
    expect(byTitle.get('Three')).toBe('x\\\\y');
  });
});

describe('--format paths is safe for xargs', () => {
  it('a post named -rf.md at the top of the listed folder is printed as ./-rf.md', () => {
    const root = tree({ 'posts/-rf.md': '---\ntitle: R\ndate: 2025-01-01\n---\n', 'posts/ok.md': '---\ntitle: O\ndate: 2025-01-02\n---\n' });
    const r = blog(['list', '--format', 'paths', '--dir', '.'], { cwd: join(root, 'posts') });
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual(['./-rf.md', 'ok.md']);
  });

  for (const flag of ['-0', '--null']) {
    it(`list --format paths ${flag} separates paths with NUL bytes and no newline (a name with a newline stays one entry)`, () => {
      const root = tree({ 'posts/a.md': '---\ntitle: A\ndate: 2025-01-01\n---\n', 'posts/x\nimportant.md': '---\ntitle: X\ndate: 2025-01-02\n---\n' });
      const r = blog(['list', '--format', 'paths', flag], { cwd: root });
      expect(r.code, describeRun(r)).toBe(0);
      expect(r.stdout.replace('x\nimportant', ''), 'a newline used as a separator').not.toContain('\n');
      expect(r.stdout.split('\0').filter(Boolean).sort()).toEqual(['posts/a.md', 'posts/x\nimportant.md']);
    });
  }

  it('without -0, a name with an escape, ##[ or a NEL before :: is left out (the command says how many and to use -0); -0 piped carries it as it is', () => {
    const names = ['x\x1b[2J\x1b[HPWNED.md', '##[error]hash.md', '\u0085::error::nel.md', 'ok.md'];
    const root = tree(Object.fromEntries(names.map((n) => [`posts/${n}`, '---\ntitle: z\ndate: 2024-01-01\n---\n'])));
    for (const [cwd, dir, prefix] of [[root, [], 'posts/'], [join(root, 'posts'), ['--dir', '.'], '']] as const) {
      const r = blog(['list', '--format', 'paths', ...dir], { cwd });
      expect(r.stdout).toBe(`${prefix}ok.md\n`);
      expect(r.stderr).toBe('blog: warning: 3 paths left out: a control character or a CI workflow command in the name cannot be one line of output; use --null (-0) to list every path\n');
      const nul = blog(['list', '-0', ...dir], { cwd });
      expect(nul.stdout.split('\0').filter(Boolean).sort()).toEqual(names.map((n) => (prefix === '' && n.startsWith('\u0085') ? `./${n}` : `${prefix}${n}`)).sort());
    }
  });

  it('without -0, a file name with a newline never makes a line that names another existing file', () => {
    const root = tree({
      'important.md': 'not a post: the victim of `blog list --format paths | xargs rm`\n',
      'posts/a.md': '---\ntitle: A\ndate: 2025-01-01\n---\n',
      'posts/x\nimportant.md': '---\ntitle: X\ndate: 2025-01-02\n---\n',
    });
    const r = blog(['list', '--format', 'paths'], { cwd: root });
    const posts = new Set(['posts/a.md', 'posts/x\nimportant.md']);
    for (const line of r.stdout.split('\n').filter(Boolean)) {
      const exists = fs.existsSync(join(root, line));
      expect(!exists || posts.has(line), `line ${JSON.stringify(line)} names a file that is not a listed post: ${describeRun(r)}`).toBe(true);
    }
  });
});
