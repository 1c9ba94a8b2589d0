/** The commander program: flags and help only; each action hands off to src/commands. */
import { readFileSync } from 'node:fs';
import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import type { Io } from './io.js';
import type { ListOptions } from './commands/list.js';
import { dynamicFor, type CommandSpec } from './core/complete.js';
import type { RetagOptions } from './commands/retag.js';
import type { NewOptions } from './commands/new.js';

export interface CommonFlags {
  dir?: string;
  config?: string;
  color?: boolean;
}

/** `--no-cache` sets `cache` to false. */
export interface CacheFlags {
  cache?: boolean;
}

export interface ListFlags extends CommonFlags, CacheFlags, Omit<ListOptions, 'cwd' | 'dir' | 'config' | 'cacheDir'> {
  json?: boolean;
  format?: 'table' | 'json' | 'csv' | 'paths';
}

export interface RetagFlags extends CommonFlags, Omit<RetagOptions, 'cwd' | 'dir' | 'config' | 'args'> {
  yes?: boolean;
  json?: boolean;
}

export interface NewFlags extends CommonFlags, Omit<NewOptions, 'cwd' | 'dir' | 'config' | 'title'> {
  json?: boolean;
}

export interface LintFlags extends CommonFlags, CacheFlags {
  format?: 'stylish' | 'compact' | 'json' | 'github' | 'sarif';
  maxWarnings?: number;
  fix?: boolean;
}

export interface TagsFlags extends CommonFlags, CacheFlags {
  sort?: 'count' | 'name';
  json?: boolean;
}

export interface StatsFlags extends CommonFlags {
  words?: boolean;
  top?: number;
  json?: boolean;
}

export interface Handlers {
  stats(flags: StatsFlags): Promise<number>;
  completion(shell: 'bash' | 'zsh' | 'fish', commands: CommandSpec[]): Promise<number>;
  complete(what: 'tags' | 'categories', flags: CommonFlags): Promise<number>;
  tags(what: 'tags' | 'categories', flags: TagsFlags): Promise<number>;
  lint(paths: string[], flags: LintFlags): Promise<number>;
  create(title: string | undefined, flags: NewFlags): Promise<number>;
  list(flags: ListFlags): Promise<number>;
  retag(args: string[], flags: RetagFlags): Promise<number>;
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

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number, such as 0.');
  return Number(value);
}

function nonEmpty(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('expected a non-empty value.');
  return value;
}

/** `--no-cache`, on the commands that read every post's front matter. */
function addCacheOption(cmd: Command): Command {
  return cmd.option('--no-cache', 'read every post from its file; neither use nor update the post index (also BLOG_NO_CACHE=1)');
}

