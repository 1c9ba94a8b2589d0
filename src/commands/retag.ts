import { existsSync, statSync, unlinkSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { configRequest, resolveConfig } from '../config.js';
import { applyChange, editPostList, type ListField } from '../core/edit.js';
import type { Post } from '../core/post.js';
import { ChangedOnDiskError, displayPath, findPostFiles, findStaleTempFiles, readPostFile, readPosts, replaceText, writeFileAtomic } from '../core/repository.js';
import { buildChange, countChange, emptyCounts, type RetagCounts, type RetagSpec } from '../core/retag.js';
import { literalPrefilter, matchesFilter } from '../core/select.js';
import { UsageError } from '../errors.js';
import { buildFilter, type FilterFlags } from './list.js';

export interface RetagOptions extends FilterFlags {
  cwd: string;
  dir?: string;
  config?: string;
  /** `<from>... <to>` when renaming; paths when adding or removing. */
  args: string[];
  add?: string[];
  remove?: string[];
  categories?: boolean;
  ignoreCase?: boolean;
  dryRun?: boolean;
}

export interface RetagEntry {
  abs: string;
  path: string;
  before: string[][];
  after: string[][];
  /** Unified diff of the front matter (dry runs only). */
  diff?: string;
}

export interface RetagSkip {
  path: string;
  line: number;
  col: number;
  reason: string;
}

export interface RetagResult {
  field: ListField;
  dryRun: boolean;
  spec: RetagSpec;
  generator: ReturnType<typeof resolveConfig>['generator'];
  /** Posts whose field changes (planned, or written once applied). */
  changed: RetagEntry[];
  skipped: RetagSkip[];
  /** Posts selected whose field already reads as wanted. */
  unchanged: number;
  counts: RetagCounts;
  /** Temp files of an interrupted earlier run, removed. */
  removedTempFiles: string[];
  warnings: string[];
}

/** Check the command line and turn it into a spec; throws UsageError. */
export function parseRetagSpec(options: RetagOptions): { spec: RetagSpec; paths: string[] } {
  const add = options.add ?? [];
  const remove = options.remove ?? [];
  const field: ListField = options.categories ? 'categories' : 'tags';
  const base = { field, remove, add, ignoreCase: options.ignoreCase ?? false };
  for (const name of [...add, ...remove, ...(add.length || remove.length ? [] : options.args)]) {
    if (name.trim() === '') throw new UsageError('a tag name cannot be empty');
  }
  if (add.length || remove.length) return { spec: { ...base, from: [] }, paths: options.args };
  if (options.args.length < 2) {
    throw new UsageError(options.args.length === 0 ? 'nothing to do: expected <from>... <to>, --add <tag> or --remove <tag>' : `expected <from>... <to>: only "${options.args[0]}" was given`, {
      hint: 'e.g. blog retag chatgpt ChatGPT',
    });
  }
  const to = options.args[options.args.length - 1] as string;
  return { spec: { ...base, from: options.args.slice(0, -1), to }, paths: [] };
}

/** Plan a retag: read every selected post, work out each edit, write nothing. */
export async function planRetag(options: RetagOptions): Promise<RetagResult> {
  const { spec, paths } = parseRetagSpec(options);
  const config = resolveConfig(configRequest(options));
  const filter = buildFilter(options, config.timeZone);
  const scopes = paths.map((p) => {
    const abs = resolve(options.cwd, p);
    if (!existsSync(abs)) throw new UsageError(`${p}: no such file or folder`);
    return statSync(abs).isDirectory() ? abs + sep : abs;
  });
  const inScope = (abs: string) => scopes.length === 0 || scopes.some((s) => (s.endsWith(sep) ? abs.startsWith(s) : abs === s));

  const removedTempFiles = options.dryRun ? [] : findStaleTempFiles(config.postDirs);
  for (const t of removedTempFiles) unlinkSync(t);

  const walk = await findPostFiles(config.postDirs, { generator: config.generator, cwd: options.cwd });
  const files = walk.files.filter(inScope);
  // Renames and removals can only touch posts whose text has one of the names; additions only
  // posts with the filter's tags. Other posts are not parsed (see literalPrefilter).
  const names = spec.add.length === 0 && !spec.ignoreCase ? [...spec.from, ...spec.remove] : (filter.tags ?? []);
  const mode = spec.add.length === 0 && !spec.ignoreCase ? ('some' as const) : ('every' as const);
  const prefilter = literalPrefilter(names, mode) ? { names, mode } : undefined;
  const heads = await readPosts(files, { cwd: options.cwd, generator: config.generator, ...(config.timeZone === undefined ? {} : { timeZone: config.timeZone }), ...(prefilter ? { prefilter } : {}) });
  const change = buildChange(spec);
  const result: RetagResult = {
    field: spec.field,
    dryRun: options.dryRun ?? false,
    spec,
    generator: config.generator,
    changed: [],
    skipped: walk.skipped.map((s) => ({ path: s.path, line: 1, col: 1, reason: s.reason })),
    unchanged: 0,
    counts: emptyCounts(),
    removedTempFiles: removedTempFiles.map((t) => displayPath(options.cwd, t)),
    warnings: config.warnings,
  };
  const absOf = new Map(files.map((f) => [displayPath(options.cwd, f), f]));
  heads.forEach((head) => {
    const abs = absOf.get(head.ok ? head.post.path : head.path) as string;
    if (!head.ok) {
      result.skipped.push({ path: head.path, ...head.problem, reason: `front matter cannot be read: ${head.problem.message}` });
      return;
    }
    if (!matchesFilter(head.post, filter)) return;
    const before = fieldOf(head.post, spec.field);
    if (JSON.stringify(applyChange(before, change, config.generator)) === JSON.stringify(before)) return;
    const file = readPostFile(abs);
    const outcome = editPostList(file.text, config.generator, change);
    if (outcome.status === 'skipped') {
      result.skipped.push({ path: head.post.path, line: outcome.line, col: outcome.col, reason: outcome.reason });
    } else if (outcome.status === 'changed') {
      const entry: RetagEntry = { abs, path: head.post.path, before: outcome.before, after: outcome.after };
      if (result.dryRun) entry.diff = frontMatterDiff(head.post.path, file.text, outcome.text);
      result.changed.push(entry);
      countChange(result.counts, spec, outcome.before, outcome.after);
    }
  });
  // Every post in scope that is neither changed nor skipped is unchanged, parsed or not.
  result.unchanged = files.length - result.changed.length - (result.skipped.length - walk.skipped.length);
  result.skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return result;
}

/**
 * Write the planned edits, one atomic replacement per file. Each file is read and edited
 * again right before its write, so a file changed meanwhile is skipped, never clobbered.
 */
export function applyRetag(plan: RetagResult, onProgress: (done: number, total: number) => void = () => {}): RetagResult {
  const change = buildChange(plan.spec);
  const written: RetagEntry[] = [];
  const skipped = [...plan.skipped];
  plan.changed.forEach((entry, i) => {
    try {
      const file = readPostFile(entry.abs);
      const outcome = editPostList(file.text, plan.generator, change);
      if (outcome.status === 'changed') {
        writeFileAtomic(entry.abs, replaceText(file, outcome.text), file.bytes);
        written.push(entry);
      } else if (outcome.status === 'skipped') {
        skipped.push({ path: entry.path, line: outcome.line, col: outcome.col, reason: outcome.reason });
      }
    } catch (e) {
      const reason = e instanceof ChangedOnDiskError ? 'the file changed while blog was writing; run the command again' : `could not write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
      skipped.push({ path: entry.path, line: 1, col: 1, reason });
    }
    onProgress(i + 1, plan.changed.length);
  });
  return { ...plan, changed: written, skipped };
}

function fieldOf(post: Post, field: ListField): string[][] {
  return field === 'tags' ? [post.tags] : post.categories;
}

/** A unified diff of the changed front matter, with up to three lines of the body for context. */
function frontMatterDiff(path: string, before: string, after: string): string {
  const cut = (text: string): string => {
    const lines = text.split('\n');
    let closing = 0;
    for (let i = 1; i < lines.length; i++) {
      if (/^(-{3,}|;{3,}|\+{3})\r?$/.test(lines[i] ?? '')) {
        closing = i;
        break;
      }
    }
    return lines.slice(0, closing + 4).join('\n');
  };
  const [a, b] = path.startsWith('../') || path.startsWith('/') ? [path, path] : [`a/${path}`, `b/${path}`];
  return createTwoFilesPatch(a, b, cut(before), cut(after), undefined, undefined, { context: 3 })
    .split('\n')
    .filter((l) => !l.startsWith('====') && l !== '\\ No newline at end of file')
    .join('\n');
}
