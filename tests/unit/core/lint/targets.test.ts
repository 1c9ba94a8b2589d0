import { sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { targetTest } from '../../../../src/core/lint/task.js';

describe('targetTest: which posts a lint of named files and folders reports on', () => {
  it('null: every post; files by their whole path; folders (ending with a separator) by prefix', () => {
    expect(targetTest(null)('/b/posts/a.md')).toBe(true);
    const test = targetTest(['/b/posts/a.md', `/b/posts/2025${sep}`, '/b/posts/c.md']);
    expect(['/b/posts/a.md', '/b/posts/2025/x.md', '/b/posts/2025/deep/y.md', '/b/posts/c.md'].map(test)).toEqual([true, true, true, true]);
    expect(['/b/posts/a.md.bak', '/b/posts/2025.md', '/b/posts/20250/x.md', '/b/posts/b.md', '/b/posts/A.md'].map(test)).toEqual([false, false, false, false, false]);
    expect(targetTest([])('/b/posts/a.md')).toBe(false);
  });
});
