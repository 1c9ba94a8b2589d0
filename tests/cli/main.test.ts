import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { fakeIo, makeTree, removeTree } from '../helpers.js';

describe('main (in-process)', () => {
  it('runs list and returns its exit code; output goes through Io', async () => {
    const root = makeTree({ 'posts/a.md': '---\ntitle: A\ntags: [ChatGPT]\n---\n', 'posts/b.md': '---\ntitle: [\n---\n' });
    try {
      const io = fakeIo(root);
      expect(await main(['list', '--format', 'paths'], io)).toBe(1);
      expect(io.out).toBe('posts/a.md\n');
      expect(io.err).toMatch(/^posts\/b\.md:3:1: error: YAML syntax error/);
    } finally {
      removeTree(root);
    }
  });

  it('with no command, prints help on stderr and exits 2', async () => {
    const io = fakeIo('/');
    expect(await main([], io)).toBe(2);
    expect(io.err).toContain('Usage: blog');
    expect(io.out).toBe('');
  });

  it('an unexpected exception is a bug: stack and a "please report" line, exit 2', async () => {
    const io = fakeIo('/');
    Object.defineProperty(io, 'cwd', { get: () => { throw new Error('boom'); } });
    expect(await main(['list'], io)).toBe(2);
    expect(io.err).toMatch(/^blog: internal error: Error: boom\n    at /);
    expect(io.err).toContain('This is a bug in blog; please report it');
  });
});
