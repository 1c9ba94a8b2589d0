/**
 * Finding the blog: our config file, or a Hexo/Jekyll/Hugo site, and its posts folder.
 * Defaults < config file < flags actually passed.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { yaml } from './core/yaml-lib.js';
import { ConfigError, UsageError } from './errors.js';
import { isValidTimeZone } from './core/dates.js';
import { toml, type Generator } from './core/front-matter.js';
import type { RuleSeverity } from './core/lint/types.js';
import { RULE_IDS } from './core/lint/ids.js';
import { suggestNames } from './core/select.js';

export const CONFIG_NAMES = ['blog.config.json', 'blog.config.yaml', 'blog.config.yml'] as const;
/**
 * Every key a config file may have, and every key of its "lint" object. The validator's switches
 * must handle each one (checked by the compiler); schema/blog.config.schema.json is tested against them.
 */
export const CONFIG_KEYS = ['$schema', 'posts', 'drafts', 'generator', 'timezone', 'newPostName', 'slug', 'dateFormat', 'scaffolds', 'lint'] as const;
export const LINT_KEYS = ['rules', 'required', 'allowedTags', 'allowedKeys'] as const;
const GENERATORS: readonly Generator[] = ['hexo', 'jekyll', 'hugo', 'generic'];

/** The config file's contents, validated. */
export type SlugPolicy = 'unicode' | 'ascii';

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
  generator: Generator;
  /** Folders to read posts from (absolute): the posts folder, then a drafts folder if any. */
  postDirs: string[];
  postsDir: string;
  /** IANA timezone for dates without an offset; undefined: the machine's. */
  timeZone: string | undefined;
  timeZoneSource: 'config' | 'site' | 'machine';
  /** Drafts folder for new drafts, if the blog has one. */
  draftsDir: string | undefined;
  newPostName: string;
  slug: SlugPolicy;
  dateFormat: string;
  /** Templates folder, if there is one. */
  scaffoldsDir: string | undefined;
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

interface Site {
  root: string;
  generator: Exclude<Generator, 'generic'>;
  postsDir: string;
  draftsDir?: string;
  timeZone?: unknown;
  newPostName?: unknown;
}

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** A key in a list whose switch has no case for it: the compiler reports it here. */
function assertHandled(key: never): never {
  throw new Error(`config key ${String(key)} is listed but not validated`);
}

const isDir = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** The config request of a command's options (`--dir`, `--config`). */
export function configRequest(options: { cwd: string; dir?: string | undefined; config?: string | undefined }): ConfigRequest {
  return { cwd: options.cwd, ...(options.dir === undefined ? {} : { dir: options.dir }), ...(options.config === undefined ? {} : { config: options.config }) };
}

/** Resolve where the posts are and how to read them. Throws ConfigError / UsageError. */
export function resolveConfig(request: ConfigRequest): ResolvedConfig {
  const warnings: string[] = [];
  const dirArg = request.dir === undefined ? undefined : resolve(request.cwd, request.dir);
  if (dirArg !== undefined && !isDir(dirArg)) {
    throw new UsageError(`--dir ${request.dir}: no such folder`, { hint: 'pass the folder that holds your posts, or your site root' });
  }
  // The blog being worked on decides: search from --dir when given, else from the current folder.
  let found: string | undefined;
  if (request.config !== undefined) {
    found = resolve(request.cwd, request.config);
    if (!existsSync(found)) throw new UsageError(`--config ${request.config}: no such file`);
  }
  const start = dirArg ?? (found ? dirname(found) : request.cwd);
  found ??= findConfigFile(start);
  const file = found ? readConfigFile(found, warnings) : undefined;
  const site = findSite(start);

  let postsDir: string;
  let draftsDir: string | undefined;
  if (dirArg !== undefined) {
    const siteHere = site && site.root === dirArg ? site : undefined;
    postsDir = siteHere ? siteHere.postsDir : dirArg;
    draftsDir = siteHere?.draftsDir;
  } else if (found && file?.posts !== undefined) {
    postsDir = resolve(dirname(found), file.posts);
    if (!isDir(postsDir)) throw new ConfigError(found, `"posts": folder ${file.posts} does not exist`, { hint: 'set "posts" to the folder that holds your posts' });
  } else if (site) {
    postsDir = site.postsDir;
    draftsDir = site.draftsDir;
  } else if (isDir(join(request.cwd, 'posts'))) {
    postsDir = join(request.cwd, 'posts');
  } else {
    throw new UsageError('no posts folder found here', {
      hint: 'pass --dir <folder>, run blog in a Hexo, Jekyll or Hugo site, or create blog.config.json with {"posts": "<folder>"}',
    });
  }
  if (found && file?.drafts !== undefined) draftsDir = resolve(dirname(found), file.drafts);

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
      warnings.push(`${site.root}: site timezone "${site.timeZone}" is not a known IANA timezone; using the machine's`);
    }
  }
  const postDirs = draftsDir !== undefined && draftsDir !== postsDir && isDir(draftsDir) ? [postsDir, draftsDir] : [postsDir];
  const siteName = typeof site?.newPostName === 'string' && site.newPostName.trim() !== '' ? site.newPostName : undefined;
  const newPostName = file?.newPostName ?? siteName ?? (generator === 'jekyll' ? ':year-:month-:day-:title.md' : ':title.md');
  const scaffoldsDir = found && file?.scaffolds !== undefined ? resolve(dirname(found), file.scaffolds) : site && isDir(join(site.root, 'scaffolds')) ? join(site.root, 'scaffolds') : undefined;
  return {
    file: found ?? null,
    generator,
    postDirs,
    postsDir,
    timeZone,
    timeZoneSource,
    draftsDir: postDirs[1] ?? (isDir(join(postsDir, '_drafts')) ? join(postsDir, '_drafts') : undefined),
    newPostName,
    slug: file?.slug ?? 'unicode',
    dateFormat: file?.dateFormat ?? DATE_FORMAT,
    scaffoldsDir,
    lint: file?.lint ?? {},
    warnings,
  };
}

