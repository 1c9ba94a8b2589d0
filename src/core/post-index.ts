/**
 * The post index: what reading each post gave, remembered by the file's identity, so that a
 * file that has not changed since need not be opened and parsed again.
 *
 * Never stale: an entry is used only when the file's device, inode, size, modification time
 * and change time (nanoseconds) are all as they were when it was read. The change time moves
 * on every write and cannot be set back by a program, so restoring the modification time
 * after an edit of the same size does not fool it. A file written less than SETTLE_NS before
 * it was read is not remembered at all: a second write within the same tick of the file
 * system's clock could leave every stamp as it was (git calls this "racily clean").
 *
 * Pure: stamps, posts and bytes in, lookups and bytes out. repository.ts does the I/O.
 */
import type { Post } from './post.js';

/** Bumped whenever what an entry holds changes. */
export const INDEX_VERSION = 1;

/** A file's identity, as `stat` with bigint times gives it. */
export interface FileStamp {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
}

/** Files changed less than this before they were looked at are not remembered (3 s: more than any file system's clock tick). */
export const SETTLE_NS = 3_000_000_000n;

const FIELDS = 5;

/**
 * The most entry bytes an index holds (1 GiB; offsets are 32-bit and a Buffer cannot grow without
 * end). Posts past it are not remembered: they are read each time, as without an index.
 */
export const MAX_INDEX_BYTES = 1 << 30;

/** What is stored on disk (v8 serialisation of this object, then `posts` raw after it). */
export interface StoredIndex {
  version: number;
  /** Everything besides a file's bytes that reading it depends on (see repository.indexFingerprint). */
  fingerprint: string;
  /** Absolute paths. */
  files: string[];
  /** FIELDS stamps a file, as unsigned 64-bit integers. */
  stamps: BigUint64Array;
  /** A file's tag and category names, each between NUL characters: the exact prefilter. */
  names: string[];
  /** Where each file's entry ends in the posts bytes (UTF-8 JSON, one entry after another). */
  ends: Uint32Array;
}

/** One entry: the parsed post without its path and text, as a JSON array. */
type Entry = [
  format: Post['format'],
  title: Post['title'],
  date: Post['date'],
  dateSource: Post['dateSource'],
  tags: Post['tags'],
  categories: Post['categories'],
  draft: Post['draft'],
  data: Post['data'],
  problems: Post['problems'],
  /** File line where the front matter text starts; 0 when there is none. */
  line: number,
];

/** Entries learnt in this run, packed (100,000 small objects held to the end of a run cost the collector seconds). */
class FreshEntries {
  readonly at = new Map<string, number>();
  names: string[] = [];
  stamps = new BigUint64Array(1024 * FIELDS);
  bytes = Buffer.allocUnsafe(1 << 20);
  ends = new Uint32Array(1024);
  length = 0;

  constructor(readonly maxBytes: number) {}

  /** false when the entry would take the entries past maxBytes (it is then not added). */
  add(abs: string, stamp: FileStamp, names: string, json: string): boolean {
    const k = this.length;
    const start = k === 0 ? 0 : (this.ends[k - 1] as number);
    if (start + Buffer.byteLength(json, 'utf8') > this.maxBytes) return false;
    if (k === this.ends.length) {
      const ends = new Uint32Array(k * 2);
      ends.set(this.ends);
      this.ends = ends;
      const stamps = new BigUint64Array(k * 2 * FIELDS);
      stamps.set(this.stamps);
      this.stamps = stamps;
    }
    const need = start + json.length * 3;
    if (need > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, this.bytes.length * 2));
      this.bytes.copy(bigger, 0, 0, start);
      this.bytes = bigger;
    }
    this.ends[k] = start + this.bytes.write(json, start, 'utf8');
    this.stamps.set([u64(stamp.dev), u64(stamp.ino), u64(stamp.size), u64(stamp.mtimeNs), u64(stamp.ctimeNs)], k * FIELDS);
    this.names.push(names);
    this.at.set(abs, k);
    this.length = k + 1;
    return true;
  }

  entry(k: number): Buffer {
    return this.bytes.subarray(k === 0 ? 0 : this.ends[k - 1], this.ends[k]);
  }
}

/** Where the entries' bytes come from: the index file, read a piece at a time. */
export interface EntryBytes {
  length: number;
  /** Bytes [start, end) of the entries; they stay as they are (never overwritten by a later read). */
  read(start: number, end: number): Buffer;
}

const NO_BYTES: EntryBytes = { length: 0, read: () => Buffer.alloc(0) };

const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);

/** The names an entry is looked up by: every tag and every category path segment. */
function namesOf(post: Post): string {
  return `\0${[...post.tags, ...post.categories.flat()].join('\0')}\0`;
}