/** `--dir`, `--color` and `--no-color`, the same on every command. */
function addCommonOptions(cmd: Command): Command {
  return cmd
    .option('-d, --dir <folder>', 'posts folder or site root (default: from blog.config.json, the Hexo/Jekyll/Hugo site, or ./posts)')
    .option('--config <file>', 'use this config file instead of looking for blog.config.json')
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

  const create = program
    .command('new')
    .summary('write a new post (prompts on a terminal when no title is given)')
    .description('Write a new post into the posts folder and print its path. Without a title, on a terminal, asks for title, tags, category and draft state.')
    .argument('[title]', 'the post title (Chinese, English, any script)')
    .option('-t, --tags <tags>', 'tags, comma-separated or repeated', collect)
    .option('-c, --categories <categories>', 'categories, comma-separated or repeated; "A > B" is a sub-category', collect)
    .option('--date <date>', 'the date (default: now, local time, YYYY-MM-DD HH:mm:ss)', nonEmpty)
    .option('--slug <slug>', 'the file name without extension (default: from the title)')
    .option('--draft', 'a draft: into the drafts folder if the blog has one, else marked in its front matter')
    .option('--template <name>', 'a template from the scaffolds folder (scaffolds/<name>.md)')
    .option('-n, --dry-run', 'print the post and its path; write nothing')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples([
        'blog new "ChatGPT-5将免费开放？官方回应：DeepSeek逼的！" --tags ChatGPT --categories 日常折腾',
        'blog new "Shipping a CLI" --tags TypeScript,Node.js --categories "技术 > 工具"',
        'blog new "Year in review" --draft --date "2025-12-31 20:00:00"',
        'blog new "Hello" --slug hello-world --dry-run',
        'blog new                      # on a terminal: asks title, tags, category, draft',
      ]) + '\nAn existing file is never overwritten: a taken name (ignoring case) gets -2, -3, ...\nExit codes: 0 written (or dry run), 2 could not run, 130 cancelled at a prompt.\n',
    );
  addCommonOptions(create).action(async (title: string | undefined, flags: NewFlags) => setExit(await handlers.create(title, flags)));

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
  addCommonOptions(addCacheOption(list)).action(async (flags: ListFlags) => setExit(await handlers.list(flags)));

  const lint = program
    .command('lint')
    .summary('check every post\'s front matter (for CI)')
    .description('Check the front matter of every post: file:line:col findings, stable exit codes, machine-readable output.\nWith paths, report on those files only, while rules about the whole blog (duplicates, case variants) still see every post.')
    .argument('[paths...]', 'files or folders to report on (default: every post)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'compact', 'json', 'github', 'sarif']))
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', wholeNumber)
    .option('--fix', 'apply the safe fixes (tags as a list, duplicate tags removed, case variants to the dominant form); nothing else in the file changes')
    .addHelpText(
      'after',
      examples([
        'blog lint',
        'blog lint --format compact',
        'blog lint --format github $(git diff --name-only --diff-filter=d origin/main -- source/_posts)',
        'blog lint --format sarif > blog-lint.sarif',
        'blog lint --max-warnings 0',
        'blog lint --fix',
      ]) + '\nRules and their severities: see README.md; change them with "lint": {"rules": {...}} in blog.config.json.\nExit codes: 0 no errors (warnings allowed unless over --max-warnings), 1 errors found, 2 could not run.\n',
    );
  addCommonOptions(addCacheOption(lint)).action(async (paths: string[], flags: LintFlags) => setExit(await handlers.lint(paths, flags)));

  for (const what of ['tags', 'categories'] as const) {
    const cmd = program
      .command(what)
      .summary(what === 'tags' ? 'every tag with its post count; case variants together' : 'categories as a tree with post counts')
      .description(
        what === 'tags'
          ? 'Every tag with the number of posts that use it, most used first. Spellings that differ only in case are shown under the most used one (ChatGPT 40, chatgpt 2).'
          : 'Categories as a tree; a post counts in every category on its paths (Hexo: [Diary, Life] is Diary > Life).',
      )
      .addOption(new Option('--sort <key>', 'sort by').choices(['count', 'name']))
      .option('--json', 'print the result as JSON')
      .addHelpText('after', examples(what === 'tags' ? ['blog tags', 'blog tags --sort name', 'blog tags --json | jq ".tags[0]"'] : ['blog categories', 'blog categories --json']) + '\nExit codes: 0 done, 1 some posts could not be read (see stderr), 2 could not run.\n');
    addCommonOptions(addCacheOption(cmd)).action(async (flags: TagsFlags) => setExit(await handlers.tags(what, flags)));
  }

  const retag = program
    .command('retag')
    .summary('rename, merge, add and remove tags (or categories) across posts')
    .description(
      'Rename or merge tags across posts (blog retag <from>... <to>), or add and remove them.\nOnly the bytes of the tag values change: comments, quoting, list style, dates, line endings and bodies stay as they are.\nEvery write is atomic; a file that cannot be edited safely is named and left alone.',
    )
    .argument('[names...]', '<from>... <to> to rename and merge; with --add or --remove: files or folders to limit the change to')
    .option('-a, --add <tag>', 'add this tag (repeatable) to the selected posts', collect)
    .option('--remove <tag>', 'remove this tag (repeatable)', collect)
    .option('--categories', 'change categories instead of tags (names at any level of a path)')
    .option('-i, --ignore-case', 'match <from> and --remove names in any case (merges case variants)')
    .option('-t, --tag <tag>', 'only posts with this tag (repeatable)', collect)
    .option('-c, --category <name>', 'only posts in this category (repeatable)', collect)
    .addOption(new Option('--draft', 'only drafts').conflicts('published'))
    .option('--published', 'only published posts')
    .option('--since <date>', 'only posts dated on or after this date', nonEmpty)
    .option('--until <date>', 'only posts dated on or before this date', nonEmpty)
    .option('-n, --dry-run', 'show a diff of every change and a summary; write nothing')
    .option('-y, --yes', 'write without asking (needed when not on a terminal)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples([
        'blog retag chatgpt ChatGPT --dry-run',
        'blog retag chatgpt "Chat GPT" gpt ChatGPT --yes      # merge three tags into one',
        'blog retag --ignore-case chatgpt ChatGPT --yes       # every case variant',
        'blog retag --remove 草稿 --yes',
        'blog retag --add AI --tag ChatGPT --yes              # add AI to posts tagged ChatGPT',
        'blog retag --add 年终总结 posts/2024 --yes',
        'blog retag --categories 前端 Frontend --dry-run',
      ]) + '\nExit codes: 0 done, 1 some files were skipped (named on stderr, left unchanged), 2 could not run.\n',
    );
  addCommonOptions(retag).action(async (names: string[], flags: RetagFlags) => setExit(await handlers.retag(names, flags)));

  const stats = program
    .command('stats')
    .summary('posts per month, top tags, drafts, words, the longest gap')
    .description('Charts of the blog: posts per month (per year for long blogs), the top tags, drafts and undated posts, words per post (each CJK character counts as a word), and the longest gap between posts.')
    .option('--no-words', 'skip word counts (reads front matter only, much faster)')
    .option('--top <n>', 'how many tags to show (default 10)', positiveInt)
    .option('--json', 'print the numbers as JSON')
    .addHelpText('after', examples(['blog stats', 'blog stats --no-words --top 20', 'blog stats --json | jq .longestGap']) + '\nExit codes: 0 done, 1 some posts could not be read (see stderr), 2 could not run.\n');
  addCommonOptions(stats).action(async (flags: StatsFlags) => setExit(await handlers.stats(flags)));

  program
    .command('completion')
    .summary('print a shell completion script (bash, zsh, fish)')
    .description('Print a completion script generated from these commands and options; --tag and --category complete from the blog in the current folder.')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh', 'fish']))
    .addHelpText('after', examples(['blog completion bash > ~/.local/share/bash-completion/completions/blog', 'blog completion zsh > "${fpath[1]}/_blog"', 'blog completion fish > ~/.config/fish/completions/blog.fish']))
    .action(async (shell: 'bash' | 'zsh' | 'fish') => setExit(await handlers.completion(shell, commandSpecs(program))));

  const complete = program.command('__complete', { hidden: true }).argument('<what>', 'tags or categories');
  addCommonOptions(complete).action(async (what: string, flags: CommonFlags) => setExit(await handlers.complete(what === 'categories' ? 'categories' : 'tags', flags)));
  return program;
}

/** The command tree as data, for the completion scripts. */
function commandSpecs(program: Command): CommandSpec[] {
  return program.commands
    .filter((c) => !c.name().startsWith('__'))
    .map((c) => ({
      name: c.name(),
      aliases: c.aliases(),
      description: c.summary() || c.description(),
      options: c.options.map((o) => {
        const takesValue = o.required || o.optional;
        const dynamic = dynamicFor(o.long, takesValue);
        return {
          flags: [o.short, o.long].filter((f): f is string => Boolean(f)),
          takesValue,
          ...(o.argChoices ? { choices: o.argChoices } : {}),
          ...(dynamic ? { dynamic } : {}),
          description: o.description,
        };
      }),
    }));
}
