/** `blog new`: flags or prompts → plan → confirm → write. */
import { ExitCode, UsageError } from '../core/errors.js';
import { knownNames, planNew, writeNew, type NewOptions } from '../core/new.js';
import { formatNotice } from '../format/diagnostic.js';
import { formatJson } from '../format/json.js';
import { safe } from '../format/text.js';
import type { Io } from '../io.js';
import { context, note, openBlog, write, type CommonFlags } from './shared.js';
import type { Blog } from '../core/blog.js';

const NEW_CATEGORY = '\u0000new';
const NO_CATEGORY = '\u0000none';
const KNOWN_CATEGORY = '\u0000known:';

export interface NewFlags extends CommonFlags, Omit<NewOptions, 'title'> {
  /** `--tag`, the same as `--tags` (repeatable), as on the other commands. */
  tag?: string[];
  json?: boolean;
  /** Open the new post in $VISUAL or $EDITOR. */
  edit?: boolean;
}

export async function runNew(title: string | undefined, flags: NewFlags, io: Io): Promise<number> {
  const ctx = context(io, flags, flags.json === true);
  const interactive = io.stdinIsTTY && io.stdoutIsTTY;
  const blog = openBlog(ctx, flags);
  const { tag, edit: _edit, json: _json, color: _color, dir: _dir, config: _config, ...rest } = flags;
  let options: NewOptions = { ...rest, ...(tag?.length ? { tags: [...(rest.tags ?? []), ...tag] } : {}), ...(title === undefined ? {} : { title }) };
  const asked = (title === undefined || title.trim() === '') && interactive && !flags.json;
  if (title === undefined || title.trim() === '') {
    if (!asked) throw new UsageError('missing title: pass it as the first argument, e.g. blog new "My first post" (prompts need a terminal)');
    options = await askForPost(blog, options, io);
  }
  const plan = await planNew(blog, options, io.now());
  for (const n of plan.notes) note(ctx, n);
  if (flags.dryRun) {
    if (flags.json) await write(ctx, formatJson({ path: plan.path, written: false, content: plan.text }));
    else {
      note(ctx, `would write ${plan.path} (dry run, nothing written)`);
      await write(ctx, safeText(plan.text));
    }
    return ExitCode.Ok;
  }
  if (asked) {
    io.stderr(`\n${safeText(plan.text)}\n`);
    const ok = await io.prompt.confirm({ name: 'write', message: `Write ${safe(plan.path)}?`, default: true });
    if (!ok) {
      io.stderr('Nothing written.\n');
      return ExitCode.Ok;
    }
  }
  const written = writeNew(plan, io.cwd);
  if (written.path !== plan.path) note(ctx, `${plan.path} appeared meanwhile; wrote ${written.path}`);
  if (flags.json) {
    const d = written.data;
    await write(ctx, formatJson({ path: written.path, written: true, title: d.title, date: d.date, slug: d.slug, tags: d.tags, categories: d.categories, draft: written.draft }));
  } else await write(ctx, `${safe(written.path)}\n`);
  if (flags.edit) {
    const code = await io.edit(written.abs);
    if (code !== 0) ctx.io.stderr(formatNotice('warning', `the editor exited with ${code}; ${written.path} is written`, ctx.errColors));
  }
  return ExitCode.Ok;
}

/** A whole post's text for a terminal: line by line, each made safe. */
function safeText(text: string): string {
  return text
    .split('\n')
    .map((l) => safe(l.replace(/\r$/, '')))
    .join('\n');
}

/** The interactive questions: title, tags, category, draft. Flags already given are not asked. */
async function askForPost(blog: Blog, options: NewOptions, io: Io): Promise<NewOptions> {
  const known = knownNames(blog);
  let title = '';
  // A title of only spaces is no title: ask again.
  while (title.trim() === '') title = await io.prompt.input({ name: 'title', message: 'Title', required: true });
  let tags = options.tags ?? [];
  let tagNames: string[] = [];
  if (!options.tags?.length) {
    const chosen = known.tags.length
      ? await io.prompt.checkbox({ name: 'tags', message: 'Tags (space to choose, enter when done)', choices: known.tags.slice(0, 200).map((t) => ({ name: safe(t), value: t })) })
      : [];
    const extra = await io.prompt.input({ name: 'newTags', message: 'New tags (comma-separated, optional)' });
    // A chosen tag is taken as it is (a tag {a,b} stays one tag); only what was typed is split.
    tagNames = chosen;
    tags = [extra];
  }
  let categories = options.categories ?? [];
  let categoryPaths: string[][] = [];
  if (!options.categories?.length) {
    // A chosen path is taken as it is (by its place: a name with a comma or a `>` stays whole).
    const offered = known.categories.slice(0, 200);
    const choice = await io.prompt.select({
      name: 'category',
      message: 'Category',
      choices: [{ name: '(none)', value: NO_CATEGORY }, ...offered.map((c, i) => ({ name: safe(c.join(' > ')), value: `${KNOWN_CATEGORY}${i}` })), { name: 'New category…', value: NEW_CATEGORY }],
    });
    if (choice === NEW_CATEGORY) categories = [await io.prompt.input({ name: 'newCategory', message: 'New category ("A > B" for a sub-category)', required: true })];
    else if (choice.startsWith(KNOWN_CATEGORY)) categoryPaths = [offered[Number(choice.slice(KNOWN_CATEGORY.length))] as string[]];
  }
  const draft = options.draft ?? (await io.prompt.confirm({ name: 'draft', message: 'Save as a draft?', default: false }));
  return { ...options, title, tags, tagNames, categories, categoryPaths, draft };
}
