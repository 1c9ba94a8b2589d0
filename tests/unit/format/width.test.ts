import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { CJK_TEXT, displayWidth } from '../../../src/format/table.js';
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
