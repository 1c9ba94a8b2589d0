/**
 * Text from posts and configs on a terminal or in a CI log. Every value a human format prints
 * goes through `safe`: control characters become visible escapes, so no title, tag, key, date
 * or file name can move the cursor, set the window title, plant a link, clear the screen or
 * start a new line; and a value never starts with `::`, which GitHub Actions reads as a workflow
 * command when it begins a line of the log. Machine formats (JSON, SARIF, github) keep exact
 * values and escape them their own way.
 */

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\x1b': '\\e', '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\v': '\\v' };

/**
 * C0 and C1 controls and DEL; the Unicode line and paragraph separators; the bidirectional
 * controls that can reorder what a line shows (the "Trojan source" characters).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_TEST = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * A value for a format that keeps line breaks and tabs as they are (a CSV cell, quoted): every
 * other control character visible as in `safe`, and `##[` broken as in `safe`. (A cell that
 * starts a line with `::` is the format's own business.)
 */
export function controlsVisible(text: string): string {
  let out = UNSAFE_TEST.test(text) ? text.replace(UNSAFE, (ch) => (ch === '\n' || ch === '\r' || ch === '\t' ? ch : escapeChar(ch))) : text;
  if (out.includes('##[')) out = out.replace(/##\[/g, '#\\x23[');
  return out;
}

/**
 * A value as it may be shown on a terminal or in a CI log: control characters visible; never
 * starting (after spaces) with `::`, and never holding `##[`, GitHub Actions' two workflow
 * command syntaxes (the runner trims a line before looking for `::`, and finds `##[` anywhere).
 */
export function safe(text: string): string {
  let out = UNSAFE_TEST.test(text) ? text.replace(UNSAFE, escapeChar) : text;
  const lead = out.length - out.trimStart().length;
  if (out.startsWith('::', lead)) out = `${out.slice(0, lead)}\\x3a${out.slice(lead + 1)}`;
  if (out.includes('##[')) out = out.replace(/##\[/g, '#\\x23[');
  return out;
}

/** White space the runner trims (.NET's, which counts NEL, U+0085; JavaScript's trimStart does not). */
const LEADING_SPACE = /^[\s\u0085]+/;

/**
 * Whether a line would start a GitHub Actions workflow command: `::` after any white space (the
 * runner trims a line as trimStart does, NBSP, U+3000 and U+2028 included). For outputs that
 * must keep the text as it is (CSV cells, paths) and guard it another way.
 */
export const startsCommand = (line: string): boolean => line.replace(LEADING_SPACE, '').startsWith('::');

/**
 * Whether a path cannot be one line of plain output: a control character but a tab (a line
 * break, an escape), a bidirectional control, or `##[` (a workflow command anywhere in a line of a CI log).
 */
export const unfitForLine = (text: string): boolean => (UNSAFE_TEST.test(text) && UNSAFE_TEST.test(text.replace(/\t/g, ' '))) || text.includes('##[');

const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const JSON_UNSAFE_TEST = /[\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|##\[/;

/**
 * JSON text (from JSON.stringify, which escapes C0 controls) with what it leaves raw escaped too:
 * DEL, C1 controls, line and paragraph separators and bidirectional controls as `\uXXXX`, and
 * `##[` as `#\u0023[` (GitHub's runner finds that workflow command anywhere in a line of the
 * log). Each can only be inside a string, and the string's value is unchanged.
 */
export function jsonSafe(json: string): string {
  if (!JSON_UNSAFE_TEST.test(json)) return json;
  return json.replace(JSON_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/##\[/g, '#\\u0023[');
}

export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;
