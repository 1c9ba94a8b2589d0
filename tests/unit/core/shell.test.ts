import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote } from '../../../src/core/shell.js';
import { safe } from '../../../src/format/text.js';

/** What bash makes of `word` as one argument. */
const bashWord = (word: string): string => spawnSync('bash', ['-c', `printf '%s' ${word}`], { encoding: 'utf8' }).stdout;

describe('shellQuote: one word of a bash or zsh command line', () => {
  it.each(['ChatGPT', 'VS Code', "it's", '$(touch x)', '日常 折腾', '*', '-rf'])('%s is given back as itself', (text) => {
    expect(bashWord(shellQuote(text))).toBe(text);
  });

  it('a name with a tab, newline, ESC or bidi mark is written in $\'…\', and survives being shown on a terminal (the suggestion --tag \'tab\\ttag\' did not)', () => {
    for (const text of ['tab\there', 'nl\nx', 'esc\u001b[31m', 'bidi\u202eevil', "q'uo\\te\t", 'nel\u0085tag', 'ls\u2028x', 'del\u007fx']) {
      const word = shellQuote(text);
      expect(word.startsWith("$'")).toBe(true);
      // What the terminal shows is what the user copies: it must still be that name.
      expect(safe(word)).toBe(word);
      expect(bashWord(safe(word))).toBe(text);
    }
    expect(shellQuote('tab\there')).toBe("$'tab\\there'");
  });

  it('the escapes are bytes, so the word means the same in every locale (\\x85 was the byte 0x85, not U+0085; \\u2028 needs UTF-8)', () => {
    for (const locale of ['C.UTF-8', 'C']) {
      for (const text of ['nel\u0085tag', 'ls\u2028x', 'bidi\u202e', 'tab\t']) {
        const r = spawnSync('bash', ['-c', `printf '%s' ${shellQuote(text)}`], { env: { ...process.env, LC_ALL: locale } });
        expect(Buffer.compare(r.stdout, Buffer.from(text, 'utf8')), `${locale} ${JSON.stringify(text)}`).toBe(0);
      }
    }
  });
});
