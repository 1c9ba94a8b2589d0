/**
 * Finding a Hexo, Jekyll or Hugo site and reading the few settings of its own config that blog
 * follows. A site's config is untrusted input (it comes with a cloned blog): it is parsed as data
 * with limits, a tag in it is a warning, and no folder or file name it gives may lead outside the
 * site.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from './errors.js';
import { estimateNestingDepth, LIMITS, toml } from './front-matter/data.js';
import type { Generator } from './front-matter/fences.js';
import { readSmallFile, resolveInside } from './fs/paths.js';
import { yaml } from './yaml-lib.js';

export interface Site {
  root: string;
  generator: Exclude<Generator, 'generic'>;
  /** The site's config file. */
  configFile: string;
  postsDir: string;
  draftsDir?: string;
  /** Templates of new posts: Hexo's scaffolds/, Hugo's archetypes/. */
  templatesDir?: string;
  /** Why the default templates folder is not used (a link out of the site): `blog new` stops with it. */
  templatesRefused?: { message: string; hint: string };
  timeZone?: unknown;
  /** Hexo's `new_post_name`. */
  newPostName?: unknown;
  /** Hexo's and Jekyll's `future`: whether posts dated in the future are published. */
  future?: boolean;
  /** Hexo's `filename_case`: 0 as typed, 1 lower case, 2 upper case. */
  filenameCase?: 0 | 1 | 2;
}

export const isDir = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/**
 * Why a config found while searching upwards is not used: it is in a folder anyone may write
 * to (a site planted in /tmp must not take over ./posts below it), or another user owns it
 * (as git refuses a repository owned by someone else). undefined: it may be used.
 */
