/**
 * What every run loads before it knows its command: main.ts and what it imports statically. A
 * command's modules are imported when that command runs; when main imported the format names
 * from them, every run (`blog --version`, a TAB completion) loaded all ~70 modules (0.11 s
 * against 0.08 s).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';

/** The project modules `file` imports statically (`import type` and `import()` are not loads). */
function staticClosure(file: string): string[] {
  const seen = new Set<string>();
  const visit = (abs: string): void => {
    if (seen.has(abs)) return;
    seen.add(abs);
    const text = readFileSync(abs, 'utf8');
    for (const m of text.matchAll(/^import (?!type\b)[^;]*?from '(\.[^']+)\.js';/gms)) visit(join(dirname(abs), `${m[1]}.ts`));
  };
  visit(file);
  return [...seen].map((f) => relative(join(repoRoot, 'src'), f)).sort();
}

describe('start-up', () => {
  it('main loads no command and no lint rule before the command is known', () => {
    const loaded = staticClosure(join(repoRoot, 'src', 'main.ts'));
    expect(loaded).toContain('cli.ts');
    expect(loaded.filter((f) => f.startsWith('commands/') || f.startsWith('core/lint/') || f === 'core/blog.ts')).toEqual([]);
  });
});
