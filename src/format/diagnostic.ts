import type { Diagnostic } from '../core/diagnostic.js';
import type { Colors } from './color.js';
import { safe } from './text.js';

/**
 * `path:line:col: severity: message (hint)` (without `:line:col` for a whole file) — one line,
 * the form editors and CI understand. Every value is made safe for a terminal.
 */
export function formatDiagnostic(d: Diagnostic, colors: Colors, label: string = d.severity): string {
  const where = d.line > 0 ? `${safe(d.path)}:${d.line}:${d.col}` : safe(d.path);
  const sev = d.severity === 'error' ? colors.red(label) : d.severity === 'warning' ? colors.yellow(label) : colors.cyan(label);
  const hint = d.hint ? colors.dim(` (${safe(d.hint)})`) : '';
  return `${where ? `${colors.bold(where)}: ` : 'blog: '}${sev}: ${safe(d.message)}${hint}\n`;
}

/** A one-line message from blog itself (its own words, with values already made safe by the caller or by this). */
export function formatNotice(kind: 'error' | 'warning' | 'note', message: string, colors: Colors): string {
  const label = kind === 'error' ? colors.red('error') : kind === 'warning' ? colors.yellow('warning') : colors.cyan('note');
  return `blog: ${label}: ${safe(message)}\n`;
}
