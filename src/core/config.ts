/**
 * Finding the blog: our config file, or a Hexo/Jekyll/Hugo site, and its posts folder.
 * Defaults < config file < flags actually passed. A config comes with the blog, so it is
 * untrusted: every folder it names must stay inside the folder that holds it.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, UsageError } from './errors.js';
import { isValidTimeZone } from './dates.js';
import type { Generator } from './front-matter/fences.js';
import { estimateNestingDepth, LIMITS, nestedDeeperThan } from './front-matter/data.js';
import { readSmallFile, realPath, resolveInside } from './fs/paths.js';
import type { RuleSeverity } from './lint/types.js';
import { RULE_IDS } from './lint/ids.js';
import { suggestNames } from './select.js';
import { findSite, isDir, parseConfigYaml, untrusted, type Site } from './site.js';

export const CONFIG_NAMES = ['blog.config.json', 'blog.config.yaml', 'blog.config.yml'] as const;
/**
 * Every key a config file may have, and every key of its "lint" object. The validator's switches
 * must handle each one (checked by the compiler); schema/blog.config.schema.json is tested against them.
 */
export const CONFIG_KEYS = ['$schema', 'posts', 'drafts', 'generator', 'timezone', 'newPostName', 'slug', 'dateFormat', 'scaffolds', 'ignore', 'lint'] as const;
export const LINT_KEYS = ['rules', 'required', 'allowedTags', 'allowedKeys'] as const;
const GENERATORS: readonly Generator[] = ['hexo', 'jekyll', 'hugo', 'generic'];

export type SlugPolicy = 'unicode' | 'ascii';

/** The config file's contents, validated. */
export interface ConfigFile {
  posts?: string;
  drafts?: string;
  generator?: Generator;
  timezone?: string;
  /** File name pattern for `blog new`, as Hexo's `new_post_name` (`:year-:month-:day-:title.md`). */
  newPostName?: string;
  slug?: SlugPolicy;
  /** How `blog new` writes dates: tokens YYYY MM DD HH mm ss. */
  dateFormat?: string;
  /** Folder of templates (Hexo's `scaffolds/`). */
  scaffolds?: string;
  /** Glob patterns (relative to the posts or drafts folder) of Markdown files that are not posts. */
  ignore?: string[];
  lint?: LintConfig;
}

export interface LintConfig {
  /** Severity per rule id. */
  rules?: Record<string, RuleSeverity>;
  required?: string[];
  allowedTags?: string[];
  allowedKeys?: string[];
}

export const DATE_FORMAT = 'YYYY-MM-DD HH:mm:ss';

export interface ResolvedConfig {
  /** The config file used, if any. */
  file: string | null;
  /** The site found (Hexo, Jekyll, Hugo), if any. */
  site: Site | undefined;
  generator: Generator;
  /** The folder the blog is: the site root, the config file's folder, or the posts folder. */
  root: string;
  /** Real paths of the folders blog may read and write in (symbolic links leading elsewhere are not followed). */
  allowed: string[];
  /** Folders to read posts from (absolute): the posts folder, then a drafts folder if any. */
  postDirs: string[];
  postsDir: string;
  /** IANA timezone for dates without an offset; undefined: the machine's. */
  timeZone: string | undefined;
  timeZoneSource: 'config' | 'site' | 'machine';
  /** Drafts folder for new drafts, if the blog has one. */
  draftsDir: string | undefined;
  newPostName: string;
  /** Where newPostName came from, to name it in errors: `newPostName` or `new_post_name`. */
  newPostNameSetting: string;
  slug: SlugPolicy;
  dateFormat: string;
  /** Templates folder (Hexo scaffolds, Hugo archetypes), if there is one. */
  scaffoldsDir: string | undefined;
  /** Why the site's templates folder cannot be used (see Site): reading a template stops with it. */
  templatesRefused?: { message: string; hint: string } | undefined;
  /** The config's `ignore` patterns. */
  ignore: string[];
  /** Whether posts dated in the future are published (Hexo's and Jekyll's `future`). */
  future: boolean;
  /** Hexo's filename_case. */
  filenameCase: 0 | 1 | 2;
  lint: LintConfig;
  warnings: string[];
}

