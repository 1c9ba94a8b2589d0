import { RULES } from '../core/lint/rules/index.js';
import type { Colors } from './color.js';
import { formatJson } from './json.js';
import { renderTable, wrap } from './table.js';

/**
 * `blog lint --list-rules`: id, default severity, whether --fix fixes it, what it finds. On a
 * terminal (`maxWidth`) a description is wrapped in its column (the terminal broke it mid-word).
 */
export function formatRuleList(options: { colors: Colors; json: boolean; maxWidth?: number | undefined }): string {
  const severity = (s: string): string => (s === 'warn' ? 'warning' : s);
  if (options.json) return formatJson(RULES.map((r) => ({ id: r.id, severity: severity(r.severity), fixable: r.fixable === true, description: r.description })));
  const { colors } = options;
  const rows = RULES.map((r) => [r.id, severity(r.severity), r.fixable ? 'yes' : '', r.description]);
  const before = Math.max(...RULES.map((r) => r.id.length)) + 2 + 'DEFAULT'.length + 2 + 'FIX'.length + 2;
  // Wrapped only on a terminal with room for 20 columns of description.
  const room = options.maxWidth === undefined ? 0 : options.maxWidth - before;
  return renderTable(
    [{ header: 'RULE' }, { header: 'DEFAULT' }, { header: 'FIX' }, { header: 'WHAT IT FINDS' }],
    room >= 20 ? rows.flatMap(([id, sev, fix, text]) => wrap(text as string, room).map((line, k) => (k === 0 ? [id as string, sev as string, fix as string, line] : ['', '', '', line]))) : rows,
    { header: (t) => colors.bold(t), style: (t, _r, c) => (c === 0 ? colors.cyan(t) : t) },
  );
}