export function untrusted(file: string): string | undefined {
  try {
    const dir = statSync(dirname(file));
    if ((dir.mode & 0o002) !== 0) return `it is in a folder anyone may write to (${dirname(file)})`;
    const uid = process.getuid?.();
    const own = statSync(file);
    if (uid !== undefined && uid !== 0 && own.uid !== uid) return `another user owns it (uid ${own.uid})`;
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * The nearest Hexo, Jekyll or Hugo site root at or above `start`, skipping sites that are not to
 * be trusted, except at `named`: the folder the user named with --dir (a site in a folder anyone
 * may write to, as on a Windows drive under WSL, is used when named).
 */
export function findSite(start: string, warnings: string[], named?: string): Site | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const site = siteAt(dir, warnings);
    if (site) {
      const why = dir === named ? undefined : untrusted(site.configFile);
      if (!why) return site;
      warnings.push(`${site.configFile} is not used: ${why}; pass --dir ${dir} to use it`);
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** A default templates folder that cannot be used: only reading a template fails (the site's other commands work). */
class TemplatesRefused extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** The site's templates folder, or why it cannot be used (site.templatesRefused). */
function templatesFolder(site: Site, root: string, file: string, key: string, value: unknown, fallback: string): void {
  try {
    const dir = siteFolder(root, file, key, value, fallback, true);
    if (isDir(dir)) site.templatesDir = dir;
  } catch (e) {
    if (!(e instanceof TemplatesRefused)) throw e;
    site.templatesRefused = { message: e.message, hint: e.hint };
  }
}

/**
 * A folder named by the site's config: relative, and inside the site (symbolic links included).
 * The fallback, the folder used when the config does not name one, is checked too when `checked`
 * (a templates folder: blog reads from it); the posts folder under it is checked by the config.
 */
function siteFolder(root: string, file: string, key: string, value: unknown, fallback: string, checked = false): string {
  if (value === undefined || value === null) {
    if (!checked) return join(root, fallback);
    const inside = resolveInside(root, fallback);
    if (inside.ok) return inside.abs;
    throw new TemplatesRefused(`${file}: the folder ${JSON.stringify(fallback)} (the default of "${key}") ${inside.reason}`, `make ${fallback} a folder inside the site, or set "${key}" to one`);
  }
  if (typeof value !== 'string' || value.trim() === '') throw new ConfigError(file, `"${key}": expected a folder name, got ${JSON.stringify(value)?.slice(0, 80)}`);
  const inside = resolveInside(root, value);
  if (!inside.ok) throw new ConfigError(file, `"${key}": ${JSON.stringify(value.slice(0, 200))} ${inside.reason}`, { hint: `set "${key}" to a folder inside the site` });
  return inside.abs;
}

function siteAt(dir: string, warnings: string[]): Site | undefined {
  const jekyllOrHexo = join(dir, '_config.yml');
  if (existsSync(jekyllOrHexo)) {
    const conf = readSiteConfig(jekyllOrHexo, 'yaml', warnings);
    const hexoLike = isDir(join(dir, typeof conf.source_dir === 'string' ? conf.source_dir : 'source', '_posts')) || hasHexoDependency(dir);
    if (hexoLike) {
      const source = siteFolder(dir, jekyllOrHexo, 'source_dir', conf.source_dir, 'source');
      const site: Site = { root: dir, generator: 'hexo', configFile: jekyllOrHexo, postsDir: join(source, '_posts'), draftsDir: join(source, '_drafts'), timeZone: conf.timezone, newPostName: conf.new_post_name };
      templatesFolder(site, dir, jekyllOrHexo, 'scaffold_dir', conf.scaffold_dir, 'scaffolds');
      if (typeof conf.future === 'boolean') site.future = conf.future;
      if (conf.filename_case === 1 || conf.filename_case === 2 || conf.filename_case === 0) site.filenameCase = conf.filename_case;
      return site;
    }
    if (isDir(join(dir, '_posts'))) {
      const site: Site = { root: dir, generator: 'jekyll', configFile: jekyllOrHexo, postsDir: join(dir, '_posts'), draftsDir: join(dir, '_drafts'), timeZone: conf.timezone };
      if (typeof conf.future === 'boolean') site.future = conf.future;
      return site;
    }
  }
  for (const name of ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml']) {
    const file = join(dir, name);
    if (!existsSync(file)) continue;
    const conf = readSiteConfig(file, name.endsWith('.toml') ? 'toml' : name.endsWith('.json') ? 'json' : 'yaml', warnings);
    if (name.startsWith('config.') && !isDir(join(dir, typeof conf.contentDir === 'string' ? conf.contentDir : 'content'))) continue;
    const content = siteFolder(dir, file, 'contentDir', conf.contentDir, 'content');
    if (!isDir(content)) continue;
    const site: Site = { root: dir, generator: 'hugo', configFile: file, postsDir: content, timeZone: conf.timeZone };
    templatesFolder(site, dir, file, 'archetypeDir', conf.archetypeDir, 'archetypes');
    return site;
  }
  return undefined;
}

/** A site generator's own config, read only for the few keys we need; unreadable means empty. */
export function readSiteConfig(file: string, format: 'yaml' | 'toml' | 'json', warnings: string[]): Record<string, unknown> {
  let text: string;
  try {
    text = readSmallFile(file, dirname(file));
  } catch (e) {
    warnings.push(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); its settings are ignored`);
    return {};
  }
  if (text.length > LIMITS.maxChars * 4 || estimateNestingDepth(text).depth > LIMITS.maxDepth) {
    warnings.push(`${file}: too large or too deeply nested to read; its settings are ignored`);
    return {};
  }
  try {
    let data: unknown;
    if (format === 'toml') data = toml().parse(text);
    else if (format === 'json') data = JSON.parse(text);
    else data = parseConfigYaml(text, file, warnings);
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * YAML of a config file as plain data: core schema, limited aliases, and a tag is one warning line
 * (the value is read as plain text) instead of the parser's own multi-line process warning.
 */
export function parseConfigYaml(text: string, file: string, warnings: string[], uniqueKeys = false): unknown {
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, { schema: 'core', uniqueKeys, resolveKnownTags: false, logLevel: 'silent', prettyErrors: false, lineCounter: lines });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const at = e ? lines.linePos(e.pos[0]) : undefined;
    throw new Error(`${at ? `line ${at.line}: ` : ''}${(e?.message ?? 'YAML error').split('\n')[0]}`);
  }
  for (const w of doc.warnings) {
    const at = lines.linePos(w.pos[0]);
    warnings.push(`${file}:${at.line}:${at.col}: ${w.message.split('\n')[0]}; the value is read as plain text`);
  }
  return doc.toJS({ maxAliasCount: 100 });
}

function hasHexoDependency(dir: string): boolean {
  try {
    const pkg = JSON.parse(readSmallFile(join(dir, 'package.json'), dir)) as { dependencies?: Record<string, string> };
    return typeof pkg.dependencies === 'object' && pkg.dependencies !== null && typeof pkg.dependencies.hexo === 'string';
  } catch {
    return false;
  }
}
