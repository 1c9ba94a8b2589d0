import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, repoRoot, testCacheDir } from '../helpers.js';

// The run: scripts of action.yml, .github/workflows/lint-posts.yml and the README's git hook,
// executed with bash as GitHub Actions runs a `shell: bash` step, against a git repository made
// here: a base commit on main (also origin/main) and a branch that adds and changes posts with
// Chinese names and names with spaces, and deletes one.
//
// GitHub replaces each ${{ expression }} in a step before the step runs. `substitute` does the
// same from a table, and fails on an expression the table lacks:
//   github.action_path   this repository (where bin/blog.js and the built dist/ are)
//   github.base_ref      "main" on a pull request, "" on a push
//   inputs.<name>        the action's default, or the case's value
// The action's first step (npm ci + build in the action's folder) is not run here: it takes a
// registry and half a minute; `npm run build` before the tests has built the same dist/.

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}

const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8'));
const workflow = parse(readFileSync(join(repoRoot, '.github/workflows/lint-posts.yml'), 'utf8'));
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

function substitute(text: string, table: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_m, expr: string) => {
    if (!(expr in table)) throw new Error(`no value for \${{ ${expr} }} in the test's table`);
    return table[expr] as string;
  });
}

const temps: string[] = [];
const tempDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const baseEnv = (): Record<string, string> => ({
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: process.env.HOME ?? tmpdir(),
  TZ: 'UTC',
  NO_COLOR: '1',
  CI: 'true',
  BLOG_CACHE_DIR: testCacheDir(),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
});

/** Run one step's script as GitHub runs `shell: bash`: bash --noprofile --norc -eo pipefail {0}. */
function runStep(step: Step, cwd: string, table: Record<string, string>, env: Record<string, string> = {}) {
  const script = join(tempDir('blog-step-'), 'step.sh');
  writeFileSync(script, substitute(step.run as string, table));
  const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(String(v), table)]));
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env: { ...baseEnv(), ...env, ...stepEnv }, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8', env: { ...baseEnv() } });
}

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

const post = (title: string, date = '2025-03-31 21:17:31') => `---\ntitle: ${title}\ndate: ${date}\ntags: [ChatGPT]\n---\nbody\n`;
const undated = (title: string) => `---\ntitle: ${title}\ntags: [ChatGPT]\n---\nbody\n`;

/** A blog in git: main (= origin/main) and the checked-out branch of a pull request. */
function makeRepo(postsDir: string, change: (root: string) => void): string {
  const root = tempDir('blog-repo-');
  git(root, 'init', '-q', '-b', 'main');
  write(root, {
    'README.md': '# my blog\n',
    '.gitignore': 'node_modules/\n',
    [`${postsDir}/hello.md`]: post('Hello'),
    [`${postsDir}/old-undated.md`]: undated('Old and undated'),
    [`${postsDir}/要删除的文章.md`]: post('To be deleted', '2024-01-01'),
  });
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  git(root, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  git(root, 'checkout', '-q', '-b', 'pull-request');
  change(root);
  return root;
}

const pullRequest = (postsDir: string) => (root: string) => {
  write(root, {
    [`${postsDir}/日常折腾.md`]: undated('日常折腾'),
    [`${postsDir}/带 空格 的文章.md`]: undated('带 空格 的文章'),
    [`${postsDir}/hello.md`]: post('Hello again'),
    'README.md': '# my blog, changed\n',
  });
  rmSync(join(root, postsDir, '要删除的文章.md'));
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'new posts');
};

const annotated = (stdout: string): string[] => [...stdout.matchAll(/^::(?:error|warning) file=([^,]*),/gm)].map((m) => m[1] as string).sort();

