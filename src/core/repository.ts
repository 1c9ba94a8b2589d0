/**
 * The disk side of the post model: finding post files and reading them.
 * This module and config.ts are the only ones that touch the file system.
 */
import fs, { constants, type Dirent } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative, sep, extname } from 'node:path';
import { LIMITS, locate, splitFrontMatter, type Generator, type Problem } from './front-matter.js';
import { parsePost, type Post } from './post.js';
import { literalPrefilter } from './select.js';
import { FENCES, HEAD_BYTES, ruledOut } from './head-scan.js';
import { INDEX_VERSION, PostIndex, type EntryBytes, type FileStamp, type StoredIndex } from './post-index.js';

export interface Skipped {
  path: string;
  reason: string;
}

export interface WalkResult {
  /** Absolute paths, in a stable order (code point order of their relative paths). */
  files: string[];
  /** Entries that look like posts but cannot be read as files (FIFOs, loops, dangling links). */
  skipped: Skipped[];
}

const POST_EXTENSIONS = new Set(['.md', '.markdown']);

/** Editor backups, lock and temp files: never posts. */
export function isTempName(name: string): boolean {
  return name.endsWith('~') || name.endsWith('%') || /^#.*#$/.test(name) || /\.(swp|swo|tmp|bak|orig)$/i.test(name);
}

/** Whether a file name is a post by its extension. */
export function isPostName(name: string): boolean {
  // The common case without allocating: a lower-case `.md`.
  if (name.endsWith('.md')) return name.length > 3;
  return POST_EXTENSIONS.has(extname(name).toLowerCase());
}

export interface WalkOptions {
  generator: Generator;
  /** Used to report paths relative to it. */
  cwd: string;
}

/**
 * Every `.md`/`.markdown` file under `dirs`, recursively. Hidden and temp files are
 * skipped, and so are `_`-prefixed names in a Hexo site, as Hexo does. Symbolic links
 * are followed once: a link back to a folder already walked is skipped.
 */
