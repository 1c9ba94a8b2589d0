/**
 * `blog new`: the new post's path and text (from a template), and writing it without ever
 * replacing a file. Every path is checked to stay inside the posts (or drafts) folder.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Blog } from './blog.js';
import type { ResolvedConfig } from './config.js';
import { offsetOf, parseDate, rfc3339, wallClockAt, type DateParse, type WallClock } from './dates.js';
import { quoted } from './diagnostic.js';
import { BlogError, UsageError } from './errors.js';
import { displayPath, fitName, isInside, namesInFolder, readSmallFile, realPath, resolveInside } from './fs/paths.js';
import { ioReason, isPostName } from './fs/walk.js';
import { createFile, FileExistsError } from './fs/write.js';
import { renderArchetype, HUGO_DEFAULT_ARCHETYPE } from './archetype.js';
import { DEFAULT_DRAFT_TEMPLATE, DEFAULT_TEMPLATE, renderNewPost, type NewPostData } from './new-post.js';
import { flatTerms, parsePost } from './post.js';
import { countNames } from './select.js';
import { fileNameFor, formatDate, freeName, slugAscii, slugHexo, slugUnicode } from './slug.js';

export interface NewOptions {
  title?: string;
  /** Comma-separated or repeated. */
  tags?: string[];
  /** Comma-separated or repeated; `A > B` is a path. */
  categories?: string[];
  /** Tags as they are (chosen at a prompt from the blog's own): not split at commas as `tags` is. */
  tagNames?: string[];
  /** Category paths as they are (chosen at a prompt): not split at commas and `>` as `categories` is. */
  categoryPaths?: string[][];
  date?: string;
  /** Hugo: the section of the content folder to write into (default posts). */
  section?: string;
  slug?: string;
  draft?: boolean;
  template?: string;
  dryRun?: boolean;
}

export interface NewPlan {
  config: ResolvedConfig;
  abs: string;
  path: string;
  text: string;
  data: NewPostData;
  draft: boolean;
  /** Things the user should know (a fallback slug, a renamed file). */
  notes: string[];
}

