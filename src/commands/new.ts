import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { configRequest, resolveConfig, type ResolvedConfig } from '../config.js';
import { parseDate, wallClockAt, type WallClock } from '../core/dates.js';
import { DEFAULT_TEMPLATE, renderNewPost, type NewPostData } from '../core/new-post.js';
import { displayPath, FileExistsError, findPostFiles, isPostName, readPosts, writeNewFile } from '../core/repository.js';
import { countNames } from '../core/select.js';
import { fileNameFor, formatDate, freeName, slugAscii, slugUnicode } from '../core/slug.js';
import { UsageError } from '../errors.js';

export interface NewOptions {
  cwd: string;
  dir?: string;
  config?: string;
  title?: string;
  /** Comma-separated or repeated. */
  tags?: string[];
  /** Comma-separated or repeated; `A > B` is a path. */
  categories?: string[];
  date?: string;
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

/** Work out the new post's path and text; writes nothing. */
export async function planNew(options: NewOptions, now: Date): Promise<NewPlan> {
  const title = options.title?.trim();
  if (!title) throw new UsageError('missing title: pass it as the first argument, e.g. blog new "My first post"');
  const config = resolveConfig(configRequest(options));
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
    slug = options.slug.trim();
    if (slug === '' || slug === '.' || slug === '..' || /[\\/\0\n\r]/.test(slug)) {
      throw new UsageError(`--slug "${options.slug}": expected a file name without "/" or "\\"`);
    }
  } else {
    slug = config.slug === 'ascii' ? slugAscii(title, await transliterator()) : slugUnicode(title);
    if (slug === '') {
      slug = `post-${formatDate('YYYYMMDD-HHmmss', wall).replace(/:/g, '')}`;
      notes.push(`the title has no letters or digits usable in a file name; using "${slug}" (pass --slug to choose one)`);
    }
  }

  const draft = options.draft ?? false;
  const useDraftsDir = draft && config.draftsDir !== undefined;
  const dir = useDraftsDir ? (config.draftsDir as string) : config.postsDir;
  const data: NewPostData = {
    title,
    date,
    tags: splitList(options.tags),
    categories: parseCategoryArgs(options.categories),
    draftKey: draft && !useDraftsDir ? (config.generator === 'hexo' || config.generator === 'jekyll' ? 'published' : 'draft') : null,
    slug,
  };
  const template = loadTemplate(config, options.template, draft);
  const rendered = renderNewPost(template.text, data, config.generator);
  if (!rendered.ok) throw new UsageError(`template ${template.name}: ${rendered.message}`);

  const wanted = fileNameFor(config.newPostName, slug, wall);
  const relDir = dirname(wanted);
  const targetDir = join(dir, relDir);
  // Never overwrite, and never create a name that differs from another only in case.
  const taken = takenStems(config, relDir);
  const name = freeName(wanted.slice(relDir === '.' ? 0 : relDir.length + 1), (candidate) => taken.has(stem(candidate).toLowerCase()));
  const abs = join(targetDir, name);
  if (join(relDir, name) !== wanted) notes.push(`${displayPath(options.cwd, join(dir, wanted))} exists (or differs only in case); using ${name}`);
  return { config, abs, path: displayPath(options.cwd, abs), text: rendered.text, data, draft, notes };
}

/** Write the planned post; if its name was taken meanwhile, the next free one. */
export function writeNew(plan: NewPlan, cwd: string): NewPlan {
  let abs = plan.abs;
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      writeNewFile(abs, Buffer.from(plan.text, 'utf8'));
      return { ...plan, abs, path: displayPath(cwd, abs) };
    } catch (e) {
      if (!(e instanceof FileExistsError)) throw e;
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
function takenStems(config: ResolvedConfig, relDir: string): Set<string> {
  const out = new Set<string>();
  for (const base of [config.postsDir, config.draftsDir]) {
    if (!base) continue;
    const d = join(base, relDir);
    if (!existsSync(d)) continue;
    for (const n of readdirSync(d)) out.add(stem(n).toLowerCase());
  }
  return out;
}

function loadTemplate(config: ResolvedConfig, name: string | undefined, draft: boolean): { name: string; text: string } {
  const dir = config.scaffoldsDir;
  if (name !== undefined) {
    const available = dir && existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.md')).map((n) => n.slice(0, -3)) : [];
    if (!dir || !available.includes(name)) {
      throw new UsageError(`--template ${name}: no such template${dir ? ` in ${relative(process.cwd(), dir) || '.'}` : ''}`, {
        hint: available.length ? `available: ${available.join(', ')}` : 'put templates in scaffolds/<name>.md, or set "scaffolds" in blog.config.json',
      });
    }
    return { name, text: readFileSync(join(dir, `${name}.md`), 'utf8') };
  }
  for (const candidate of draft ? ['draft', 'post'] : ['post']) {
    const file = dir ? join(dir, `${candidate}.md`) : undefined;
    if (file && existsSync(file)) return { name: candidate, text: readFileSync(file, 'utf8') };
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
export async function knownNames(options: Pick<NewOptions, 'cwd' | 'dir' | 'config'>): Promise<{ tags: string[]; categories: string[] }> {
  const config = resolveConfig(configRequest(options));
  const walk = await findPostFiles(config.postDirs, { generator: config.generator, cwd: options.cwd });
  const posts = (await readPosts(walk.files, { cwd: options.cwd, generator: config.generator })).flatMap((r) => (r.ok ? [r.post] : []));
  const { tags } = countNames(posts);
  const paths = new Map<string, number>();
  for (const p of posts) for (const c of p.categories) paths.set(c.join(' > '), (paths.get(c.join(' > ')) ?? 0) + 1);
  const order = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  return { tags: order(tags), categories: order(paths) };
}