function findConfigFile(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const here = CONFIG_NAMES.map((name) => join(dir, name)).filter((p) => existsSync(p));
    if (here.length > 1) {
      throw new ConfigError(here[0] as string, `more than one config file in ${dir} (${here.map((p) => p.slice(dir.length + 1)).join(', ')})`, { hint: 'keep one of them' });
    }
    if (here[0]) return here[0];
    if (dirname(dir) === dir) return undefined;
  }
}

/** Read and validate a config file. */
export function readConfigFile(file: string, warnings: string[]): ConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : yaml().parse(text, { schema: 'core', uniqueKeys: true, maxAliasCount: 10 });
  } catch (e) {
    throw new ConfigError(file, `not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`);
  }
  return validateConfig(raw ?? {}, file, warnings);
}

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
      throw new ConfigError(file, `"${key}": expected ${what}, got ${JSON.stringify(value)}`);
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
      case 'newPostName':
        if (typeof value !== 'string' || !value.includes(':title') || !/\.(md|markdown)$/.test(value)) expect('a file name pattern with :title ending in .md, such as ":year-:month-:day-:title.md"');
        config.newPostName = value as string;
        break;
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
          if (typeof sev !== 'string' || !isOneOf(SEVERITY_NAMES, sev)) throw new ConfigError(file, `"lint.rules.${id}": expected "error", "warn" or "off", got ${JSON.stringify(sev)}`);
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

/** The nearest Hexo, Jekyll or Hugo site root at or above `start`. */
function findSite(start: string): Site | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const site = siteAt(dir);
    if (site) return site;
    if (dirname(dir) === dir) return undefined;
  }
}

function siteAt(dir: string): Site | undefined {
  const jekyllOrHexo = join(dir, '_config.yml');
  if (existsSync(jekyllOrHexo)) {
    const conf = readSiteConfig(jekyllOrHexo, 'yaml');
    const sourceDir = typeof conf.source_dir === 'string' ? conf.source_dir : 'source';
    if (isDir(join(dir, sourceDir, '_posts')) || hasHexoDependency(dir)) {
      return { root: dir, generator: 'hexo', postsDir: join(dir, sourceDir, '_posts'), draftsDir: join(dir, sourceDir, '_drafts'), timeZone: conf.timezone, newPostName: conf.new_post_name };
    }
    if (isDir(join(dir, '_posts'))) {
      return { root: dir, generator: 'jekyll', postsDir: join(dir, '_posts'), draftsDir: join(dir, '_drafts'), timeZone: conf.timezone };
    }
  }
  for (const name of ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml']) {
    const file = join(dir, name);
    if (existsSync(file)) {
      const conf = readSiteConfig(file, name.endsWith('.toml') ? 'toml' : name.endsWith('.json') ? 'json' : 'yaml');
      const contentDir = typeof conf.contentDir === 'string' ? conf.contentDir : 'content';
      if (isDir(join(dir, contentDir))) return { root: dir, generator: 'hugo', postsDir: join(dir, contentDir), timeZone: conf.timeZone };
    }
  }
  return undefined;
}

/** A site generator's own config, read only for the few keys we need; unreadable means empty. */
function readSiteConfig(file: string, format: 'yaml' | 'toml' | 'json'): Record<string, unknown> {
  try {
    const text = readFileSync(file, 'utf8');
    const data: unknown = format === 'toml' ? toml().parse(text) : format === 'json' ? JSON.parse(text) : yaml().parse(text, { schema: 'core', maxAliasCount: 100 });
    return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function hasHexoDependency(dir: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    return pkg.dependencies?.hexo !== undefined;
  } catch {
    return false;
  }
}

/**
 * Where the post index lives, or undefined when it is off: BLOG_CACHE_DIR, else
 * $XDG_CACHE_HOME/blog, else ~/.cache/blog. Outside the blog on purpose: nothing appears in the
 * site's git status. Off with `--no-cache`, BLOG_NO_CACHE=1, without a home folder, and in CI
 * (CI=true): a fresh checkout gives every file a new change time, so an index could never be
 * used there, only cost the time to write it. BLOG_NO_CACHE=0 turns it on in CI too.
 */
export function indexCacheDir(env: Record<string, string | undefined>, enabled: boolean | undefined): string | undefined {
  if (enabled === false) return undefined;
  const yes = (v: string | undefined): boolean => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
  if (yes(env.BLOG_NO_CACHE)) return undefined;
  if (yes(env.CI) && env.BLOG_NO_CACHE === undefined) return undefined;
  if (env.BLOG_CACHE_DIR) return resolve(env.BLOG_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return join(resolve(env.XDG_CACHE_HOME), 'blog');
  return env.HOME ? join(resolve(env.HOME), '.cache', 'blog') : undefined;
}