/** Split `a, b` lists from repeated flags; trims, drops empties, keeps the first of duplicates. */
export function splitList(values: string[] | undefined): string[] {
  const out: string[] = [];
  for (const v of values ?? []) for (const part of v.split(/[,，]/)) {
    const t = part.trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

export function parseCategoryArgs(values: string[] | undefined): string[][] {
  return splitList(values)
    .map((c) => c.split('>').map((s) => s.trim()).filter(Boolean))
    .filter((p) => p.length > 0);
}

/** A `--slug`: one file name, visible, without path separators or control characters. */
export function checkSlug(slug: string): string | undefined {
  if (slug === '' || slug === '.' || slug === '..') return 'expected a file name';
  if (/[\\/]/.test(slug)) return 'expected a file name without "/" or "\\"';
  if (/[\u0000-\u001f\u007f]/.test(slug)) return 'a file name cannot hold control characters';
  if (slug.startsWith('.')) return 'a name starting with "." makes a hidden file, which blog would never list';
  return undefined;
}

/** Work out the new post's path and text; writes nothing. */
export async function planNew(blog: Blog, options: NewOptions, now: Date): Promise<NewPlan> {
  const title = options.title?.trim();
  if (!title) throw new UsageError('missing title: pass it as the first argument, e.g. blog new "My first post"');
  const config = blog.config;
  const notes: string[] = [];

  let date: string;
  let wall: WallClock;
  if (options.date !== undefined) {
    const parsed = parseDate(options.date, config.timeZone);
    if (!parsed.ok) throw new UsageError(`--date ${parsed.message}`);
    date = options.date.trim();
    wall = parsed.date.wall;
  } else {
    wall = wallClockAt(now.getTime(), config.timeZone);
    date = formatDate(config.dateFormat, wall);
  }

  let slug: string;
  if (options.slug !== undefined) {
    slug = config.generator === 'hexo' ? slugHexo(options.slug.trim(), config.filenameCase) || options.slug.trim() : options.slug.trim();
    const bad = checkSlug(slug);
    if (bad) throw new UsageError(`--slug ${quoted(options.slug)}: ${bad}`);
  } else {
    // In a Hexo site, the name `hexo new` would give (unless the config asks for ASCII).
    slug = config.slug === 'ascii' ? slugAscii(title, await transliterator()) : config.generator === 'hexo' ? slugHexo(title, config.filenameCase) : slugUnicode(title);
    if (slug === '') {
      slug = `post-${formatDate('YYYYMMDD-HHmmss', wall).replace(/:/g, '')}`;
      notes.push(`the title has no letters or digits usable in a file name; using "${slug}" (pass --slug to choose one)`);
    }
  }

  let draft = options.draft ?? false;
  const hugo = config.generator === 'hugo';
  const useDraftsDir = draft && config.draftsDir !== undefined && !hugo;
  let dir = useDraftsDir ? (config.draftsDir as string) : config.postsDir;
  // Hugo: a section of the content folder (content/posts unless told otherwise).
  const section = hugo ? (options.section ?? (config.site?.generator === 'hugo' && config.postsDir === config.site.postsDir ? 'posts' : undefined)) : options.section;
  if (section !== undefined) {
    const inside = resolveInside(dir, section);
    if (!inside.ok || checkSlug(section.replace(/\//g, '-'))) throw new UsageError(`--section ${quoted(section)}: expected a folder name inside ${displayPath(blog.cwd, dir)}`);
    dir = inside.abs;
  }
  const tags = [...new Set([...(options.tagNames ?? []), ...splitList(options.tags)])];
  const categories = [...(options.categoryPaths ?? []), ...parseCategoryArgs(options.categories)];
  // Hugo's and Jekyll's categories are terms, with no parents: "A > B" would be written as two terms that `--category "A > B"` never matches.
  const nested = flatTerms(config.generator) ? categories.find((p) => p.length > 1) : undefined;
  if (nested) throw new UsageError(`--categories ${quoted(nested.join(' > '))}: ${hugo ? 'Hugo' : 'Jekyll'} categories are single terms, not paths`, { hint: `pass them as terms: --categories ${quoted(nested.join(','))}` });
  let text: string;
  let data: NewPostData;
  if (hugo) {
    data = { title, date: hugoDate(wall, options.date !== undefined ? parseDate(options.date, config.timeZone) : undefined, now), tags, categories, draftKey: null, slug };
    const archetype = loadArchetype(config, options.template, section, blog.cwd);
    const rendered = renderArchetype(archetype.text, { title, name: slug, date: data.date as string, section: section ?? '', tags, categories: categories.flat(), draft: options.draft });
    if (!rendered.ok) throw new UsageError(`archetype ${archetype.name}: ${rendered.message}`);
    text = rendered.text;
    // The archetype decides unless told (Hugo's own writes draft = true): say what was written.
    const written = parsePost(text, 'new.md', { generator: 'hugo', reference: true });
    if (written.ok) draft = written.post.draft;
  } else {
    // A Hexo or Jekyll draft in the drafts folder gets its date when it is published, as their
    // default draft scaffolds have none; unless --date, or the blog's own template has a date.
    const template = loadTemplate(config, options.template, draft, blog.cwd);
    const undated = useDraftsDir && options.date === undefined && (template.name === 'built-in' || !/^date[ \t]*:|\{\{\s*date\s*\}\}/m.test(template.text));
    data = {
      title,
      date: undated ? null : date,
      tags,
      categories,
      draftKey: draft && !useDraftsDir ? (config.generator === 'hexo' || config.generator === 'jekyll' ? 'published' : 'draft') : null,
      slug,
    };
    const rendered = renderNewPost(undated && template.name === 'built-in' ? DEFAULT_DRAFT_TEMPLATE : template.text, data, config.generator);
    if (!rendered.ok) throw new UsageError(`template ${template.name}: ${rendered.message}`);
    text = rendered.text;
  }

  const pattern = useDraftsDir ? ':title.md' : config.newPostName;
  const setting = useDraftsDir ? '--slug' : config.newPostNameSetting;
  const wanted = fileNameFor(pattern, slug, wall);
  const relDir = dirname(wanted);
  // The name, shortened to what a file system takes (255 bytes), cut at a character boundary.
  const fitted = fitName(wanted.slice(relDir === '.' ? 0 : relDir.length + 1));
  // One character too long for a name by itself (a letter with hundreds of combining marks) leaves nothing: a hidden `.md` no walk reads.
  if (fitted.startsWith('.') || fitted === '') throw new UsageError(`the title gives a file name too long for a file system, with nothing left when shortened`, { hint: 'pass --slug <name>' });
  if (fitted !== wanted.slice(relDir === '.' ? 0 : relDir.length + 1)) notes.push(`the file name is too long for a file system; shortened to ${fitted}`);
  const inside = resolveInside(dir, relDir === '.' ? fitted : `${relDir}/${fitted}`);
  if (!inside.ok) throw new BlogError(`${setting} gives ${quoted(wanted)}, which ${inside.reason}`, { hint: 'use a file name pattern such as ":title.md" or ":year/:title.md"' });
  const targetDir = dirname(inside.abs);
  // Never overwrite, and never create a name that differs from another only in case.
  const taken = takenStems(config, relDir, blog.cwd);
  const isTaken = (candidate: string): boolean => taken.has(stem(candidate).toLowerCase());
  // Hexo numbers a taken name -1, -2…; blog's own default is -2, -3….
  const first = config.generator === 'hexo' ? 1 : 2;
  const name = freeName(fitted, isTaken, first);
  const abs = join(targetDir, name);
  if (name !== fitted) {
    // The file it clashes with, which may differ in case or extension, or be a draft.
    const other = taken.get(stem(fitted).toLowerCase()) as string;
    const same = basename(other) === fitted ? '' : ` (${fitted} but for case or extension)`;
    notes.push(`${displayPath(blog.cwd, other)} exists${same}; using ${name}`);
  }
  return { config, abs, path: displayPath(blog.cwd, abs), text, data, draft, notes };
}

/** Write the planned post; if its name was taken meanwhile, the next free one. */
export function writeNew(plan: NewPlan, cwd: string): NewPlan {
  let abs = plan.abs;
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      createFile(abs, Buffer.from(plan.text, 'utf8'));
      return { ...plan, abs, path: displayPath(cwd, abs) };
    } catch (e) {
      if (!(e instanceof FileExistsError)) throw new BlogError(`cannot write ${displayPath(cwd, abs)}: ${ioReason(e)}`, { hint: 'nothing was written' });
      const dir = dirname(abs);
      const names = new Set(readdirSync(dir).map((n) => stem(n).toLowerCase()));
      abs = join(dir, freeName(abs.slice(dir.length + 1), (c) => names.has(stem(c).toLowerCase())));
    }
  }
  throw new UsageError(`could not find a free file name next to ${plan.path}`);
}

function stem(name: string): string {
  return isPostName(name) ? name.slice(0, name.lastIndexOf('.')) : name;
}

/** Lower-cased stems of the posts in the same relative folder of the posts and drafts folders. */
/** The files a new post's name must not clash with, by their lower-cased stems (the first of each, as a path). */
function takenStems(config: ResolvedConfig, relDir: string, cwd: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const base of [config.postsDir, config.draftsDir]) {
    if (!base) continue;
    const d = join(base, relDir);
    for (const n of namesInFolder(d, cwd)) if (!out.has(stem(n).toLowerCase())) out.set(stem(n).toLowerCase(), join(d, n));
  }
  return out;
}

/** The templates folder cannot be used (a link out of the site): no template is read. */
function refuseTemplates(config: ResolvedConfig): void {
  if (config.templatesRefused) throw new BlogError(config.templatesRefused.message, { hint: config.templatesRefused.hint });
}

function loadTemplate(config: ResolvedConfig, name: string | undefined, draft: boolean, cwd: string): { name: string; text: string } {
  refuseTemplates(config);
  const dir = config.scaffoldsDir;
  if (name !== undefined) {
    // A template is a name in the templates folder, never a path.
    if (checkSlug(name) || name.includes(':')) throw new UsageError(`--template ${quoted(name)}: expected the name of a template in the templates folder (scaffolds/<name>.md), not a path`);
    const names = dir && existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.md') && !n.startsWith('.')).map((n) => n.slice(0, -3)) : [];
    if (!dir || !names.includes(name)) {
      // Only templates blog would read are offered: not a link out of the folder.
      const available = dir ? names.filter((n) => isTemplateFile(join(dir, `${n}.md`), dir)) : [];
      throw new UsageError(`--template ${quoted(name)}: no such template${dir ? ` in ${displayPath(cwd, dir)}` : ''}`, {
        hint: available.length ? `available: ${available.join(', ')}` : 'put templates in scaffolds/<name>.md, or set "scaffolds" in blog.config.json',
      });
    }
    // A name of the folder's listing: a link out of the folder is refused by readTemplate, saying where it leads.
    return { name, text: readTemplate(join(dir, `${name}.md`), dir, cwd) };
  }
  for (const candidate of draft ? ['draft', 'post'] : ['post']) {
    const file = dir ? join(dir, `${candidate}.md`) : undefined;
    if (file && existsSync(file)) return { name: candidate, text: readTemplate(file, dir as string, cwd) };
  }
  return { name: 'built-in', text: DEFAULT_TEMPLATE };
}

let pinyinCache: ((text: string) => string) | undefined;

/** pinyin-pro for Chinese, slugify's table for accented Latin and other letters; loaded only for `"slug": "ascii"`. */
async function transliterator(): Promise<(text: string) => string> {
  if (pinyinCache) return pinyinCache;
  const [{ pinyin }, slugifyModule] = await Promise.all([import('pinyin-pro'), import('slugify')]);
  const slugify = (slugifyModule.default ?? slugifyModule) as unknown as (s: string, o: object) => string;
  pinyinCache = (text: string) =>
    pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
      .map((part) => slugify(part, { lower: false, strict: true }))
      .filter(Boolean)
      .join('-');
  return pinyinCache;
}

/** Tags and category paths the blog already uses, most used first (for the prompts). */
export function knownNames(blog: Blog): { tags: string[]; categories: string[][] } {
  const posts: { tags: string[]; categories: string[][] }[] = [];
  blog.read({}, (item) => {
    if (item.post) posts.push({ tags: item.post.tags, categories: item.post.categories });
  });
  const { tags } = countNames(posts);
  // Paths are kept as lists: a name with a comma or a `>` in it must come back as it is.
  const paths = new Map<string, { path: string[]; n: number }>();
  for (const p of posts) {
    for (const c of p.categories) {
      const key = JSON.stringify(c);
      const seen = paths.get(key);
      if (seen) seen.n++;
      else paths.set(key, { path: c, n: 1 });
    }
  }
  const byUse = <T>(list: [string, T, number][]): T[] => list.sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : 1)).map(([, v]) => v);
  return {
    tags: byUse([...tags].map(([t, n]) => [t, t, n])),
    categories: byUse([...paths.values()].map(({ path, n }) => [path.join(' > '), path, n])),
  };
}

