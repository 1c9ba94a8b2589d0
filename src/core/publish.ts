/**
 * `blog publish` and `blog unpublish`, in each generator's own terms:
 *
 * - Hexo and Jekyll (a blog with a drafts folder): publishing moves `_drafts/x.md` into the posts
 *   folder under the file name pattern (`new_post_name`, Jekyll's `YYYY-MM-DD-x.md`) and writes its
 *   date; unpublishing moves a post back to `_drafts/<slug>.md` without its date, as
 *   jekyll-compose does.
 * - Hugo and other blogs: `draft: true` (Hexo without a drafts folder: `published: false`) is
 *   changed in place; publishing writes the date as well.
 *
 * Only the bytes of the changed values move; files are never replaced, and the blog is locked
 * while it is written.
 */
import { rmdirSync, unlinkSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Blog, PostEntry } from './blog.js';
import { offsetOf, parseDate, rfc3339, wallClockAt, type WallClock } from './dates.js';
import { setScalar, formatScalar, type ScalarText } from './edit.js';
import { BlogError, UsageError } from './errors.js';
import { ioReason } from './fs/walk.js';
import type { Generator } from './front-matter/fences.js';
import { lockBlog } from './fs/lock.js';
import { displayPath, fitName, isInside, namesInFolder, resolveInside } from './fs/paths.js';
import { readPostFile, replaceText, type PostFile } from './fs/read.js';
import { createFile, FileExistsError, replaceFile, WriteRefused } from './fs/write.js';
import { hugoMarkerKey, type Post } from './post.js';
import { fold } from './select.js';
import { fileNameFor, formatDate, freeName } from './slug.js';

export type PublishKind = 'publish' | 'unpublish';

/** A post that may be published (a draft) or unpublished. */
export interface Candidate {
  entry: PostEntry;
  title: string | null;
}

export interface PublishPlan {
  kind: PublishKind;
  /** The file now, and after (the same file when the change is made in place). */
  from: PostEntry;
  to: string;
  toPath: string;
  /** Moved between the drafts and posts folders, or changed in place. */
  moved: boolean;
  /** The date written (publish), or null. */
  date: string | null;
  /** What changes in the front matter, in words. */
  changes: string[];
  /** The new text of the file. */
  text: string;
  file: PostFile;
}

/** The drafts (publish) or published posts (unpublish) of the blog. */
export function candidates(blog: Blog, kind: PublishKind): Candidate[] {
  const out: Candidate[] = [];
  blog.read({}, (item) => {
    const draft = item.post ? item.post.draft : item.entry.inDrafts;
    if ((kind === 'publish') === draft) out.push({ entry: item.entry, title: item.post?.title ?? null });
  });
  return out;
}

const stemOf = (entry: PostEntry): string => {
  const name = entry.abs.slice(entry.abs.lastIndexOf(sep) + 1);
  return name.replace(/\.(md|markdown)$/i, '');
};

/** The candidates a query names, and whether it names them whole or only a part of their name or title. */
export interface CandidateMatch {
  found: Candidate[];
  /** False when the query is only part of their name or title: the caller asks, or refuses, before it writes. */
  exact: boolean;
}

/**
 * The candidates a query names: a path, else a file name or slug, else a title (each exact, in
 * any case), else a slug or title that contains it. Several matches are returned for the caller
 * to choose from.
 */
export function matchCandidates(blog: Blog, list: Candidate[], query: string): CandidateMatch {
  const abs = resolve(blog.cwd, query);
  const byPath = list.filter((c) => c.entry.abs === abs);
  if (byPath.length) return { found: byPath, exact: true };
  const q = fold(query.trim().replace(/\.(md|markdown)$/i, ''));
  const undated = (s: string): string => s.replace(/^\d{4}-\d{2}-\d{2}-/, '');
  const exact = [(c: Candidate) => fold(stemOf(c.entry)) === q || fold(undated(stemOf(c.entry))) === q, (c: Candidate) => c.title !== null && fold(c.title.trim()) === q];
  for (const test of exact) {
    const found = list.filter(test);
    if (found.length) return { found, exact: true };
  }
  return { found: list.filter((c) => fold(stemOf(c.entry)).includes(q) || (c.title !== null && fold(c.title).includes(q))), exact: false };
}

/**
 * The date value for a front matter: TOML as an offset date-time; YAML in the blog's date
 * format, but in Hugo with its offset as `blog new` writes it (Hugo reads a date without one
 * in the site's time zone, UTC when none is set: a post published at 15:56 in UTC+8 was dated
 * 8 hours ahead, and Hugo did not build it until then).
 */
function dateText(wall: WallClock, offsetMinutes: number, generator: Generator, dateFormat: string): ScalarText {
  const offsetDate = rfc3339(wall, offsetMinutes);
  return { yaml: generator === 'hugo' ? offsetDate : formatDate(dateFormat, wall), toml: offsetDate };
}

/**
 * The marker that makes a draft in place: the one the generator reads (Hexo and Jekyll
 * `published`, Hugo `draft`; see isDraft in post.ts), else the one the post has, else `draft`.
 * Writing the one the post had whatever the generator, `unpublish` in a Jekyll blog without a
 * drafts folder wrote `draft: true` (which Jekyll ignores) on a post with `draft: false`.
 */
