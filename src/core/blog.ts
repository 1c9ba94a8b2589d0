/**
 * The one reading pipeline: walk → ignore → read → parse → normalise, behind one call. Every
 * command that reads posts asks a Blog for them and never opens a file itself, so every command
 * finds the same posts and reports what it could not read the same way:
 *
 * - every entry the walk could not use (a FIFO, a link out of the blog) is in `skipped`;
 * - every error about a post in scope (a post that cannot be read, or a value that cannot be read,
 *   such as an impossible date) is in `errors`, whatever the command does with the post: a filter
 *   changes what is listed, never what is reported or the exit code.
 */
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import type { ResolvedConfig } from './config.js';
import type { Diagnostic } from './diagnostic.js';
import { readPost, type ReadSpec } from './fs/read.js';
import { displayPath } from './fs/paths.js';
import { BlogError } from './errors.js';
import { ioReason, isPostName, pageKind, walkPosts, type PostEntry, type WalkResult } from './fs/walk.js';
import type { Post } from './post.js';

export type { PostEntry } from './fs/walk.js';

export interface ReadOptions {
  /** Only posts in these files and folders (absolute); the whole blog when undefined. */
  scope?: string[] | undefined;
  /** Files outside the posts folders to read as posts of the blog (lint's named paths). */
  extra?: string[] | undefined;
  /** Keep each post's front matter text (to locate findings). */
  keepSource?: boolean;
  /** Count each body's words (reads whole files, streamed). */
  words?: boolean;
  /** Read pages too (Hugo section pages: lint reads their cascades); they come with `entry.page` set. */
  pages?: boolean;
}

/** One post file, read. */
export type ReadItem = { entry: PostEntry; post: Post; words?: number; problem?: undefined } | { entry: PostEntry; post?: undefined; problem: Diagnostic };

export interface ReadSummary {
  /** Post files read (in scope, pages not counted). */
  files: number;
  /**
   * Entries of the blog that look like posts but were not read (FIFOs, loops, links out of the
   * blog, bad names), whatever the scope; those with severity error are posts that are missing.
   */
  skipped: Diagnostic[];
  /** Every error about a post in scope: posts that cannot be read, values that cannot be read, folders that cannot be read. */
  errors: Diagnostic[];
}

/** The blog's posts, found once and read on demand. */
export class Blog {
  #walked: WalkResult | undefined;

  constructor(
    readonly config: ResolvedConfig,
    readonly cwd: string,
  ) {}

  /** The same blog, to be walked again (after writes). */
  fresh(): Blog {
    return new Blog(this.config, this.cwd);
  }

  /** Every Markdown file of the blog (pages marked), in path order, and what the walk skipped. */
  walk(): WalkResult {
    if (!this.#walked) {
      const c = this.config;
      // The posts folder itself must be there and readable: without it nothing can be done (exit 2).
      for (const dir of c.postDirs) {
        try {
          readdirSync(dir);
        } catch (e) {
          if (dir === c.postsDir) throw new BlogError(`cannot read the posts folder ${displayPath(this.cwd, dir)}: ${ioReason(e)}`, { hint: 'check that it exists and that you may read it' });
        }
      }
      const ignore = c.ignore.length ? (createRequire(import.meta.url)('picomatch') as typeof import('picomatch'))(c.ignore, { dot: true }) : undefined;
      this.#walked = walkPosts(c.postDirs, { generator: c.generator, cwd: this.cwd, allowed: c.allowed, draftsDir: c.postDirs[1], ignore });
    }
    return this.#walked;
  }

  /** The entries in `scope` (and the `extra` files), pages left out unless asked for. */
  entries(options: Pick<ReadOptions, 'scope' | 'extra' | 'pages'> = {}): PostEntry[] {
    const walked = this.walk().entries;
    const inScope = scopeTest(options.scope);
    const out = walked.filter((e) => (options.pages || !e.page) && inScope(e.abs));
    if (options.extra?.length) {
      const known = new Set(walked.map((e) => e.abs));
      for (const abs of options.extra) {
        if (known.has(abs) || !isPostName(abs)) continue;
        known.add(abs);
        const name = abs.slice(abs.lastIndexOf(sep) + 1);
        const entry: PostEntry = { abs, path: displayPath(this.cwd, abs), rel: name, inDrafts: /(^|[\\/])_drafts[\\/]/.test(abs) };
        const page = pageKind(name, this.config.generator);
        if (page) entry.page = page;
        if (options.pages || !entry.page) out.push(entry);
      }
    }
    return out;
  }

  /** How posts are read: the generator's rules and the blog's time zone. */
  spec(options: Pick<ReadOptions, 'keepSource' | 'words'> = {}): ReadSpec {
    return { generator: this.config.generator, timeZone: this.config.timeZone, keepSource: options.keepSource === true, words: options.words === true };
  }

  /** Read one entry of the walk. */
  readEntry(entry: PostEntry, options: Pick<ReadOptions, 'keepSource' | 'words'> = {}): ReadItem {
    const r = readPost(entry.abs, entry.path, this.spec(options), entry.inDrafts || /(^|\/)_drafts\//.test(entry.rel));
    if (!r.ok) return { entry, problem: r.problem };
    return r.words === undefined ? { entry, post: r.post } : { entry, post: r.post, words: r.words };
  }

  /**
   * Read every post in scope, one at a time, in path order, handing each to `visit` (what it does
   * not keep is garbage at once: memory stays flat). Returns what was skipped and every error.
   */
  read(options: ReadOptions, visit: (item: ReadItem) => void): ReadSummary {
    const entries = this.entries(options);
    const spec = this.spec(options);
    const errors: Diagnostic[] = [...this.walk().errors];
    let files = 0;
    for (const entry of entries) {
      const r = readPost(entry.abs, entry.path, spec, entry.inDrafts || /(^|\/)_drafts\//.test(entry.rel));
      if (!entry.page) files++;
      if (r.ok) {
        if (!entry.page) for (const p of r.post.problems) if (p.severity === 'error') errors.push(p);
        visit(r.words === undefined ? { entry, post: r.post } : { entry, post: r.post, words: r.words });
      } else {
        if (!entry.page) errors.push(r.problem);
        visit({ entry, problem: r.problem });
      }
    }
    return { files, skipped: this.walk().skipped, errors };
  }
}

/** A test for "in these files or folders" (folders given with or without a trailing separator). */
function scopeTest(scope: string[] | undefined): (abs: string) => boolean {
  if (!scope || scope.length === 0) return () => true;
  const items = scope.map((s) => {
    let dir = false;
    try {
      dir = statSync(s).isDirectory();
    } catch {
      dir = s.endsWith(sep);
    }
    return dir ? (s.endsWith(sep) ? s : s + sep) : s;
  });
  return (abs) => items.some((s) => (s.endsWith(sep) ? abs.startsWith(s) : abs === s));
}
