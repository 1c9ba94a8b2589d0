import type { StatsResult } from '../commands/stats.js';
import type { Colors } from './color.js';
import { displayWidth } from './table.js';

export interface ChartOptions {
  colors: Colors;
  /** Total width to draw in. */
  width: number;
  /** Block characters on a terminal, `#` elsewhere. */
  unicode: boolean;
}

/** Horizontal bars: label, bar scaled to the width, count. */
export function formatBars(rows: { label: string; count: number }[], options: ChartOptions): string {
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
  if (s.words) out.push(`${colors.bold('Words')}: ${n(s.words.total)} in all; ${n(s.words.mean)} a post on average, median ${n(s.words.median)}, longest ${n(s.words.max)} (${s.words.longest})`);
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
