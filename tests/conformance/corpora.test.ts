/**
 * Every file in the real blogs under ../shared/corpora is either listed by `blog list`
 * or reported with a reason: nothing is dropped silently.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runBlog, postFiles } from '../helpers.js';

const corporaDir = resolve(repoRoot, '..', 'shared', 'corpora');
const corpora = existsSync(corporaDir) ? readdirSync(corporaDir).filter((d) => existsSync(join(corporaDir, d, 'posts'))) : [];

if (corpora.length === 0) {
  console.warn(`conformance: skipped, ${corporaDir} is absent (it ships beside the repository in CI and dev machines)`);
}

interface ListDoc {
  posts: { path: string; title: string | null; dateIso: string | null }[];
  problems: { path: string; line: number; col: number; severity: string; message: string }[];
  skipped: { path: string; reason: string }[];
}

describe.skipIf(corpora.length === 0)('conformance: blog list over ../shared/corpora', () => {
  it.each(corpora)('%s: every file is listed or reported with a reason', (name) => {
    const dir = join(corporaDir, name, 'posts');
    const r = runBlog(['list', '--json', '--dir', dir], { cwd: repoRoot });
    expect([0, 1]).toContain(r.code);
    const doc = JSON.parse(r.stdout) as ListDoc;
    const listed = new Set(doc.posts.map((p) => resolve(repoRoot, p.path)));
    const reported = new Map<string, string>();
    for (const p of doc.problems) if (p.severity === 'error') reported.set(resolve(repoRoot, p.path), p.message);
    for (const s of doc.skipped) reported.set(resolve(repoRoot, s.path), s.reason);
    // Pages are not posts, by the documented rule: Hugo section pages (_index.md) and READMEs.
    const isPage = (f: string) => /\/readme\.(md|markdown)$/i.test(f) || (name.startsWith('hugo') && /\/_index\.(md|markdown)$/.test(f));
    const all = postFiles(dir);
    const files = all.filter((f) => !isPage(f));
    for (const page of all.filter(isPage)) expect(listed.has(page), page).toBe(false);
    const missing = files.filter((f) => !listed.has(f) && !reported.has(f));
    expect(missing).toEqual([]);
    expect(listed.size + [...reported.keys()].filter((f) => !listed.has(f)).length).toBe(files.length);
    // Every problem is located and says something.
    for (const p of doc.problems) {
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.col).toBeGreaterThanOrEqual(1);
      expect(p.message.length).toBeGreaterThan(10);
    }
    // stderr carries the same problems, one line each, as path:line:col.
    const stderrLines = r.stderr.split('\n').filter(Boolean);
    expect(stderrLines).toHaveLength(doc.problems.length + doc.skipped.length);
    for (const line of stderrLines) expect(line).toMatch(/^\S.*(:\d+:\d+)?: (error|warning): /);
  });
});
