/**
 * Finding a blog's post files: a deterministic walk of its posts and drafts folders that skips
 * what the site generators skip, never leaves the blog through a symbolic link, and reports
 * every entry it cannot use instead of ignoring it silently.
 */
import fs, { type Dirent } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { dirname, extname, join, sep } from 'node:path';
import type { Diagnostic } from '../diagnostic.js';
import type { Generator } from '../front-matter/fences.js';
import { grown } from '../columns.js';
import { holdYoungGeneration } from '../heap.js';
import { displayPath, isInside } from './paths.js';

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

/**
 * Markdown files that are pages, not posts: a Hugo section page (`_index.md`) and a README.
 * (Hexo and Jekyll pages live outside the posts folder; `_` names are skipped there.)
 */
export function pageKind(name: string, generator: Generator): string | undefined {
  if (/^readme\.(md|markdown)$/i.test(name)) return 'a README, not a post';
  if (generator === 'hugo' && /^_index\.(md|markdown)$/i.test(name)) return 'a Hugo section page (_index.md), not a post';
  return undefined;
}

/** A Markdown file the walk found (or a file named on the command line). */
export interface PostEntry {
  abs: string;
  /** As shown: relative to the current folder, with `/`. */
  path: string;
  /** Relative to the posts (or drafts) folder it was found in, with `/`. */
  rel: string;
  /** Found in the blog's drafts folder. */
  inDrafts: boolean;
  /** A page (see pageKind): not a post; read only where a rule needs it (Hugo cascades). */
  page?: string;
}

/** A folder the walk went through: what the paths of its files start with (shared by them all). */
interface Folder {
  /** Absolute, with a trailing separator. */
  abs: string;
  /** As shown, with a trailing `/` (empty for the current folder). */
  shown: string;
  /** Relative to the posts or drafts folder, with a trailing `/` (empty at its top). */
  rel: string;
  inDrafts: boolean;
}

/** A walk entry made when asked for: its folder (shared) and its name; the paths are made when asked for. */
class WalkEntry implements PostEntry {
  constructor(
    readonly folder: Folder,
    readonly name: string,
    readonly page?: string,
  ) {}

  get abs(): string {
    return this.folder.abs + this.name;
  }

  get path(): string {
    return this.folder.shown + this.name;
  }

  get rel(): string {
    return this.folder.rel + this.name;
  }

  get inDrafts(): boolean {
    return this.folder.inDrafts;
  }
}

/**
 * Entries packed to be sent to another thread: the folders they are in, once, and their names
 * joined, in typed arrays that are moved, not copied (entries that are not the walk's, a file
 * named on the command line, are sent as they are). Sent as 1,024 objects, a chunk's entries
 * lived on the reading thread as long as the chunk was read, outlived collections of its young
 * generation and were garbage in its old one.
 */
export interface PackedEntries {
  folders: Folder[];
  /** Per entry: its folder's number, or -1 - its number in `others`. */
  folderOf: Int32Array;
  /** Where each name ends in `names`. */
  ends: Int32Array;
  names: string;
  /** Per entry: its page kind's number in `kinds`, 0 when not a page. */
  page: Uint8Array;
  kinds: (string | undefined)[];
  others: PostEntry[];
}

/** The `count` entries of `list` from `first`, packed. */
export function packEntries(list: EntryList, first: number, count: number): PackedEntries {
  const packed: PackedEntries = { folders: [], folderOf: new Int32Array(count), ends: new Int32Array(count), names: '', page: new Uint8Array(count), kinds: [undefined], others: [] };
  const folderNumbers = new Map<Folder, number>();
  const names: string[] = [];
  let end = 0;
  for (let i = 0; i < count; i++) {
    const entry = list.at(first + i);
    if (entry instanceof WalkEntry) {
      let f = folderNumbers.get(entry.folder);
      if (f === undefined) folderNumbers.set(entry.folder, (f = packed.folders.push(entry.folder) - 1));
      packed.folderOf[i] = f;
      names.push(entry.name);
      end += entry.name.length;
    } else packed.folderOf[i] = -1 - (packed.others.push(entry) - 1);
    packed.ends[i] = end;
    if (entry.page !== undefined) {
      let kind = packed.kinds.indexOf(entry.page);
      if (kind < 0) kind = packed.kinds.push(entry.page) - 1;
      packed.page[i] = kind;
    }
  }
  packed.names = names.join('');
  return packed;
}