export interface ConfigRequest {
  cwd: string;
  /** `--dir`: the posts folder, or a site root. */
  dir?: string;
  /** `--config`: this config file instead of searching for one. */
  config?: string;
}

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** A key in a list whose switch has no case for it: the compiler reports it here. */
function assertHandled(key: never): never {
  throw new Error(`config key ${String(key)} is listed but not validated`);
}

/** The config request of a command's options (`--dir`, `--config`). */
export function configRequest(options: { cwd: string; dir?: string | undefined; config?: string | undefined }): ConfigRequest {
  return { cwd: options.cwd, ...(options.dir === undefined ? {} : { dir: options.dir }), ...(options.config === undefined ? {} : { config: options.config }) };
}

/** A folder named by the config file: it must stay inside the config file's folder. */
function configFolder(file: string, key: string, value: string): string {
  const inside = resolveInside(dirname(file), value);
  if (!inside.ok) throw new ConfigError(file, `"${key}": ${JSON.stringify(value.slice(0, 200))} ${inside.reason}`, { hint: `set "${key}" to a folder inside ${dirname(file)}` });
  return inside.abs;
}

/**
 * Check a new-post file name pattern (our `newPostName`, Hexo's `new_post_name`): relative, no
 * `..`, `.` or hidden parts, so that the file lands inside the posts folder and is listed.
 */
export function checkNewPostName(pattern: string): string | undefined {
  if (pattern.length > 512) return 'is too long';
  if (/[\0\\]/.test(pattern) || /[\u0000-\u001f\u007f]/.test(pattern)) return 'contains a backslash or a control character';
  if (pattern.startsWith('/') || /^[A-Za-z]:/.test(pattern)) return 'is an absolute path; it must be a file name relative to the posts folder';
  const parts = pattern.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return 'has an empty, "." or ".." part; it must stay inside the posts folder';
  if (parts.some((p) => p.startsWith('.'))) return 'makes a hidden file or folder (a part starts with "."), which blog would never list';
  if (!/\.(md|markdown)$/.test(pattern)) return 'must end in .md or .markdown';
  return undefined;
}