describe('action.yml', () => {
  const steps: Step[] = action.runs.steps;
  const lintStep = steps.find((s) => s.name === 'Lint the posts') as Step;
  const defaults = Object.fromEntries(Object.entries(action.inputs as Record<string, { default: string }>).map(([k, v]) => [`inputs.${k}`, v.default]));
  const table = (inputs: Record<string, string> = {}, baseRef = 'main'): Record<string, string> => ({
    'github.action_path': repoRoot,
    'github.base_ref': baseRef,
    ...defaults,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`inputs.${k}`, v])),
  });
  let repo: string;
  beforeAll(() => {
    repo = makeRepo('posts', pullRequest('posts'));
  });

  it('is a composite action with the documented inputs, every run step in bash', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(['dir', 'changed-only', 'paths', 'format', 'sarif', 'max-warnings']);
    expect(defaults).toEqual({ 'inputs.dir': '', 'inputs.changed-only': 'true', 'inputs.paths': '', 'inputs.format': 'github', 'inputs.sarif': '', 'inputs.max-warnings': '' });
    for (const input of Object.values(action.inputs) as { description: string }[]) expect(input.description).toMatch(/\w/);
    expect(steps.length).toBe(2);
    for (const step of steps) expect(step).toMatchObject({ shell: 'bash', run: expect.any(String) });
    // Inputs reach the scripts through env only: no ${{ }} pasted into shell code.
    for (const step of steps) expect(step.run).not.toContain('${{');
    // blog is built from the action's own folder, never fetched by name.
    expect(steps[0]?.run).toContain('cd "$BLOG_ACTION_PATH"');
    expect(steps[0]?.run).toMatch(/npm ci --ignore-scripts .*\n\s*npm run build/);
    expect(steps.map((s) => s.run).join('\n')).not.toMatch(/npx|npm (install|exec)/);
  });

  it('on a pull request, annotates the added and changed posts, Chinese names and spaces as they are', () => {
    const r = runStep(lintStep, repo, table({ paths: 'posts' }));
    expect(r.stderr).toBe('');
    expect(annotated(r.stdout)).toEqual(['posts/带 空格 的文章.md', 'posts/日常折腾.md'].sort());
    expect(r.stdout).toContain('::error file=posts/日常折腾.md,line=2,col=1,title=blog lint%3A required-fields::required key "date" is missing');
    expect(r.stdout).not.toMatch(/\\[0-7]{3}|"posts/);
    // The deleted post is not passed (blog would exit 2: no such file), the old one not linted.
    expect(r.stdout).not.toMatch(/要删除的文章|old-undated|README/);
    expect(r.code).toBe(1);
  });

  it('without paths, every changed Markdown file is given to lint; README.md is not a post (a note, no annotation)', () => {
    const r = runStep(lintStep, repo, table());
    expect(new Set(annotated(r.stdout))).toEqual(new Set(['posts/日常折腾.md', 'posts/带 空格 的文章.md']));
    expect(r.stderr).toContain('README.md: note: a README, not a post; not linted');
    expect(r.code).toBe(1);
  });

  it('writes SARIF for the whole blog, and the exit code is the lint step\'s', () => {
    const sarif = join(tempDir('blog-sarif-'), 'blog-lint.sarif');
    const r = runStep(lintStep, repo, table({ paths: 'posts', sarif, format: 'compact', dir: 'posts' }));
    expect(r.stdout).toContain('posts/日常折腾.md:2:1: error required key "date" is missing');
    expect(r.code).toBe(1);
    const uris = JSON.parse(readFileSync(sarif, 'utf8')).runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0]?.physicalLocation.artifactLocation.uri);
    expect(new Set(uris)).toEqual(new Set(['posts/old-undated.md', 'posts/日常折腾.md', 'posts/带 空格 的文章.md'].map((p) => encodeURI(p))));
  });

  it('a dir that a pull request turned into a symbolic link out of the repository: exit 2, nothing read', () => {
    const outside = tempDir('blog-outside-');
    writeFileSync(join(outside, 'secret.md'), '---\ntitle: SECRET-TITLE\n---\n');
    const root = makeRepo('posts', (r) => {
      symlinkSync(outside, join(r, 'linked'));
    });
    const r = runStep(lintStep, root, table({ dir: 'linked', 'changed-only': 'false' }));
    expect(r).toMatchObject({ code: 2, stdout: '::error title=blog lint::the dir input leads outside the repository (a symbolic link?); nothing was linted\n' });
    expect(r.stdout + r.stderr).not.toContain('SECRET');
  });

  it('changed-only false, or a push (no base ref): every post', () => {
    for (const t of [table({ 'changed-only': 'false' }), table({}, '')]) {
      const r = runStep(lintStep, repo, t);
      expect(new Set(annotated(r.stdout))).toEqual(new Set(['posts/old-undated.md', 'posts/日常折腾.md', 'posts/带 空格 的文章.md']));
      expect(r.code).toBe(1);
    }
  });

  it('no Markdown file changed: exit 0 without running blog', () => {
    const clean = makeRepo('posts', (root) => {
      write(root, { 'notes.txt': 'x\n' });
      git(root, 'add', '-A');
      git(root, 'commit', '-q', '-m', 'no posts');
    });
    const r = runStep(lintStep, clean, table());
    expect(r).toMatchObject({ code: 0, stdout: 'blog lint: no Markdown file added or changed against main\n' });
  });

  it('is used in the README with its own inputs, its SARIF file uploaded', () => {
    const shown = /```yaml\n(name: blog lint\n[\s\S]*?)```/.exec(readme)?.[1] as string;
    const used: Step[] = parse(shown).jobs.lint.steps;
    const step = used.find((s) => s.uses === 'OWNER/blog@v1') as Step;
    for (const key of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
    expect(used.find((s) => s.uses === 'actions/checkout@v4')?.with).toEqual({ 'fetch-depth': 0 });
    expect(used.at(-1)).toMatchObject({ uses: 'github/codeql-action/upload-sarif@v3', if: 'always()', with: { sarif_file: step.with?.sarif } });
    for (const name of Object.keys(action.inputs)) expect(readme).toContain(`| \`${name}\` |`);
  });

  it('a checkout without the base branch: exit 2 and what to do', () => {
    const r = runStep(lintStep, repo, table({}, 'no-such-branch'));
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('::error title=blog lint::no history shared with origin/no-such-branch: check out with actions/checkout and fetch-depth: 0');
  });
});

