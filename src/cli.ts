/**
 * The commander program: flags and help only; each action hands off to src/commands. Flags that
 * mean the same thing are defined once and added to every command that takes them, so the same
 * idea has the same flag everywhere (`--tag`, `--json`, `--format`, `-n` = `--dry-run`).
 */
import { createRequire } from 'node:module';
import type * as CommanderModule from 'commander';
import type { Command as CommandType } from 'commander';
import type { Io } from './io.js';
import { dynamicFor, type CommandSpec } from './core/complete.js';
import { packageVersion } from './core/version.js';
import type { CommonFlags } from './commands/shared.js';
import type { ListFlags } from './commands/list.js';
import type { LintFlags } from './commands/lint.js';
import type { NewFlags } from './commands/new.js';
import type { PublishFlags } from './commands/publish.js';
import type { RetagFlags } from './commands/retag.js';
import type { StatsFlags } from './commands/stats.js';
import type { TagsFlags } from './commands/tags.js';

// commander through require, not import: its ES module wrapper loads the same CommonJS code and
// took 13.5 ms where require takes 8 (every run pays it).
const { Argument, Command, CommanderError, InvalidArgumentError, Option } = createRequire(import.meta.url)('commander') as typeof CommanderModule;

/** What commander throws for a usage error (main turns it into one line and exit 2). */
export { CommanderError };

/** Output format names per command (the keys of each command's formatter table). */
export interface FormatNames {
  list: readonly string[];
  lint: readonly string[];
  tags: readonly string[];
  categories: readonly string[];
  stats: readonly string[];
}

export interface Handlers {
  formats: FormatNames;
  create(title: string | undefined, flags: NewFlags): Promise<number>;
  list(flags: ListFlags): Promise<number>;
  lint(paths: string[], flags: LintFlags): Promise<number>;
  tags(what: 'tags' | 'categories', flags: TagsFlags): Promise<number>;
  retag(args: string[], flags: RetagFlags): Promise<number>;
  publish(which: 'publish' | 'unpublish', target: string | undefined, flags: PublishFlags): Promise<number>;
  stats(flags: StatsFlags): Promise<number>;
  completion(shell: 'bash' | 'zsh' | 'fish', commands: CommandSpec[]): Promise<number>;
  complete(what: 'tags' | 'categories', flags: CommonFlags): Promise<number>;
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

const collectNonEmpty = (value: string, previous: string[] | undefined): string[] => collect(nonEmpty(value), previous);

/** `--dir`, `--config`, `--color` and `--no-color`, the same on every command that reads the blog. */
function addCommonOptions(cmd: CommandType): CommandType {
  return cmd
    .option('-d, --dir <folder>', 'posts folder or site root (default: from blog.config.json, the Hexo/Jekyll/Hugo site, or ./posts)', nonEmpty)
    .option('--config <file>', 'use this config file instead of looking for blog.config.json', nonEmpty)
    .option('--color', 'force colours')
    .option('--no-color', 'no colours (also NO_COLOR=1)')
    .addOption(new Option('--no-cache', 'no effect (blog keeps no index of posts any more; kept so that scripts using it still run)').hideHelp());
}

/** The post filters of `list`, shared by every command that selects posts. */
function addFilterOptions(cmd: CommandType, what = 'posts'): CommandType {
  return cmd
    .option('-t, --tag <tag>', `only ${what} with this tag (repeat: all must match)`, collectNonEmpty)
    .option('-c, --category <name>', `only ${what} in this category, at any level ("A > B" for a path; repeat: all must match)`, collectNonEmpty)
    .addOption(new Option('--draft', `only drafts`).conflicts('published'))
    .option('--published', `only published ${what}`)
    .option('--since <date>', `only ${what} dated on or after this date (YYYY-MM-DD [HH:mm[:ss]])`, nonEmpty)
    .option('--until <date>', `only ${what} dated on or before this date (a bare day includes all of it)`, nonEmpty);
}

/** `-f, --format` with the command's formatter names, and `--json` as `--format json`. */
function addFormatOptions(cmd: CommandType, names: readonly string[]): CommandType {
  return cmd
    .addOption(new Option('-f, --format <format>', 'output format').choices([...names]))
    .addOption(new Option('--json', 'same as --format json').conflicts('format'));
}

function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

/** Build the program; `handlers` run the commands and return exit codes; `setExit` records them. */
export function buildProgram(io: Io, handlers: Handlers, setExit: (code: number) => void): CommandType {
  const program = new Command('blog');
  program
    .description('Manage a folder of Markdown posts with YAML or TOML front matter (Hexo, Jekyll, Hugo).')
    .version(packageVersion(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      // main() prints usage errors itself, as one line.
      outputError: () => {},
    })
    .addHelpText('after', `\nRun "blog <command> --help" (or "blog help <command>") for a command's options and examples.\nExit codes: 0 done, 1 problems found in posts, 2 could not run.\nDocs: README.md\n`);

  const create = program
    .command('new')
    .summary('write a new post (prompts on a terminal when no title is given)')
    .description('Write a new post into the posts folder and print its path. Without a title, on a terminal, asks for title, tags, category and draft state.')
    .argument('[title]', 'the post title (Chinese, English, any script)')
    .option('-t, --tags <tags>', 'tags, comma-separated or repeated', collect)
    .addOption(new Option('--tag <tag>', 'a tag (repeatable); the same as --tags').argParser(collect).hideHelp())
    .option('-c, --categories <categories>', 'categories, comma-separated or repeated; "A > B" is a sub-category', collect)
    .addOption(new Option('--category <name>', 'the same as --categories').argParser(collect).hideHelp())
    .option('--date <date>', 'the date (default: now, local time, YYYY-MM-DD HH:mm:ss)', nonEmpty)
    .option('--slug <slug>', 'the :title part of the file name (default: from the title)', nonEmpty)
    .option('--draft', 'a draft: into the drafts folder if the blog has one, else marked in its front matter')
    .option('--template <name>', 'a template from the templates folder (Hexo scaffolds/<name>.md, Hugo archetypes/<name>.md)', nonEmpty)
    .option('--section <name>', 'Hugo: the content section to write into (default: posts)', nonEmpty)
    .option('-e, --edit', 'open the new post in $VISUAL or $EDITOR')
    .option('-n, --dry-run', 'print the post and its path; write nothing')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples([
        'blog new "ChatGPT-5将免费开放？官方回应：DeepSeek逼的！" --tags ChatGPT --categories 日常折腾',
        'blog new "Shipping a CLI" --tags TypeScript,Node.js --categories "技术 > 工具"',
        'blog new "Year in review" --draft',
        'blog new "Hello" --slug hello-world --dry-run',
        'blog new                      # on a terminal: asks title, tags, category, draft',
      ]) + '\nAn existing file is never overwritten: a taken name (ignoring case) gets a number.\nExit codes: 0 written (or dry run), 2 could not run, 130 cancelled at a prompt.\n',
    );
  addCommonOptions(create).action(async (title: string | undefined, flags: NewFlags & { category?: string[] }) => {
    const { category, ...rest } = flags;
    setExit(await handlers.create(title, category?.length ? { ...rest, categories: [...(rest.categories ?? []), ...category] } : rest));
  });

