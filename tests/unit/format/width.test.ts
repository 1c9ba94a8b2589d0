import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CJK_TEXT, displayWidth, graphemeSegments } from '../../../src/format/table.js';
import { repoRoot } from '../../helpers.js';

const samples = [
  'ChatGPT-5将免费开放？官方回应：DeepSeek逼的！', '🚀 Shipping a CLI', '日常折腾', 'Café', 'Ａ全角ｶﾀｶﾅ', 'e\u0301', '한국어',
  '—— 数组去重', '…', '①②', '👍🏽', '👨‍👩‍👧', '🇨🇳', '❤️', '✔ done', '\u001b[31mred\u001b[39m', 'tab\there', '·', 'ß', 'Ω', '🙂 emoji 文字',
];

describe('displayWidth agrees with string-width', () => {
  it.each(samples)('%j', (s) => {
    expect(displayWidth(s)).toBe(stringWidth(s));
  });

  const corpora = resolve(repoRoot, '..', 'shared', 'corpora');
  it.skipIf(!existsSync(corpora))('on every line of the first 2 KB of every corpus file', () => {
    const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
    let checked = 0;
    for (const f of files(corpora)) {
      for (const line of readFileSync(f, 'utf8').slice(0, 2048).split(/\r?\n/)) {
        expect(displayWidth(line), line).toBe(stringWidth(line));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });
});

describe('the fast measure of Chinese text', () => {
  it('every character it takes has the width string-width gives it, alone and among others', () => {
    let checked = 0;
    for (let c = 0x20; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      if (!CJK_TEXT.test(ch)) continue;
      expect(displayWidth(ch), `U+${c.toString(16)}`).toBe(stringWidth(ch));
      expect(displayWidth(`a${ch}文`), `U+${c.toString(16)}`).toBe(stringWidth(`a${ch}文`));
      checked++;
    }
    expect(checked).toBeGreaterThan(21_000);
    expect(CJK_TEXT.test('ChatGPT-5将免费开放？官方回应：DeepSeek逼的！')).toBe(true);
  });
});

describe('graphemeSegments: a long text segmented a slice at a time', () => {
  const whole = (text: string): string[] => [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].map((s) => s.segment);
  // Pieces that make clusters across a slice's end: emoji with skin tones, ZWJ families, flags (pairs of regional indicators), combining marks, CRLF.
  const pieces = ['a', ' ', '文', '😀', '👍🏽', '👨‍👩‍👧', '🇨🇳', '🇺', 'e\u0301', '\u0301', '\u200d', '\ufe0f', '❤️', '\r\n', '\n', 'ก\u0e33'];

  it('gives the clusters one segmentation of the whole text gives, across slice ends', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1500, maxLength: 5000 }), (parts) => {
        const text = parts.join('');
        expect([...graphemeSegments(text)]).toEqual(whole(text));
      }),
      // No shrinking of a failure: texts of thousands of pieces take long to shrink.
      { numRuns: 40, endOnFailure: true },
    );
  });

  it('measures a title of 200,000 emoji (segmenting it whole took seconds past 40,000)', () => {
    expect(displayWidth('😀'.repeat(200_000))).toBe(400_000);
    expect(displayWidth(`${'🇨🇳'.repeat(3000)}x`)).toBe(6001);
  });
});