/** The entries packEntries packed, each made when it is reached. */
export function* unpackEntries(packed: PackedEntries): IterableIterator<PostEntry> {
  for (let i = 0; i < packed.folderOf.length; i++) {
    const f = packed.folderOf[i] as number;
    if (f < 0) {
      yield packed.others[-1 - f] as PostEntry;
      continue;
    }
    const start = i === 0 ? 0 : (packed.ends[i - 1] as number);
    yield new WalkEntry(packed.folders[f] as Folder, packed.names.slice(start, packed.ends[i]), packed.kinds[packed.page[i] as number]);
  }
}

/** Entries in order, each made when asked for. */
export interface EntryList extends Iterable<PostEntry> {
  readonly length: number;
  /** The entry at `index` (0 ≤ index < length), a new object each time. */
  at(index: number): PostEntry;
}

/** The page kinds pageKind gives, by their code in WalkEntries (0: not a page). */
const PAGE_KINDS: (string | undefined)[] = [undefined];

/**
 * The entries of a walk, packed: per entry, its folder's number, where its name is in the
 * folder's names (one string per folder) and its page kind, in typed arrays; no object per
 * entry until one is asked for. 100,000 entries as objects took 8 MB of old space and, as they
 * all outlived collections of the young generation, made V8 double that generation (16 MB more);
 * packed they take 1.3 MB outside the heap, and the names.
 */
export class WalkEntries implements EntryList {
  readonly #folders: Folder[] = [];
  /** Each folder's names, joined (no separator: the ends are kept). */
  readonly #names: string[] = [];
  #folderOf = new Int32Array(256);
  #start = new Int32Array(256);
  #end = new Int32Array(256);
  #page = new Uint8Array(256);
  /** Entry order when the walk's order is not path order: the i-th entry is the #order[i]-th found. */
  #order: Int32Array | undefined;
  #length = 0;
  #pages = 0;

  get length(): number {
    return this.#length;
  }

  /** How many of the entries are pages. */
  get pages(): number {
    return this.#pages;
  }

  /** A folder whose names are `names` (joined), the entries of which are then added with add(). */
  folder(folder: Folder): number {
    this.#folders.push(folder);
    this.#names.push('');
    return this.#folders.length - 1;
  }

  /** The names of folder `f`, joined in the order its entries were added. */
  setNames(f: number, names: string): void {
    this.#names[f] = names;
  }

  /** An entry of folder `f` whose name is from `start` to `end` in the folder's names. */
  add(f: number, start: number, end: number, page: string | undefined): void {
    const n = this.#length;
    if (n === this.#folderOf.length) {
      this.#folderOf = grown(this.#folderOf, n * 2);
      this.#start = grown(this.#start, n * 2);
      this.#end = grown(this.#end, n * 2);
      this.#page = grown(this.#page, n * 2);
    }
    this.#folderOf[n] = f;
    this.#start[n] = start;
    this.#end[n] = end;
    let code = 0;
    if (page !== undefined) {
      code = PAGE_KINDS.indexOf(page);
      if (code < 0) code = PAGE_KINDS.push(page) - 1;
      this.#pages++;
    }
    this.#page[n] = code;
    this.#length = n + 1;
  }

