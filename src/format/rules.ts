import { RULES } from '../core/lint/rules/index.js';
import type { Colors } from './color.js';
import { formatJson } from './json.js';
import { renderTable } from './table.js';

/** `blog lint --list-rules`: id, default severity, whether --fix fixes it, what it finds. */
export function formatRuleList(options: { colors: Colors; json: boolean }): string {
  const severity = (s: string): string => (s === 'warn' ? 'warning' : s);
  if (options.json) return formatJson(RULES.map((r) => ({ id: r.id, severity: severity(r.severity), fixable: r.fixable === true, description: r.description })));
  const { colors } = options;
  return renderTable(
    [{ header: 'RULE' }, { header: 'DEFAULT' }, { header: 'FIX' }, { header: 'WHAT IT FINDS' }],
    RULES.map((r) => [r.id, severity(r.severity), r.fixable ? 'yes' : '', r.description]),
    { header: (t) => colors.bold(t), style: (t, _r, c) => (c === 0 ? colors.cyan(t) : t) },
  );
}
