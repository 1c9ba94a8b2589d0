import type { Colors } from './color.js';

export interface FileProblem {
  path: string;
  line: number;
  col: number;
  severity: 'error' | 'warning';
  message: string;
  hint?: string;
}

/** `path:line:col: severity: message (hint)` — one line, the form editors and CI understand. */
export function formatProblem(p: FileProblem, colors: Colors): string {
  const sev = p.severity === 'error' ? colors.red('error') : colors.yellow('warning');
  const hint = p.hint ? colors.dim(` (${p.hint})`) : '';
  return `${colors.bold(`${p.path}:${p.line}:${p.col}`)}: ${sev}: ${p.message}${hint}\n`;
}

/** A one-line message from blog itself. */
export function formatNotice(kind: 'error' | 'warning' | 'note', message: string, colors: Colors): string {
  const label = kind === 'error' ? colors.red('error') : kind === 'warning' ? colors.yellow('warning') : colors.cyan('note');
  return `blog: ${label}: ${message}\n`;
}
