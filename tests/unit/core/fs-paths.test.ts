/**
 * fitName shortens a file name to what a file system holds. It segments only a prefix of a long
 * name (segmenting all of it took memory by the square of its length); the names it gives must be
 * the ones segmenting the whole name gave.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitName } from '../../../src/core/fs/paths.js';

/** fitName as it was before it segmented only a prefix: the whole stem, a grapheme at a time. */
function fitNameWhole(name: string, maxBytes = 255): string {
  const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');
  if (bytes(name) <= maxBytes) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 12 ? name.slice(dot) : '';
  const stem = ext ? name.slice(0, dot) : name;
  const budget = maxBytes - bytes(ext);
  const segments = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(stem)].map((s) => s.segment);
  let used = 0;
  let kept = 0;
  for (const s of segments) {
    if (used + bytes(s) > budget) break;
    used += bytes(s);
    kept++;
  }
  return segments.slice(0, kept).join('').replace(/[-_. ]+$/, '') + ext;
}

// Pieces whose clusters depend on their neighbours: combining marks, ZWJ emoji, skin tones, flags
// (regional indicator pairs), Hangul jamo, an Indic conjunct, CR LF, lone surrogate halves.
const pieces = [
  'a', 'Z', '-', '_', '.', ' ', '汉', 'é', 'e\u0301', '\u0301', '\u20dd', '👍', '🏽', '\u200d', '👨', '👩', '❤', '\ufe0f', '🇨', '🇳', '🇫', '🇷',
  '한', '\u1100', '\u1161', '\u11a8', 'क', '\u094d', 'ष', '\r', '\n', '\ud800', '\udc00', '.md', '.markdown', '.html',
];

describe('fitName', () => {
  it('keeps a name that fits, and cuts a long one to 255 bytes at a character boundary, keeping the extension', () => {
    expect(fitName('hello-world.md')).toBe('hello-world.md');
    expect(fitName(`${'a'.repeat(300)}.md`)).toBe(`${'a'.repeat(252)}.md`);
    expect(fitName(`${'汉'.repeat(100)}.md`)).toBe(`${'汉'.repeat(84)}.md`);
    expect(fitName(`${'😀'.repeat(100)}.md`)).toBe(`${'😀'.repeat(63)}.md`);
    // A cluster that would cross the limit is left out whole: no lone skin tone, no half flag.
    expect(fitName(`${'a'.repeat(246)}👍🏽.md`)).toBe(`${'a'.repeat(246)}.md`);
    expect(fitName(`${'a'.repeat(240)}🇨🇳🇫🇷.md`)).toBe(`${'a'.repeat(240)}🇨🇳.md`);
    expect(fitName(`${'a'.repeat(251)}e\u0301e\u0301.md`)).toBe(`${'a'.repeat(251)}.md`);
    // A cut between the halves of a skin tone, which makes one cluster with the "a" before it.
    expect(fitName(`${'a'.repeat(252)}🏽.md`)).toBe(`${'a'.repeat(251)}.md`);
    // Separators left at the cut are dropped; an "extension" over 12 characters is part of the stem.
    expect(fitName(`${'ab-'.repeat(100)}.md`)).toBe(`${'ab-'.repeat(83)}ab.md`);
    expect(fitName(`${'a'.repeat(300)}.not-an-extension`)).toBe('a'.repeat(255));
    expect(fitName(`${'a'.repeat(300)}.md`, 100)).toBe(`${'a'.repeat(97)}.md`);
  });

  it('gives the name segmenting the whole name gave, for any name and limit (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 400 }), fc.integer({ min: 16, max: 255 }), (parts, maxBytes) => {
        const name = parts.join('');
        expect(fitName(name, maxBytes)).toBe(fitNameWhole(name, maxBytes));
      }),
      { numRuns: 2000 },
    );
    // The same with the tricky pieces placed right at the limit, after a run of one filler.
    fc.assert(
      fc.property(fc.constantFrom('a', '汉', 'é', '😀'), fc.integer({ min: 0, max: 260 }), fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), fc.integer({ min: 200, max: 255 }), (filler, count, parts, maxBytes) => {
        const name = `${filler.repeat(count)}${parts.join('')}`;
        expect(fitName(name, maxBytes)).toBe(fitNameWhole(name, maxBytes));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives the same name for a 100,000-character name as for its first 1,000 characters', () => {
    for (const piece of ['a ', '汉', '👨\u200d👩', 'e\u0301', '🇨🇳']) {
      const name = `${piece.repeat(Math.ceil(100_000 / piece.length))}.md`;
      const fitted = fitName(name);
      expect(fitted).toBe(fitNameWhole(`${name.slice(0, 1000)}.md`));
      expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(255);
    }
  });
});
