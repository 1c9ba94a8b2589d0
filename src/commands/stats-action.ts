/** Glue for `blog stats`: run, then charts or JSON. */
import type { StatsFlags } from '../cli.js';
import { ExitCode } from '../errors.js';
import type { Io } from '../io.js';
import { colorLevel, makeColors } from '../format/color.js';
import { formatJson } from '../format/json.js';
import { formatNotice, formatProblem } from '../format/problems.js';
import { formatStats } from '../format/stats.js';
import { runStats } from './stats.js';

export async function statsAction(flags: StatsFlags, io: Io): Promise<number> {
  const result = await runStats({ ...flags, cwd: io.cwd, words: flags.words !== false });
  const errColors = makeColors(colorLevel({ env: io.env, isTTY: io.stderrIsTTY, flag: flags.color }));
  for (const w of result.warnings) io.stderr(formatNotice('warning', w, errColors));
  for (const p of result.problems) io.stderr(formatProblem(p, errColors));
  if (flags.json) {
    const { problems: _problems, warnings: _warnings, ...numbers } = result;
    io.stdout(formatJson(numbers));
  } else {
    const colors = makeColors(colorLevel({ env: io.env, isTTY: io.stdoutIsTTY, flag: flags.color }));
    io.stdout(formatStats(result, { colors, width: io.stdoutIsTTY && io.columns ? io.columns : 80, unicode: io.stdoutIsTTY }));
  }
  return result.problems.length ? ExitCode.Problems : ExitCode.Ok;
}
