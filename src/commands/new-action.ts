/** Glue for `blog new`: flags or prompts → plan → confirm → write. */
import type { NewFlags } from '../cli.js';
import { ExitCode, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { colorLevel, makeColors } from '../format/color.js';
import { formatJson } from '../format/json.js';
import { formatNotice } from '../format/problems.js';
import { knownNames, planNew, writeNew, type NewOptions } from './new.js';

const NEW_CATEGORY = '\u0000new';
const NO_CATEGORY = '\u0000none';

export async function newAction(title: string | undefined, flags: NewFlags, io: Io): Promise<number> {
  const errColors = makeColors(colorLevel({ env: io.env, isTTY: io.stderrIsTTY, flag: flags.color }));
  const interactive = io.stdinIsTTY && io.stdoutIsTTY;
  let options: NewOptions = { ...flags, cwd: io.cwd, ...(title === undefined ? {} : { title }) };
  const asked = (title === undefined || title.trim() === '') && interactive && !flags.json;
  if (title === undefined || title.trim() === '') {
    if (!asked) throw new UsageError('missing title: pass it as the first argument, e.g. blog new "My first post" (prompts need a terminal)');
    options = await askForPost(options, io);
  }
  const plan = await planNew(options, io.now());
  for (const w of plan.config.warnings) io.stderr(formatNotice('warning', w, errColors));
  for (const n of plan.notes) io.stderr(formatNotice('note', n, errColors));
  if (flags.dryRun) {
    if (flags.json) io.stdout(formatJson({ path: plan.path, written: false, content: plan.text }));
    else {
      io.stderr(formatNotice('note', `would write ${plan.path} (dry run, nothing written)`, errColors));
      io.stdout(plan.text);
    }
    return ExitCode.Ok;
  }
  if (asked) {
    io.stderr(`\n${plan.text}\n`);
    const ok = await io.prompt.confirm({ name: 'write', message: `Write ${plan.path}?`, default: true });
    if (!ok) {
      io.stderr('Nothing written.\n');
      return ExitCode.Ok;
    }
  }
  const written = writeNew(plan, io.cwd);
  if (written.path !== plan.path) io.stderr(formatNotice('note', `${plan.path} appeared meanwhile; wrote ${written.path}`, errColors));
  if (flags.json) {
    const d = written.data;
    io.stdout(formatJson({ path: written.path, written: true, title: d.title, date: d.date, slug: d.slug, tags: d.tags, categories: d.categories, draft: written.draft }));
  } else io.stdout(`${written.path}\n`);
  return ExitCode.Ok;
}

/** The interactive questions: title, tags, category, draft. Flags already given are not asked. */
async function askForPost(options: NewOptions, io: Io): Promise<NewOptions> {
  const known = await knownNames(options);
  const title = await io.prompt.input({ name: 'title', message: 'Title', required: true });
  let tags = options.tags ?? [];
  if (!options.tags?.length) {
    const chosen = known.tags.length
      ? await io.prompt.checkbox({ name: 'tags', message: 'Tags (space to choose, enter when done)', choices: known.tags.slice(0, 200).map((t) => ({ name: t, value: t })) })
      : [];
    const extra = await io.prompt.input({ name: 'newTags', message: 'New tags (comma-separated, optional)' });
    tags = [...chosen, extra];
  }
  let categories = options.categories ?? [];
  if (!options.categories?.length) {
    const choice = await io.prompt.select({
      name: 'category',
      message: 'Category',
      choices: [{ name: '(none)', value: NO_CATEGORY }, ...known.categories.slice(0, 200).map((c) => ({ name: c, value: c })), { name: 'New category…', value: NEW_CATEGORY }],
    });
    if (choice === NEW_CATEGORY) categories = [await io.prompt.input({ name: 'newCategory', message: 'New category ("A > B" for a sub-category)', required: true })];
    else if (choice !== NO_CATEGORY) categories = [choice];
  }
  const draft = options.draft ?? (await io.prompt.confirm({ name: 'draft', message: 'Save as a draft?', default: false }));
  return { ...options, title, tags, categories, draft };
}
