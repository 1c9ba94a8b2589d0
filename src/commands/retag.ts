/** `blog retag`: plan, show, confirm, write. */
import { ExitCode, UsageError } from '../core/errors.js';
import { applyRetag, planRetag, type RetagResult } from '../core/retag.js';
import { shellQuote } from '../core/shell.js';
import { formatRetagDiffs, RETAG_FORMATS } from '../format/retag.js';
import type { Io } from '../io.js';
import { context, filterOf, note, openBlog, printDiagnostics, write, type CommonFlags, type FilterFlags } from './shared.js';

export interface RetagFlags extends CommonFlags, FilterFlags {
  add?: string[];
  remove?: string[];
  categories?: boolean;
  ignoreCase?: boolean;
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
}

export async function runRetag(args: string[], flags: RetagFlags, io: Io): Promise<number> {
  const interactive = io.stdinIsTTY && io.stdoutIsTTY;
  if (!flags.dryRun && !flags.yes && !interactive) {
    throw new UsageError('retag writes files: pass --yes to write them, or --dry-run to preview the changes');
  }
  const ctx = context(io, flags, flags.json === true);
  const blog = openBlog(ctx, flags);
  const filter = filterOf(blog, flags) ?? {};
  let result = planRetag(blog, { args, add: flags.add, remove: flags.remove, categories: flags.categories, ignoreCase: flags.ignoreCase, filter, dryRun: flags.dryRun === true });
  for (const m of result.missing) {
    const what = result.field === 'tags' ? 'tag' : 'category';
    const close = m.suggestions.length ? ` Did you mean ${m.suggestions.map(shellQuote).join(' or ')}?` : '';
    note(ctx, `no post has the ${what} ${shellQuote(m.name)}${flags.ignoreCase ? ' (in any case)' : ''}.${close}`);
  }

  // Skipped files named before the question are not named again after it.
  const named = new Set<string>();
  const key = (d: RetagResult['skipped'][number]): string => `${d.path}\0${d.message}`;
  const report = async (r: RetagResult): Promise<number> => {
    printDiagnostics(
      ctx,
      r.skipped.filter((d) => !named.has(key(d))),
      'skipped',
    );
    // Posts with a value that cannot be read are reported as every command reports them (they are still retagged).
    printDiagnostics(ctx, r.errors);
    await write(ctx, RETAG_FORMATS[flags.json ? 'json' : 'text'](r, { colors: ctx.colors }));
    return r.skipped.length || r.errors.length ? ExitCode.Problems : ExitCode.Ok;
  };

  if (flags.dryRun) {
    if (!flags.json) await write(ctx, formatRetagDiffs(result, { colors: ctx.colors }));
    return report(result);
  }
  if (result.changed.length > 0 && !flags.yes) {
    // The files left out are named before the question ('1 skipped' alone did not say which).
    printDiagnostics(ctx, result.skipped, 'skipped');
    for (const d of result.skipped) named.add(key(d));
    io.stderr(RETAG_FORMATS.text({ ...result, dryRun: true }, { colors: ctx.errColors }));
    const ok = await io.prompt.confirm({ name: 'write', message: `Write ${result.changed.length} file${result.changed.length === 1 ? '' : 's'}?` });
    if (!ok) {
      io.stderr('Nothing written.\n');
      return ExitCode.Ok;
    }
  }
  const showProgress = io.stderrIsTTY && !flags.json && result.changed.length >= 50;
  result = applyRetag(blog, result, {
    onProgress: (done, total) => {
      if (showProgress && (done === total || done % 25 === 0)) io.stderr(`\r${progressBar(done, total)}${done === total ? '\n' : ''}`);
    },
    onWait: (holder) => note(ctx, `waiting for ${holder} to finish writing`),
  });
  return report(result);
}

function progressBar(done: number, total: number, width = 30): string {
  const filled = Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} files`;
}