/** RFC 3339 with the offset of the blog's time zone, as Hugo's .Date: `2025-03-31T21:17:31+08:00`. */
function hugoDate(wall: WallClock, given: DateParse | undefined, now: Date): string {
  return rfc3339(wall, given?.ok ? (given.date.offsetMinutes ?? offsetOf(wall, given.date.epochMs)) : offsetOf(wall, now.getTime()));
}

/** A Hugo archetype as `hugo new` picks it: --template, archetypes/<section>.md, archetypes/default.md, Hugo's own default. */
function loadArchetype(config: ResolvedConfig, name: string | undefined, section: string | undefined, cwd: string): { name: string; text: string } {
  refuseTemplates(config);
  const dir = config.scaffoldsDir;
  const candidates = name !== undefined ? [name] : [...(section ? [section.split('/')[0] as string] : []), 'default'];
  if (name !== undefined && (checkSlug(name) || name.includes(':'))) throw new UsageError(`--template ${quoted(name)}: expected the name of an archetype (archetypes/<name>.md), not a path`);
  for (const candidate of candidates) {
    if (!dir) break;
    // A file right in the folder, never a path (--template and --section are checked before; this
    // guards the join). One that links out of the folder is refused by readTemplate, saying where
    // it leads, not passed over for the next candidate.
    if (checkSlug(candidate)) continue;
    const abs = join(dir, `${candidate}.md`);
    if (existsSync(abs)) return { name: displayPath(cwd, abs), text: readTemplate(abs, dir, cwd) };
  }
  if (name !== undefined) throw new UsageError(`--template ${quoted(name)}: no such archetype${dir ? ` in ${displayPath(cwd, dir)}` : ''}`);
  return { name: "Hugo's default archetype", text: HUGO_DEFAULT_ARCHETYPE };
}

/** Whether `abs` is a file that readTemplate reads: a regular file whose real path is inside the templates folder. */
function isTemplateFile(abs: string, dir: string): boolean {
  const real = realPath(abs);
  return real !== undefined && isInside(realPath(dir) ?? dir, real) && statSync(real, { throwIfNoEntry: false })?.isFile() === true;
}

/** A template of the blog: a small regular file inside its templates folder (a link out is refused, never read). */
function readTemplate(abs: string, dir: string, cwd: string): string {
  try {
    return readSmallFile(abs, dir);
  } catch (e) {
    throw new UsageError(`template ${displayPath(cwd, abs)}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
