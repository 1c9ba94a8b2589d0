import type { StatsResult } from '../core/stats.js';
import type { Colors } from './color.js';
import { formatJson, jsonDiagnostic } from './json.js';
import { displayWidth, truncate } from './table.js';
import { safe } from './text.js';
import type { FormatTable, STATS_FORMAT_NAMES } from './names.js';

export interface ChartOptions {
  colors: Colors;
  /** Total width to draw in. */
  width: number;
  /** Block characters on a terminal, `#` elsewhere. */
  unicode: boolean;
}

/** Horizontal bars: label, bar scaled to the width, count. */
export function formatBars(rows: { label: string; count: number }[], options: ChartOptions): string {
  // Labels come from posts (tag names): made safe, and at most a third of the width.
  rows = rows.map((r) => ({ label: truncate(safe(r.label), Math.max(10, Math.floor(options.width / 3))), count: r.count }));
  const labelWidth = Math.max(0, ...rows.map((r) => displayWidth(r.label)));
  const max = Math.max(1, ...rows.map((r) => r.count));
  const countWidth = String(max).length;
  const room = Math.max(10, options.width - labelWidth - countWidth - 3);
  return rows
    .map((r) => {
      const len = r.count === 0 ? 0 : Math.max(1, Math.round((r.count / max) * room));
      const bar = (options.unicode ? '█' : '#').repeat(len);
      return `${r.label}${' '.repeat(labelWidth - displayWidth(r.label))} ${options.colors.cyan(bar)}${' '.repeat(room - len)} ${String(r.count).padStart(countWidth)}`.trimEnd();
    })
    .join('\n');
}

const n = (x: number) => x.toLocaleString('en-US');

export function formatStats(s: StatsResult, options: ChartOptions): string {
  const { colors } = options;
  const out: string[] = [];
  out.push(`${colors.bold('Posts')}: ${n(s.posts)} (${n(s.published)} published, ${n(s.drafts)} draft${s.drafts === 1 ? '' : 's'}, ${n(s.undated)} undated)`);
  if (s.words) out.push(`${colors.bold('Words')}: ${n(s.words.total)} in all; ${n(s.words.mean)} a post on average, median ${n(s.words.median)}, longest ${n(s.words.max)} (${safe(s.words.longest ?? '')})`);
  if (s.longestGap) out.push(`${colors.bold('Longest gap')}: ${n(s.longestGap.days)} days, ${s.longestGap.from} → ${s.longestGap.to}`);
  if (s.perPeriod.length) {
    out.push('', colors.bold(`Posts per ${s.granularity}`));
    out.push(formatBars(s.perPeriod.map((p) => ({ label: p.period, count: p.count })), options));
  }
  if (s.topTags.length) {
    out.push('', colors.bold('Top tags'));
    out.push(formatBars(s.topTags.map((t) => ({ label: t.name, count: t.count })), options));
  }
  return `${out.join('\n')}\n`;
}

/** `blog stats --json`: the numbers, and the errors about the blog. */
export function statsJson(s: StatsResult): unknown {
  const { files: _files, skipped: _skipped, errors, ...numbers } = s;
  return { ...numbers, problems: errors.map(jsonDiagnostic) };
}

/** `blog stats`'s output formats; their names are the values of `--format`. */
export const STATS_FORMATS = {
  text: formatStats,
  json: (s: StatsResult) => formatJson(statsJson(s)),
} as const satisfies FormatTable<typeof STATS_FORMAT_NAMES>;
