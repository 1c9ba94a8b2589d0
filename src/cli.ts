/** The commander program: flags and help only; each action hands off to src/commands. */
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Io } from './io.js';
import type { ListOptions } from './commands/list.js';

export interface CommonFlags {
  dir?: string;
  color?: boolean;
}

export interface ListFlags extends CommonFlags, Omit<ListOptions, 'cwd' | 'dir'> {
  json?: boolean;
  format?: 'table' | 'json' | 'csv' | 'paths';
}

export interface Handlers {
  list(flags: ListFlags): Promise<number>;
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

function positiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a positive whole number, such as 10.');
  return Number(value);
}

function nonEmpty(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('expected a non-empty value.');
  return value;
}

/** `--dir`, `--color` and `--no-color`, the same on every command. */
function addCommonOptions(cmd: Command): Command {
  return cmd
    .option('-d, --dir <folder>', 'posts folder or site root (default: from blog.config.json, the Hexo/Jekyll/Hugo site, or ./posts)')
    .option('--color', 'force colours')
    .option('--no-color', 'no colours (also NO_COLOR=1)');
}

function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

/** Build the program; `handlers` run the commands and return exit codes; `setExit` records them. */
export function buildProgram(io: Io, handlers: Handlers, setExit: (code: number) => void): Command {
  const program = new Command('blog');
  program
    .description('Manage a folder of Markdown posts with YAML or TOML front matter (Hexo, Jekyll, Hugo).')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand(false)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      // main() prints usage errors itself, as one line.
      outputError: () => {},
    })
    .addHelpText('after', `\nRun "blog <command> --help" for a command's options and examples.\nExit codes: 0 done, 1 problems found in posts, 2 could not run.\nDocs: README.md\n`);

  const list = program
    .command('list')
    .alias('ls')
    .summary('list and filter posts')
    .description('List posts with their date, title, tags, categories and path; filter by tag, category, draft state, date range or title.')
    .option('-t, --tag <tag>', 'only posts with this tag (repeat: all must match)', collect)
    .option('-c, --category <name>', 'only posts in this category, at any level ("A > B" for a path; repeat: all must match)', collect)
    .addOption(new Option('--draft', 'only drafts').conflicts('published'))
    .option('--published', 'only published posts')
    .option('--since <date>', 'only posts dated on or after this date (YYYY-MM-DD [HH:mm[:ss]])', nonEmpty)
    .option('--until <date>', 'only posts dated on or before this date (a bare day includes all of it)', nonEmpty)
    .option('-s, --search <text>', 'only posts whose title contains this text (any case)')
    .addOption(new Option('--sort <key>', 'sort by').choices(['date', 'title', 'path']).default('date'))
    .option('-r, --reverse', 'reverse the order (dates: oldest first)')
    .option('-n, --limit <n>', 'show at most n posts', positiveInt)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'csv', 'paths']))
    .addOption(new Option('--json', 'same as --format json').conflicts('format'))
    .addHelpText(
      'after',
      examples([
        'blog list --tag ChatGPT',
        'blog list --category 日常折腾 --since 2025-01-01',
        'blog list --category "前端 > js" --sort title',
        'blog list --draft',
        'blog list --search deepseek --json | jq ".posts[].path"',
        'blog list --format paths --tag ChatGPT | xargs grep -l OpenAI',
        'blog list --dir ~/blog/source/_posts --limit 10',
      ]) +
        '\nDates without an offset are wall-clock times in the site\'s timezone (config "timezone", Hexo\'s _config.yml, else the machine\'s).\nExit codes: 0 listed, 1 listed but some posts could not be read (see stderr), 2 could not run.\n',
    );
  addCommonOptions(list).action(async (flags: ListFlags) => setExit(await handlers.list(flags)));
  return program;
}