export async function findPostFiles(dirs: string[], options: WalkOptions): Promise<WalkResult> {
  // Synchronous on purpose, like the reads below: a walk has nothing to overlap with, and
  // blocking calls on cached folders cost less than a trip through the thread pool.
  const found: string[] = [];
  const skipped: Skipped[] = [];
  const visited = new Set<string>();
  const display = (abs: string): string => displayPath(options.cwd, abs);

  const walk = (dir: string): void => {
    let st;
    try {
      st = fs.statSync(dir);
    } catch (e) {
      skipped.push({ path: display(dir), reason: `cannot open folder (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    const id = `${st.dev}:${st.ino}`;
    if (visited.has(id)) {
      skipped.push({ path: display(dir), reason: 'symbolic link to a folder already listed (loop); skipped' });
      return;
    }
    visited.add(id);
    let entries: Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      skipped.push({ path: display(dir), reason: `cannot read folder (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    // Folders sort as `name/`, so that walking in this order mostly yields paths already in
    // their final order (`a.md` before `a/x.md`), and the sort at the end has little to do.
    const items: { name: string; key: string; dir: boolean; entry: Dirent }[] = [];
    for (const entry of entries) {
      const name = entry.name;
      if (name.charCodeAt(0) === 0x2e) continue;
      if (options.generator === 'hexo' && name.charCodeAt(0) === 0x5f) continue;
      const isDir = entry.isDirectory();
      // A post name (.md, .markdown) is never a temp name; only other names need the test.
      if (!(entry.isFile() && isPostName(name)) && isTempName(name)) continue;
      items.push({ name, key: isDir ? name + '/' : name, dir: isDir, entry });
    }
    items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    // `dir` is already normalised (it comes from path.resolve or from this walk).
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    for (const { name, dir: isDir, entry } of items) {
      const abs = prefix + name;
      let kind: 'file' | 'dir' | 'other' = entry.isFile() ? 'file' : isDir ? 'dir' : 'other';
      if (entry.isSymbolicLink()) {
        try {
          const target = fs.statSync(abs);
          kind = target.isFile() ? 'file' : target.isDirectory() ? 'dir' : 'other';
        } catch (e) {
          if (isPostName(name)) {
            const code = (e as NodeJS.ErrnoException).code;
            skipped.push({ path: display(abs), reason: code === 'ELOOP' ? 'symbolic link loop; skipped' : 'symbolic link to a missing file; skipped' });
          }
          continue;
        }
      }
      if (kind === 'dir') walk(abs);
      else if (isPostName(name)) {
        if (kind === 'file') found.push(abs);
        else skipped.push({ path: display(abs), reason: 'not a regular file (FIFO, socket or device); skipped' });
      }
    }
  };

  for (const dir of dirs) walk(dir);
  const keys = found.map(display);
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = (keys[i - 1] as string) < (keys[i] as string);
  if (sorted) return { files: found, skipped };
  const keyed = found.map((abs, i) => ({ abs, key: keys[i] as string }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { files: keyed.map((k) => k.abs), skipped };
}

/** A path as the user should see it: relative to `cwd`, with `/`. */
export function displayPath(cwd: string, abs: string): string {
  if (abs.startsWith(cwd) && abs[cwd.length] === sep) return sep === '/' ? abs.slice(cwd.length + 1) : abs.slice(cwd.length + 1).split(sep).join('/');
  const rel = relative(cwd, abs);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

export type ReadResult = { ok: true; post: Post } | { ok: false; path: string; problem: Problem };

export interface ReadOptions {
  cwd: string;
  generator: Generator;
  timeZone?: string;
  /** Read whole files and count each body's words (then drop the body: memory stays flat). */
  countWords?: (body: string) => number;
  /** Keep each post's front matter text (lint needs it to locate findings; others do not). */
  keepSource?: boolean;
  /** Skip files whose raw head cannot hold these names (see select.literalPrefilter). */
  prefilter?: { names: string[]; mode: 'every' | 'some' };
  /** Posts remembered from earlier runs (see openPostIndex); not used with countWords. */
  index?: PostIndex;
}

/**
 * Read and parse many posts; results keep the order of `files`.
 * Reads are synchronous on purpose: for files in the page cache, a blocking open/read/close
 * costs a third of the same calls through libuv's thread pool (measured: 0.28 s against
 * 0.68 s for the first 4 KB of 10,000 files), and a CLI has nothing else to do meanwhile.
 */
export async function readPosts(files: string[], options: ReadOptions): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  await eachPost(files, options, (r) => out.push(r));
  return out;
}

/**
 * Read and parse posts one by one, in the order of `files`, handing each result to `visit`.
 * For commands that only count or check: what `visit` does not keep is garbage at once, and a
 * young garbage object costs the collector nothing, where 100,000 kept posts cost seconds.
 */
export async function eachPost(files: string[], options: ReadOptions, visit: (result: ReadResult) => void): Promise<void> {
  // Worker threads were measured and left out, twice. Parsing in workers (10,000 posts, 2 cores):
  // cloning the parsed posts back and loading the parsers twice made list 40-60% slower. A worker
  // doing the prefilter's first look at half of 100,000 files: list --tag went from 2.86 s to
  // 3.15 s (medians of 5 alternating runs); the two threads' reads slowed each other down.
  const mayMatch = options.prefilter ? literalPrefilter(options.prefilter.names, options.prefilter.mode) : undefined;
  // An index is only for head reads with the options it was made for.
  const index = options.index && !options.countWords && options.index.readsAs === readsAs(options) ? options.index : undefined;
  if (!index) {
    for (const file of files) {
      const r = readPostSync(file, options, mayMatch);
      if (r) visit(r);
    }
    return;
  }
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  const withSource = { ...options, keepSource: true };
  const source = (abs: string) => (line: number) => (options.keepSource ? frontMatterOnDisk(line, abs, options.generator) : null);
  for (const file of files) {
    const stamp = stampOf(file);
    const hit = stamp ? index.lookup(file, stamp) : -1;
    if (hit !== -1) {
      // The names of a remembered post are known exactly: no need for the bytes' prefilter.
      if (options.prefilter && mayMatch && !index.hasNames(hit, options.prefilter.names, options.prefilter.mode)) continue;
      let post: Post | undefined;
      try {
        post = index.post(hit, displayPath(options.cwd, file), source(file));
      } catch {
        // An index file that cannot be read back: read the post itself.
      }
      if (post) {
        visit({ ok: true, post });
        continue;
      }
    }
    // The index records where the front matter text starts, whether or not this reader keeps it.
    const r = readPostSync(file, withSource, mayMatch);
    if (r?.ok && stamp) index.remember(file, stamp, r.post, nowNs);
    else if (!r && stamp) {
      // Ruled out unparsed: parse it anyway, once, so that the next run knows it.
      const full = readPostSync(file, withSource);
      if (full?.ok) index.remember(file, stamp, full.post, nowNs);
    }
    if (r?.ok && !options.keepSource) r.post.frontMatter = null;
    if (r) visit(r);
  }
}

/**
 * What parsing depends on besides the bytes, as an index records it. The current folder is one:
 * a post's path is shown relative to it, and a `_drafts/` in that path makes a draft.
 */
function readsAs(options: { cwd: string; generator: Generator; timeZone?: string | undefined }): string {
  return JSON.stringify([options.cwd, options.generator, options.timeZone ?? null]);
}

function stampOf(abs: string): FileStamp | undefined {
  try {
    const st = fs.statSync(abs, { bigint: true });
    return { dev: st.dev, ino: st.ino, size: st.size, mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs };
  } catch {
    return undefined;
  }
}

/**
 * A post's front matter text (what `frontMatter.content` holds), read again from the file only
 * when asked for: lint needs it to locate a finding, for posts it let go or got from the index.
 */
export function frontMatterOnDisk(line: number, abs: string, generator: Generator): NonNullable<Post['frontMatter']> {
  let content: string | undefined;
  return {
    get content(): string {
      return (content ??= frontMatterText(abs, generator));
    },
    line,
  };
}

/** The front matter block's text, found as parsePost finds it but not parsed; '' when there is none. */
function frontMatterText(abs: string, generator: Generator): string {
  let fd: number;
  try {
    fd = fs.openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return '';
  }
  try {
    let buf = Buffer.allocUnsafe(HEAD_BYTES);
    let filled = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, filled, buf.length - filled, filled);
      filled += n;
      const eof = n === 0 || filled < buf.length;
      // As readPostSync does: decode only up to the first line that looks like a closing fence.
      const cut = frontMatterCut(buf.subarray(0, filled));
      if (cut > 0) {
        const head = decodeUtf8(buf.subarray(0, cut));
        const text = head.text.startsWith('\uFEFF') ? head.text.slice(1) : head.text;
        const split = head.invalidAt === undefined ? splitFrontMatter(text, generator, false) : undefined;
        if (split?.kind === 'block') return text.slice(split.contentStart, split.contentEnd);
      }
      const decoded = decodeUtf8(buf.subarray(0, filled));
      const text = decoded.text.startsWith('\uFEFF') ? decoded.text.slice(1) : decoded.text;
      const split = splitFrontMatter(text, generator, eof && decoded.invalidAt === undefined);
      if (split.kind === 'block') return text.slice(split.contentStart, split.contentEnd);
      if (split.kind !== 'incomplete' || eof || buf.length >= MAX_HEAD_BYTES) return '';
      const bigger = Buffer.allocUnsafe(Math.min(buf.length * 4, MAX_HEAD_BYTES));
      buf.copy(bigger, 0, 0, filled);
      buf = bigger;
    }
  } catch {
    return '';
  } finally {
    fs.closeSync(fd);
  }
}

export interface IndexRequest {
  /** The folder that holds index files. */
  cacheDir: string;
  /** The posts folders: one index per set of folders, current folder and reading options. */
  roots: string[];
  cwd: string;
  generator: Generator;
  timeZone?: string;
}

const builtin = createRequire(import.meta.url);
/** node:crypto and node:v8, loaded only when the index is on (`new` and `--version` start faster without). */
const crypto = (): typeof import('node:crypto') => builtin('node:crypto') as typeof import('node:crypto');
const v8 = (): typeof import('node:v8') => builtin('node:v8') as typeof import('node:v8');

/** The index file for a request: named by what it is for, so that two blogs never share one. */
function indexFile(request: IndexRequest): string {
  const key = JSON.stringify([request.roots, readsAs(request)]);
  return join(request.cacheDir, `posts-${crypto().createHash('sha256').update(key).digest('hex').slice(0, 32)}.v8`);
}

/**
 * Everything besides a file's bytes that reading it depends on: the versions of this code, of
 * the parsers and of Node's time zone data, the machine's time zone (dates without an offset)
 * and the options. An index made under anything else is not used.
 */
function indexFingerprint(request: IndexRequest): string {
  const require = builtin;
  const here = fileURLToPath(new URL('.', import.meta.url));
  const code = ['post.js', 'front-matter.js', 'dates.js', 'repository.js', 'post-index.js', 'head-scan.js'].map((f) => join(here, f));
  const parsers = [join(dirname(require.resolve('js-yaml/package.json')), 'dist', 'js-yaml.js'), require.resolve('yaml'), require.resolve('smol-toml')];
  const stamps = [...code, ...parsers].map((f) => {
    try {
      const st = fs.statSync(f, { bigint: true });
      return `${st.size}:${st.mtimeNs}`;
    } catch {
      return 'missing';
    }
  });
  const v = process.versions;
  return JSON.stringify([INDEX_VERSION, v.node, v.icu, v.tz, Intl.DateTimeFormat().resolvedOptions().timeZone, request.roots, readsAs(request), stamps]);
}

export interface OpenIndex {
  index: PostIndex;
  request: IndexRequest;
  /** The index file, open until savePostIndex. */
  fd?: number;
}

/** The index of a blog's posts when `cacheDir` is given (the index is on), else undefined. */
export function indexFor(cacheDir: string | undefined, cwd: string, blog: { postDirs: string[]; generator: Generator; timeZone?: string | undefined }): OpenIndex | undefined {
  if (cacheDir === undefined) return undefined;
  return openPostIndex({ cacheDir, roots: blog.postDirs, cwd, generator: blog.generator, ...(blog.timeZone === undefined ? {} : { timeZone: blog.timeZone }) });
}

/** The index for these posts folders (empty when there is none yet, or it cannot be used). */
export function openPostIndex(request: IndexRequest): OpenIndex {
  const fingerprint = indexFingerprint(request);
  const reads = readsAs(request);
  let fd: number | undefined;
  try {
    fd = fs.openSync(indexFile(request), 'r');
    // The open descriptor keeps reading this file's bytes even if another run replaces it meanwhile.
    const size = fs.fstatSync(fd).size;
    const length = Buffer.alloc(4);
    if (fs.readSync(fd, length, 0, 4, 0) === 4) {
      const headerLength = length.readUInt32LE(0);
      const header = Buffer.allocUnsafe(headerLength);
      if (headerLength <= size - 4 && readFully(fd, header, 4)) {
        const stored = v8().deserialize(header) as StoredIndex;
        const index = new PostIndex(fingerprint, reads, stored, entryBytes(fd, 4 + headerLength, size - 4 - headerLength));
        if (index.size > 0) return { index, request, fd };
      }
    }
  } catch {
    // No index yet, or one this code cannot read: every post is read from its file.
  }
  if (fd !== undefined) fs.closeSync(fd);
  return { index: new PostIndex(fingerprint, reads), request };
}

function readFully(fd: number, into: Buffer, position: number): boolean {
  let filled = 0;
  while (filled < into.length) {
    const n = fs.readSync(fd, into, filled, into.length - filled, position + filled);
    if (n === 0) return false;
    filled += n;
  }
  return true;
}

/** The entries' bytes, read in pieces of at least 256 KB as they are asked for (memory stays flat); each piece is a new buffer. */
function entryBytes(fd: number, offset: number, length: number): EntryBytes {
  let chunk = Buffer.alloc(0);
  let chunkStart = 0;
  return {
    length,
    read(start, end) {
      if (start < chunkStart || end > chunkStart + chunk.length) {
        chunk = Buffer.allocUnsafe(Math.min(Math.max(end - start, 256 * 1024), length - start));
        chunkStart = start;
        if (!readFully(fd, chunk, offset + start)) throw new Error('post index ends early');
      }
      return chunk.subarray(start - chunkStart, end - chunkStart);
    },
  };
}

/** Store what `index` learnt, for `files` (all the files it should cover). A failure only costs the next run time. */
export function savePostIndex(opened: OpenIndex | undefined, files: string[]): void {
  if (!opened) return;
  try {
    const encoded = opened.index.encode(files);
    if (!encoded) return;
    const header = v8().serialize(encoded.stored);
    const length = Buffer.alloc(4);
    length.writeUInt32LE(header.length, 0);
    fs.mkdirSync(opened.request.cacheDir, { recursive: true, mode: 0o700 });
    const target = indexFile(opened.request);
    writeViaTemp(target, Buffer.concat([length, header, encoded.posts]), 0o600, (tmp) => fs.renameSync(tmp, target), undefined, false);
  } catch {
    // A cache that cannot be written (read-only home, full disk) is no reason to fail.
  } finally {
    // After this the descriptor may be reused for another file: the index must not read it.
    opened.index.close();
    if (opened.fd !== undefined) fs.closeSync(opened.fd);
    delete opened.fd;
  }
}

/** The most bytes read to find the end of a front matter block (UTF-8 may take 4 bytes a character). */
const MAX_HEAD_BYTES = LIMITS.maxChars * 4 + 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
let scratch = Buffer.allocUnsafe(HEAD_BYTES);

/** One post, read and parsed as readPosts does. */
export function readPost(abs: string, options: ReadOptions): ReadResult {
  return readPostSync(abs, options) as ReadResult;
}

/** undefined: ruled out by `mayMatch` without parsing. */
function readPostSync(abs: string, options: ReadOptions, mayMatch?: (bytes: Uint8Array) => boolean): ReadResult | undefined {
  let shown: string | undefined;
  const pathOf = (): string => (shown ??= displayPath(options.cwd, abs));
  const failed = (message: string, hint?: string, line = 1, col = 1, code = 'io'): ReadResult => ({
    ok: false,
    path: pathOf(),
    problem: hint === undefined ? { line, col, message, code } : { line, col, message, hint, code },
  });
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO that took the place of a post must not hang the read.
    fd = fs.openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return failed(`cannot open: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'check the file permissions');
  }
  try {
    let want = HEAD_BYTES;
    const wholeFile = options.countWords !== undefined;
    if (wholeFile) {
      const st = fs.fstatSync(fd);
      if (!st.isFile()) return failed('not a regular file; skipped');
      want = Math.max(st.size + 1, HEAD_BYTES);
    }
    const parseOptions = {
      generator: options.generator,
      keepSource: options.keepSource === true,
      keepBody: wholeFile,
      ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
    };
    let filled = 0;
    let eof = false;
    for (;;) {
      if (scratch.length < want) {
        const bigger = Buffer.allocUnsafe(want);
        scratch.copy(bigger, 0, 0, filled);
        scratch = bigger;
      }
      // One read, unless it comes back short: then the file most likely ended, and a second
      // read to prove it is only needed when the front matter is not closed in what we have.
      let short = false;
      while (filled < want && !short) {
        const n = fs.readSync(fd, scratch, filled, want - filled, filled);
        if (n === 0) eof = true;
        // A whole file is read to its end; a head stops at a short read.
        short = eof || (!wholeFile && n < want - filled);
        filled += n;
      }
      const usable = eof ? scratch.subarray(0, filled) : scratch.subarray(0, scratch.lastIndexOf(0x0a, filled - 1) + 1);
      const firstRead = want === HEAD_BYTES;
      // Only on the first read, and only when the head holds the whole front matter: a name
      // past the head would otherwise be missed.
      if (mayMatch && firstRead && ruledOut(scratch, filled, eof, mayMatch)) return undefined;
      if (!wholeFile) {
        // Decode and parse only the bytes up to the closing fence: turning a whole 4 KB head
        // into a string costs more than parsing the front matter in it.
        const cut = frontMatterCut(usable);
        if (cut > 0) {
          const decoded = decodeUtf8(usable.subarray(0, cut));
          if (decoded.invalidAt === undefined) {
            const quick = parsePost(decoded.text, pathOf(), { ...parseOptions, complete: false });
            if (quick.ok && quick.post.format !== 'none') return { ok: true, post: quick.post };
            if (!quick.ok && !('incomplete' in quick)) return { ok: false, path: pathOf(), problem: quick.problem };
          }
        }
      }
      const decoded = decodeUtf8(usable);
      const complete = eof && decoded.invalidAt === undefined;
      const result = parsePost(decoded.text, pathOf(), { ...parseOptions, complete });
      if (result.ok) {
        if (options.countWords) {
          (result.post as Post & { words?: number }).words = options.countWords(result.post.body ?? '');
          delete result.post.body;
        }
        return { ok: true, post: result.post };
      }
      if (!('incomplete' in result)) return { ok: false, path: pathOf(), problem: result.problem };
      if (decoded.invalidAt !== undefined) {
        const loc = locate(decoded.text, decoded.text.length, 1);
        return failed('invalid UTF-8 in the front matter', 'save the file as UTF-8', loc.line, loc.col, 'encoding');
      }
      if (eof) return failed('front matter could not be read');
      if (filled >= MAX_HEAD_BYTES) {
        return failed(`front matter is not closed within ${MAX_HEAD_BYTES} bytes`, 'close the front matter with a "---" line, or shorten it', 1, 1, 'limit');
      }
      // After a short read, read on at the same size: the next read finds the end of the file.
      if (filled >= want) want = Math.min(want * 4, MAX_HEAD_BYTES);
    }
  } catch (e) {
    return failed(`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // Closing a read-only descriptor cannot lose data.
    }
  }
}

const NL_DASHES = Buffer.from('\n---');
const NL_DOTS = Buffer.from('\n...');
const NL_PLUSES = Buffer.from('\n+++');

/**
 * Where the bytes of a `---` or `+++` front matter block most likely end: just after the
 * first later line that starts like a closing fence; -1 when there is none in `bytes`.
 * Only a shortcut: a cut that does not hold a closed block is parsed again in full.
 */
function frontMatterCut(bytes: Uint8Array): number {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  const c = b[start];
  if ((c !== 0x2d && c !== 0x2b) || b[start + 1] !== c || b[start + 2] !== c) return -1;
  const from = start + 2;
  let at: number;
  if (c === 0x2b) at = b.indexOf(NL_PLUSES, from);
  else {
    const dashes = b.indexOf(NL_DASHES, from);
    const dots = b.indexOf(NL_DOTS, from);
    at = dashes === -1 ? dots : dots === -1 ? dashes : Math.min(dashes, dots);
  }
  if (at === -1) return -1;
  const end = b.indexOf(0x0a, at + 1);
  return end === -1 ? -1 : end + 1;
}

/** Decode strict UTF-8. On invalid bytes, return the valid text before them. */
export function decodeUtf8(bytes: Uint8Array): { text: string; invalidAt?: number } {
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    // Binary search for the longest prefix that decodes (a prefix may end inside a character).
    let lo = 0;
    let hi = bytes.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (decodesAsPrefix(bytes.subarray(0, mid))) lo = mid;
      else hi = mid - 1;
    }
    let end = lo;
    // The prefix may end inside a character: back up to that character's start.
    if (!decodesWhole(bytes.subarray(0, end))) {
      while (end > 0 && ((bytes[end - 1] ?? 0) & 0xc0) === 0x80) end--;
      if (end > 0 && (bytes[end - 1] ?? 0) >= 0xc0) end--;
    }
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, end)), invalidAt: end };
  }
}