/** Whether JSON gives this value back as it is (no non-finite numbers, -0, or objects that are not plain). */
function jsonSafe(value: unknown, depth = 0): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object' || depth > 200) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!jsonSafe(item, depth + 1)) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) if (!jsonSafe((value as Record<string, unknown>)[key], depth + 1)) return false;
  return true;
}

/** JSON text of a post, or undefined when JSON would not give back the same values: such posts are read each time. */
function entryJson(post: Post): string | undefined {
  const entry: Entry = [post.format, post.title, post.date, post.dateSource, post.tags, post.categories, post.draft, post.data, post.problems, post.frontMatter?.line ?? 0];
  return jsonSafe(entry) ? JSON.stringify(entry) : undefined;
}

export class PostIndex {
  #stored: StoredIndex | undefined;
  readonly #posts: EntryBytes;
  #byPath: Map<string, number> | undefined;
  #cursor = 0;
  readonly #fresh: FreshEntries;
  readonly #used = new Set<number>();

  /**
   * `readsAs`: the reading options the entries were parsed with (current folder, generator, time
   * zone), which a reader must match. `stored` and `posts` from disk, or undefined for an empty
   * index. `maxBytes`: see MAX_INDEX_BYTES.
   */
  constructor(
    readonly fingerprint: string,
    readonly readsAs: string,
    stored?: StoredIndex,
    posts?: EntryBytes,
    readonly maxBytes = MAX_INDEX_BYTES,
  ) {
    this.#fresh = new FreshEntries(maxBytes);
    const ok = stored !== undefined && posts !== undefined && isWellFormed(stored, posts.length) && stored.fingerprint === fingerprint;
    this.#stored = ok ? stored : undefined;
    this.#posts = ok ? posts : NO_BYTES;
  }

  /** How many files the index held when it was opened. */
  get size(): number {
    return this.#stored?.files.length ?? 0;
  }

  /** No more lookups (the entries' bytes are gone): every file is read from now on. */
  close(): void {
    this.#stored = undefined;
    this.#byPath = undefined;
  }

  /** How many entries were found valid so far. */
  get hits(): number {
    return this.#used.size;
  }

