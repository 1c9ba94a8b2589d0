/**
 * Reading post files: the head of each file (as many bytes as its front matter needs, decoded
 * and parsed only up to the closing fence), whole files for editing, and bodies streamed through
 * a word counter in pieces (memory flat in the size of a post).
 */
import fs, { constants } from 'node:fs';
import type { Diagnostic } from '../diagnostic.js';
import { headCut, locate, splitFrontMatter, type Generator } from '../front-matter/fences.js';
import { LIMITS } from '../front-matter/data.js';
import { parsePost, type ParseOptions, type Post } from '../post.js';
import { WordCounter } from '../words.js';
import { inDraftsFolder, ioReason, type PostEntry } from './walk.js';

/** First read: most front matter fits in 4 KB (the median block is a few hundred bytes). */
export const HEAD_BYTES = 4 * 1024;

/** The most bytes read to find the end of a front matter block (UTF-8 may take 4 bytes a character). */
const MAX_HEAD_BYTES = LIMITS.maxChars * 4 + 1024;

/** Bodies are streamed in pieces of this size when words are counted. */
const BODY_CHUNK = 1 << 20;

export interface ReadSpec {
  generator: Generator;
  timeZone?: string | undefined;
  /** Keep each post's front matter text (lint locates findings in it). */
  keepSource?: boolean;
  /** Count the words of each body (reads whole files, a piece at a time). */
  words?: boolean;
}

export type ReadResult = { ok: true; post: Post; words?: number } | { ok: false; problem: Diagnostic };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
let scratch = Buffer.allocUnsafe(HEAD_BYTES);

/**
 * Read and parse one post. Reads are synchronous on purpose: for files in the page cache, a
 * blocking open/read/close costs a third of the same calls through libuv's thread pool, and a
 * CLI has nothing else to do meanwhile.
 */
export function readPost(abs: string, path: string, spec: ReadSpec, inDrafts: boolean): ReadResult {
  const failed = (message: string, hint?: string, line = 0, col = 0, rule = 'io'): ReadResult => ({
    ok: false,
    problem: hint === undefined ? { path, line, col, severity: 'error', rule, message } : { path, line, col, severity: 'error', rule, message, hint },
  });
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO that took the place of a post must not hang the read.
    fd = fs.openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return failed(`cannot open: ${ioReason(e)}`);
  }
  try {
    let want = HEAD_BYTES;
    let filled = 0;
    let eof = false;
    // The last read came back short: in a regular file (posts are), the file ended there.
    let short = false;
    for (;;) {
      if (scratch.length < want) {
        const bigger = Buffer.allocUnsafe(want);
        scratch.copy(bigger, 0, 0, filled);
        scratch = bigger;
      }
      // One read, unless it comes back short: then the file most likely ended, and a second
      // read to prove it is only needed when the front matter is not closed in what we have.
      short = false;
      while (filled < want && !short) {
        const n = fs.readSync(fd, scratch, filled, want - filled, filled);
        if (n === 0) eof = true;
        short = eof || n < want - filled;
        filled += n;
      }
      const usable = eof ? scratch.subarray(0, filled) : scratch.subarray(0, scratch.lastIndexOf(0x0a, filled - 1) + 1);
      let result: ReturnType<typeof parsePost> | undefined;
      // Decode and parse only the bytes up to the closing fence: turning a whole 4 KB head into
      // a string costs more than parsing the front matter in it.
      const cut = headCut(usable);
      if (cut > 0) {
        const decoded = decodeUtf8(usable.subarray(0, cut));
        if (decoded.invalidAt === undefined) {
          const quick = parsePost(decoded.text, path, headOptions(spec, inDrafts));
          if (quick.ok && quick.post.format !== 'none') {
            if (!spec.words) return { ok: true, post: quick.post };
            return { ok: true, post: quick.post, words: countBodyWords(fd, cut, filled, eof || short) };
          }
          if (!quick.ok && !('incomplete' in quick)) return { ok: false, problem: quick.problem };
        }
      }
      const decoded = decodeUtf8(usable);
      const complete = eof && decoded.invalidAt === undefined;
      result = parsePost(decoded.text, path, { ...headOptions(spec, inDrafts), complete });
      if (result.ok) {
        if (!spec.words) return { ok: true, post: result.post };
        return { ok: true, post: result.post, words: countBodyWords(fd, bodyByteOffset(decoded.text, spec.generator), filled, eof || short) };
      }
      if (!('incomplete' in result)) return { ok: false, problem: result.problem };
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
    return failed(`cannot read: ${ioReason(e)}`);
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // Closing a read-only descriptor cannot lose data.
    }
  }
}

