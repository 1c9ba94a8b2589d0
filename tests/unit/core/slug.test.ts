import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freeName, slugHexo, slugUnicode } from '../../../src/core/slug.js';

/** hexo-util, as `hexo new` uses it: the oracle for blog new in Hexo sites. */
const { slugize } = createRequire(import.meta.url)('hexo-util') as { slugize: (s: string, o?: { transform?: number }) => string };

describe('slugHexo names files exactly as hexo new does (hexo-util slugize)', () => {
  it.each([
    'ChatGPT-5将免费开放？官方回应：DeepSeek逼的！',
    'Hello, World!',
    '日常折腾：Café',
    'a/b c',
    '  spaces  ',
    'C++ & Rust',
    '《三体》读后感',
    '100% done',
    'tab\there',
    'Œuvre Ærø straße Łódź',
  ])('%s', (title) => {
    for (const transform of [0, 1, 2] as const) expect(slugHexo(title, transform)).toBe(slugize(title, { transform }));
  });

  it('on every character of the Basic Multilingual Plane, between letters', () => {
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c < 0xe000) continue;
      const title = `a${String.fromCharCode(c)}b`;
      expect(slugHexo(title), `U+${c.toString(16)}`).toBe(slugize(title));
    }
  });

  it('on any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom(0, 1, 2), (title, transform) => slugHexo(title, transform as 0 | 1 | 2) === slugize(title, { transform })), { numRuns: 3000 });
  });

  it('keeps full-width punctuation where blog\'s own slug drops it', () => {
    expect(slugHexo('ChatGPT-5将免费开放？官方回应：DeepSeek逼的！')).toBe('ChatGPT-5将免费开放？官方回应：DeepSeek逼的！');
    expect(slugUnicode('ChatGPT-5将免费开放？官方回应：DeepSeek逼的！')).toBe('ChatGPT-5将免费开放-官方回应-DeepSeek逼的');
  });
});

describe('freeName', () => {
  it('numbers a taken name (-2, or -1 as Hexo does) and keeps every candidate within 255 bytes, cut at a character boundary', () => {
    const taken = new Set(['a.md', 'a-2.md']);
    expect(freeName('a.md', (c) => taken.has(c))).toBe('a-3.md');
    expect(freeName('a.md', (c) => taken.has(c), 1)).toBe('a-1.md');
    expect(freeName('free.md', () => false)).toBe('free.md');
    const full = `${'文'.repeat(84)}.md`; // 255 bytes
    const name = freeName(full, (c) => c === full, 1);
    expect(name).toBe(`${'文'.repeat(83)}-1.md`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
  });
});