  /** The entry for `abs` when the file is exactly as it was read; -1 otherwise. */
  lookup(abs: string, stamp: FileStamp): number {
    const s = this.#stored;
    if (!s) return -1;
    // Files come in the order they were stored in: look at the next one before the map.
    let i = s.files[this.#cursor] === abs ? this.#cursor : -1;
    if (i === -1) {
      this.#byPath ??= new Map(s.files.map((f, k) => [f, k]));
      i = this.#byPath.get(abs) ?? -1;
      if (i === -1) return -1;
    }
    this.#cursor = i + 1;
    const at = i * FIELDS;
    const st = s.stamps;
    if (st[at] !== u64(stamp.dev) || st[at + 1] !== u64(stamp.ino) || st[at + 2] !== u64(stamp.size) || st[at + 3] !== u64(stamp.mtimeNs) || st[at + 4] !== u64(stamp.ctimeNs)) return -1;
    this.#used.add(i);
    return i;
  }

  /** Whether entry `i` has all (`every`) or any (`some`) of these names as a tag or category. */
  hasNames(i: number, names: string[], mode: 'every' | 'some'): boolean {
    const held = (this.#stored as StoredIndex).names[i] as string;
    return mode === 'every' ? names.every((n) => held.includes(`\0${n}\0`)) : names.some((n) => held.includes(`\0${n}\0`));
  }

  /** The post of entry `i`, as parsing the file gave it (`frontMatter` supplied by the caller, who can read the text again). */
  post(i: number, path: string, frontMatter: (line: number) => Post['frontMatter']): Post {
    const s = this.#stored as StoredIndex;
    const start = i === 0 ? 0 : (s.ends[i - 1] as number);
    const [format, title, date, dateSource, tags, categories, draft, data, problems, line] = JSON.parse(this.#posts.read(start, s.ends[i] as number).toString('utf8')) as Entry;
    return { path, format, title, date, dateSource, tags, categories, draft, data, problems, frontMatter: line === 0 ? null : frontMatter(line) };
  }

  /** Remember what reading `abs` gave, if the file had settled when it was stamped (`nowNs`: the clock then). */
  remember(abs: string, stamp: FileStamp, post: Post, nowNs: bigint): void {
    if (!(stamp.mtimeNs < nowNs - SETTLE_NS && stamp.ctimeNs < nowNs - SETTLE_NS)) return;
    const json = entryJson(post);
    if (json === undefined) return;
    if (this.#fresh.at.has(abs)) return;
    this.#fresh.add(abs, stamp, namesOf(post), json); // false past maxBytes: the post is simply read next time
  }

  /**
   * The index to store after a run over `files` (all the files it covers, among them every file
   * looked up in this run: others are dropped), or undefined when it would hold what is stored already.
   */
  encode(files: string[]): { stored: StoredIndex; posts: Buffer } | undefined {
    const s = this.#stored;
    const fresh = this.#fresh;
    // Every stored entry was found valid and nothing was learnt: the index holds what it should.
    if (fresh.length === 0 && this.#used.size === this.size) return undefined;
    // Each kept file: its fresh entry (k >= 0), or its valid old one (-1 - old).
    const keepFiles: string[] = [];
    const keep: number[] = [];
    let inOrder = true;
    for (const abs of files) {
      const k = fresh.at.get(abs);
      if (k !== undefined) {
        if (k !== keep.length) inOrder = false;
        keepFiles.push(abs);
        keep.push(k);
      } else {
        const old = s ? (this.#byPath ??= new Map(s.files.map((f, i) => [f, i]))).get(abs) : undefined;
        if (old !== undefined && this.#used.has(old)) {
          inOrder = false;
          keepFiles.push(abs);
          keep.push(-1 - old);
        }
      }
    }
    if (fresh.length === 0 && keep.length === this.size) return undefined;
    if (keep.length === 0 && this.size === 0) return undefined;
    const n = keep.length;
    // The common first run: every entry is fresh, in the order of the files.
    if (inOrder && n === fresh.length) {
      return {
        stored: { version: INDEX_VERSION, fingerprint: this.fingerprint, files: keepFiles, stamps: fresh.stamps.slice(0, n * FIELDS), names: fresh.names, ends: fresh.ends.slice(0, n) },
        posts: fresh.bytes.subarray(0, n === 0 ? 0 : fresh.ends[n - 1]),
      };
    }
    // Old and new entries together may pass maxBytes: those past it are left out (read next time).
    // Old entries next to each other in the file are copied out of it in one piece.
    const src = s as StoredIndex;
    const oldStart = (old: number): number => (old === 0 ? 0 : (src.ends[old - 1] as number));
    const stamps = new BigUint64Array(n * FIELDS);
    const ends = new Uint32Array(n);
    const names: string[] = [];
    const storedFiles: string[] = [];
    const parts: Buffer[] = [];
    let offset = 0;
    let run: { from: number; to: number } | undefined;
    const flush = (): void => {
      if (run) parts.push(this.#posts.read(oldStart(run.from), src.ends[run.to] as number));
      run = undefined;
    };
    keep.forEach((k, i) => {
      const old = -1 - k;
      const length = k >= 0 ? fresh.entry(k).length : (src.ends[old] as number) - oldStart(old);
      if (offset + length > this.maxBytes) return;
      const j = storedFiles.length;
      if (k >= 0) {
        flush();
        parts.push(fresh.entry(k));
        stamps.set(fresh.stamps.subarray(k * FIELDS, k * FIELDS + FIELDS), j * FIELDS);
        names.push(fresh.names[k] as string);
      } else {
        if (run && run.to === old - 1) run.to = old;
        else {
          flush();
          run = { from: old, to: old };
        }
        stamps.set(src.stamps.subarray(old * FIELDS, old * FIELDS + FIELDS), j * FIELDS);
        names.push(src.names[old] as string);
      }
      storedFiles.push(keepFiles[i] as string);
      offset += length;
      ends[j] = offset;
    });
    flush();
    const m = storedFiles.length;
    return {
      stored: { version: INDEX_VERSION, fingerprint: this.fingerprint, files: storedFiles, stamps: stamps.slice(0, m * FIELDS), names, ends: ends.slice(0, m) },
      posts: Buffer.concat(parts, offset),
    };
  }
}

/** Whether a deserialised value is an index this code can use (anything else is ignored). */
function isWellFormed(s: StoredIndex, postBytes: number): boolean {
  if (typeof s !== 'object' || s === null || s.version !== INDEX_VERSION || typeof s.fingerprint !== 'string') return false;
  if (!Array.isArray(s.files) || !Array.isArray(s.names) || !(s.stamps instanceof BigUint64Array) || !(s.ends instanceof Uint32Array)) return false;
  const n = s.files.length;
  if (s.names.length !== n || s.ends.length !== n || s.stamps.length !== n * FIELDS) return false;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const end = s.ends[i] as number;
    if (end < prev || typeof s.files[i] !== 'string' || typeof s.names[i] !== 'string') return false;
    prev = end;
  }
  return prev === postBytes;
}
