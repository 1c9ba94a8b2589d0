import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBlog, useTempTrees } from '../helpers.js';

const tree = useTempTrees();

describe('--no-cache (the post index is gone: reading every post is as fast)', () => {
  it('is still accepted by the commands that took it, changes nothing, and nothing is written to a cache folder', () => {
    const root = tree({ 'posts/a.md': '---\ntitle: A\ndate: 2025-01-01\ntags: [x]\n---\n', home: '' });
    const home = join(root, 'home-dir');
    const env = { HOME: home, XDG_CACHE_HOME: join(root, 'xdg'), BLOG_CACHE_DIR: join(root, 'cache') };
    for (const cmd of [['list'], ['tags'], ['lint'], ['categories'], ['stats']]) {
      const plain = runBlog(cmd, { cwd: root, env });
      const noCache = runBlog([...cmd, '--no-cache'], { cwd: root, env });
      expect(noCache, cmd.join(' ')).toEqual(plain);
      expect(plain.code).toBe(0);
    }
    for (const dir of ['home-dir', 'xdg', 'cache']) expect(existsSync(join(root, dir))).toBe(false);
    expect(readdirSync(join(root, 'posts'))).toEqual(['a.md']);
  });
});
