import { existsSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { configRequest, resolveConfig, type ResolvedConfig } from '../config.js';
import { editPostList, type ListChange } from '../core/edit.js';
import { activeRules, effectiveSeverities, headlessPrefixes, isHeadless, isIndexPath, lintFile, lintSite, siteKeys, slimForSite, sortFindings, type LintRunOptions } from '../core/lint/run.js';
import type { Finding, LintInput, LintSettings } from '../core/lint/types.js';
import { eachPost, findPostFiles, frontMatterOnDisk, indexFor, isPostName, readPostFile, readPosts, replaceText, savePostIndex, writeFileAtomic, type OpenIndex, type ReadOptions, type ReadResult, type Skipped } from '../core/repository.js';
import { UsageError } from '../errors.js';

export interface LintOptions {
  cwd: string;
  dir?: string;
  config?: string;
  /** Files or folders to report on; all posts when empty. */
  paths: string[];
  fix?: boolean;
  now: Date;
  /** The post index's folder; no index when undefined. */
  cacheDir?: string;
}

export interface FixedFile {
  path: string;
  /** What changed, in words: `chatgpt → ChatGPT`, `duplicate tags removed`, `tags as a list`. */
  changes: string[];
}

export interface LintResult {
  findings: Finding[];
  /** Files reported on. */
  files: number;
  fixed: FixedFile[];
  skipped: Skipped[];
  warnings: string[];
  rules: Record<string, 'error' | 'warn' | 'off'>;
}

function settingsOf(config: ResolvedConfig, now: Date): LintSettings {
  return {
    generator: config.generator,
    required: config.lint.required ?? (config.generator === 'hugo' ? ['title'] : ['title', 'date']),
    ...(config.lint.allowedTags ? { allowedTags: config.lint.allowedTags } : {}),
    ...(config.lint.allowedKeys ? { allowedKeys: config.lint.allowedKeys } : {}),
    now: now.getTime(),
    ...(config.timeZone === undefined ? {} : { timeZone: config.timeZone }),
  };
}

interface Linted {
  /** Every file, slimmed for the site-wide rules (see slimForSite). */
  inputs: LintInput[];
  findings: Finding[];
  skipped: Skipped[];
  /** The file of each input, by index. */
  abs: string[];
  /** Every file read. */
  files: string[];
}

/**
 * Lint every post of the blog (site-wide rules need them all) plus any target outside it.
 * Posts are streamed: the one-file rules run as each post is read, and only a slim copy is
 * kept for the site-wide rules, so memory does not hold 100,000 front matter texts.
 */
async function lintBlog(config: ResolvedConfig, cwd: string, extra: string[], run: Omit<LintRunOptions, 'isTarget'>, isTarget: ((abs: string) => boolean) | undefined, index: OpenIndex | undefined): Promise<Linted> {
  const walk = await findPostFiles(config.postDirs, { generator: config.generator, cwd });
  const known = new Set(walk.files);
  const files = [...walk.files, ...extra.filter((f) => !known.has(f))];
  const roots = config.postDirs.map((d) => d + sep);
  const relOf = (abs: string): string => {
    const root = roots.find((d) => abs.startsWith(d)) ?? config.postsDir + sep;
    return abs.startsWith(root) ? abs.slice(root.length).split(sep).join('/') : relative(config.postsDir, abs).split(sep).join('/');
  };
  const readOptions = { cwd, generator: config.generator, keepSource: true, ...(config.timeZone === undefined ? {} : { timeZone: config.timeZone }), ...(index ? { index: index.index } : {}) };
  const toInput = (r: ReadResult, abs: string): LintInput => (r.ok ? { path: r.post.path, rel: relOf(abs), post: r.post } : { path: r.path, rel: relOf(abs), problem: r.problem });

  // Hugo: which sections are never rendered is said by their index pages; read those first.
  let prefixes: string[] = [];
  if (config.generator === 'hugo') {
    const indexes = files.filter((abs) => isIndexPath(relOf(abs)));
    const read = await readPosts(indexes, readOptions);
    prefixes = headlessPrefixes(read.map((r, i) => toInput(r, indexes[i] as string)));
  }

  // Which inputs are targets (all when `isTarget` is undefined): known by path while streaming;
  // for the site-wide rules, looked up by input in a map built only when paths were named.
  const absList: string[] = [];
  const inputs: LintInput[] = [];
  let byInput: Map<LintInput, string> | undefined;
  const targetInput = (input: LintInput): boolean => {
    if (!isTarget) return true;
    byInput ??= new Map(inputs.map((kept, k) => [kept, absList[k] as string]));
    return isTarget(byInput.get(input) ?? '');
  };
  const options: LintRunOptions = { ...run, isTarget: targetInput };
  const oneFile: LintRunOptions = { ...run, isTarget: () => true };
  const active = activeRules(options);
  const keys = siteKeys(active);
  const findings: Finding[] = [];
  let i = 0;
  await eachPost(files, readOptions, (r) => {
    const abs = files[i++] as string;
    const input = toInput(r, abs);
    if (config.generator === 'hugo' && isHeadless(input, prefixes)) input.headless = true;
    if (!isTarget || isTarget(abs)) for (const f of lintFile(input, active, oneFile)) findings.push(f);
    const fm = input.post?.frontMatter;
    inputs.push(slimForSite(input, keys, fm ? frontMatterOnDisk(fm.line, abs, config.generator) : null));
    absList.push(abs);
  });
  for (const f of lintSite(inputs, active, options)) findings.push(f);
  return { inputs, findings: sortFindings(findings), skipped: walk.skipped, abs: absList, files };
}

/** `blog lint`: every rule over the blog; findings for the targets. With `fix`, safe fixes first. */
export async function runLint(options: LintOptions): Promise<LintResult> {
  const config = resolveConfig(configRequest(options));
  const targets = options.paths.map((p) => {
    const abs = resolve(options.cwd, p);
    if (!existsSync(abs)) throw new UsageError(`${p}: no such file or folder`, { hint: 'in CI, pass only added and modified files (git diff --diff-filter=d)' });
    return statSync(abs).isDirectory() ? { dir: abs + sep } : { file: abs };
  });
  // Files named outside the blog are linted too; so are the posts of a folder named outside it
  // (one that neither is in a posts folder nor holds one: `blog lint .` at a site root means the site's posts).
  const roots = config.postDirs.map((d) => d + sep);
  const outside = targets.flatMap((t) => (t.dir && !roots.some((r) => r.startsWith(t.dir as string) || (t.dir as string).startsWith(r)) ? [t.dir] : []));
  const outsideFiles = outside.length ? (await findPostFiles(outside, { generator: config.generator, cwd: options.cwd })).files : [];
  const extraFiles = [...targets.flatMap((t) => (t.file && isPostName(t.file) ? [t.file] : [])), ...outsideFiles];
  const settings = settingsOf(config, options.now);
  const severities = config.lint.rules ?? {};
  // No paths named: every post is a target.
  const isTarget = targets.length === 0 ? undefined : (abs: string): boolean => targets.some((t) => (t.file ? t.file === abs : abs.startsWith(t.dir as string)));
  const index = indexFor(options.cacheDir, options.cwd, config);
  let linted = await lintBlog(config, options.cwd, extraFiles, { settings, severities }, isTarget, index);
  const fixed: FixedFile[] = [];
  if (options.fix) {
    const byFile = new Map<string, Finding[]>();
    const absOfPath = new Map(linted.inputs.map((input, k) => [input.path, linted.abs[k] as string]));
    for (const f of linted.findings) {
      const abs = absOfPath.get(f.path);
      if (f.fix && abs) byFile.set(abs, [...(byFile.get(abs) ?? []), f]);
    }
    for (const [abs, list] of byFile) {
      const changes = applyFixes(abs, list, config);
      if (changes.length) fixed.push({ path: (list[0] as Finding).path, changes });
    }
    // Lint again: what is left after the fixes.
    if (fixed.length) linted = await lintBlog(config, options.cwd, extraFiles, { settings, severities }, isTarget, index);
  }
  savePostIndex(index, linted.files);
  return {
    findings: linted.findings,
    files: isTarget ? linted.abs.filter(isTarget).length : linted.abs.length,
    fixed,
    skipped: linted.skipped,
    warnings: config.warnings,
    rules: effectiveSeverities({ severities, settings }),
  };
}

/** Apply one file's safe fixes through the lossless editor; returns what changed. */
function applyFixes(abs: string, findings: Finding[], config: ResolvedConfig): string[] {
  const tagRenames = new Map<string, string>();
  const catRenames = new Map<string, string>();
  let dedupe = false;
  let toList = false;
  for (const f of findings) {
    if (f.fix?.kind === 'rename-tag') tagRenames.set(f.fix.from, f.fix.to);
    else if (f.fix?.kind === 'rename-category') catRenames.set(f.fix.from, f.fix.to);
    else if (f.fix?.kind === 'dedupe-tags') dedupe = true;
    else if (f.fix?.kind === 'tags-to-list') toList = true;
  }
  const changes: string[] = [];
  const edits: ListChange[] = [];
  if (tagRenames.size || dedupe || toList) {
    edits.push({ field: 'tags', rename: (t) => tagRenames.get(t) ?? t, add: [], dedupe, toList });
    changes.push(...[...tagRenames].map(([a, b]) => `tag ${a} → ${b}`), ...(dedupe ? ['duplicate tags removed'] : []), ...(toList ? ['tags written as a list'] : []));
  }
  if (catRenames.size) {
    edits.push({ field: 'categories', rename: (t) => catRenames.get(t) ?? t, add: [], dedupe: true });
    changes.push(...[...catRenames].map(([a, b]) => `category ${a} → ${b}`));
  }
  let wrote = false;
  for (const change of edits) {
    const file = readPostFile(abs);
    const outcome = editPostList(file.text, config.generator, change);
    if (outcome.status !== 'changed') continue;
    writeFileAtomic(abs, replaceText(file, outcome.text), file.bytes);
    wrote = true;
  }
  return wrote ? changes : [];
}
