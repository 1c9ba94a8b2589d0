/**
 * `blog retag`: what a retag means (which names become which, which are removed or added), the
 * plan (every selected post read, each edit worked out, nothing written) and the writes.
 */
import { existsSync, unlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { Blog } from './blog.js';
import { quoted, type Diagnostic } from './diagnostic.js';
import { applyChange, editPostList, type ListChange, type ListField } from './edit.js';
import { UsageError } from './errors.js';
import { splitFrontMatter, type Generator } from './front-matter/fences.js';
import { lockBlog } from './fs/lock.js';
import { displayPath, isInside, noSuchPath, realPath } from './fs/paths.js';
import { readPostFile, replaceText } from './fs/read.js';
import { findStaleTempFiles, replaceable, replaceFile, WriteRefused, type Replaced } from './fs/write.js';
import type { Post } from './post.js';
import { countNames, fold, matchesFilter, suggestNames, type PostFilter } from './select.js';
import { shellQuote } from './shell.js';

export interface RetagSpec {
  field: ListField;
  /** Names to rename (merge) into `to`. */
  from: string[];
  to?: string;
  remove: string[];
  add: string[];
  ignoreCase: boolean;
}

/** The per-name change the editor applies. */
export function buildChange(spec: RetagSpec): ListChange {
  const same = spec.ignoreCase ? (a: string, b: string) => fold(a) === fold(b) : (a: string, b: string) => a === b;
  return {
    field: spec.field,
    rename: (name) => {
      if (spec.remove.some((r) => same(r, name))) return null;
      if (spec.to !== undefined && spec.from.some((f) => same(f, name))) return spec.to;
      return name;
    },
    add: spec.add,
  };
}

export interface RetagCounts {
  /** `from → to`: posts in which the rename happened. */
  renamed: Record<string, number>;
  added: Record<string, number>;
  removed: Record<string, number>;
}

export function emptyCounts(): RetagCounts {
  return { renamed: {}, added: {}, removed: {} };
}

/** Add one post's change to the counts. */
export function countChange(counts: RetagCounts, spec: RetagSpec, before: string[][], after: string[][]): void {
  const change = buildChange(spec);
  const beforeNames = new Set(before.flat());
  const afterNames = new Set(after.flat());
  const bump = (map: Record<string, number>, key: string) => {
    map[key] = (map[key] ?? 0) + 1;
  };
  for (const name of beforeNames) {
    const n = change.rename(name);
    if (n === null) bump(counts.removed, name);
    else if (n !== name) bump(counts.renamed, `${name} → ${n}`);
  }
  if (spec.field === 'tags') {
    for (const a of spec.add) if (!beforeNames.has(a) && afterNames.has(a)) bump(counts.added, a);
    return;
  }
  // Categories are added as paths: `A > B`.
  const has = (paths: string[][], path: string) => paths.some((p) => p.join(' > ') === path || (p.length === 1 && p[0] === path));
  for (const a of spec.add) {
    const path = a.split('>').map((x) => x.trim()).filter(Boolean).join(' > ');
    if (!has(before, path) && has(after, path)) bump(counts.added, path);
  }
}

export interface RetagRequest {
  /** `<from>... <to>` when renaming; paths when adding or removing. */
  args: string[];
  add?: string[] | undefined;
  remove?: string[] | undefined;
  categories?: boolean | undefined;
  ignoreCase?: boolean | undefined;
}

export interface RetagEntry {
  abs: string;
  path: string;
  before: string[][];
  after: string[][];
  /** Unified diff of the front matter (dry runs only). */
  diff?: string;
}

export interface RetagResult {
  field: ListField;
  dryRun: boolean;
  spec: RetagSpec;
  generator: Generator;
  /** Posts whose field changes (planned, or written once applied). */
  changed: RetagEntry[];
  /** Posts left as they were, each with the reason (rule: why, message: what). */
  skipped: Diagnostic[];
  /** Posts selected whose field already reads as wanted. */
  unchanged: number;
  counts: RetagCounts;
  /** Temp files of an interrupted earlier run, removed. */
  removedTempFiles: string[];
  /** Names to rename or remove that no post in scope has, each with close names of the blog. */
  missing: { name: string; suggestions: string[] }[];
  /**
   * Errors about posts in scope other than front matter that cannot be read (those are skipped):
   * a value that cannot be read (an impossible date), a folder that cannot be read. Reported,
   * with exit 1, as every command that reads the blog reports them.
   */
  errors: Diagnostic[];
}

/** Check the command line and turn it into a spec; throws UsageError. */
export function parseRetagSpec(request: RetagRequest): { spec: RetagSpec; paths: string[] } {
  const add = request.add ?? [];
  const remove = request.remove ?? [];
  const field: ListField = request.categories ? 'categories' : 'tags';
  const base = { field, remove, add, ignoreCase: request.ignoreCase ?? false };
  for (const name of [...add, ...remove, ...(add.length || remove.length ? [] : request.args)]) {
    if (name.trim() === '') throw new UsageError(`a ${field === 'tags' ? 'tag' : 'category'} name cannot be empty`);
  }
  const same = request.ignoreCase ? (a: string, b: string) => fold(a) === fold(b) : (a: string, b: string) => a === b;
  const both = add.find((a) => remove.some((r) => same(a, r)));
  if (both !== undefined) throw new UsageError(`--add ${shellQuote(both)} and --remove ${shellQuote(both)} together: pass one of them`);
  if (add.length || remove.length) return { spec: { ...base, from: [] }, paths: request.args };
  if (request.args.length < 2) {
    throw new UsageError(request.args.length === 0 ? 'nothing to do: expected <from>... <to>, --add <tag> or --remove <tag>' : `expected <from>... <to>: only ${quoted(request.args[0])} was given`, {
      hint: 'e.g. blog retag chatgpt ChatGPT',
    });
  }
  const to = request.args[request.args.length - 1] as string;
  return { spec: { ...base, from: request.args.slice(0, -1), to }, paths: [] };
}

/** Plan a retag: read every selected post, work out each edit, write nothing. */
export function planRetag(blog: Blog, request: RetagRequest & { filter: PostFilter; dryRun: boolean }): RetagResult {
  const { spec, paths } = parseRetagSpec(request);
  const scope = paths.map((p) => resolve(blog.cwd, p));
  scope.forEach((abs, i) => {
    if (!existsSync(abs)) throw noSuchPath(paths[i] as string);
    // Only the blog's own posts are retagged: a path elsewhere would silently change nothing.
    const real = realPath(abs) ?? abs;
    if (!blog.config.postDirs.some((d) => isInside(realPath(d) ?? d, real) || isInside(real, realPath(d) ?? d))) {
      throw new UsageError(`${paths[i]}: not in the blog's posts folder${blog.config.postDirs.length > 1 ? 's' : ''} (${blog.config.postDirs.map((d) => displayPath(blog.cwd, d)).join(', ')})`, { hint: 'pass --dir to work on another blog' });
    }
  });
  const removedTempFiles = request.dryRun ? [] : findStaleTempFiles(blog.config.postDirs);
  for (const t of removedTempFiles) unlinkSync(t);

  const change = buildChange(spec);
  const generator = blog.config.generator;
  const result: RetagResult = {
    field: spec.field,
    dryRun: request.dryRun,
    spec,
    generator,
    changed: [],
    skipped: [],
    unchanged: 0,
    counts: emptyCounts(),
    removedTempFiles: removedTempFiles.map((t) => displayPath(blog.cwd, t)),
    missing: [],
    errors: [],
  };
  const unreadable = new Set<Diagnostic>();
  const seen: Pick<Post, 'tags' | 'categories'>[] = [];
  let inScope = 0;
  const summary = blog.read({ scope }, (item) => {
    inScope++;
    if (!item.post) {
      unreadable.add(item.problem);
      result.skipped.push({ ...item.problem, severity: 'warning', rule: 'unreadable', message: `front matter cannot be read: ${item.problem.message}` });
      return;
    }
    seen.push({ tags: item.post.tags, categories: item.post.categories });
    if (!matchesFilter(item.post, request.filter)) return;
    const before = spec.field === 'tags' ? [item.post.tags] : item.post.categories;
    if (JSON.stringify(applyChange(before, change, generator)) === JSON.stringify(before)) return;
    const file = readPostFile(item.entry.abs);
    const outcome = editPostList(file.text, generator, change);
    // A file the write would refuse (read-only, say) is skipped in the plan too: the preview and the question count what will be written.
    const refusal = outcome.status === 'changed' ? replaceable(item.entry.abs, blog.config.allowed) : undefined;
    if (outcome.status === 'skipped') {
      result.skipped.push({ path: item.entry.path, line: outcome.line, col: outcome.col, severity: 'warning', rule: 'cannot-edit', message: outcome.reason });
    } else if (refusal instanceof WriteRefused) {
      result.skipped.push({ path: item.entry.path, line: 0, col: 0, severity: 'warning', rule: refusal.rule, message: refusal.message });
    } else if (outcome.status === 'changed') {
      const entry: RetagEntry = { abs: item.entry.abs, path: item.entry.path, before: outcome.before, after: outcome.after };
      if (result.dryRun) entry.diff = frontMatterDiff(item.entry.path, file.text, outcome.text, generator);
      result.changed.push(entry);
      countChange(result.counts, spec, outcome.before, outcome.after);
    }
  });
  result.skipped.push(...summary.skipped);
  result.errors = summary.errors.filter((e) => !unreadable.has(e));
  // Every post in scope that is neither changed nor skipped is unchanged, read or not.
  result.unchanged = inScope - result.changed.length - (result.skipped.length - summary.skipped.length);
  result.skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // Names to rename or remove that nothing has: say so, with close names.
  if (spec.add.length === 0 || spec.remove.length > 0) {
    const { tags, categories } = countNames(seen);
    const known = spec.field === 'tags' ? tags : categories;
    const has = (name: string): boolean => (spec.ignoreCase ? [...known.keys()].some((k) => fold(k) === fold(name)) : known.has(name));
    // The new name is never suggested for the old (`retag chatgpt ChatGPT` when no post has chatgpt: "Did you mean ChatGPT?").
    const isNew = (s: string): boolean => spec.to !== undefined && (spec.ignoreCase ? fold(s) === fold(spec.to) : s === spec.to);
    for (const name of [...spec.from, ...spec.remove]) if (!has(name)) result.missing.push({ name, suggestions: suggestNames(name, known).filter((s) => !isNew(s)) });
  }
  return result;
}

/**
 * Write the planned edits, one atomic replacement per file, holding the blog's write lock. Each
 * file is read and edited again right before its write, and checked once more right before the
 * rename, so a file changed meanwhile is skipped, never clobbered.
 */
export function applyRetag(blog: Blog, plan: RetagResult, options: { onProgress?: (done: number, total: number) => void; onWait?: (holder: string) => void } = {}): RetagResult {
  const change = buildChange(plan.spec);
  const written: RetagEntry[] = [];
  const skipped = [...plan.skipped];
  const refused = (entry: RetagEntry, e: unknown): void => {
    if (e instanceof WriteRefused) skipped.push({ path: entry.path, line: 0, col: 0, severity: 'warning', rule: e.rule, message: e.message });
    else skipped.push({ path: entry.path, line: 0, col: 0, severity: 'warning', rule: 'write-failed', message: `could not write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; left as it was` });
  };
  // Each write is settled after the next one: a late write by an editor to the old file is seen then.
  let pending: { entry: RetagEntry; replaced: Replaced } | undefined;
  const settle = (): void => {
    if (!pending) return;
    const { entry, replaced } = pending;
    pending = undefined;
    try {
      replaced.settle();
      written.push(entry);
    } catch (e) {
      refused(entry, e);
    }
  };
  const lock = lockBlog(blog.writeFolders(), 'blog retag', options.onWait ? { onWait: options.onWait } : {});
  try {
    plan.changed.forEach((entry, i) => {
      try {
        const file = readPostFile(entry.abs);
        const outcome = editPostList(file.text, plan.generator, change);
        if (outcome.status === 'changed') {
          const replaced = replaceFile(entry.abs, replaceText(file, outcome.text), file.bytes, { allowed: blog.config.allowed });
          settle();
          pending = { entry: { ...entry, before: outcome.before, after: outcome.after }, replaced };
        } else if (outcome.status === 'skipped') {
          skipped.push({ path: entry.path, line: outcome.line, col: outcome.col, severity: 'warning', rule: 'cannot-edit', message: outcome.reason });
        }
      } catch (e) {
        refused(entry, e);
      }
      options.onProgress?.(i + 1, plan.changed.length);
    });
    settle();
  } finally {
    lock.release();
  }
  // The summary counts only what is on disk.
  const counts = emptyCounts();
  for (const entry of written) countChange(counts, plan.spec, entry.before, entry.after);
  written.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { ...plan, changed: written, skipped, counts };
}

/** A unified diff of the changed front matter, with up to three lines of the body for context. */
function frontMatterDiff(path: string, before: string, after: string, generator: Generator): string {
  // The front matter and three lines after it, cut where the front matter module says it ends.
  const cut = (text: string): string => {
    const bom = text.startsWith('\uFEFF') ? 1 : 0;
    const split = splitFrontMatter(text.slice(bom), generator);
    const end = split.kind === 'block' ? bom + split.bodyStart : 0;
    let stop = end;
    for (let n = 0; n < 3 && stop < text.length; n++) {
      const nl = text.indexOf('\n', stop);
      stop = nl === -1 ? text.length : nl + 1;
    }
    // Its line breaks as they are: a file that ends without one gets git's "\\ No newline at end
    // of file", and the diff applies (git apply, patch) to the file as it is.
    return text.slice(0, stop);
  };
  const [a, b] = path.startsWith('../') || path.startsWith('/') ? [path, path] : [`a/${path}`, `b/${path}`];
  // The headers are written here: the diff library quotes and octal-escapes names with spaces or
  // non-ASCII letters (as git does by default), and a Chinese file name should read as itself.
  // The diff package, loaded only when a diff is shown.
  const { createTwoFilesPatch } = createRequire(import.meta.url)('diff') as typeof import('diff');
  const all = createTwoFilesPatch('a', 'b', cut(before), cut(after), undefined, undefined, { context: 3 }).split('\n');
  const hunks = all.slice(all.findIndex((l) => l.startsWith('@@')));
  return [`--- ${a}`, `+++ ${b}`, ...hunks].join('\n');
}
