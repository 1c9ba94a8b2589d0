/** `blog list`: flags → listPosts → a formatter → stdout; errors and skipped entries on stderr. */
import { UsageError } from '../core/errors.js';
import { listPosts } from '../core/list.js';
import type { SortKey } from '../core/select.js';
import { LIST_FORMATS } from '../format/list.js';
import { unfitForLine } from '../format/text.js';
import type { Io } from '../io.js';
import { chooseFormat, context, filterOf, note, openBlog, printDiagnostics, reportRead, warn, write, type CommonFlags, type FilterFlags } from './shared.js';

export interface ListFlags extends CommonFlags, FilterFlags {
  search?: string;
  sort?: SortKey;
  reverse?: boolean;
  limit?: number;
  format?: keyof typeof LIST_FORMATS;
  json?: boolean;
  /** On a terminal: every column at full width. */
  wide?: boolean;
  /** `--format paths` separated by NUL. */
  null?: boolean;
}

export async function runList(flags: ListFlags, io: Io): Promise<number> {
  if (flags.null && flags.format !== undefined && flags.format !== 'paths') throw new UsageError(`--null separates paths: it goes with --format paths, not --format ${flags.format}`);
  const format = flags.null ? 'paths' : chooseFormat(flags, LIST_FORMATS, 'table');
  const ctx = context(io, flags, format !== 'table');
  const blog = openBlog(ctx, flags);
  const result = await listPosts(blog, {
    filter: filterOf(blog, flags) ?? {},
    sort: flags.sort ?? 'date',
    reverse: flags.reverse ?? false,
    ...(flags.limit === undefined ? {} : { limit: flags.limit }),
  });
  try {
    const code = reportRead(ctx, result);
    printDiagnostics(ctx, result.warnings);
    const options = { colors: ctx.colors, maxWidth: io.stdoutIsTTY ? io.columns : undefined, wide: flags.wide, nul: flags.null, terminal: io.stdoutIsTTY };
    await write(ctx, LIST_FORMATS[format](result, options), code);
    if (format === 'paths' && !flags.null) {
      let broken = 0;
      for (const p of result.posts) if (unfitForLine(p.path)) broken++;
      if (broken) warn(ctx, `${broken} path${broken === 1 ? '' : 's'} left out: a control character or a CI workflow command in the name cannot be one line of output; use --null (-0) to list every path`);
    }
    if (result.posts.length === 0) {
      const suggestion = result.suggestions.length ? ` Did you mean ${result.suggestions.join(' or ')}?` : '';
      note(ctx, `no posts match (${result.total} posts searched).${suggestion}`);
    }
    return code;
  } finally {
    result.posts.close();
  }
}
