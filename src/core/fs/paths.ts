/**
 * Paths as the user sees them, and the checks that keep every path blog builds inside the blog.
 */
import fs from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { BlogError, UsageError } from '../errors.js';

/** A path as the user should see it: relative to `cwd`, with `/`. */
export function displayPath(cwd: string, abs: string): string {
  if (abs.startsWith(cwd) && abs[cwd.length] === sep) return sep === '/' ? abs.slice(cwd.length + 1) : abs.slice(cwd.length + 1).split(sep).join('/');
  const rel = relative(cwd, abs);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

/** Whether `abs` is `root` or inside it (both absolute and normalised). */
export function isInside(root: string, abs: string): boolean {
  if (abs === root) return true;
  const prefix = root.endsWith(sep) ? root : root + sep;
  return abs.startsWith(prefix);
}

/** The real path of an existing file or folder (symbolic links resolved), or undefined. */
export function realPath(abs: string): string | undefined {
  try {
    return fs.realpathSync(abs);
  } catch {
    return undefined;
  }
}

/**
 * The real path of `abs` or, when it does not exist yet, of its nearest existing ancestor joined
 * with the rest: where a file written at `abs` would really land.
 */
export function landingPath(abs: string): string {
  const rest: string[] = [];
  let at = resolve(abs);
  for (;;) {
    const real = realPath(at);
    if (real !== undefined) return rest.length ? resolve(real, ...rest.reverse()) : real;
    const parent = resolve(at, '..');
    if (parent === at) return resolve(abs);
    rest.push(at.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
    at = parent;
  }
}

/**
 * A relative path from an untrusted source (a config, a template name): it must be relative and
 * stay inside `base` once resolved, symbolic links included. Returns the absolute path, or a
 * reason why it cannot be used.
 */
export function resolveInside(base: string, relativePath: string): { ok: true; abs: string } | { ok: false; reason: string } {
  if (relativePath.includes('\0')) return { ok: false, reason: 'contains a NUL character' };
  if (isAbsolute(relativePath) || /^[A-Za-z]:[\\/]/.test(relativePath)) return { ok: false, reason: 'is an absolute path; it must be relative and stay inside the blog' };
  const abs = resolve(base, relativePath);
  if (!isInside(base, abs)) return { ok: false, reason: 'leads outside the blog' };
  const realBase = realPath(base) ?? base;
  if (!isInside(realBase, landingPath(abs))) return { ok: false, reason: 'leads outside the blog through a symbolic link' };
  return { ok: true, abs };
}

const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** The most bytes a file name may take on common file systems (ext4, APFS, NTFS: 255). */
export const MAX_NAME_BYTES = 255;

/**
 * `name` shortened to at most `maxBytes` UTF-8 bytes by cutting its stem at a character
 * boundary (never inside a surrogate pair or before a combining mark), keeping the extension.
 */
export function fitName(name: string, maxBytes = MAX_NAME_BYTES): string {
  if (utf8Bytes(name) <= maxBytes) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 12 ? name.slice(dot) : '';
  const whole = ext ? name.slice(0, dot) : name;
  const budget = maxBytes - utf8Bytes(ext);
  // Intl.Segmenter copies its whole input into every segment it returns, so segmenting a long
  // name took memory by the square of its length (a 100,000-character title ran out of heap).
  // Only a prefix of budget + 1 code units is segmented: each code unit takes at least one UTF-8
  // byte, so a cluster the prefix cuts short would not have fitted whole, and the loop below
  // stops at it; the clusters before it are the ones the whole name has.
  let end = Math.min(whole.length, Math.max(budget, 0) + 1);
  // Never between the two halves of a character: a lone half would move the break before it
  // ("a" and a skin tone are one cluster, "a" and half a skin tone two).
  const code = whole.charCodeAt(end - 1);
  if (end < whole.length && code >= 0xd800 && code <= 0xdbff) end++;
  const segments = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(whole.slice(0, end))].map((s) => s.segment);
  let bytes = 0;
  let kept = 0;
  for (const s of segments) {
    const b = utf8Bytes(s);
    if (bytes + b > budget) break;
    bytes += b;
    kept++;
  }
  return segments.slice(0, kept).join('').replace(/[-_. ]+$/, '') + ext;
}

/** Most bytes read from a config file, a template or a lock file. */
export const SMALL_FILE_LIMIT = 1 << 20;

/**
 * Read a small text file of the blog itself (a config file, a template, a lock file). It must be
 * a regular file of at most `limit` bytes and, unless `inside` is undefined (a file the user
 * named on the command line), its real path must be inside that folder: a cloned blog's
 * `_config.yml` that links to /etc/shadow or /dev/zero is refused, not read. Throws an Error
 * saying why; callers name the file.
 */
export function readSmallFile(abs: string, inside: string | undefined, limit = SMALL_FILE_LIMIT): string {
  if (inside !== undefined) {
    const real = realPath(abs);
    const root = realPath(inside) ?? inside;
    if (real !== undefined && !isInside(root, real)) throw new Error(`it is a symbolic link to ${real}, outside the blog`);
  }
  // O_NONBLOCK: a FIFO in its place must not hang the read.
  const fd = fs.openSync(abs, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new Error('it is not a regular file');
    if (st.size > limit) throw new Error(`it is larger than ${limit} bytes`);
    const buf = Buffer.allocUnsafe(Math.min(limit, st.size) + 1);
    let n = 0;
    for (let k = 1; k > 0 && n < buf.length; n += k) k = fs.readSync(fd, buf, n, buf.length - n, n);
    if (n > limit) throw new Error(`it is larger than ${limit} bytes`);
    return buf.toString('utf8', 0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The error for a path named on the command line that is not there. A name with `\NNN` octal
 * escapes is one git quoted (its default core.quotePath writes `日` as `\346\227\245`): the
 * hint then says how to pass names unquoted, not `hint`.
 */
export function noSuchPath(path: string, hint?: string): UsageError {
  const quoted = /\\[0-3][0-7]{2}/.test(path);
  const why = quoted ? 'the name is quoted as git quotes non-ASCII names: list names with git -c core.quotePath=false ... -z | xargs -0' : hint;
  return new UsageError(`${path}: no such file or folder`, why === undefined ? {} : { hint: why });
}

/**
 * The names in folder `dir`, for finding a free file name there: none when it does not exist
 * yet (it is made on writing). A file where the folder should be (`source/_posts/2026` for
 * `:year/:title.md`) is a BlogError, not ENOTDIR out of readdir.
 */
export function namesInFolder(dir: string, cwd: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    if (code === 'ENOTDIR') {
      // The file may be a folder above (`2026` of `2026/11`): name the one that is a file.
      let file = dir;
      for (let d = dirname(dir); d !== dirname(d); d = dirname(d)) {
        try {
          if (fs.statSync(d).isFile()) file = d;
        } catch {
          // Not there: keep looking up.
        }
      }
      throw new BlogError(`${displayPath(cwd, file)} is a file, where a folder of posts should be`, { hint: 'rename or move that file' });
    }
    throw new BlogError(`cannot read the folder ${displayPath(cwd, dir)}: ${code ?? (e as Error).message}`);
  }
}