/** A node_modules/.bin/blog in `root` that runs this repository's build, as npm ci would leave it. */
function installShim(root: string): void {
  mkdirSync(join(root, 'node_modules', '.bin'), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{"private": true}\n');
  const shim = join(root, 'node_modules', '.bin', 'blog');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${binPath}" "$@"\n`);
  chmodSync(shim, 0o755);
}

describe('.github/workflows/lint-posts.yml', () => {
  const steps: Step[] = workflow.jobs.lint.steps;
  const lintStep = steps.find((s) => s.name?.startsWith('Lint the changed posts')) as Step;
  const sarifStep = steps.find((s) => s.name === 'SARIF for code scanning') as Step;
  let repo: string;
  beforeAll(() => {
    repo = makeRepo('posts', pullRequest('posts'));
    installShim(repo);
  });

  it('runs every run step in bash and blog only from node_modules', () => {
    for (const step of steps.filter((s) => s.run)) expect(step.shell).toBe('bash');
    const runs = steps.map((s) => s.run ?? '').join('\n');
    expect(runs).not.toMatch(/npx (?!--no-install )/);
    expect(runs).toContain('core.quotePath=false');
    expect(runs).toContain('xargs -0 -r');
  });

  it('lints the changed posts: Chinese names unquoted, the deleted post left out, README.md left out', () => {
    const r = runStep(lintStep, repo, {}, { GITHUB_BASE_REF: 'main' });
    expect(new Set(annotated(r.stdout))).toEqual(new Set(['posts/日常折腾.md', 'posts/带 空格 的文章.md']));
    expect(r.stdout).not.toMatch(/\\[0-7]{3}|要删除的文章|old-undated/);
    expect(r.stderr).not.toContain('no such file');
    // xargs reports blog's exit 1 as 123: the step fails.
    expect(r.code).toBe(123);
  });

  it('writes SARIF and passes with findings; fails when blog cannot run', () => {
    const r = runStep(sarifStep, repo, {});
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(repo, 'blog-lint.sarif'), 'utf8')).runs[0].results.length).toBeGreaterThan(0);
    writeFileSync(join(repo, 'blog.config.json'), '{"generator": "gatsby"}');
    try {
      const broken = runStep(sarifStep, repo, {});
      expect(broken.stderr).toContain('"generator": expected one of');
      expect(broken.code).not.toBe(0);
    } finally {
      rmSync(join(repo, 'blog.config.json'));
    }
  });
});