/** Resolve where the posts are and how to read them. Throws ConfigError / UsageError. */
export function resolveConfig(request: ConfigRequest): ResolvedConfig {
  const warnings: string[] = [];
  if (request.dir !== undefined && request.dir.trim() === '') throw new UsageError('--dir: expected a folder, got an empty value');
  if (request.config !== undefined && request.config.trim() === '') throw new UsageError('--config: expected a file, got an empty value');
  const dirArg = request.dir === undefined ? undefined : resolve(request.cwd, request.dir);
  if (dirArg !== undefined && !isDir(dirArg)) {
    throw new UsageError(`--dir ${request.dir}: ${existsSync(dirArg) ? 'not a folder' : 'no such folder'}`, { hint: 'pass the folder that holds your posts, or your site root' });
  }
  // The blog being worked on decides: search from --dir when given, else from the current folder.
  let found: string | undefined;
  if (request.config !== undefined) {
    found = resolve(request.cwd, request.config);
    if (!existsSync(found)) throw new UsageError(`--config ${request.config}: no such file`);
  }
  const start = dirArg ?? (found ? dirname(found) : request.cwd);
  found ??= findConfigFile(start, warnings, dirArg);
  const file = found ? readConfigFile(found, warnings, request.config !== undefined) : undefined;
  const site = findSite(start, warnings, dirArg);

  let postsDir: string;
  let draftsDir: string | undefined;
  let root: string;
  if (dirArg !== undefined) {
    // Named on the command line by the user: trusted, wherever it is.
    // A Hexo site's source folder (`--dir source`) is that site too: read as a posts folder, its
    // `_posts` and `_drafts` were skipped as `_` names and lint checked 0 files, exit 0.
    const siteHere = site && (site.root === dirArg || (site.generator === 'hexo' && dirname(site.postsDir) === dirArg)) ? site : undefined;
    postsDir = siteHere ? siteHere.postsDir : dirArg;
    draftsDir = siteHere?.draftsDir;
    root = siteHere ? siteHere.root : site && isInsideDir(site.root, dirArg) ? site.root : found && isInsideDir(dirname(found), dirArg) ? dirname(found) : dirArg;
  } else if (found && file?.posts !== undefined) {
    postsDir = configFolder(found, 'posts', file.posts);
    if (!isDir(postsDir)) throw new ConfigError(found, `"posts": folder ${file.posts} does not exist`, { hint: 'set "posts" to the folder that holds your posts' });
    root = dirname(found);
  } else if (site) {
    postsDir = site.postsDir;
    draftsDir = site.draftsDir;
    root = site.root;
  } else if (isDir(join(request.cwd, 'posts'))) {
    postsDir = join(request.cwd, 'posts');
    // The blog is the folder that holds ./posts: a ./posts that links elsewhere is not in it.
    root = found ? dirname(found) : request.cwd;
  } else {
    // A site that was found but not trusted is why, more often than not: say so.
    const ignored = warnings.find((w) => w.includes(' is not used: '));
    throw new UsageError('no posts folder found here', {
      hint: ignored ?? 'pass --dir <folder>, run blog in a Hexo, Jekyll or Hugo site, or create blog.config.json with {"posts": "<folder>"}',
    });
  }
  if (found && file?.drafts !== undefined) draftsDir = configFolder(found, 'drafts', file.drafts);

  // A posts folder that is a link out of the blog is only read when named with --dir itself: a
  // site's own `_posts`, `source` or `content` under a --dir site root is checked like any other.
  const realRoot = realPath(root) ?? root;
  const realPosts = realPath(postsDir) ?? postsDir;
  if (postsDir !== dirArg && !isInsideDir(realRoot, realPosts)) {
    // Outside because of a link, or simply outside the folder of the config (`--config` of a file elsewhere).
    const why = realPosts !== postsDir ? `is a symbolic link to ${realPosts}, outside the blog` : `is outside the blog (the folder ${root})`;
    throw new ConfigError(site && !found ? site.configFile : (found ?? root), `the posts folder ${postsDir} ${why}`, { hint: `pass --dir ${realPosts} to use it anyway` });
  }

  // A folder of Hugo content copied out of its site still has its section pages.
  const generator: Generator = file?.generator ?? site?.generator ?? (existsSync(join(postsDir, '_index.md')) ? 'hugo' : 'generic');
  let timeZone: string | undefined;
  let timeZoneSource: ResolvedConfig['timeZoneSource'] = 'machine';
  if (file?.timezone !== undefined) {
    timeZone = file.timezone;
    timeZoneSource = 'config';
  } else if (typeof site?.timeZone === 'string' && site.timeZone.trim() !== '') {
    if (isValidTimeZone(site.timeZone.trim())) {
      timeZone = site.timeZone.trim();
      timeZoneSource = 'site';
    } else {
      warnings.push(`${site.configFile}: site timezone ${JSON.stringify(site.timeZone.slice(0, 80))} is not a known IANA timezone; using the machine's`);
    }
  }
  const postDirs = draftsDir !== undefined && draftsDir !== postsDir && isDir(draftsDir) ? [postsDir, draftsDir] : [postsDir];
  let newPostName: string;
  let newPostNameSetting: string;
  if (file?.newPostName !== undefined) {
    newPostName = file.newPostName;
    newPostNameSetting = `"newPostName" in ${found}`;
  } else if (site?.newPostName !== undefined && site.newPostName !== null && !(typeof site.newPostName === 'string' && site.newPostName.trim() === '')) {
    newPostNameSetting = `new_post_name in ${site.configFile}`;
    if (typeof site.newPostName !== 'string') throw new ConfigError(site.configFile, `new_post_name: expected a file name pattern such as ":title.md", got ${JSON.stringify(site.newPostName)?.slice(0, 80)}`);
    newPostName = site.newPostName;
    const bad = checkNewPostName(newPostName);
    if (bad) throw new ConfigError(site.configFile, `new_post_name ${JSON.stringify(newPostName.slice(0, 200))} ${bad}`, { hint: 'use a pattern such as ":year-:month-:day-:title.md"' });
  } else {
    newPostName = generator === 'jekyll' ? ':year-:month-:day-:title.md' : ':title.md';
    newPostNameSetting = 'the default file name pattern';
  }
  const scaffoldsDir = found && file?.scaffolds !== undefined ? configFolder(found, 'scaffolds', file.scaffolds) : site?.templatesDir;
  // Hexo and Jekyll have a drafts folder whether or not it exists yet (the first draft makes it).
  const drafts = postDirs[1] ?? (site && site.postsDir === postsDir && (site.generator === 'hexo' || site.generator === 'jekyll') ? site.draftsDir : undefined) ?? (isDir(join(postsDir, '_drafts')) ? join(postsDir, '_drafts') : undefined);
  // The drafts folder comes from the blog (a cloned one, too): a link out of it is never read or
  // written, even under a folder named with --dir (only that folder itself may be anywhere).
  const realDrafts = drafts === undefined ? undefined : realPath(drafts);
  if (drafts !== undefined && realDrafts !== undefined && !isInsideDir(realRoot, realDrafts) && !isInsideDir(realPosts, realDrafts)) {
    const why = realDrafts !== drafts ? `is a symbolic link to ${realDrafts}, outside the blog` : `is outside the blog (the folder ${root})`;
    throw new ConfigError(site && !found ? site.configFile : (found ?? root), `the drafts folder ${drafts} ${why}`, { hint: 'make it a folder inside the blog, or remove the link' });
  }
  const allowed = [...new Set([realRoot, realPosts, ...postDirs.map((d) => realPath(d) ?? d)])];
  return {
    file: found ?? null,
    site,
    generator,
    root,
    allowed,
    postDirs,
    postsDir,
    timeZone,
    timeZoneSource,
    draftsDir: drafts,
    newPostName,
    newPostNameSetting,
    slug: file?.slug ?? 'unicode',
    dateFormat: file?.dateFormat ?? DATE_FORMAT,
    scaffoldsDir,
    templatesRefused: found && file?.scaffolds !== undefined ? undefined : site?.templatesRefused,
    ignore: file?.ignore ?? [],
    // Hexo publishes posts dated in the future by default; Jekyll and Hugo do not.
    future: site?.future ?? generator === 'hexo',
    filenameCase: site?.filenameCase ?? 0,
    lint: file?.lint ?? {},
    warnings,
  };
}

