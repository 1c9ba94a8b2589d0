import { existsSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { configRequest, resolveConfig, type ResolvedConfig } from '../config.js';
import { editPostList, type ListChange } from '../core/edit.js';
import { lintInputs, markHeadless, effectiveSeverities } from '../core/lint/run.js';
import type { Finding, LintInput, LintSettings } from '../core/lint/types.js';
import { findPostFiles, isPostName, readPostFile, readPosts, replaceText, writeFileAtomic, type Skipped } from '../core/repository.js';
import { UsageError } from '../errors.js';

export interface LintOptions {
  cwd: string;
  dir?: string;
  config?: string;
  /** Files or folders to report on; all posts when empty. */
  paths: string[];
  fix?: boolean;
  now: Date;
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

/** Read every post of the blog (site-wide rules need them all) plus any target outside it. */
async function readInputs(config: ResolvedConfig, cwd: string, extra: string[]): Promise<{ inputs: LintInput[]; skipped: Skipped[]; abs: string[] }> {
  const walk = await findPostFiles(config.postDirs, { generator: config.generator, cwd });
  const known = new Set(walk.files);
  const files = [...walk.files, ...extra.filter((f) => !known.has(f))];
  const results = await readPosts(files, { cwd, generator: config.generator, keepSource: true, ...(config.timeZone === undefined ? {} : { timeZone: config.timeZone }) });
  const roots = config.postDirs.map((d) => d + sep);
  const inputs = results.map((r, i): LintInput => {
    const abs = files[i] as string;
    const root = roots.find((d) => abs.startsWith(d)) ?? config.postsDir + sep;
    const rel = abs.startsWith(root) ? abs.slice(root.length).split(sep).join('/') : relative(config.postsDir, abs).split(sep).join('/');
    return r.ok ? { path: r.post.path, rel, post: r.post } : { path: r.path, rel, problem: r.problem };
  });
  if (config.generator === 'hugo') markHeadless(inputs);
  return { inputs, skipped: walk.skipped, abs: files };
}

/** `blog lint`: every rule over the blog; findings for the targets. With `fix`, safe fixes first. */
export async function runLint(options: LintOptions): Promise<LintResult> {
  const config = resolveConfig(configRequest(options));
  const targets = options.paths.map((p) => {
    const abs = resolve(options.cwd, p);
    if (!existsSync(abs)) throw new UsageError(`${p}: no such file or folder`, { hint: 'in CI, pass only added and modified files (git diff --diff-filter=d)' });
    return statSync(abs).isDirectory() ? { dir: abs + sep } : { file: abs };
  });
  const extraFiles = targets.flatMap((t) => (t.file && isPostName(t.file) ? [t.file] : []));
  const settings = settingsOf(config, options.now);
  const severities = config.lint.rules ?? {};
  let { inputs, skipped, abs } = await readInputs(config, options.cwd, extraFiles);
  const absOf = new Map(inputs.map((input, i) => [input, abs[i] as string]));
  const isTarget = (input: LintInput): boolean => {
    if (targets.length === 0) return true;
    const a = absOf.get(input) ?? '';
    return targets.some((t) => (t.file ? t.file === a : a.startsWith(t.dir as string)));
  };
  let findings = lintInputs(inputs, { settings, severities, isTarget });
  const fixed: FixedFile[] = [];
  if (options.fix) {
    const byInput = new Map<LintInput, Finding[]>();
    const inputOf = new Map(inputs.map((i) => [i.path, i]));
    for (const f of findings) {
      const input = inputOf.get(f.path);
      if (f.fix && input) byInput.set(input, [...(byInput.get(input) ?? []), f]);
    }
    for (const [input, list] of byInput) {
      const file = absOf.get(input) as string;
      const changes = applyFixes(file, list, config);
      if (changes.length) fixed.push({ path: input.path, changes });
    }
    if (fixed.length) {
      // Lint again: what is left after the fixes.
      ({ inputs, skipped, abs } = await readInputs(config, options.cwd, extraFiles));
      absOf.clear();
      inputs.forEach((input, i) => absOf.set(input, abs[i] as string));
      findings = lintInputs(inputs, { settings, severities, isTarget });
    }
  }
  return {
    findings,
    files: inputs.filter(isTarget).length,
    fixed,
    skipped,
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
