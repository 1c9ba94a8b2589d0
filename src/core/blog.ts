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
import { readEntries, readPost, type ReadItem, type ReadSpec } from './fs/read.js';
import { displayPath } from './fs/paths.js';
import { BlogError } from './errors.js';
import { inDraftsFolder, ioReason, isPostName, pageKind, someEntries, walkPosts, type EntryList, type PostEntry, type WalkResult } from './fs/walk.js';
import { autoThreads, mapEntries, PARALLEL_FROM, Pool, workersFor, type Task } from './parallel.js';

export type { EntryList, PostEntry } from './fs/walk.js';
export type { ReadItem } from './fs/read.js';

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
  /**
   * The map's results hold something of every post it reads (a list of every post): `map` then
   * reads on this thread alone unless BLOG_THREADS says otherwise (see map).
   */
  resultPerPost?: boolean;
}

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

export interface BlogOptions {
  /**
   * Threads to read with: 1 reads on the main thread only; more read on that many whatever the
   * size of the blog. Undefined: the machine's cores (at most 8) on blogs of PARALLEL_FROM posts
   * or more, else 1.
   */
  threads?: number | undefined;
}

/** What a map over the posts read. */
export interface MapSummary extends ReadSummary {
  /** The entries read, in order: a result names a post by its ordinal here. */
  entries: EntryList;
}

/** The blog's posts, found once and read on demand. */
export class Blog {
  #walked: WalkResult | undefined;
  /** Called with the count of files found, while the walk goes on. */
  #onFile: ((count: number) => void) | undefined;

  constructor(
    readonly config: ResolvedConfig,
    readonly cwd: string,
    readonly options: BlogOptions = {},
  ) {}

  /** The same blog, to be walked again (after writes). */
  fresh(): Blog {
    return new Blog(this.config, this.cwd, this.options);
  }

  /**
   * Where a write to the blog takes its lock (see lockBlog): the posts and drafts folders, and
   * the folders the walk reached through links (a write through a link changes a file there).
   */
  writeFolders(): { folders: string[]; linked: string[] } {
    return { folders: this.config.postDirs, linked: this.walk().linkTargets };
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
      // Extended globs (`@(a+)+c`) compile to expressions that backtrack without end on a long
      // name, and the config may come from a cloned blog: they are read as plain text.
      const ignore = c.ignore.length ? (createRequire(import.meta.url)('picomatch') as typeof import('picomatch'))(c.ignore, { dot: true, noextglob: true }) : undefined;
      this.#walked = walkPosts(c.postDirs, { generator: c.generator, cwd: this.cwd, allowed: c.allowed, draftsDir: c.postDirs[1], ignore, onFile: this.#onFile });
    }
    return this.#walked;
  }

  /** The entries in `scope` (and the `extra` files), pages left out unless asked for. */
  entries(options: Pick<ReadOptions, 'scope' | 'extra' | 'pages'> = {}): EntryList {
    const walked = this.walk().entries;
    const inScope = scopeTest(options.scope);
    const more: PostEntry[] = [];
    if (options.extra?.length) {
      const known = new Set<string>();
      for (const e of walked) known.add(e.abs);
      for (const abs of options.extra) {
        if (known.has(abs) || !isPostName(abs)) continue;
        known.add(abs);
        const name = abs.slice(abs.lastIndexOf(sep) + 1);
        const entry: PostEntry = { abs, path: displayPath(this.cwd, abs), rel: name, inDrafts: /(^|[\\/])_drafts[\\/]/.test(abs) };
        const page = pageKind(name, this.config.generator);
        if (page) entry.page = page;
        if (options.pages || !entry.page) more.push(entry);
      }
    }
    if (!inScope && more.length === 0 && (options.pages || walked.pages === 0)) return walked;
    const kept: number[] = [];
    for (let i = 0; i < walked.length; i++) {
      if ((options.pages || !walked.isPage(i)) && (!inScope || inScope(walked.at(i).abs))) kept.push(i);
    }
    return someEntries(walked, Int32Array.from(kept), more);
  }

  /** How posts are read: the generator's rules and the blog's time zone. */
  spec(options: Pick<ReadOptions, 'keepSource' | 'words'> = {}): ReadSpec {
    return { generator: this.config.generator, timeZone: this.config.timeZone, keepSource: options.keepSource === true, words: options.words === true };
  }

  /** Read one entry of the walk. */
  readEntry(entry: PostEntry, options: Pick<ReadOptions, 'keepSource' | 'words'> = {}): ReadItem {
    const r = readPost(entry.abs, entry.path, this.spec(options), inDraftsFolder(entry));
    if (!r.ok) return { entry, problem: r.problem };
    return r.words === undefined ? { entry, post: r.post } : { entry, post: r.post, words: r.words };
  }

  /**
   * Read every post in scope, one at a time, in path order, handing each to `visit` (what it does
   * not keep is garbage at once: memory stays flat). Returns what was skipped and every error.
   */
  read(options: ReadOptions, visit: (item: ReadItem) => void): ReadSummary {
    const read = readEntries(this.entries(options), this.spec(options), visit);
    return { files: read.files, skipped: this.walk().skipped, errors: [...this.walk().errors, ...read.errors] };
  }

  /**
   * Map `task` over every post in scope, in chunks, on several threads when the blog is big (see
   * parallel.ts). Each chunk's result goes to `reduce` in chunk order (and is garbage after);
   * errors come in path order, as `read` gives them. `begin` is told the number of entries
   * before the first result.
   */
  async map<P, R>(task: Task<P, R>, params: P, options: ReadOptions, reduce: (result: R) => void, begin?: (entries: number) => void): Promise<MapSummary> {
    const spec = this.spec(options);
    const told = this.options.threads;
    // Threads pay where their results are small. A map whose results hold every post moves
    // every post's record between threads, and its reading is not most of its work (the list is
    // still sorted and written after). A thread costs about 12 MB however few posts it reads (a
    // V8 heap and Node of its own): `list --json` of 100,000 posts peaked at 90 MB on two
    // threads, 75 on one, and 70 on 10,000 posts (on one: see PARALLEL_FROM); two threads took
    // 2.16 s, one 2.60 (7 alternating runs). The memory of a list of every post is what must
    // not grow with the blog, so it is read on one thread.
    const threads = told ?? (options.resultPerPost ? 1 : autoThreads());
    let pool: Pool | undefined;
    const start = (workers = threads - 1): Pool => (pool ??= new Pool(task as Task<unknown, unknown>, params, spec, workers));
    // Start the workers as soon as the walk has found enough posts: they start while it goes on.
    if (threads > 1 && told === undefined && !this.#walked) {
      this.#onFile = (count) => count === PARALLEL_FROM && start();
      try {
        this.walk();
      } catch (e) {
        (pool as Pool | undefined)?.close();
        throw e;
      } finally {
        this.#onFile = undefined;
      }
    }
    const entries = this.entries(options);
    if (threads > 1 && told !== undefined) start(workersFor(threads, entries.length));
    if (threads > 1 && entries.length >= PARALLEL_FROM) start();
    begin?.(entries.length);
    const mapped = await mapEntries(task, params, spec, entries, pool, reduce);
    return { files: mapped.files, skipped: this.walk().skipped, errors: [...this.walk().errors, ...mapped.errors], entries };
  }
}

/** A test for "in these files or folders" (folders given with or without a trailing separator); undefined: everything is in. */
function scopeTest(scope: string[] | undefined): ((abs: string) => boolean) | undefined {
  if (!scope || scope.length === 0) return undefined;
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