  const list = program
    .command('list')
    .alias('ls')
    .summary('list and filter posts')
    .description('List posts with their date, title, tags, categories and path; filter by tag, category, draft state, date range or title.');
  addFilterOptions(list)
    .option('-s, --search <text>', 'only posts whose title contains this text (any case)')
    .addOption(new Option('--sort <key>', 'sort by').choices(['date', 'title', 'path']).default('date'))
    .option('-r, --reverse', 'reverse the order (dates: oldest first)')
    .option('-l, --limit <n>', 'show at most n posts', positiveInt)
    .addOption(new Option('-n <n>', 'the same as --limit (kept for scripts; -n means --dry-run elsewhere)').argParser(positiveInt).hideHelp())
    .option('-w, --wide', 'on a terminal, show every column in full (rows may wrap)');
  addFormatOptions(list, handlers.formats.list)
    .addOption(new Option('-0, --null', 'paths ended by a NUL byte instead of a newline (for xargs -0); implies --format paths').conflicts('json'))
    .addHelpText(
      'after',
      examples([
        'blog list --tag ChatGPT',
        'blog list --category 日常折腾 --since 2025-01-01',
        'blog list --category "前端 > js" --sort title',
        'blog list --draft',
        'blog list --search deepseek --json | jq ".posts[].path"',
        'blog list --format paths --null --tag ChatGPT | xargs -0 grep -l OpenAI',
        'blog list --dir ~/blog/source/_posts --limit 10',
      ]) +
        '\nDates without an offset are wall-clock times in the site\'s timezone (config "timezone", Hexo\'s _config.yml, else the machine\'s).\nExit codes: 0 listed, 1 some posts of the blog could not be read (see stderr; whatever the filter), 2 could not run.\n',
    );
  addCommonOptions(list).action(async (flags: ListFlags & { n?: number }) => {
    const { n, ...rest } = flags;
    setExit(await handlers.list(n !== undefined && rest.limit === undefined ? { ...rest, limit: n } : rest));
  });

