/**
 * The one shell quoter: a value as one word of a POSIX shell command line (bash, zsh, dash), for
 * the commands blog suggests (`Did you mean --tag 'VS Code'?`, lint hints) and the completion
 * scripts it prints. Pure.
 */

/** Characters that never need quoting anywhere in a word (no globbing, expansion or splitting). */
const BARE = /^[\p{L}\p{N}_./:@%+=,-]+$/u;

/** Characters that cannot be shown in a command line as they are (controls, line separators, bidi marks). */
export const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const NAMED: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '\u001b': '\\E' };

/**
 * `text` as one shell word: bare when that is safe, else in single quotes (`'` written as
 * `'\''`); a value with a control character in ANSI-C quotes (`$'tab\there'`, bash and zsh),
 * whose escapes survive being shown on a terminal: in single quotes the tab was shown as `\t`,
 * which, pasted, is a backslash and a t.
 */
export function shellQuote(text: string): string {
  if (text !== '' && BARE.test(text)) return text;
  if (!CONTROL.test(text)) return `'${text.replace(/'/g, `'\\''`)}'`;
  // Other controls as the bytes of their UTF-8 (\xHH each): `\x85` is the byte 0x85, not U+0085,
  // and `\u2028` needs a UTF-8 locale (bash prints it as it is under LC_ALL=C, zsh refuses it).
  const escaped = text.replace(/[\\']/g, '\\$&').replace(new RegExp(CONTROL.source, 'g'), (c) => NAMED[c] ?? [...Buffer.from(c, 'utf8')].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join(''));
  return `$'${escaped}'`;
}
