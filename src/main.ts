import { buildProgram, CommanderError } from './cli.js';
import { BlogError, ExitCode } from './core/errors.js';
import { CancelledError, type Io } from './io.js';
import { colorLevel, loadColors, makeColors, mayColor } from './format/color.js';
import { formatNotice } from './format/diagnostic.js';
import { CATEGORIES_FORMAT_NAMES, LINT_FORMAT_NAMES, LIST_FORMAT_NAMES, STATS_FORMAT_NAMES, TAGS_FORMAT_NAMES } from './format/names.js';

/** Run blog with `argv` (without node and script). Returns the exit code; never throws. */
export async function main(argv: string[], io: Io): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  if (mayColor(io.env, argv, io.stdoutIsTTY, io.stderrIsTTY)) await loadColors();
  const errColors = makeColors(colorLevel({ env: io.env, isTTY: io.stderrIsTTY, flag: argv.includes('--no-color') ? false : undefined }));
  // `-V` was the version flag before `-v`; scripts may still use it.
  if (argv[0] === '-V') argv = ['--version', ...argv.slice(1)];
  let commandNames: string[][] = [];
  try {
    const program = buildProgram(
      io,
      {
        formats: { list: LIST_FORMAT_NAMES, lint: LINT_FORMAT_NAMES, tags: TAGS_FORMAT_NAMES, categories: CATEGORIES_FORMAT_NAMES, stats: STATS_FORMAT_NAMES },
        create: async (title, flags) => (await import('./commands/new.js')).runNew(title, flags, io),
        list: async (flags) => (await import('./commands/list.js')).runList(flags, io),
        lint: async (paths, flags) => (await import('./commands/lint.js')).runLint(paths, flags, io),
        tags: async (what, flags) => (await import('./commands/tags.js')).runTags(what, flags, io),
        retag: async (names, flags) => (await import('./commands/retag.js')).runRetag(names, flags, io),
        publish: async (which, target, flags) => (await import('./commands/publish.js')).runPublish(which, target, flags, io),
        stats: async (flags) => (await import('./commands/stats.js')).runStats(flags, io),
        completion: async (shell, commands) => (await import('./commands/completion.js')).runCompletion(shell, commands, io),
        complete: async (what, flags) => (await import('./commands/completion.js')).runComplete(what, flags, io),
      },
      (code) => {
        exitCode = code;
      },
    );
    commandNames = program.commands.map((c) => [c.name(), ...c.aliases()]);
    // commander shows the general help for `blog help <anything>`; a command that does not exist is a usage error.
    const asked = argv[0] === 'help' ? argv[1] : undefined;
    if (asked !== undefined && !asked.startsWith('-') && !commandNames.some((names) => names.includes(asked))) {
      io.stderr(formatNotice('error', `unknown command ${JSON.stringify(asked.slice(0, 40))}. Run "blog --help" for the commands.`, errColors));
      return ExitCode.Failure;
    }
    if (argv.length === 0) {
      io.stderr(program.helpInformation());
      return ExitCode.Failure;
    }
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' || e.exitCode === 0) return ExitCode.Ok;
      const message = e.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').replace(/([^.!?])$/, '$1.');
      io.stderr(formatNotice('error', `${message} ${usageHint(argv, commandNames, e.message)}`, errColors));
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

/**
 * Where to look after a usage error: the command's own help when a command was given; for an
 * option placed before the command (`blog --dir x list`), that options go after it.
 */
function usageHint(argv: string[], commands: string[][], message: string): string {
  const at = argv.findIndex((a) => commands.some((names) => names.includes(a)));
  const command = at === -1 ? undefined : commands.find((names) => names.includes(argv[at] as string))?.[0];
  if (command === undefined) return 'Run "blog --help" for usage.';
  const option = /unknown option '([^']+)'/.exec(message)?.[1];
  if (option !== undefined && argv.indexOf(option) !== -1 && argv.indexOf(option) < at) {
    return `Options go after the command: blog ${command} ${option} …`;
  }
  return `Run "blog ${command} --help" for usage.`;
}
