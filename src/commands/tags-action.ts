/** Glue for `blog tags` and `blog categories`. */
import type { TagsFlags } from '../cli.js';
import { ExitCode } from '../errors.js';
import type { Io } from '../io.js';
import { colorLevel, makeColors } from '../format/color.js';
import { formatJson } from '../format/json.js';
import { formatNotice, formatProblem } from '../format/problems.js';
import { categoriesJson, formatCategoryTree, formatTagsTable, tagsJson } from '../format/tags.js';
import { runTags } from './tags.js';
import { indexCacheDir } from '../config.js';

export async function tagsAction(what: 'tags' | 'categories', flags: TagsFlags, io: Io): Promise<number> {
  const { cache, ...options } = flags;
  const cacheDir = indexCacheDir(io.env, cache);
  const result = await runTags({ ...options, cwd: io.cwd, ...(cacheDir ? { cacheDir } : {}) });
  const colors = makeColors(colorLevel({ env: io.env, isTTY: io.stdoutIsTTY, flag: flags.color, machine: flags.json === true }));
  const errColors = makeColors(colorLevel({ env: io.env, isTTY: io.stderrIsTTY, flag: flags.color }));
  for (const w of result.warnings) io.stderr(formatNotice('warning', w, errColors));
  for (const s of result.skipped) io.stderr(formatNotice('warning', `${s.path}: ${s.reason}`, errColors));
  for (const p of result.problems) io.stderr(formatProblem(p, errColors));
  if (flags.json) io.stdout(formatJson(what === 'tags' ? tagsJson(result) : categoriesJson(result)));
  else if (what === 'tags') {
    if (result.tags.length) io.stdout(formatTagsTable(result, colors));
    else io.stderr(formatNotice('note', `no tags in ${result.posts} posts`, errColors));
  } else if (result.categories.length) io.stdout(formatCategoryTree(result, colors));
  else io.stderr(formatNotice('note', `no categories in ${result.posts} posts`, errColors));
  return result.problems.length ? ExitCode.Problems : ExitCode.Ok;
}