function markerKey(generator: Generator, data: Record<string, unknown>): 'draft' | 'published' {
  if (generator === 'hexo' || generator === 'jekyll') return 'published';
  if (generator === 'hugo') return 'draft';
  if (Object.prototype.hasOwnProperty.call(data, 'draft')) return 'draft';
  if (Object.prototype.hasOwnProperty.call(data, 'published')) return 'published';
  return 'draft';
}

/** Work out a publish or unpublish of one file; writes nothing. Throws BlogError when it cannot be done. */
export function planPublish(blog: Blog, kind: PublishKind, entry: PostEntry, post: Post | undefined, options: { date?: string | undefined; now: Date }): PublishPlan {
  const config = blog.config;
  if (!post) throw new BlogError(`${entry.path}: its front matter cannot be read; fix it first (blog lint ${entry.path})`);
  const file = readPostFile(entry.abs);
  const changes: string[] = [];
  let text = file.text;
  const apply = (key: string, value: ScalarText | null, after?: string): void => {
    const edit = setScalar(text, config.generator, key, value, after);
    if (edit.status === 'skipped') throw new BlogError(`${entry.path}:${edit.line}:${edit.col}: ${edit.reason}`);
    if (edit.status === 'changed') text = edit.text;
  };
  /** Turn `draft`/`published` markers that say the opposite of `published` into ones that agree. */
  const flipMarkers = (published: boolean): void => {
    // Hugo reads one marker, and reads `draft: yes`, `1` or `"true"` as a draft too (see hugoFlag): that one is written.
    if (config.generator === 'hugo') {
      if (published && post.draft) {
        // The key as written, in any case (`Draft = true`), as Hugo reads it.
        const key = hugoMarkerKey(post.data, 'draft') ?? hugoMarkerKey(post.data, 'published') ?? 'draft';
        const value = String(key.toLowerCase() === 'published');
        apply(key, { yaml: value, toml: value });
        changes.push(`${key}: ${value}`);
      }
      return;
    }
    for (const [key, draftValue] of [['draft', true], ['published', false]] as const) {
      if (post.data[key] !== (published ? draftValue : !draftValue)) continue;
      const value = String(published ? !draftValue : draftValue);
      apply(key, { yaml: value, toml: value });
      changes.push(`${key}: ${value}`);
    }
  };
  const draftsDir = config.draftsDir;
  const inDrafts = entry.inDrafts || (draftsDir !== undefined && isInside(draftsDir, entry.abs));
  const moves = (config.generator === 'hexo' || config.generator === 'jekyll' || config.generator === 'generic') && draftsDir !== undefined && (kind === 'publish' ? inDrafts : !inDrafts);
  let date: string | null = null;
  let wall: WallClock | undefined;
  if (kind === 'publish') {
    let offset: number;
    if (options.date !== undefined) {
      const parsed = parseDate(options.date, config.timeZone);
      if (!parsed.ok) throw new UsageError(`--date ${parsed.message}`);
      wall = parsed.date.wall;
      offset = parsed.date.offsetMinutes ?? offsetOf(wall, parsed.date.epochMs);
    } else {
      wall = wallClockAt(options.now.getTime(), config.timeZone);
      offset = offsetOf(wall, options.now.getTime());
    }
    const made = dateText(wall, offset, config.generator, config.dateFormat);
    // A --date is written as given, but in Hugo with its offset (as `blog new --date` does).
    const given = options.date !== undefined && config.generator !== 'hugo' ? options.date.trim() : undefined;
    const value = given !== undefined ? { yaml: formatScalar(given, false), toml: made.toml } : made;
    date = post.format === 'toml' ? value.toml : (given ?? value.yaml);
    apply('date', value, 'title');
    changes.push(`date: ${date}`);
    // A marker that would keep it a draft goes, wherever the file ends up.
    flipMarkers(true);
    if (!moves && post.draft && !inDrafts && config.generator !== 'hugo' && post.data.draft !== true && post.data.published !== false) {
      throw new BlogError(`${entry.path}: is a draft by its folder, and this blog has no posts folder to move it to`);
    }
  } else if (moves) {
    if (post.data.date !== undefined) {
      apply('date', null);
      changes.push('date removed: a draft gets its date when it is published');
    }
    // The reverse of publish: a marker that says "published" would contradict the drafts folder.
    flipMarkers(false);
  } else {
    const key = markerKey(config.generator, post.data);
    apply(key, key === 'draft' ? { yaml: 'true', toml: 'true' } : { yaml: 'false', toml: 'false' }, 'title');
    changes.push(key === 'draft' ? 'draft: true' : 'published: false');
  }

  let to = entry.abs;
  if (moves) {
    const stem = stemOf(entry);
    if (kind === 'publish') {
      const name = fileNameFor(config.newPostName, stem.replace(/^\d{4}-\d{2}-\d{2}-/, ''), wall as WallClock);
      to = join(config.postsDir, name);
    } else {
      const slug = stem.replace(/^\d{4}-\d{1,2}-\d{1,2}-/, '');
      to = join(draftsDir as string, `${slug}${entry.abs.slice(entry.abs.lastIndexOf('.'))}`);
    }
    const dir = dirname(to);
    const fitted = fitName(to.slice(dir.length + 1));
    checkDestination(blog, kind, entry, join(dir, fitted), '');
    const taken = new Set(namesInFolder(dir, blog.cwd).map((n) => n.toLowerCase()));
    to = join(dir, freeName(fitted, (c) => taken.has(c.toLowerCase()), config.generator === 'hexo' ? 1 : 2));
  }
  return { kind, from: entry, to, toPath: displayPath(blog.cwd, to), moved: to !== entry.abs, date, changes, text, file };
}

