/** Glue for `blog retag`: plan, show, confirm, write. */
import type { RetagFlags } from '../cli.js';
import { BlogError, ExitCode, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { colorLevel, makeColors } from '../format/color.js';
import { formatJson } from '../format/json.js';
import { formatNotice } from '../format/problems.js';
import { formatRetagDiffs, formatRetagSummary, retagJson } from '../format/retag.js';
import { applyRetag, planRetag, type RetagResult } from './retag.js';

export async function retagAction(args: string[], flags: RetagFlags, io: Io): Promise<number> {
  const interactive = io.stdinIsTTY && io.stdoutIsTTY;
  if (!flags.dryRun && !flags.yes && !interactive) {
    throw new UsageError('retag writes files: pass --yes to write them, or --dry-run to preview the changes');
  }
  const colors = makeColors(colorLevel({ env: io.env, isTTY: io.stdoutIsTTY, flag: flags.color, machine: flags.json === true }));
  const errColors = makeColors(colorLevel({ env: io.env, isTTY: io.stderrIsTTY, flag: flags.color }));
  let result = await planRetag({ ...flags, cwd: io.cwd, args, ...(flags.dryRun ? { dryRun: true } : {}) });
  for (const w of result.warnings) io.stderr(formatNotice('warning', w, errColors));

  const report = (r: RetagResult): number => {
    for (const s of r.skipped) io.stderr(`${errColors.bold(`${s.path}:${s.line}:${s.col}`)}: ${errColors.yellow('skipped')}: ${s.reason}\n`);
    if (flags.json) io.stdout(formatJson(retagJson(r)));
    else io.stdout(formatRetagSummary(r, colors));
    return r.skipped.length ? ExitCode.Problems : ExitCode.Ok;
  };

  if (flags.dryRun) {
    if (!flags.json) io.stdout(formatRetagDiffs(result, colors));
    return report(result);
  }
  if (result.changed.length > 0 && !flags.yes) {
    io.stderr(formatRetagSummary({ ...result, dryRun: true }, errColors));
    const ok = await io.prompt.confirm({ name: 'write', message: `Write ${result.changed.length} file${result.changed.length === 1 ? '' : 's'}?` });
    if (!ok) {
      io.stderr('Nothing written.\n');
      return ExitCode.Ok;
    }
  }
  const showProgress = io.stderrIsTTY && !flags.json && result.changed.length >= 50;
  result = applyRetag(result, (done, total) => {
    if (showProgress && (done === total || done % 25 === 0)) io.stderr(`\r${progressBar(done, total)}${done === total ? '\n' : ''}`);
  });
  return report(result);
}

function progressBar(done: number, total: number, width = 30): string {
  const filled = Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} files`;
}

export { BlogError };