function decodesWhole(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function decodesAsPrefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** A whole post file as bytes, and as much of it as decodes as UTF-8. */
export interface PostFile {
  abs: string;
  bytes: Buffer;
  /** The decoded text; when the file has invalid UTF-8, only the valid part before it. */
  text: string;
  /** Bytes that `text` covers (all of them unless the file has invalid UTF-8). */
  textBytes: number;
}

/** Read a whole post for editing. */
export function readPostFile(abs: string): PostFile {
  const bytes = fs.readFileSync(abs);
  const decoded = decodeUtf8(bytes);
  return { abs, bytes, text: decoded.text, textBytes: decoded.invalidAt ?? bytes.length };
}

/** The bytes of `file` with its decoded text replaced by `text` (bytes after invalid UTF-8 are kept as they are). */
export function replaceText(file: PostFile, text: string): Buffer {
  return Buffer.concat([Buffer.from(text, 'utf8'), file.bytes.subarray(file.textBytes)]);
}

export class ChangedOnDiskError extends Error {}

const TEMP_PREFIX = '.blog-';
/** Names of our own temp files: `.<name>.blog-<pid>-<hex>.tmp`, hidden, so walks skip them. */
export const TEMP_FILE = /^\..+\.blog-\d+-[0-9a-f]+\.tmp$/;

/**
 * Replace a file atomically and durably: write a temp file in the same folder (every byte
 * checked), fsync, rename over the target, fsync the folder. A symlinked post stays a
 * symlink (its target is replaced); mode and owner are kept. If the file no longer holds
 * `expected`, nothing is written and ChangedOnDiskError is thrown.
 */
export function writeFileAtomic(abs: string, data: Buffer, expected: Buffer): void {
  const real = fs.realpathSync(abs);
  const st = fs.statSync(real);
  if (!fs.readFileSync(real).equals(expected)) throw new ChangedOnDiskError(`${abs} changed while blog was working on it`);
  writeViaTemp(real, data, st.mode & 0o7777, (tmp) => fs.renameSync(tmp, real), (fd) => {
    try {
      fs.fchownSync(fd, st.uid, st.gid);
    } catch {
      // Only root may give a file away; an ordinary user's files are theirs already.
    }
  });
}

/**
 * The one careful write: a hidden temp file beside `target`, every byte count checked (a full
 * disk is an error, never a short file), fsync, then `commit(tmp)` (rename or link), then the
 * temp name is removed if it is still there and the folder is fsynced.
 */
function writeViaTemp(target: string, data: Buffer, mode: number | null, commit: (tmp: string) => void, prepare: (fd: number) => void = () => {}, durable = true): void {
  const dir = join(target, '..');
  const tmp = join(dir, `.${target.slice(dir.length + 1)}${TEMP_PREFIX}${process.pid}-${Math.floor(Math.random() * 0xffffffff).toString(16)}.tmp`);
  // A new file gets the usual mode (the umask applies); a replaced one keeps its own.
  const fd = fs.openSync(tmp, 'wx', mode ?? 0o666);
  let closed = false;
  try {
    if (mode !== null) fs.fchmodSync(fd, mode);
    prepare(fd);
    let offset = 0;
    while (offset < data.length) {
      const n = fs.writeSync(fd, data, offset, data.length - offset);
      if (n <= 0) throw new Error(`short write to ${tmp}`);
      offset += n;
    }
    // A cache file need not survive a power cut (a torn one is not used), only be whole when renamed.
    if (durable) fs.fsyncSync(fd);
    fs.closeSync(fd);
    closed = true;
    commit(tmp);
  } finally {
    if (!closed) {
      try {
        fs.closeSync(fd);
      } catch {
        // already closed
      }
    }
    try {
      fs.unlinkSync(tmp);
    } catch {
      // renamed away, or never there
    }
  }
  if (!durable) return;
  try {
    const dfd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    // Some file systems cannot fsync a folder; the rename itself is atomic.
  }
}

/** Our own temp files left by an interrupted run, under `dirs`. */
export function findStaleTempFiles(dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number): void => {
    let entries: Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory() && !e.name.startsWith('.') && depth < 64) walk(join(dir, e.name), depth + 1);
      else if (e.isFile() && TEMP_FILE.test(e.name) && !isAlive(Number(/blog-(\d+)-/.exec(e.name)?.[1]))) out.push(join(dir, e.name));
    }
  };
  for (const d of dirs) walk(d, 0);
  return out.sort();
}