  const lint = program
    .command('lint')
    .summary('check every post\'s front matter (for CI)')
    .description('Check the front matter of every post: file:line:col findings, stable exit codes, machine-readable output.\nWith paths, report on those files only, while rules about the whole blog (duplicates, case variants) still see every post.')
    .argument('[paths...]', 'files or folders to report on (default: every post)');
  addFormatOptions(lint, handlers.formats.lint)
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', wholeNumber)
    .option('-q, --quiet', 'report errors only')
    .option('--rule <id=severity>', 'set a rule to off, warning or error for this run (repeatable)', collect)
    .option('--list-rules', 'list the rules: id, default severity, whether --fix fixes it, what it finds')
    .option('--fix', 'apply the safe fixes (tags as a list, duplicate tags removed, case variants to the dominant form); nothing else in the file changes');
  addFilterOptions(lint)
    .addHelpText(
      'after',
      examples([
        'blog lint',
        'blog lint --format compact',
        "git -c core.quotePath=false diff -z --name-only --diff-filter=d origin/main -- '*.md' | xargs -0 -r blog lint --format github",
        'blog lint --format sarif > blog-lint.sarif',
        'blog lint --max-warnings 0',
        'blog lint --rule date-in-future=off --quiet',
        'blog lint --fix',
      ]) + '\nRules and their severities: blog lint --list-rules; change them with "lint": {"rules": {...}} in blog.config.json or --rule.\nExit codes: 0 no errors (warnings allowed unless over --max-warnings), 1 errors found, 2 could not run.\n',
    );
  addCommonOptions(lint).action(async (paths: string[], flags: LintFlags) => setExit(await handlers.lint(paths, flags)));

  for (const what of ['tags', 'categories'] as const) {
    const cmd = program
      .command(what)
      .summary(what === 'tags' ? 'every tag with its post count; case variants together' : 'categories as a tree with post counts')
      .description(
        what === 'tags'
          ? 'Every tag with the number of posts that use it, most used first. Spellings that differ only in case are shown under the most used one (ChatGPT 40, chatgpt 2).'
          : 'Categories as a tree; a post counts in every category on its paths (Hexo: [Diary, Life] is Diary > Life).',
      )
      .addOption(new Option('--sort <key>', 'sort by').choices(['count', 'name']));
    addFormatOptions(cmd, handlers.formats[what]);
    addFilterOptions(cmd).addHelpText('after', examples(what === 'tags' ? ['blog tags', 'blog tags --sort name', 'blog tags --category 技术', 'blog tags --json | jq ".tags[0]"'] : ['blog categories', 'blog categories --json']) + '\nExit codes: 0 done, 1 some posts could not be read (see stderr), 2 could not run.\n');
    addCommonOptions(cmd).action(async (flags: TagsFlags) => setExit(await handlers.tags(what, flags)));
  }

