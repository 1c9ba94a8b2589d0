/** `blog stats`: the numbers, as charts or JSON. */
import { statsOfBlog } from '../core/stats.js';
import { STATS_FORMATS } from '../format/stats.js';
import type { Io } from '../io.js';
import { chooseFormat, context, filterOf, openBlog, reportRead, write, type CommonFlags, type FilterFlags } from './shared.js';

export interface StatsFlags extends CommonFlags, FilterFlags {
  words?: boolean;
  top?: number;
  json?: boolean;
  format?: keyof typeof STATS_FORMATS;
}

export async function runStats(flags: StatsFlags, io: Io): Promise<number> {
  const format = chooseFormat<keyof typeof STATS_FORMATS>(flags, STATS_FORMATS, 'text');
  const ctx = context(io, flags, format === 'json');
  const blog = openBlog(ctx, flags);
  const filter = filterOf(blog, flags);
  const result = await statsOfBlog(blog, { words: flags.words !== false, top: flags.top, ...(filter ? { filter } : {}) });
  const code = reportRead(ctx, result);
  const width = io.stdoutIsTTY && io.columns ? io.columns : 80;
  await write(ctx, STATS_FORMATS[format](result, { colors: ctx.colors, width, unicode: io.stdoutIsTTY }), code);
  return code;
}