function isInsideDir(root: string, abs: string): boolean {
  return abs === root || abs.startsWith(root.endsWith('/') ? root : `${root}/`);
}

/** The config file at or above `start`; one in `named` (the folder given with --dir) is used even where an untrusted one is not (see findSite). */
function findConfigFile(start: string, warnings: string[], named?: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const here = CONFIG_NAMES.map((name) => join(dir, name)).filter((p) => existsSync(p));
    if (here.length > 1) {
      throw new ConfigError(here[0] as string, `more than one config file in ${dir} (${here.map((p) => p.slice(dir.length + 1)).join(', ')})`, { hint: 'keep one of them' });
    }
    if (here[0]) {
      const why = dir === named ? undefined : untrusted(here[0]);
      if (!why) return here[0];
      warnings.push(`${here[0]} is not used: ${why}; pass --config ${here[0]} to use it`);
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** Read and validate a config file. */
export function readConfigFile(file: string, warnings: string[], named = false): ConfigFile {
  let text: string;
  try {
    // Found in the blog (a cloned one, too): a regular file inside the folder that holds it.
    // Named with --config: wherever the user says, but still a small regular file.
    text = readSmallFile(file, named ? undefined : dirname(file));
  } catch (e) {
    throw new ConfigError(file, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  // A config is a handful of settings: one nested deeper than front matter may be is refused
  // before a parser (or a message quoting a value) recurses into it.
  const tooDeep = (): ConfigError => new ConfigError(file, `nested more than ${LIMITS.maxDepth} levels deep`, { hint: 'a config holds a few settings; see the README' });
  if (estimateNestingDepth(text).depth > LIMITS.maxDepth) throw tooDeep();
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : parseConfigYaml(text, file, warnings, true);
  } catch (e) {
    const message = (e as Error).message.split('\n')[0] as string;
    throw new ConfigError(file, file.endsWith('.json') ? jsonError(text, message) : `not valid YAML: ${message}`);
  }
  if (nestedDeeperThan(raw, LIMITS.maxDepth)) throw tooDeep();
  return validateConfig(raw ?? {}, file, warnings);
}

/**
 * JSON.parse's message with its place as a line and column, as post errors give it ("in JSON at
 * position 18" told a user to count characters).
 */
function jsonError(text: string, message: string): string {
  const at = /\s*(?:in|after) JSON at position (\d+)(?: \(line \d+ column \d+\))?/.exec(message);
  if (!at) return `not valid JSON: ${message}`;
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  // In characters (code points), as an editor counts them: an emoji is one.
  const col = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
  return `not valid JSON at line ${line}, column ${col}: ${message.slice(0, at.index)}${message.slice(at.index + at[0].length)}`;
}

/** A folder or file name of a glob with three or more `*` (a `**` of its own is not one). */
const SLOW_GLOB = /(?:^|\/)(?!\*\*(?:\/|$))[^/]*\*[^/]*\*[^/]*\*/;

/** Check a parsed config object; unknown keys are warnings so that older versions can read newer files. */
export function validateConfig(raw: unknown, file: string, warnings: string[]): ConfigFile {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(file, 'expected an object of settings, such as {"posts": "source/_posts"}');
  }
  const config: ConfigFile = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!isOneOf(CONFIG_KEYS, key)) {
      warnings.push(`${file}: unknown setting "${key}" is ignored`);
      continue;
    }
    const expect = (what: string): never => {
      throw new ConfigError(file, `"${key}": expected ${what}, got ${JSON.stringify(value)?.slice(0, 80)}`);
    };
    switch (key) {
      case '$schema':
        // Only editors read it; it must still be the schema's path or URL.
        if (typeof value !== 'string') expect('the path or URL of the config schema');
        break;
      case 'posts':
      case 'drafts':
        if (typeof value !== 'string' || value.trim() === '') expect('a folder path');
        config[key] = value as string;
        break;
      case 'generator':
        if (typeof value !== 'string' || !GENERATORS.includes(value as Generator)) expect(`one of ${GENERATORS.map((g) => `"${g}"`).join(', ')}`);
        config.generator = value as Generator;
        break;
      case 'timezone':
        if (typeof value !== 'string' || !isValidTimeZone(value)) expect('an IANA timezone name such as "Asia/Shanghai" or "UTC"');
        config.timezone = value as string;
        break;
      case 'newPostName': {
        if (typeof value !== 'string' || !value.includes(':title') || !/\.(md|markdown)$/.test(value)) expect('a file name pattern with :title ending in .md, such as ":year-:month-:day-:title.md"');
        const bad = checkNewPostName(value as string);
        if (bad) throw new ConfigError(file, `"newPostName": ${JSON.stringify((value as string).slice(0, 200))} ${bad}`);
        config.newPostName = value as string;
        break;
      }
      case 'ignore': {
        if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.trim() !== '')) expect('a list of glob patterns such as ["archive/**", "**/README.md"]');
        // A glob becomes a regular expression; three or more `*` in one folder or file name
        // make it backtrack for minutes on a long name (a cloned blog's config is untrusted).
        const slow = (value as string[]).find((v) => v.length > 1000 || SLOW_GLOB.test(v));
        if (slow !== undefined) throw new ConfigError(file, `"ignore": ${JSON.stringify(slow.slice(0, 80))}: at most two * in one folder or file name (and 1,000 characters)`, { hint: 'use ** for any folders, or a simpler pattern' });
        config.ignore = value as string[];
        break;
      }
      case 'slug':
        if (value !== 'unicode' && value !== 'ascii') expect('"unicode" (keep every script, as Hexo does) or "ascii"');
        config.slug = value as SlugPolicy;
        break;
      case 'dateFormat':
        if (typeof value !== 'string' || !/^YYYY.MM.DD( HH:mm(:ss)?)?$/.test(value) || !/^YYYY([-/])MM\1DD/.test(value)) expect('"YYYY-MM-DD HH:mm:ss", "YYYY-MM-DD HH:mm", "YYYY-MM-DD" or the same with "/"');
        config.dateFormat = value as string;
        break;
      case 'lint':
        config.lint = validateLint(value, file, warnings);
        break;
      case 'scaffolds':
        if (typeof value !== 'string' || value.trim() === '') expect('a folder path');
        config.scaffolds = value as string;
        break;
      default:
        assertHandled(key);
    }
  }
  return config;
}

