/**
 * Writing posts: every write is atomic (a temp file in the same folder, fsync, rename or link),
 * checks every byte count, never follows a symbolic link out of the blog, never replaces a file
 * that changed since it was read, and never creates a file over an existing one.
 */
import fs, { type Dirent } from 'node:fs';
import { join } from 'node:path';
import { BlogError } from '../errors.js';
import { isInside } from './paths.js';

/**
 * Why a write was not made; the file is left as it was. A BlogError: where no caller turns it
 * into a skipped file (publish, unpublish), it is one line and exit 2, not an internal error.
 */
export class WriteRefused extends BlogError {
  constructor(
    /** Stable id for machines: `changed-on-disk`, `read-only`, `symlink-outside`, `not-a-file`. */
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

export class FileExistsError extends Error {}

/** Names of our own temp files: `.blog-<pid>-<hex>.tmp` (and the longer form of earlier versions), hidden, so walks skip them. */
export const TEMP_FILE = /^\.(.+\.)?blog-\d+-[0-9a-f]+\.tmp$/;

export interface ReplaceOptions {
  /** Real paths of the folders the blog may write in: a post that is a link to a file elsewhere is not written. */
  allowed: string[];
}

/** A replacement made, whose old file is still watched for a write that came too late (see replaceFile). */
export interface Replaced {
  /**
   * Look at the old file once more and let it go: if an editor wrote to it after the rename, and
   * the post is still exactly what blog wrote, the editor's version is put back and WriteRefused
   * is thrown (the change counts as not made).
   */
  settle(): void;
}

/**
 * The file a replaceFile of `abs` would write (its real path and stats), or why it would refuse
 * before writing anything: gone, a link out of the blog, not a regular file, read-only. A plan
 * (`retag --dry-run`, the question before writing) counts such a file as skipped, as the write would.
 */
export function replaceable(abs: string, allowed: string[]): { real: string; st: fs.Stats } | WriteRefused {
  let real: string;
  let st: fs.Stats;
  try {
    real = fs.realpathSync(abs);
    st = fs.statSync(real);
  } catch (e) {
    return new WriteRefused('changed-on-disk', `the file is gone (${(e as NodeJS.ErrnoException).code ?? 'error'}); nothing written`);
  }
  if (!allowed.some((a) => isInside(a, real))) return new WriteRefused('symlink-outside', `a symbolic link to a file outside the blog (${real}); not written`);
  if (!st.isFile()) return new WriteRefused('not-a-file', 'not a regular file; not written');
  // Root may write anything: the mode bits are the owner's intent, so they are checked as such.
  if ((st.mode & 0o222) === 0) return new WriteRefused('read-only', 'the file is read-only; left as it is (make it writable to change it)');
  // Replaced by a rename, a file this user may not write (another user's) would change hands, and
  // one in a folder this user may not write could not be replaced: both are left alone, and the
  // plan says so before anything is written.
  try {
    fs.accessSync(real, fs.constants.W_OK);
  } catch {
    return new WriteRefused('read-only', 'you may not write this file; left as it is');
  }
  try {
    fs.accessSync(join(real, '..'), fs.constants.W_OK);
  } catch {
    return new WriteRefused('read-only', 'you may not write to the folder it is in; left as it is');
  }
  return { real, st };
}

/**
 * Replace a post atomically and durably, if it still holds `expected`: write a temp file in the
 * same folder (every byte checked), fsync, check the post once more (size, times, bytes) right
 * before the rename, rename over it, fsync the folder. A symlinked post inside the blog stays a
 * symlink (its target is replaced); mode and owner are kept. Throws WriteRefused.
 *
 * An editor may still write to the old file in the moment around the rename (it opened the file
 * before, and writes after). The old file stays open: such a write is seen right after the
 * rename, or when `settle` is called (a caller writing many files settles each one after the
 * next is written), and the old file's content, with the edit, is put back: the edit wins.
 */
export function replaceFile(abs: string, data: Buffer, expected: Buffer, options: ReplaceOptions): Replaced {
  const target = replaceable(abs, options.allowed);
  if (target instanceof WriteRefused) throw target;
  const { real, st } = target;
  const changed = (): WriteRefused => new WriteRefused('changed-on-disk', 'the file changed while blog was working on it; left as it is (run the command again)');
  const old = fs.openSync(real, 'r');
  let open = true;
  const close = (): void => {
    if (open) fs.closeSync(old);
    open = false;
  };
  // Not ctime or nlink: the rename itself changes those of the old file.
  const stamp = (): string => {
    const s = fs.fstatSync(old, { bigint: true });
    return `${s.size}:${s.mtimeNs}`;
  };
  const holdsExpected = (): boolean => {
    const s = fs.fstatSync(old);
    if (s.size !== expected.length || s.ino !== st.ino) return false;
    const now = Buffer.allocUnsafe(expected.length);
    let filled = 0;
    while (filled < now.length) {
      const n = fs.readSync(old, now, filled, now.length - filled, filled);
      if (n === 0) return false;
      filled += n;
    }
    return now.equals(expected) && isSameFile(real, s);
  };
  /** Put the old file's content (with a late edit) back, if the post is still what blog wrote. */
  const putBack = (): void => {
    let current: Buffer | undefined;
    try {
      current = fs.readFileSync(real);
    } catch {
      current = undefined;
    }
    if (current?.equals(data)) writeViaTemp(real, readAll(old), st.mode & 0o7777, (back) => fs.renameSync(back, real));
  };
  let renamed = '';
  try {
    if (!holdsExpected()) throw changed();
    writeViaTemp(
      real,
      data,
      st.mode & 0o7777,
      (tmp) => {
        // Last look, after the slow part (the fsync): an edit saved meanwhile is never replaced.
        // The stamp is taken before the bytes are compared, so a write during the comparison or
        // just before the rename shows as a stamp that moved.
        renamed = stamp();
        if (!holdsExpected() || stamp() !== renamed) throw changed();
        fs.renameSync(tmp, real);
        if (stamp() !== renamed) {
          putBack();
          throw changed();
        }
      },
      (fd) => {
        try {
          fs.fchownSync(fd, st.uid, st.gid);
        } catch {
          // Only root may give a file away; an ordinary user's files are theirs already.
        }
      },
    );
  } catch (e) {
    close();
    throw e;
  }
  return {
    settle: () => {
      if (!open) return;
      try {
        if (stamp() !== renamed) {
          putBack();
          throw changed();
        }
      } finally {
        close();
      }
    },
  };
}

/** Whether the path still names the file that `st` describes (not replaced by a rename). */
function isSameFile(path: string, st: fs.Stats): boolean {
  try {
    const now = fs.statSync(path);
    return now.ino === st.ino && now.dev === st.dev;
  } catch {
    return false;
  }
}

function readAll(fd: number): Buffer {
  const size = fs.fstatSync(fd).size;
  const out = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const n = fs.readSync(fd, out, filled, size - filled, filled);
    if (n === 0) break;
    filled += n;
  }
  return out.subarray(0, filled);
}

/**
 * Create a new file atomically without ever replacing one: write a temp file in the same folder,
 * fsync, then hard-link it to the name (which fails if the name exists) and remove the temp name.
 * Throws FileExistsError when `abs` exists.
 */
export function createFile(abs: string, data: Buffer): void {
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


/** A temp name that fits any file system's name limit, whatever the target's name. */
function tempName(dir: string): string {
  return join(dir, `.blog-${process.pid}-${Math.floor(Math.random() * 0xffffffff).toString(16)}.tmp`);
}

/**
 * The one careful write: a hidden temp file beside `target`, every byte count checked (a full
 * disk is an error, never a short file), fsync, then `commit(tmp)` (rename or link), then the
 * temp name is removed if it is still there and the folder is fsynced.
 */
export function writeViaTemp(target: string, data: Buffer, mode: number | null, commit: (tmp: string) => void, prepare: (fd: number) => void = () => {}, durable = true): void {
  const dir = join(target, '..');
  const tmp = tempName(dir);
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
  if (durable) syncFolder(dir);
}

function syncFolder(dir: string): void {
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

/** Whether another live process (a concurrent blog run) may own a temp file or a lock. */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
