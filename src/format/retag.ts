import type { RetagResult } from '../core/retag.js';
import type { Colors } from './color.js';
import { formatJson, jsonDiagnostic } from './json.js';
import { plural, safe, unfitForLine } from './text.js';

export interface RetagFormatOptions {
  colors: Colors;
}

/** The summary: files changed (or to change), then one line per rename, addition, removal. */
export function formatRetagSummary(result: RetagResult, { colors }: RetagFormatOptions): string {
  const verb = result.dryRun ? 'would change' : 'changed';
  const field = result.field === 'tags' ? 'tag' : 'category';
  const lines = [
    `${colors.bold(`${plural(result.changed.length, 'file')} ${verb}`)}, ${result.unchanged} unchanged, ${result.skipped.length ? colors.yellow(`${result.skipped.length} skipped`) : '0 skipped'}`,
  ];
  const posts = (n: number) => plural(n, 'post');
  for (const [k, n] of Object.entries(result.counts.renamed).sort()) lines.push(`  renamed ${field} ${colors.cyan(safe(k))} in ${posts(n)}`);
  for (const [k, n] of Object.entries(result.counts.added).sort()) lines.push(`  added ${field} ${colors.green(safe(k))} to ${posts(n)}`);
  for (const [k, n] of Object.entries(result.counts.removed).sort()) lines.push(`  removed ${field} ${colors.red(safe(k))} from ${posts(n)}`);
  if (result.removedTempFiles.length) lines.push(`  removed ${plural(result.removedTempFiles.length, 'temp file')} left by an interrupted run`);
  return `${lines.join('\n')}\n`;
}

/** Dry-run diffs, coloured on a terminal; every line made safe (a diff shows the file's own text). */
export function formatRetagDiffs(result: RetagResult, { colors }: RetagFormatOptions): string {
  const style = (l: string): string =>
    l.startsWith('+++') || l.startsWith('---') ? colors.bold(l) : l.startsWith('+') ? colors.green(l) : l.startsWith('-') ? colors.red(l) : l.startsWith('@@') ? colors.cyan(l) : l;
  return result.changed
    .map((e) => {
      const diff = e.diff ?? '';
      // The two header lines name the file: they are made again here from its path, quoted as
      // git quotes it when it must be (gitQuoted), since a line break in a file name would
      // otherwise start a line of its own (`::error::` in a CI log).
      const outside = e.path.startsWith('../') || e.path.startsWith('/');
      const [a, b] = outside ? [e.path, e.path] : [`a/${e.path}`, `b/${e.path}`];
      const header = `--- ${a}\n+++ ${b}\n`;
      const headers = diff.startsWith(header) ? [`--- ${gitQuoted(a)}`, `+++ ${gitQuoted(b)}`] : [];
      const body = diff.startsWith(header) ? diff.slice(header.length) : diff;
      const lines = body.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      const shown = lines.map((raw) => {
        // The first character is the diff's own (+, -, space, @): only what follows is the file's.
        // A CR that ends the line is the file's line ending (CRLF), kept as it is, after any
        // colour: shown as `\r`, the diff could not be applied (git apply, patch).
        const crlf = raw.endsWith('\r');
        const text = crlf ? raw.slice(0, -1) : raw;
        const l = text.length ? text[0] + safe(text.slice(1)) : text;
        return style(l) + (crlf ? '\r' : '');
      });
      return `${[...headers.map(style), ...shown].join('\n')}\n`;
    })
    .join('');
}

/** `blog retag --json`: one document. */
export function retagJson(result: RetagResult): unknown {
  return {
    dryRun: result.dryRun,
    field: result.field,
    changed: result.changed.map((e) => ({ path: e.path, before: result.field === 'tags' ? (e.before[0] ?? []) : e.before, after: result.field === 'tags' ? (e.after[0] ?? []) : e.after })),
    skipped: result.skipped.map((s) => ({ path: s.path, line: s.line || 1, col: s.col || 1, reason: s.message })),
    problems: result.errors.map(jsonDiagnostic),
    unchanged: result.unchanged,
    summary: { files: result.changed.length, ...result.counts },
    removedTempFiles: result.removedTempFiles,
    missing: result.missing,
  };
}

export const RETAG_FORMATS = {
  text: formatRetagSummary,
  json: (r: RetagResult) => formatJson(retagJson(r)),
} as const;

const GIT_NAMED: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '"': '\\"', '\\': '\\\\' };

/**
 * A diff header's path as git writes one it must quote, so that `git apply` takes the diff: in
 * double quotes, with C escapes and every byte that is not printable ASCII in octal (as with
 * core.quotePath). Only a path with a control character (a tab too), a bidirectional control,
 * a quote, a backslash or `##[` is quoted; then `#` is octal too, so that no `##[` reaches a CI log. Other
 * paths, Chinese names included, are written as they are.
 */
export function gitQuoted(path: string): string {
  if (!unfitForLine(path) && !/["\\\t]/.test(path)) return path;
  let out = '"';
  for (const ch of path) {
    const named = GIT_NAMED[ch];
    if (named) out += named;
    else if (ch === '#' || ch < ' ' || ch > '~') for (const byte of Buffer.from(ch, 'utf8')) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