  /** Put the entries in the order of their shown paths (JavaScript's, by UTF-16 code units: see byCodeUnit), unless they are in it already. */
  sort(): void {
    const n = this.#length;
    let sorted = true;
    let previous = n > 0 ? this.#raw(0) : undefined;
    for (let i = 1; i < n && sorted; i++) {
      const entry = this.#raw(i);
      const a = previous as WalkEntry;
      sorted = a.folder === entry.folder ? a.name < entry.name : a.path < entry.path;
      previous = entry;
    }
    if (sorted) return;
    const paths = Array.from({ length: n }, (_, i) => this.#raw(i).path);
    this.#order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => {
      const x = paths[a] as string;
      const y = paths[b] as string;
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }

  at(index: number): PostEntry {
    return this.#raw(this.#order ? (this.#order[index] as number) : index);
  }

  /** Whether the index-th entry is a page. */
  isPage(index: number): boolean {
    return this.#page[this.#order ? (this.#order[index] as number) : index] !== 0;
  }

  *[Symbol.iterator](): Iterator<PostEntry> {
    for (let i = 0; i < this.#length; i++) yield this.at(i);
  }

  #raw(i: number): WalkEntry {
    const f = this.#folderOf[i] as number;
    return new WalkEntry(this.#folders[f] as Folder, (this.#names[f] as string).slice(this.#start[i], this.#end[i]), PAGE_KINDS[this.#page[i] as number]);
  }
}

/** Some entries of a list, by their indexes in it, then other entries. */
export function someEntries(list: EntryList, indexes: Int32Array, more: PostEntry[]): EntryList {
  const length = indexes.length + more.length;
  const at = (i: number): PostEntry => (i < indexes.length ? list.at(indexes[i] as number) : (more[i - indexes.length] as PostEntry));
  return {
    length,
    at,
    *[Symbol.iterator]() {
      for (let i = 0; i < length; i++) yield at(i);
    },
  };
}

/**
 * Whether the entry's post is in a drafts folder: the blog's drafts folder, or a `_drafts/`
 * folder on its path (asked of every post read: the regex runs only when the name is there).
 */
export function inDraftsFolder(entry: PostEntry): boolean {
  return entry.inDrafts || (entry.rel.includes('_drafts/') && /(^|\/)_drafts\//.test(entry.rel));
}

export interface WalkOptions {
  generator: Generator;
  /** Used to show paths relative to it. */
  cwd: string;
  /** Real paths of the folders the blog may read from: a symbolic link leading anywhere else is not followed. */
  allowed: string[];
  /** Which of the folders walked is the drafts folder (its files are drafts). */
  draftsDir?: string | undefined;
  /** Paths (relative to the folder walked, with `/`) to leave out: the config's `ignore`. */
  ignore?: ((rel: string) => boolean) | undefined;
  /** Told the number of files found so far, after each one (big blogs start their reading threads early). */
  onFile?: ((count: number) => void) | undefined;
}

export interface WalkResult {
  /** In a stable order: that of their shown paths (by UTF-16 code units). */
  entries: WalkEntries;
  /**
   * Entries that look like posts but cannot be read as files: errors for FIFOs, dangling links,
   * links out of the blog and bad names (a post is missing), warnings for folders reached twice.
   */
  skipped: Diagnostic[];
  /** Folders that could not be read: the posts in them are missing, an error. */
  errors: Diagnostic[];
  /**
   * The real folders links lead to (a linked folder, the folder of a linked post): a write
   * through the link changes files there, where another run may write too (see lockBlog).
   */
  linkTargets: string[];
}

/** Why a folder or file could not be opened, in words (not an errno code). */
export function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENAMETOOLONG':
      return 'its path is longer than the system allows';
    case 'ENOENT':
      return 'it is gone';
    case 'ENOTDIR':
      return 'it is not a folder';
    case 'EEXIST':
      // (From making the folders of a new file: a file is where one of them should be.)
      return 'a file is where a folder should be';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'an input/output error of the disk';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'over the disk quota';
    case 'EROFS':
      return 'a read-only file system';
    default:
      return code ? `system error ${code}` : String((e as Error)?.message ?? e);
  }
}

/**
 * Every `.md`/`.markdown` file under `dirs`, recursively. Hidden and temp files are skipped, and
 * so are `_`-prefixed names in Hexo and Jekyll sites, as those generators do. Symbolic links are
 * followed when they lead inside the blog and only once: a link back to a folder already walked,
 * or out of the blog, is reported and not followed.
 */
export function walkPosts(dirs: string[], options: WalkOptions): WalkResult {
  // Synchronous on purpose, like the reads: a walk has nothing to overlap with, and blocking
  // calls on cached folders cost less than a trip through the thread pool.
  const found = new WalkEntries();
  const skipped: Diagnostic[] = [];
  const errors: Diagnostic[] = [];
  const linkTargets = new Set<string>();
  const fail = (abs: string, message: string): void => {
    errors.push({ path: display(abs), line: 0, col: 0, severity: 'error', rule: 'io', message, hint: 'the posts in it are not read' });
  };
  const visited = new Set<string>();
  const display = (abs: string): string => displayPath(options.cwd, abs);
  /** A post that could not be read is an error; a folder reached twice through a link is only a warning. */
  const skip = (abs: string, rule: string, message: string, hint?: string): void => {
    const d: Diagnostic = { path: display(abs), line: 0, col: 0, severity: rule === 'symlink-loop' ? 'warning' : 'error', rule, message };
    if (hint) d.hint = hint;
    skipped.push(d);
  };
  const underscore = options.generator === 'hexo' || options.generator === 'jekyll';

  const walk = (root: string, dir: string, relDir: string, inDrafts: boolean): void => {
    let st;
    try {
      st = fs.statSync(dir);
    } catch (e) {
      fail(dir, `cannot open folder: ${ioReason(e)}`);
      return;
    }
    const id = `${st.dev}:${st.ino}`;
    if (visited.has(id)) {
      // A link back to a folder walked (a loop), or a folder named twice (a drafts folder inside the posts folder).
      skip(dir, 'symlink-loop', fs.lstatSync(dir).isSymbolicLink() ? 'symbolic link to a folder already listed (loop); skipped' : 'a folder already listed (the drafts folder is inside the posts folder?); skipped');
      return;
    }
    visited.add(id);
    let entries: DirItem[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      fail(dir, `cannot read folder: ${ioReason(e)}`);
      return;
    }
    // Folders sort as `name/`, so that walking in this order mostly yields paths already in
    // their final order (`a.md` before `a/x.md`), and the sort at the end has little to do.
    const items: { name: string; key: string; dir: boolean; entry: DirItem }[] = [];
    // A name that is not valid UTF-8 comes back with U+FFFD in it: it cannot be opened by that
    // name, and it may read as the name of a real file (`a\xff.md` as `a\uFFFD.md`, which was then
    // listed twice). The folder is read again as bytes and only the UTF-8 names are kept.
    if (entries.some((e) => e.name.includes('\uFFFD'))) entries = utf8Entries(dir, entries, skip);
    for (const entry of entries) {
      const name = entry.name;
      if (name.charCodeAt(0) === 0x2e) continue;
      if (underscore && name.charCodeAt(0) === 0x5f) continue;
      const isDir = entry.isDirectory();
      // A post name (.md, .markdown) is never a temp name; only other names need the test.
      if (!(entry.isFile() && isPostName(name)) && isTempName(name)) continue;
      items.push({ name, key: isDir ? name + '/' : name, dir: isDir, entry });
    }
    items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    // `dir` is already normalised (it comes from path.resolve or from this walk).
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    // Shown paths: the folder's once, then its names (path.relative for every file costs more than the walk).
    const shownDir = display(dir);
    const folder: Folder = { abs: prefix, shown: shownDir === '.' ? '' : `${shownDir}/`, rel: relDir === '' ? '' : `${relDir}/`, inDrafts };
    const f = found.folder(folder);
    // The names of the folder's posts, joined when it is done (its subfolders are walked in between).
    const names: string[] = [];
    let offset = 0;
    for (const { name, dir: isDir, entry } of items) {
      const abs = prefix + name;
      const rel = relDir === '' ? name : `${relDir}/${name}`;
      if (options.ignore?.(rel)) continue;
      let kind: 'file' | 'dir' | 'other' = entry.isFile() ? 'file' : isDir ? 'dir' : 'other';
      if (entry.isSymbolicLink()) {
        let target: fs.Stats;
        let real: string;
        try {
          target = fs.statSync(abs);
          real = fs.realpathSync(abs);
        } catch (e) {
          if (isPostName(name)) {
            const code = (e as NodeJS.ErrnoException).code;
            skip(abs, code === 'ELOOP' ? 'symlink-loop' : 'symlink-dangling', code === 'ELOOP' ? 'symbolic link loop; skipped' : 'symbolic link to a missing file; skipped');
          }
          continue;
        }
        kind = target.isFile() ? 'file' : target.isDirectory() ? 'dir' : 'other';
        if ((kind === 'dir' || isPostName(name)) && !options.allowed.some((a) => isInside(a, real))) {
          skip(abs, 'symlink-outside', `symbolic link to ${kind === 'dir' ? 'a folder' : 'a file'} outside the blog (${real}); not followed`, 'move the files into the blog, or pass --dir to read that folder');
          continue;
        }
        if (kind === 'dir') linkTargets.add(real);
        else if (kind === 'file' && isPostName(name)) linkTargets.add(dirname(real));
      }
      if (kind === 'dir' && entry.isSymbolicLink()) linked.push([root, abs, rel, inDrafts]);
      else if (kind === 'dir') walk(root, abs, rel, inDrafts);
      else if (isPostName(name)) {
        if (kind !== 'file') {
          skip(abs, 'not-a-file', 'not a regular file (FIFO, socket or device); skipped');
          continue;
        }
        found.add(f, offset, offset + name.length, pageKind(name, options.generator));
        names.push(name);
        offset += name.length;
        options.onFile?.(found.length);
        if ((found.length & 1023) === 0) holdYoungGeneration();
      }
    }
    found.setNames(f, names.join(''));
  };

  // Links to folders are followed after every real folder is walked: a folder reached both ways
  // is listed where it is and the link reported (a link `aaa` to `zzz` walked first, in name
  // order, listed zzz's posts as aaa/… and reported the real zzz as the link).
  const linked: [root: string, abs: string, rel: string, inDrafts: boolean][] = [];
  for (const dir of dirs) walk(dir, dir, '', options.draftsDir !== undefined && dir === options.draftsDir);
  for (let next = linked.shift(); next; next = linked.shift()) walk(...next);
  found.sort();
  return { entries: found, skipped, errors, linkTargets: [...linkTargets] };
}

/** What the walk asks of a folder entry. */
type DirItem = Pick<Dirent, 'name' | 'isFile' | 'isDirectory' | 'isSymbolicLink'>;

/**
 * The entries of `dir` whose names are valid UTF-8; the others (not openable by a decoded name)
 * are reported. If the folder cannot be read again, `decoded` without the names that hold U+FFFD.
 */
function utf8Entries(dir: string, decoded: DirItem[], skip: (abs: string, rule: string, message: string, hint?: string) => void): DirItem[] {
  const out: DirItem[] = [];
  let raw: Dirent<Buffer>[];
  try {
    raw = fs.readdirSync(dir, { encoding: 'buffer', withFileTypes: true });
  } catch {
    return decoded.filter((e) => !e.name.includes('\uFFFD'));
  }
  for (const entry of raw) {
    const bytes = entry.name;
    if (isUtf8(bytes)) {
      out.push({ name: bytes.toString('utf8'), isFile: () => entry.isFile(), isDirectory: () => entry.isDirectory(), isSymbolicLink: () => entry.isSymbolicLink() });
      continue;
    }
    const shown = escapeInvalidUtf8(bytes);
    if (shown.startsWith('.') || !/\.(md|markdown)$/i.test(shown)) continue;
    skip(join(dir, shown), 'encoding', 'file name is not valid UTF-8; skipped', 'rename the file (bytes that are not UTF-8 are shown as \\xHH)');
  }
  return out;
}

/** A file name's bytes as text, with bytes that are not valid UTF-8 shown as `\xHH`. */
export function escapeInvalidUtf8(bytes: Buffer): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len > 0 && i + len <= bytes.length && isUtf8(bytes.subarray(i, i + len))) {
      out += bytes.toString('utf8', i, i + len);
      i += len;
    } else {
      out += `\\x${b.toString(16).padStart(2, '0')}`;
      i++;
    }
  }
  return out;
}
