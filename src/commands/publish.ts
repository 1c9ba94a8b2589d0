/** `blog publish` and `blog unpublish`: find the post, plan, show or write. */
import { ExitCode, UsageError } from '../core/errors.js';
import { applyPublish, candidates, matchCandidates, planPublish, type Candidate, type PublishKind, type PublishPlan } from '../core/publish.js';
import { formatJson } from '../format/json.js';
import { safe } from '../format/text.js';
import type { Io } from '../io.js';
import { context, note, openBlog, write, type CommonFlags } from './shared.js';

export interface PublishFlags extends CommonFlags {
  date?: string;
  dryRun?: boolean;
  json?: boolean;
}

export async function runPublish(kind: PublishKind, target: string | undefined, flags: PublishFlags, io: Io): Promise<number> {
  const ctx = context(io, flags, flags.json === true);
  const blog = openBlog(ctx, flags);
  const interactive = io.stdinIsTTY && io.stdoutIsTTY && !flags.json;
  const what = kind === 'publish' ? 'draft' : 'published post';
  const all = candidates(blog, kind);
  if (all.length === 0) throw new UsageError(`no ${what} in this blog to ${kind}`);
  let found: Candidate[];
  // A query that is only part of a name or title is never acted on without asking: `unpublish x`
  // moved the one post whose title has an "x" in it and took its date away.
  let exact = true;
  if (target === undefined) {
    if (!interactive) throw new UsageError(`which ${what}? pass a path, file name, slug or title (prompts need a terminal)`);
    found = all;
  } else {
    if (target.trim() === '') throw new UsageError(`expected a ${what}: a path, file name, slug or title`);
    ({ found, exact } = matchCandidates(blog, all, target));
    const quoted = JSON.stringify(target.slice(0, 80));
    if (found.length === 0) throw new UsageError(`no ${what} matches ${quoted}`, { hint: `${kind === 'publish' ? 'drafts' : 'posts'}: ${listed(all)}` });
    if (!exact && !interactive) {
      throw new UsageError(`no ${what} is named ${quoted}; it is part of the name or title of ${found.length === 1 ? '' : `${found.length} ${what}s: `}${listed(found)}`, { hint: 'pass the whole path, file name, slug or title' });
    }
  }
  let chosen: Candidate;
  if (found.length === 1 && exact) chosen = found[0] as Candidate;
  else if (interactive) {
    const path = await io.prompt.select({
      name: 'post',
      message: exact ? `Which ${what}?` : `No ${what} is named ${safe(JSON.stringify((target ?? '').slice(0, 80)))}; the ${found.length === 1 ? 'one' : 'ones'} it is part of:`,
      choices: found.slice(0, 200).map((c) => ({ name: `${safe(c.title ?? '(no title)')}  ${safe(c.entry.path)}`, value: c.entry.path })),
    });
    chosen = found.find((c) => c.entry.path === path) as Candidate;
  } else {
    throw new UsageError(`${found.length} ${what}s match ${JSON.stringify((target ?? '').slice(0, 80))}: ${listed(found)}`, { hint: 'pass the path of the one you mean' });
  }
  const read = blog.readEntry(chosen.entry);
  const plan = planPublish(blog, kind, chosen.entry, read.post, { date: flags.date, now: io.now() });
  if (flags.dryRun) {
    await report(ctx.io, plan, false, flags.json === true);
    return ExitCode.Ok;
  }
  const done = applyPublish(blog, plan, (holder) => note(ctx, `waiting for ${holder} to finish writing`));
  await report(ctx.io, done, true, flags.json === true);
  return ExitCode.Ok;

  function listed(list: Candidate[]): string {
    return `${list.slice(0, 5).map((c) => c.entry.path).join(', ')}${list.length > 5 ? ', …' : ''}`;
  }

  async function report(out: Io, p: PublishPlan, written: boolean, json: boolean): Promise<void> {
    if (json) {
      await write(ctx, formatJson({ action: kind, from: p.from.path, to: p.toPath, moved: p.moved, date: p.date, changes: p.changes, written }));
      return;
    }
    const verb = written ? (kind === 'publish' ? 'published' : 'unpublished') : `would ${kind}`;
    const where = p.moved ? `${safe(p.from.path)} → ${safe(p.toPath)}` : safe(p.from.path);
    out.stdout(`${verb} ${where}${p.changes.length ? ` (${p.changes.map(safe).join(', ')})` : ''}\n`);
  }
}
