import { CommanderError } from 'commander';
import { buildProgram, type LintFlags, type ListFlags, type NewFlags, type RetagFlags, type TagsFlags } from './cli.js';
import { BlogError, ExitCode, UsageError } from './errors.js';
import { CancelledError, type Io } from './io.js';
import { colorLevel, loadColors, makeColors, mayColor } from './format/color.js';
import { formatNotice } from './format/problems.js';

/** Run blog with `argv` (without node and script). Returns the exit code; never throws. */
export async function main(argv: string[], io: Io): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  if (mayColor(io.env, argv, io.stdoutIsTTY, io.stderrIsTTY)) await loadColors();
  const errColors = makeColors(colorLevel({ env: io.env, isTTY: io.stderrIsTTY, flag: argv.includes('--no-color') ? false : undefined }));
  try {
    const program = buildProgram(
      io,
      {
        create: async (title: string | undefined, flags: NewFlags) => (await import('./commands/new-action.js')).newAction(title, flags, io),
        lint: async (paths: string[], flags: LintFlags) => (await import('./commands/lint-action.js')).lintAction(paths, flags, io),
        tags: async (what: 'tags' | 'categories', flags: TagsFlags) => (await import('./commands/tags-action.js')).tagsAction(what, flags, io),
        stats: async (flags) => (await import('./commands/stats-action.js')).statsAction(flags, io),
        completion: async (shell, commands) => {
          const { bashScript, zshScript, fishScript } = await import('./core/complete.js');
          io.stdout((shell === 'bash' ? bashScript : shell === 'zsh' ? zshScript : fishScript)(commands));
          return ExitCode.Ok;
        },
        complete: async (what, flags) => {
          const { completionNames } = await import('./commands/complete.js');
          for (const name of await completionNames({ cwd: io.cwd, ...(flags.dir === undefined ? {} : { dir: flags.dir }) }, what)) io.stdout(`${name}\n`);
          return ExitCode.Ok;
        },
        list: async (flags: ListFlags) => (await import('./commands/list-action.js')).listAction(flags, io),
        retag: async (names: string[], flags: RetagFlags) => (await import('./commands/retag-action.js')).retagAction(names, flags, io),
      },
      (code) => {
        exitCode = code;
      },
    );
    if (argv.length === 0) {
      io.stderr(program.helpInformation());
      return ExitCode.Failure;
    }
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) return ExitCode.Ok;
      const message = e.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ');
      io.stderr(formatNotice('error', `${message} Run "blog --help" for usage.`, errColors));
      return ExitCode.Failure;
    }
    if (e instanceof CancelledError) {
      io.stderr('Cancelled; nothing written.\n');
      return ExitCode.Interrupted;
    }
    if (e instanceof BlogError) {
      const hint = e.hint ? ` (${e.hint})` : '';
      io.stderr(formatNotice('error', `${e.message}${hint}`, errColors));
      return e.exitCode;
    }
    const err = e as Error;
    io.stderr(`blog: internal error: ${err?.stack ?? String(e)}\nThis is a bug in blog; please report it with the command you ran.\n`);
    return ExitCode.Failure;
  }
}

export { UsageError };
