import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';

describe('packaging', () => {
  it('npm pack holds only what runs', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8' });
    const packed = JSON.parse(out)[0];
    // "blog" on the registry is another package: ours installs as blogctl and still runs as `blog`.
    expect(packed).toMatchObject({ name: 'blogctl', filename: 'blogctl-0.1.0.tgz' });
    const files: string[] = packed.files.map((f: { path: string }) => f.path);
    expect(files).toContain('bin/blog.js');
    expect(files).toContain('dist/main.js');
    expect(files).toContain('LICENSE');
    // The config's "$schema" points into the installed package.
    expect(files).toContain('schema/blog.config.schema.json');
    expect(files.filter((f) => !/^(bin\/blog\.js|dist\/.*\.js|schema\/blog\.config\.schema\.json|README\.md|LICENSE|package\.json)$/.test(f))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: 'blogctl', bin: { blog: 'bin/blog.js' }, license: 'MIT', engines: { node: '>=20' }, type: 'module' });
    expect(pkg.keywords).toEqual(expect.arrayContaining(['hexo', 'jekyll', 'hugo', 'front-matter']));
  });
});

describe('the GitHub Actions workflow this repository uses for its posts', () => {
  const workflow = parse(readFileSync(join(repoRoot, '.github/workflows/lint-posts.yml'), 'utf8'));
  it('is valid YAML with the keys GitHub Actions needs', () => {
    expect(workflow.on.pull_request.paths).toContain('posts/**');
    expect(workflow.permissions).toEqual({ contents: 'read', 'security-events': 'write' });
    const steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] = workflow.jobs.lint.steps;
    expect(workflow.jobs.lint['runs-on']).toBe('ubuntu-latest');
    expect(steps.map((s) => s.uses).filter(Boolean)).toEqual(['actions/checkout@v4', 'actions/setup-node@v4', 'github/codeql-action/upload-sarif@v3']);
    expect(steps.find((s) => s.uses === 'actions/checkout@v4')?.with).toEqual({ 'fetch-depth': 0 });
    const runs = steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('blog lint --format github');
    expect(runs).toContain('blog lint --format sarif > blog-lint.sarif');
    expect(steps.at(-1)?.with).toEqual({ sarif_file: 'blog-lint.sarif' });
  });

  it('is the workflow the README shows, but for the install step', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const shown = /```yaml\n(name: lint posts[\s\S]*?)```/.exec(readme)?.[1];
    expect(shown).toBeDefined();
    const fromReadme = parse(shown as string);
    // There blog is installed globally and the posts are in source/_posts; here npm ci installs it.
    const strip = (w: { jobs: { lint: { steps: { run?: string; name?: string }[] } }; on: unknown }) =>
      w.jobs.lint.steps.filter((s) => !/npm (ci|install)/.test(s.run ?? '')).map((s) => ({ ...s, run: s.run?.replace(/npx --no-install blog/g, 'blog').replace(/source\/_posts\//g, 'posts/') }));
    expect(strip(fromReadme)).toEqual(strip(workflow));
  });
});

describe('pre-commit hook definition', () => {
  it('names a hook that runs the installed blog lint on staged posts', () => {
    const hooks = parse(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8'));
    expect(hooks).toEqual([expect.objectContaining({ id: 'blog-lint', entry: 'npx --no-install blog lint --format compact --', language: 'system', files: '\\.(md|markdown)$' })]);
    expect(new RegExp(hooks[0].files).test('source/_posts/a.markdown')).toBe(true);
  });
});