describe('the plain git pre-commit hook in README.md', () => {
  const hook = /```sh\n(#!\/bin\/sh\n[\s\S]*?)```/.exec(readme)?.[1] as string;

  function commitTry(stage: (root: string) => void, installed = true) {
    const root = makeRepo('source/_posts', (r) => {
      write(r, { '_config.yml': 'title: test\n' });
      git(r, 'add', '-A');
      git(r, 'commit', '-q', '-m', 'hexo');
      stage(r);
    });
    if (installed) installShim(root);
    const file = join(root, '.git', 'hooks', 'pre-commit');
    writeFileSync(file, hook);
    chmodSync(file, 0o755);
    // Its own temporary folder: the hook's copy of the index must be gone after it.
    const tmp = tempDir('blog-hook-tmp-');
    const r = spawnSync(file, [], { cwd: root, env: { ...baseEnv(), TMPDIR: tmp }, encoding: 'utf8', timeout: 30_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, left: readdirSync(tmp) };
  }

  it('is in the README and calls the local blog', () => {
    expect(hook).toContain('git -c core.quotePath=false diff --cached --name-only --diff-filter=d -z');
    expect(hook).toContain('xargs -0 -r "$blog" lint');
  });

  it('lints a post as staged, not as on disk: staged broken and mended on disk is stopped; staged good and broken on disk goes through', () => {
    const broken = commitTry((root) => {
      write(root, { 'source/_posts/第二篇.md': '---\ntitle: 第二篇\ndate: 2024-02-30 10:00:00\ntags: [a\n---\n' });
      git(root, 'add', '-A');
      write(root, { 'source/_posts/第二篇.md': post('第二篇', '2024-02-03 10:00:00') });
    });
    expect(broken.stdout).toMatch(/^source\/_posts\/第二篇\.md:\d+:\d+: error /);
    expect(broken.code).not.toBe(0);
    expect(broken.left).toEqual([]);
    const good = commitTry((root) => {
      write(root, { 'source/_posts/好的.md': post('好的', '2024-02-03 10:00:00') });
      git(root, 'add', '-A');
      write(root, { 'source/_posts/好的.md': '---\ntitle: [x\n---\n' });
    });
    expect(good).toMatchObject({ code: 0, stdout: '', stderr: '', left: [] });
  });

  it('stops a commit with a broken post that has a Chinese name; deleted and non-post files are left out', () => {
    const r = commitTry((root) => {
      write(root, { 'source/_posts/日常折腾.md': undated('日常折腾'), 'README.md': '# changed\n' });
      git(root, 'rm', '-q', 'source/_posts/要删除的文章.md');
      git(root, 'add', '-A');
    });
    expect(r.stdout).toBe('source/_posts/日常折腾.md:2:1: error required key "date" is missing (Hexo then uses the file\'s creation time: in CI, the time of the clone) (required-fields)\n');
    expect(r.stderr).not.toContain('no such file');
    expect(r.code).not.toBe(0);
  });

  it('without blog installed in the blog, stops the commit saying what to install (not npm\'s "could not determine executable")', () => {
    const r = commitTry((root) => {
      write(root, { 'source/_posts/好文章.md': post('好文章', '2025-01-01 10:00:00') });
      git(root, 'add', '-A');
    }, false);
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: 'pre-commit: blog is not installed here (npm install -D blogctl)\n' });
  });

  it('lets a good post through, and runs nothing when no post is staged', () => {
    const good = commitTry((root) => {
      write(root, { 'source/_posts/好文章.md': post('好文章', '2025-01-01 10:00:00') });
      git(root, 'add', '-A');
    });
    expect(good).toMatchObject({ code: 0, stdout: '' });
    const none = commitTry((root) => {
      write(root, { 'notes.txt': 'x\n' });
      git(root, 'add', '-A');
    });
    expect(none).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('.pre-commit-hooks.yaml: the framework\'s way (its staged list, files, the entry with the names) gives the same', () => {
    // pre-commit lists staged files with git diff --staged --name-only --no-ext-diff -z --diff-filter=ACMRTUXB,
    // keeps those matching `files` (here narrowed as the README shows) and appends them to `entry`.
    const [hookDef] = parse(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as { entry: string; files: string }[];
    const files = new RegExp(/files: (\^source\/_posts\/.*)\n/.exec(readme)?.[1] as string);
    expect(files.test('source/_posts/a.markdown') && new RegExp(hookDef?.files as string).test('source/_posts/a.markdown')).toBe(true);
    const root = makeRepo('source/_posts', (r) => {
      write(r, { '_config.yml': 'title: test\n', 'source/_posts/日常折腾.md': undated('日常折腾'), 'README.md': '# changed\n' });
      git(r, 'add', '-A');
    });
    installShim(root);
    const staged = git(root, 'diff', '--staged', '--name-only', '--no-ext-diff', '-z', '--diff-filter=ACMRTUXB').split('\0').filter((f) => files.test(f));
    expect(staged).toEqual(['source/_posts/日常折腾.md']);
    const args = [...(hookDef?.entry.split(' ') ?? []), ...staged];
    const r = spawnSync(args[0] as string, args.slice(1), { cwd: root, env: baseEnv(), encoding: 'utf8' });
    expect(r.stdout).toBe('source/_posts/日常折腾.md:2:1: error required key "date" is missing (Hexo then uses the file\'s creation time: in CI, the time of the clone) (required-fields)\n');
    expect(r.status).toBe(1);
  });

  it('needs -z: without it git quotes the name and escapes it in octal', () => {
    const root = makeRepo('posts', pullRequest('posts'));
    const quoted = git(root, 'diff', '--name-only', 'origin/main...HEAD');
    expect(quoted).toContain('"posts/\\346\\227\\245\\345\\270\\270\\346\\212\\230\\350\\205\\276.md"');
    expect(existsSync(join(root, 'posts', '日常折腾.md'))).toBe(true);
  });
});