/** Carry out a plan under the blog's write lock: never replacing a file, never losing an edit made meanwhile. */
export function applyPublish(blog: Blog, plan: PublishPlan, onWait?: (holder: string) => void): PublishPlan {
  const lock = lockBlog(blog.writeFolders(), `blog ${plan.kind}`, onWait ? { onWait } : {});
  try {
    const bytes = replaceText(plan.file, plan.text);
    if (!plan.moved) {
      try {
        replaceFile(plan.from.abs, bytes, plan.file.bytes, { allowed: blog.config.allowed }).settle();
      } catch (e) {
        if (e instanceof WriteRefused) throw new WriteRefused(e.rule, `${plan.from.path}: ${e.message}`);
        throw e;
      }
      return plan;
    }
    // Under the lock, the file must still be what was read before anything is made: two runs
    // that publish the same draft made two posts, and the second failed on the gone draft.
    const gone = (): BlogError => new BlogError(`${plan.from.path} is gone: another blog run (or an editor) moved or removed it; nothing written`);
    const changed = (): WriteRefused => new WriteRefused('changed-on-disk', `${plan.from.path} changed while blog was working on it; left as it is (run the command again)`);
    const current = (): Buffer | undefined => {
      try {
        return readPostFile(plan.from.abs).bytes;
      } catch {
        return undefined;
      }
    };
    const before = current();
    if (!before) throw gone();
    if (!before.equals(plan.file.bytes)) throw changed();
    let to = plan.to;
    // Checked again under the lock: a folder on the way may have become a link out of the blog since the plan.
    checkDestination(blog, plan.kind, plan.from, to, '; nothing written');
    for (let attempt = 0; ; attempt++) {
      try {
        createFile(to, bytes);
        break;
      } catch (e) {
        if (!(e instanceof FileExistsError)) throw new BlogError(`cannot write ${displayPath(blog.cwd, to)}: ${ioReason(e)}`, { hint: `${plan.from.path} is left as it was` });
        if (attempt > 50) throw e;
        const dir = dirname(to);
        const taken = new Set(namesInFolder(dir, blog.cwd).map((n) => n.toLowerCase()));
        to = join(dir, freeName(to.slice(dir.length + 1), (c) => taken.has(c.toLowerCase())));
      }
    }
    // The old file goes only if it is still what was read: an edit saved meanwhile is kept.
    const now = current();
    if (!now || !now.equals(plan.file.bytes)) {
      unlinkSync(to);
      throw now ? changed() : gone();
    }
    unlinkSync(plan.from.abs);
    // Only unpublish tidies: the date folders it leaves (a drafts subfolder a publish empties is the user's).
    if (plan.kind === 'unpublish') removeEmptyFolders(dirname(plan.from.abs), [blog.config.postsDir, blog.config.draftsDir]);
    return { ...plan, to, toPath: displayPath(blog.cwd, to) };
  } finally {
    lock.release();
  }
}

/**
 * The place a moved post goes to must stay in the blog, links included, as for `blog new`: the
 * folders its name puts it in (`:year/:title.md`) may be links out of it. Throws BlogError.
 */
function checkDestination(blog: Blog, kind: PublishKind, from: PostEntry, to: string, suffix: string): void {
  const base = kind === 'publish' ? blog.config.postsDir : (blog.config.draftsDir as string);
  const inside = resolveInside(base, relative(base, to));
  if (!inside.ok) {
    throw new BlogError(`${from.path}: it would go to ${displayPath(blog.cwd, to)}, which ${inside.reason}${suffix}`, { hint: kind === 'publish' ? 'check the new_post_name setting and the folders it names' : undefined });
  }
}

/**
 * The folders a moved post leaves empty (`source/_posts/2023/07/` of `:year/:month/:title.md`),
 * from `dir` up to, not including, the posts or drafts folder it is in. rmdir removes only an
 * empty folder, so one that something was written to meanwhile stays.
 */
function removeEmptyFolders(dir: string, roots: (string | undefined)[]): void {
  // The drafts folder may be inside the posts folder (posts/_drafts): neither is ever removed.
  const kept = roots.filter((r): r is string => r !== undefined);
  const root = kept.find((r) => dir.startsWith(r + sep));
  if (!root) return;
  for (let d = dir; !kept.includes(d) && d.startsWith(root + sep); d = dirname(d)) {
    try {
      rmdirSync(d);
    } catch {
      return;
    }
  }
}
