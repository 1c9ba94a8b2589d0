/**
 * The one shape of "a problem at a place": a post that cannot be read, a value read with a
 * warning, a lint finding, a file retag or lint --fix left alone, an entry the walk skipped, a
 * notice about the config. Readers, lint, retag and every command use it; formatters print it.
 * Pure.
 */

export type Severity = 'error' | 'warning' | 'note';

/** A safe fix the lossless editor can apply (lint --fix). */
export type Fix =
  | { kind: 'rename-tag'; from: string; to: string }
  | { kind: 'rename-category'; from: string; to: string }
  | { kind: 'dedupe-tags' }
  | { kind: 'tags-to-list' };

export interface Diagnostic {
  /** The file, relative to the current folder with `/` ('' for a notice about no file). */
  path: string;
  /** 1-based line; 0 when the diagnostic is about the whole file (or no file). */
  line: number;
  /** 1-based column in UTF-16 code units of that line (as editors count); 0 with line 0. */
  col: number;
  severity: Severity;
  /**
   * What kind of problem, stable for machines: a lint rule id (`tag-case-variant`), a reading
   * problem (`syntax`, `duplicate-key`, `limit`, `encoding`, `io`, ...) or why a file was left
   * alone (`skipped`, `symlink-outside`, `changed-on-disk`, `read-only`, ...).
   */
  rule: string;
  message: string;
  /** What to do about it. */
  hint?: string;
  fix?: Fix;
}

/** A position in a file. */
export interface Location {
  line: number;
  col: number;
}

/** A diagnostic without its file: what a parser or a rule knows before the caller adds the path. */
export type Located = Omit<Diagnostic, 'path'>;

/**
 * JavaScript's string order, by UTF-16 code units: code point order but for characters above
 * U+FFFF (emoji), which sort before U+E000-U+FFFF (`😀` before `～`). Paths, names and findings
 * are all put in this one order; `LC_ALL=C sort` (bytes, that is code points) differs only there.
 */
export const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** File, line, column, then rule order. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return byCodeUnit(a.path, b.path) || a.line - b.line || a.col - b.col || byCodeUnit(a.rule, b.rule);
}

export function countBySeverity(list: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of list) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}

/** At most `max` characters of a value for a message: a message never quotes megabytes of input. */
export function clip(text: string, max = 80): string {
  if (text.length <= max) return text;
  // Never cut a surrogate pair in two.
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** A value quoted for a message, clipped. */
export function quoted(value: unknown, max = 80): string {
  if (typeof value === 'string') return JSON.stringify(clip(value, max));
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return clip(text, max);
}

/** The first few of a list for a message (`a, b, c and 12 more`): a message stays short however long the list. */
export function listSome(items: readonly string[], max = 3): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