/** Severity names a config may give a rule: "warning" is read as "warn" (the word lint prints). */
export const SEVERITY_NAMES = ['error', 'warn', 'warning', 'off'] as const;
const SEVERITY_OF: Record<(typeof SEVERITY_NAMES)[number], RuleSeverity> = { error: 'error', warn: 'warn', warning: 'warn', off: 'off' };

function validateLint(raw: unknown, file: string, warnings: string[]): LintConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(file, `"lint": expected an object such as {"rules": {"date-in-future": "error"}}, got ${JSON.stringify(raw)}`);
  const out: LintConfig = {};
  const ids: readonly string[] = RULE_IDS;
  for (const [key, value] of Object.entries(raw)) {
    if (!isOneOf(LINT_KEYS, key)) {
      warnings.push(`${file}: unknown setting "lint.${key}" is ignored`);
      continue;
    }
    const where = `"lint.${key}"`;
    const strings = (): string[] => {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.trim() !== '')) throw new ConfigError(file, `${where}: expected a list of names, got ${JSON.stringify(value)}`);
      return value as string[];
    };
    switch (key) {
      case 'rules': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(file, `${where}: expected an object of rule ids to "error", "warn" or "off"`);
        const rules: Record<string, RuleSeverity> = {};
        for (const [id, sev] of Object.entries(value)) {
          if (!ids.includes(id)) {
            const close = suggestNames(id, new Map(ids.map((i) => [i, 1])), 1);
            throw new ConfigError(file, `"lint.rules.${id}": no such rule${close.length ? ` (did you mean "${close[0]}"?)` : ''}; rules: ${ids.join(', ')}`);
          }
          if (typeof sev !== 'string' || !isOneOf(SEVERITY_NAMES, sev)) throw new ConfigError(file, `"lint.rules.${id}": expected "error", "warning" (or "warn") or "off", got ${JSON.stringify(sev)?.slice(0, 80)}`);
          rules[id] = SEVERITY_OF[sev];
        }
        out.rules = rules;
        break;
      }
      case 'required':
        out.required = strings();
        break;
      case 'allowedTags':
        out.allowedTags = strings();
        break;
      case 'allowedKeys':
        out.allowedKeys = strings();
        break;
      default:
        assertHandled(key);
    }
  }
  return out;
}

