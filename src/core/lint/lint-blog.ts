/**
 * `blog lint`: every rule over the blog, findings for the targets; with `fix`, the safe fixes
 * first, through the lossless editor and the careful writes.
 */
import { existsSync, lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { Blog, EntryList, ReadSummary } from '../blog.js';
import { compareDiagnostics, type Diagnostic } from '../diagnostic.js';
import { editPostList, type ListChange } from '../edit.js';
import { UsageError } from '../errors.js';
import { readPostFile, replaceText } from '../fs/read.js';
import { lockBlog } from '../fs/lock.js';
import { replaceFile, WriteRefused } from '../fs/write.js';
import { isPostName, pageKind, walkPosts } from '../fs/walk.js';
import { isInside, noSuchPath } from '../fs/paths.js';
import type { PostFilter } from '../select.js';
import { activeRules, effectiveSeverities, headlessPrefixes, isIndexPath, lintSite, type SiteFacts } from './run.js';
import { lintInput, lintTask, targetTest } from './task.js';
import type { LintInput, LintSettings, RuleSeverity } from './types.js';

export interface LintOptions {
  /** Files or folders to report on; all posts when empty. */
  paths: string[];
  fix?: boolean;
  now: Date;
  /** Only posts that pass this filter are reported on. */
  filter?: PostFilter;
  /** Severities from the command line (`--rule id=off`), over the config's. */
  rules?: Record<string, RuleSeverity>;
  /** Told when the write lock is held by another process and lint --fix waits for it. */
  onWait?: (holder: string) => void;
}

export interface FixedFile {
  path: string;
  /** What changed, in words: `chatgpt → ChatGPT`, `duplicate tags removed`, `tags as a list`. */
  changes: string[];
}

export interface LintResult extends ReadSummary {
  findings: Diagnostic[];
  fixed: FixedFile[];
  /** Files lint --fix could not write (left as they were). */
  notFixed: Diagnostic[];
  /** Files named that are not posts (pages, READMEs): not linted. */
  notPosts: Diagnostic[];
  rules: Record<string, RuleSeverity>;
}

function settingsOf(blog: Blog, now: Date): LintSettings {
  const config = blog.config;
  return {
    generator: config.generator,
    required: config.lint.required ?? (config.generator === 'hugo' ? ['title'] : ['title', 'date']),
    ...(config.lint.allowedTags ? { allowedTags: config.lint.allowedTags } : {}),
    ...(config.lint.allowedKeys ? { allowedKeys: config.lint.allowedKeys } : {}),
    now: now.getTime(),
    future: config.future,
    ...(config.timeZone === undefined ? {} : { timeZone: config.timeZone }),
  };
}

interface Target {
  file?: string;
  dir?: string;
}

/** `blog lint`: every rule over the blog; findings for the targets. With `fix`, safe fixes first. */
export async function lintBlog(blog: Blog, options: LintOptions): Promise<LintResult> {
  const config = blog.config;
  const targets: Target[] = options.paths.map((p) => {
    if (p.trim() === '') throw new UsageError('lint: a path cannot be empty');
    const abs = resolve(blog.cwd, p);
    if (!existsSync(abs)) throw noSuchPath(p, 'in CI, pass only added and modified files: git diff --diff-filter=d');
    return statSync(abs).isDirectory() ? { dir: abs + sep } : { file: abs };
  });
  // Files named outside the blog are linted too; so are the posts of a folder named outside it
  // (one that neither is in a posts folder nor holds one: `blog lint .` at a site root means the site's posts).
  const roots = config.postDirs.map((d) => d + sep);
  const outside = targets.flatMap((t) => (t.dir && !roots.some((r) => r.startsWith(t.dir as string) || (t.dir as string).startsWith(r)) ? [t.dir] : []));
  const outsideFiles = outside.length ? Array.from(walkPosts(outside, { generator: config.generator, cwd: blog.cwd, allowed: outside.map((d) => d.slice(0, -1)) }).entries, (e) => e.abs) : [];
  const notPosts: Diagnostic[] = [];
  const refusedNamed: Diagnostic[] = [];
  const named: string[] = [];
  const found = foundPaths(blog);
  for (const t of targets) {
    if (!t.file) continue;
    const name = t.file.slice(t.file.lastIndexOf(sep) + 1);
    const page = pageKind(name, config.generator);
    if (!isPostName(name)) {
      notPosts.push({ path: displayOf(blog, t.file), line: 0, col: 0, severity: 'note', rule: 'not-a-post', message: 'not a Markdown post (.md or .markdown); not linted' });
      continue;
    }
    // One the walk skipped (a link out of the blog, a FIFO) is reported as the walk skipped it, and not read.
    if (found().skipped.has(displayOf(blog, t.file))) continue;
    const refused = refusedFile(blog, t.file);
    // An error, as the walk's own skip of such a link is: a pull request that adds one fails the check.
    if (refused) refusedNamed.push({ path: displayOf(blog, t.file), line: 1, col: 1, severity: 'error', rule: 'front-matter-unreadable', message: refused, hint: 'move the file into the blog, or lint it where it is' });
    else if (page || isNotPostPath(blog, t.file, found)) notPosts.push({ path: displayOf(blog, t.file), line: 0, col: 0, severity: 'note', rule: 'not-a-post', message: `${page ?? notPostReason(blog, t.file)}; not linted` });
    else named.push(t.file);
  }
  const extra = [...named, ...outsideFiles];
  const severities = { ...(config.lint.rules ?? {}), ...(options.rules ?? {}) };
  const settings = settingsOf(blog, options.now);
  // No paths named: every post is a target.
  const targetPaths = targets.length === 0 ? null : targets.map((t) => (t.file ?? t.dir) as string);
  let linted = await lintOnce(blog, extra, { settings, severities }, targetPaths, options.filter);
  const fixed: FixedFile[] = [];
  const notFixed: Diagnostic[] = [];
  if (options.fix) {
    const lock = lockBlog(blog.writeFolders(), 'blog lint --fix', options.onWait ? { onWait: options.onWait } : {});
    try {
      const byFile = new Map<string, Diagnostic[]>();
      const absOf = new Map(Array.from(linted.entries, (e) => [e.path, e.abs]));
      for (const f of linted.findings) {
        const abs = absOf.get(f.path);
        if (f.fix && abs) {
          const list = byFile.get(abs);
          if (list) list.push(f);
          else byFile.set(abs, [f]);
        }
      }
      for (const [abs, list] of byFile) {
        const path = (list[0] as Diagnostic).path;
        try {
          const { changes, skipped } = applyFixes(abs, path, list, blog);
          if (changes.length) fixed.push({ path, changes });
          notFixed.push(...skipped);
        } catch (e) {
          if (!(e instanceof WriteRefused)) throw e;
          notFixed.push({ path, line: 0, col: 0, severity: 'warning', rule: e.rule, message: e.message });
        }
      }
    } finally {
      lock.release();
    }
    // Lint again: what is left after the fixes.
    if (fixed.length) linted = await lintOnce(blog.fresh(), extra, { settings, severities }, targetPaths, options.filter);
    // What --fix tried and could not do is not "fixable with --fix" any more (an alias, a read-only file).
    if (notFixed.length) {
      const refused = new Set(notFixed.map((d) => d.path));
      for (const f of linted.findings) if (f.fix && refused.has(f.path)) delete f.fix;
    }
  }
  return {
    files: linted.reported,
    // Skipped posts that are errors are findings; only the warnings are left to print.
    skipped: linted.summary.skipped.filter((s) => s.severity !== 'error'),
    errors: linted.summary.errors,
    findings: refusedNamed.length ? [...linted.findings, ...refusedNamed].sort(compareDiagnostics) : linted.findings,
    fixed,
    notFixed,
    notPosts: notPosts.sort(compareDiagnostics),
    rules: effectiveSeverities({ severities, settings }),
  };
}

function displayOf(blog: Blog, abs: string): string {
  const rel = abs.startsWith(blog.cwd + sep) ? abs.slice(blog.cwd.length + 1) : abs;
  return rel.split(sep).join('/');
}

/**
 * A file the blog does not take for a post: in the posts folder but left out by the walk (a `_`
 * name in Hexo or Jekyll, an ignored path), or in a Hexo or Jekyll site outside its posts and
 * drafts folders (a page, such as source/about/index.md).
 */
function isNotPostPath(blog: Blog, abs: string, found: () => { walked: Set<string>; skipped: Set<string> }): boolean {
  const config = blog.config;
  if (config.postDirs.some((d) => abs.startsWith(d + sep))) {
    const { walked, skipped } = found();
    return !walked.has(abs) && !skipped.has(displayOf(blog, abs));
  }
  const site = config.site;
  return site !== undefined && site.generator !== 'hugo' && abs.startsWith(site.root + sep) && !(config.draftsDir !== undefined && abs.startsWith(config.draftsDir + sep));
}

/**
 * The files the walk found (absolute) and the paths it skipped (as shown), made once when first
 * asked for: looked up for each file named on the command line, a scan of the walk each time
 * made `lint` of 3,000 named files in a blog of 30,000 take 10.9 s (1.2 s for the whole blog).
 */
function foundPaths(blog: Blog): () => { walked: Set<string>; skipped: Set<string> } {
  let found: { walked: Set<string>; skipped: Set<string> } | undefined;
  return () => (found ??= { walked: new Set(Array.from(blog.walk().entries, (e) => e.abs)), skipped: new Set(blog.walk().skipped.map((s) => s.path)) });
}

/**
 * Why a file named on the command line is not read, as the walk would skip it: a symbolic link
 * to a file outside the blog (a pull request that adds `posts/x.md -> /etc/...` names it to the
 * CI's lint, which printed the file's values in annotations), or not a regular file (a FIFO
 * would block, /dev/zero be read). A plain file named outside the blog is the user's choice and is read.
 */
function refusedFile(blog: Blog, abs: string): string | undefined {
  let real: string;
  let st: Stats;
  try {
    st = statSync(abs);
    real = realpathSync(abs);
  } catch {
    return 'cannot be read (a symbolic link to a missing file?); not linted';
  }
  // A link anywhere on the way (the file, or a folder it is in) that leads out of the blog.
  if (real !== abs && !blog.config.allowed.some((a) => isInside(a, real)) && (lstatSync(abs).isSymbolicLink() || blog.config.allowed.some((a) => isInside(a, abs)))) {
    return `symbolic link to a file outside the blog (${real}); not followed`;
  }
  if (!st.isFile()) return 'not a regular file (FIFO, socket or device); not linted';
  return undefined;
}

function notPostReason(blog: Blog, abs: string): string {
  const config = blog.config;
  const name = abs.slice(abs.lastIndexOf(sep) + 1);
  const generator = config.generator === 'hexo' ? 'Hexo' : 'Jekyll';
  if (!config.postDirs.some((d) => abs.startsWith(d + sep))) return `a page of the ${generator} site (outside ${displayOf(blog, config.postsDir)}), not a post`;
  if (name.startsWith('_')) return `a file whose name starts with "_", which ${generator} does not publish as a post`;
  return 'left out of the blog by the "ignore" setting';
}

interface Linted {
  findings: Diagnostic[];
  summary: ReadSummary;
  /** Files reported on. */
  reported: number;
  /** The files read, in order. */
  entries: EntryList;
}

/**
 * One pass: read every post (site-wide rules need them all) plus the extra files, on several
 * threads when the blog is big. The one-file rules run where each post is read, and only the
 * facts the site-wide rules need are kept; those rules read again the few posts they report on.
 */
async function lintOnce(blog: Blog, extra: string[], run: { settings: LintSettings; severities: Record<string, RuleSeverity> }, targets: string[] | null, filter: PostFilter | undefined): Promise<Linted> {
  const config = blog.config;
  // Hugo: which sections are never rendered is said by their index pages; read those first.
  let headless: string[] | null = null;
  if (config.generator === 'hugo') {
    const indexes: LintInput[] = [];
    const pages = Array.from(blog.entries({ pages: true })).filter((e) => isIndexPath(e.rel));
    const wanted = new Set(pages.map((e) => e.abs));
    blog.read({ pages: true, scope: [...wanted] }, (item) => {
      if (wanted.has(item.entry.abs)) indexes.push(lintInput(item, null));
    });
    headless = headlessPrefixes(indexes);
  }
  const active = activeRules(run);
  const findings: Diagnostic[] = [];
  const site: SiteFacts[] = [];
  const isTarget: number[] = [];
  const { entries, ...summary } = await blog.map(lintTask, { ...run, targets, filter: filter ?? null, headless }, { extra, keepSource: true }, (chunk) => {
    for (const f of chunk.findings) findings.push(f);
    for (const t of chunk.targets) isTarget.push(t);
    site.push(chunk.site);
  });
  // The posts the site-wide rules report on, read again (once each) to locate what they found.
  const readAgain = new Map<number, LintInput>();
  const again = (ordinal: number): LintInput => {
    let input = readAgain.get(ordinal);
    if (!input) readAgain.set(ordinal, (input = lintInput(blog.readEntry(entries.at(ordinal), { keepSource: true }), headless)));
    return input;
  };
  for (const f of lintSite(site, active, run.settings, again, (ordinal) => isTarget[ordinal] === 1, (ordinal) => entries.at(ordinal).path)) findings.push(f);
  // Posts the walk could not read (a FIFO, a link out of the blog, a folder that cannot be read)
  // are findings too: in CI a post that was never checked must not pass.
  const unread = active.find((a) => a.rule.id === 'front-matter-unreadable');
  if (unread) {
    const named = targetTest(targets);
    for (const d of [...summary.skipped.filter((s) => s.severity === 'error'), ...blog.walk().errors]) {
      if (!named(resolve(blog.cwd, d.path))) continue;
      findings.push({ ...d, line: 1, col: 1, rule: unread.rule.id, severity: unread.severity });
    }
  }
  let reported = 0;
  for (const t of isTarget) reported += t;
  return { findings: findings.sort(compareDiagnostics), summary, reported, entries };
}

/**
 * Apply one file's safe fixes through the lossless editor: what each edit written changed, and
 * why an edit could not be made (a `cannot-edit` warning). Throws WriteRefused.
 */
function applyFixes(abs: string, path: string, findings: Diagnostic[], blog: Blog): { changes: string[]; skipped: Diagnostic[] } {
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
  const edits: { change: ListChange; says: string[] }[] = [];
  if (tagRenames.size || dedupe || toList) {
    edits.push({
      change: { field: 'tags', rename: (t) => tagRenames.get(t) ?? t, add: [], dedupe, toList },
      says: [...[...tagRenames].map(([a, b]) => `tag ${a} → ${b}`), ...(dedupe ? ['duplicate tags removed'] : []), ...(toList ? ['tags written as a list'] : [])],
    });
  }
  if (catRenames.size) {
    edits.push({ change: { field: 'categories', rename: (t) => catRenames.get(t) ?? t, add: [], dedupe: true }, says: [...catRenames].map(([a, b]) => `category ${a} → ${b}`) });
  }
  // Each edit says what it changed only if it was written: a tags list the editor cannot change
  // (an alias) must not be reported fixed because the categories next to it were.
  const changes: string[] = [];
  const skipped: Diagnostic[] = [];
  for (const { change, says } of edits) {
    const file = readPostFile(abs);
    const outcome = editPostList(file.text, blog.config.generator, change);
    if (outcome.status === 'skipped') skipped.push({ path, line: outcome.line, col: outcome.col, severity: 'warning', rule: 'cannot-edit', message: `${change.field}: ${outcome.reason}` });
    if (outcome.status !== 'changed') continue;
    replaceFile(abs, replaceText(file, outcome.text), file.bytes, { allowed: blog.config.allowed }).settle();
    changes.push(...says);
  }
  return { changes, skipped };
}
