/** Glue for `blog lint`: run, format, exit code. */
import type { LintFlags } from '../cli.js';
import { packageVersion } from '../cli.js';
import { ExitCode } from '../errors.js';
import type { Io } from '../io.js';
import { colorLevel, makeColors } from '../format/color.js';
import { formatJson } from '../format/json.js';
import { countFindings, formatCompact, formatGithub, formatStylish, lintJson, sarifLog } from '../format/lint.js';
import { formatNotice } from '../format/problems.js';
import { runLint } from './lint.js';
import { indexCacheDir } from '../config.js';

export async function lintAction(paths: string[], flags: LintFlags, io: Io): Promise<number> {
  const format = flags.format ?? 'stylish';
  const { cache, ...options } = flags;
  const cacheDir = indexCacheDir(io.env, cache);
  const result = await runLint({ ...options, cwd: io.cwd, paths, now: io.now(), ...(flags.fix ? { fix: true } : {}), ...(cacheDir ? { cacheDir } : {}) });
  const colors = makeColors(colorLevel({ env: io.env, isTTY: io.stdoutIsTTY, flag: flags.color, machine: format !== 'stylish' }));
  const errColors = makeColors(colorLevel({ env: io.env, isTTY: io.stderrIsTTY, flag: flags.color }));
  for (const w of result.warnings) io.stderr(formatNotice('warning', w, errColors));
  for (const s of result.skipped) io.stderr(formatNotice('warning', `${s.path}: ${s.reason}`, errColors));
  for (const f of result.fixed) io.stderr(formatNotice('note', `fixed ${f.path}: ${f.changes.join(', ')}`, errColors));
  if (format === 'stylish') io.stdout(formatStylish(result, colors));
  else if (format === 'compact') io.stdout(formatCompact(result));
  else if (format === 'json') io.stdout(formatJson(lintJson(result)));
  else if (format === 'github') io.stdout(formatGithub(result));
  else io.stdout(formatJson(sarifLog(result, packageVersion())));
  const { errors, warnings } = countFindings(result.findings);
  if (errors > 0) return ExitCode.Problems;
  if (flags.maxWarnings !== undefined && warnings > flags.maxWarnings) {
    io.stderr(formatNotice('error', `${warnings} warnings, more than --max-warnings ${flags.maxWarnings}`, errColors));
    return ExitCode.Problems;
  }
  return ExitCode.Ok;
}