/**
 * The options a post's head is parsed with, made once a spec (for posts in and out of drafts):
 * making them for each post, with two spreads, cost about 2 µs a post (reading 30,000 bench
 * posts on one thread: 12.8 → 10.4 µs a post).
 */
function headOptions(spec: ReadSpec, inDrafts: boolean): ParseOptions {
  let made = parseOptionsOf.get(spec);
  if (!made) {
    const of = (drafts: boolean): ParseOptions => ({ generator: spec.generator, keepSource: spec.keepSource === true, keepBody: false, inDrafts: drafts, complete: false, ...(spec.timeZone === undefined ? {} : { timeZone: spec.timeZone }) });
    parseOptionsOf.set(spec, (made = [of(false), of(true)]));
  }
  return made[inDrafts ? 1 : 0] as ParseOptions;
}
const parseOptionsOf = new WeakMap<ReadSpec, ParseOptions[]>();

/** Where the body starts in the bytes of a text that holds the whole front matter. */
function bodyByteOffset(text: string, generator: Generator): number {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const split = splitFrontMatter(text.slice(bom), generator, true);
  return Buffer.byteLength(text.slice(0, bom + (split.kind === 'block' ? split.bodyStart : 0)), 'utf8');
}

/**
 * The words of a post's body: the bytes from `bodyAt` of what was read so far (`filled` bytes of
 * the scratch buffer), then, unless the file `ended` there, the rest of the open file a piece at
 * a time. A short read of a regular file is its end: no read more to be told so (one system call
 * a post saved).
 */
function countBodyWords(fd: number, bodyAt: number, filled: number, ended: boolean): number {
  const counter = new WordCounter();
  counter.push(scratch, bodyAt, filled);
  if (!ended) {
    bodyChunk ??= Buffer.allocUnsafe(BODY_CHUNK);
    for (let position = filled; ; ) {
      const n = fs.readSync(fd, bodyChunk, 0, BODY_CHUNK, position);
      position += n;
      counter.push(bodyChunk, 0, n);
      if (n < BODY_CHUNK) break;
    }
  }
  return counter.finish();
}

/** The buffer bodies are read into, a piece at a time (one for the whole run). */
let bodyChunk: Buffer | undefined;

/** One post file, read: the post, or why it could not be read. */
export type ReadItem = { entry: PostEntry; post: Post; words?: number; problem?: undefined } | { entry: PostEntry; post?: undefined; problem: Diagnostic };

/** What reading some entries found besides the posts: how many post files, and every error about them. */
export interface EntriesRead {
  /** Post files read (pages not counted). */
  files: number;
  /** Posts that cannot be read, and values that cannot be read (an impossible date), in entry order. */
  errors: Diagnostic[];
}

/**
 * Read entries of the walk one at a time, in order, handing each to `visit` (what it does not
 * keep is garbage at once: memory stays flat). The one loop every thread reads posts with.
 */
export function readEntries(entries: Iterable<PostEntry>, spec: ReadSpec, visit: (item: ReadItem) => void): EntriesRead {
  const errors: Diagnostic[] = [];
  let files = 0;
  for (const entry of entries) {
    const r = readPost(entry.abs, entry.path, spec, inDraftsFolder(entry));
    if (!entry.page) files++;
    if (r.ok) {
      if (!entry.page) for (const p of r.post.problems) if (p.severity === 'error') errors.push(p);
      visit(r.words === undefined ? { entry, post: r.post } : { entry, post: r.post, words: r.words });
    } else {
      if (!entry.page) errors.push(r.problem);
      visit({ entry, problem: r.problem });
    }
  }
  return { files, errors };
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
