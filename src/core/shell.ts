/**
 * The one shell quoter: a value as one word of a POSIX shell command line (bash, zsh, dash), for
 * the commands blog suggests (`Did you mean --tag 'VS Code'?`, lint hints) and the completion
 * scripts it prints. Pure.
 */

/** Characters that never need quoting anywhere in a word (no globbing, expansion or splitting). */
const BARE = /^[\p{L}\p{N}_./:@%+=,-]+$/u;

/** `text` as one shell word: bare when that is safe, else in single quotes (`'` written as `'\''`). */
export function shellQuote(text: string): string {
  return text !== '' && BARE.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
