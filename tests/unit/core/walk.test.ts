/** The walker yields every post once, in code-unit order of the paths shown, however it gets there. */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayPath, findPostFiles } from '../../../src/core/repository.js';
import { useTempTrees } from '../../helpers.js';

describe('findPostFiles', () => {
  const temp = useTempTrees();

  it('orders paths as sorted strings, with names that sort around "/"', async () => {
    const names = ['a.md', 'a/x.md', 'a/b/c.md', 'a-b.md', 'a b/y.md', 'a0.md', 'A.md', 'Z/z.md', '中文/标题.md', '中.md', 'b.markdown', 'C.MD', 'a.md.d/q.md', 'note.txt', 'x.md~', '.hidden.md', '#x.md#', 'y.md.swp'];
    const root = temp(Object.fromEntries(names.map((n) => [n, '---\ntitle: t\n---\n'])));
    symlinkSync(join(root, 'a'), join(root, 'link'));
    const { files } = await findPostFiles([root], { generator: 'generic', cwd: root });
    const shown = files.map((f) => displayPath(root, f));
    const expected = ['A.md', 'C.MD', 'Z/z.md', 'a b/y.md', 'a-b.md', 'a.md', 'a.md.d/q.md', 'a/b/c.md', 'a/x.md', 'a0.md', 'b.markdown', '中.md', '中文/标题.md'];
    // The link repeats folder a: the loop guard skips it (reported), nothing is listed twice.
    expect(shown).toEqual(expected);
    expect([...shown].sort()).toEqual(shown);
  });

  it('sorts across several roots by the paths shown', async () => {
    const root = temp({ 'source/_posts/b.md': '', 'source/_drafts/a.md': '', 'source/_posts/sub/c.md': '' });
    const { files } = await findPostFiles([join(root, 'source/_posts'), join(root, 'source/_drafts')], { generator: 'generic', cwd: root });
    expect(files.map((f) => displayPath(root, f))).toEqual(['source/_drafts/a.md', 'source/_posts/b.md', 'source/_posts/sub/c.md']);
  });
});
