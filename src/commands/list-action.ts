/** Glue for `blog list`: flags → runList → formatter → Io. */
import type { ListFlags } from '../cli.js';
import { ExitCode } from '../errors.js';
import type { Io } from '../io.js';
import { colorLevel, makeColors } from '../format/color.js';
import { formatJson } from '../format/json.js';
import { formatListCsv, formatListPaths, formatListTable, listJson } from '../format/list.js';
import { formatNotice, formatProblem } from '../format/problems.js';
import { runList } from './list.js';
import { indexCacheDir } from '../config.js';

export async function listAction(flags: ListFlags, io: Io): Promise<number> {
  const format = flags.json ? 'json' : (flags.format ?? 'table');
  const { cache, ...options } = flags;
  const cacheDir = indexCacheDir(io.env, cache);
  const result = await runList({ ...options, cwd: io.cwd, ...(cacheDir ? { cacheDir } : {}) });
  const colors = makeColors(colorLevel({ env: io.env, isTTY: io.stdoutIsTTY, flag: flags.color, machine: format !== 'table' }));
  const errColors = makeColors(colorLevel({ env: io.env, isTTY: io.stderrIsTTY, flag: flags.color }));

  for (const w of result.warnings) io.stderr(formatNotice('warning', w, errColors));
  for (const s of result.skipped) io.stderr(formatNotice('warning', `${s.path}: ${s.reason}`, errColors));
  for (const p of result.problems) io.stderr(formatProblem(p, errColors));

  if (format === 'json') io.stdout(formatJson(listJson(result)));
  else if (format === 'csv') io.stdout(formatListCsv(result));
  else if (format === 'paths') io.stdout(formatListPaths(result));
  else if (result.posts.length > 0) {
    io.stdout(formatListTable(result, { colors, ...(io.stdoutIsTTY && io.columns ? { maxWidth: io.columns } : {}) }));
  }
  if (result.posts.length === 0) {
    const suggestion = result.suggestions.length ? ` Did you mean ${result.suggestions.join(' or ')}?` : '';
    io.stderr(formatNotice('note', `no posts match (${result.total} posts searched).${suggestion}`, errColors));
  }
  const unreadable = result.problems.some((p) => p.severity === 'error');
  return unreadable ? ExitCode.Problems : ExitCode.Ok;
}