  const retag = program
    .command('retag')
    .summary('rename, merge, add and remove tags (or categories) across posts')
    .description(
      'Rename or merge tags across posts (blog retag <from>... <to>), or add and remove them.\nOnly the bytes of the tag values change: comments, quoting, list style, dates, line endings and bodies stay as they are.\nEvery write is atomic; a file that cannot be edited safely is named and left alone.',
    )
    .argument('[names...]', '<from>... <to> to rename and merge; with --add or --remove: files or folders to limit the change to')
    .option('-a, --add <tag>', 'add this tag (repeatable) to the selected posts', collectNonEmpty)
    .option('--remove <tag>', 'remove this tag (repeatable)', collectNonEmpty)
    .option('--categories', 'change categories instead of tags (names at any level of a path)')
    .option('-i, --ignore-case', 'match <from> and --remove names in any case (merges case variants)');
  addFilterOptions(retag)
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
        'blog retag --add 年终总结 posts/2024 --yes            # only the posts in a folder',
        'blog retag --categories 前端 Frontend --dry-run',
      ]) + '\nExit codes: 0 done, 1 some files were skipped (named on stderr, left unchanged), 2 could not run.\n',
    );
  addCommonOptions(retag).action(async (names: string[], flags: RetagFlags) => setExit(await handlers.retag(names, flags)));

  for (const which of ['publish', 'unpublish'] as const) {
    const cmd = program
      .command(which)
      .summary(which === 'publish' ? 'publish a draft: move it into the posts folder (or mark it published), dated now' : 'turn a published post back into a draft')
      .description(
        which === 'publish'
          ? 'Publish a draft, as the blog\'s generator does: Hexo and Jekyll move _drafts/x.md into the posts folder under the file name pattern and set its date (now, or --date); Hugo and other blogs change draft: true (published: false) in place. Every other byte stays as it is.'
          : 'Turn a post back into a draft: Hexo and Jekyll move it into the drafts folder (the date prefix of its name goes); Hugo and other blogs mark it draft: true in place (Hexo and Jekyll without a drafts folder: published: false).',
      )
      .argument('[post]', `the ${which === 'publish' ? 'draft' : 'post'}: a path, a file name, a slug or its title; on a terminal, asks when several match or only part of one does`);
    if (which === 'publish') cmd.option('--date <date>', 'the date to publish it with (default: now, in the blog\'s timezone)', nonEmpty);
    cmd.option('-n, --dry-run', 'say what would change; write nothing').option('--json', 'print the result as JSON');
    cmd.addHelpText('after', examples(which === 'publish' ? ['blog publish year-in-review', 'blog publish "Year in review" --date "2025-12-31 20:00:00"', 'blog publish source/_drafts/x.md --dry-run'] : ['blog unpublish hello-world', 'blog unpublish source/_posts/2025-01-01-hello.md --json']) + '\nExit codes: 0 done, 2 could not run (nothing or several matched, or only part of a name or title without a terminal).\n');
    addCommonOptions(cmd).action(async (target: string | undefined, flags: PublishFlags) => setExit(await handlers.publish(which, target, flags)));
  }

  const stats = program
    .command('stats')
    .summary('posts per month, top tags, drafts, words, the longest gap')
    .description('Charts of the blog: posts per month (per year for long blogs), the top tags, drafts and undated posts, words per post (each CJK character counts as a word), and the longest gap between posts.')
    .option('--no-words', 'skip word counts (reads front matter only, much faster)')
    .option('--top <n>', 'how many tags to show (default 10)', positiveInt);
  addFormatOptions(stats, handlers.formats.stats);
  addFilterOptions(stats).addHelpText('after', examples(['blog stats', 'blog stats --no-words --top 20', 'blog stats --since 2025-01-01', 'blog stats --json | jq .longestGap']) + '\nExit codes: 0 done, 1 some posts could not be read (see stderr), 2 could not run.\n');
  addCommonOptions(stats).action(async (flags: StatsFlags) => setExit(await handlers.stats(flags)));

  program
    .command('completion')
    .summary('print a shell completion script (bash, zsh, fish)')
    .description('Print a completion script generated from these commands and options; --tag and --category complete from the blog in the current folder.')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh', 'fish']))
    .option('--no-color', 'accepted for symmetry; the script has no colours')
    .addHelpText(
      'after',
      examples([
        'mkdir -p ~/.local/share/bash-completion/completions && blog completion bash > ~/.local/share/bash-completion/completions/blog',
        'mkdir -p ~/.zfunc && blog completion zsh > ~/.zfunc/_blog     # then in ~/.zshrc: fpath=(~/.zfunc $fpath); autoload -U compinit && compinit',
        'mkdir -p ~/.config/fish/completions && blog completion fish > ~/.config/fish/completions/blog.fish',
      ]),
    )
    .action(async (shell: 'bash' | 'zsh' | 'fish') => setExit(await handlers.completion(shell, commandSpecs(program))));

  const complete = program.command('__complete', { hidden: true }).argument('<what>', 'tags or categories');
  addCommonOptions(complete).action(async (what: string, flags: CommonFlags) => setExit(await handlers.complete(what === 'categories' ? 'categories' : 'tags', flags)));
  return program;
}

/** The command tree as data, for the completion scripts. */
function commandSpecs(program: CommandType): CommandSpec[] {
  return program.commands
    .filter((c) => !c.name().startsWith('__') && c.name() !== 'help')
    .map((c) => ({
      name: c.name(),
      aliases: c.aliases(),
      description: c.summary() || c.description(),
      files: ['lint', 'retag', 'publish', 'unpublish'].includes(c.name()),
      options: c.options
        .filter((o) => !o.hidden)
        .map((o) => {
          const takesValue = o.required || o.optional;
          const dynamic = dynamicFor(o.long, takesValue);
          return {
            flags: [o.short, o.long].filter((f): f is string => Boolean(f)),
            takesValue,
            repeatable: o.variadic || (takesValue && /repeat/.test(o.description)),
            ...(o.argChoices ? { choices: o.argChoices } : {}),
            ...(dynamic ? { dynamic } : {}),
            description: o.description,
          };
        }),
    }));
}
