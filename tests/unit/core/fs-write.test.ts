/** replaceable(): the checks a write makes before anything is written, which a plan (retag --dry-run) makes too. */
import fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { replaceable, WriteRefused } from '../../../src/core/fs/write.js';
import { useTempTrees } from '../../helpers.js';

describe('replaceable', () => {
  const temp = useTempTrees();
  afterEach(() => vi.restoreAllMocks());

  it('refuses a file this user may not write, or one in a folder this user may not write (as another user: root passes access checks, so access is stubbed)', () => {
    const root = temp({ 'posts/a.md': 'x' });
    const file = join(root, 'posts/a.md');
    expect(replaceable(file, [root])).not.toBeInstanceOf(WriteRefused);
    const access = vi.spyOn(fs, 'accessSync');
    access.mockImplementation((p) => {
      if (p === join(root, 'posts')) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    });
    expect(replaceable(file, [root])).toMatchObject({ rule: 'read-only', message: 'you may not write to the folder it is in; left as it is' });
    access.mockImplementation((p) => {
      if (p === file) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    });
    expect(replaceable(file, [root])).toMatchObject({ rule: 'read-only', message: 'you may not write this file; left as it is' });
  });
});
