import type { Diagnostic } from '../core/diagnostic.js';

/** One JSON document, two-space indented, with a final newline. */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** A problem as `list`, `tags` and `stats` print it in JSON: `{path, line, col, severity, code, message, hint?}` (line and col 1 for the whole file). */
export function jsonDiagnostic(d: Diagnostic): Record<string, unknown> {
  return { path: d.path, line: d.line || 1, col: d.col || 1, severity: d.severity, code: d.rule, message: d.message, ...(d.hint ? { hint: d.hint } : {}) };
}

/** An entry the walk skipped, in JSON: `{path, reason}`. */
export function skippedJson(d: Diagnostic): { path: string; reason: string } {
  return { path: d.path, reason: d.message };
}