/** Whether another live process (a concurrent blog run) may own a temp file. */
function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class FileExistsError extends Error {}

/**
 * Create a new file atomically without ever replacing one: write a temp file in the same
 * folder, fsync, then hard-link it to the name (which fails if the name exists) and remove
 * the temp name. Throws FileExistsError when `abs` exists.
 */
export function writeNewFile(abs: string, data: Buffer): void {
  fs.mkdirSync(join(abs, '..'), { recursive: true });
  writeViaTemp(abs, data, null, (tmp) => {
    try {
      fs.linkSync(tmp, abs);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new FileExistsError(abs);
      throw e;
    }
  });
}

/**
 * The front matter part of the first 4 KB of each file, decoded leniently and handed to
 * `visit` one file at a time: for quick scans (shell completion) that parse nothing.
 */
export function scanHeadsQuick(files: string[], visit: (head: string) => void): void {
  const buf = Buffer.allocUnsafe(4096);
  const decoder = new TextDecoder('utf-8');
  for (const f of files) {
    let n = 0;
    try {
      const fd = fs.openSync(f, constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        n = fs.readSync(fd, buf, 0, 4096, 0);
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      continue; // unreadable: nothing to complete from it
    }
    const head = buf.subarray(0, n);
    const end = Math.min(...FENCES.map((fence) => head.indexOf(fence, 3)).filter((i) => i !== -1), n);
    visit(decoder.decode(head.subarray(0, end)));
  }
}
