/**
 * One writer per blog: a lock file created with O_EXCL in the posts folder. A second `blog` that
 * wants to write waits for the first to finish (up to a limit), then gives up with a clear error.
 * A lock left by a process that died (SIGKILL, power cut) is taken over.
 */
import fs from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { BlogError } from '../errors.js';
import { isInside, readSmallFile, realPath } from './paths.js';
import { ioReason } from './walk.js';
import { isAlive } from './write.js';

export const LOCK_NAME = '.blog.lock';

export interface Lock {
  release(): void;
}

interface Holder {
  pid: number;
  host: string;
  command: string;
  started: number;
}

function readHolder(file: string): Holder | undefined {
  try {
    const h = JSON.parse(readSmallFile(file, undefined, 4096)) as Partial<Holder>;
    return typeof h.pid === 'number' && typeof h.host === 'string' ? { pid: h.pid, host: h.host, command: String(h.command ?? 'blog'), started: Number(h.started ?? 0) } : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

/**
 * Take the blog's write lock in each of its `folders` (the posts folder, and the drafts folder
 * when it is not inside it) and of the `linked` ones (where the walk's links lead: a write through
 * a link changes files there), waiting up to `waitMs` for another writer. `onWait` is told once
 * who holds it. Throws BlogError (exit 2) when it cannot be had.
 *
 * Two runs on nested folders (`--dir p` and `--dir p/sub`, or a Hexo site and `--dir
 * source/_drafts`) write the same files but take their locks in different folders: each waited
 * for nothing, and an edit made between one's last check of a file and its rename was lost (an
 * attacker's test lost 5 files in 40 rounds). So once its locks are taken a writer looks for a
 * live lock in every folder above them and every folder below them; finding one, it lets its
 * own go and waits as for a held lock. Each takes before it looks, so of two such writers at
 * least one sees the other (both may, and both wait a random while before trying again).
 */
export function lockBlog(named: { folders: string[]; linked: string[] }, command: string, options: { waitMs?: number; onWait?: (holder: string) => void } = {}): Lock {
  const folders = lockFolders([...named.folders, ...named.linked]);
  // A folder reached through a link that this user may not write in holds no post it can change: no lock there.
  const optional = new Set(named.linked.map((d) => realPath(d) ?? d));
  const me: Holder = { pid: process.pid, host: hostname(), command, started: Date.now() };
  const deadline = Date.now() + (options.waitMs ?? 30_000);
  let told = false;
  for (;;) {
    const taken: Lock[] = [];
    let busy: string | undefined;
    for (const dir of folders) {
      const got = tryLock(join(dir, LOCK_NAME), me, optional.has(dir));
      if (got === undefined) continue;
      if (typeof got === 'string') {
        busy = got;
        break;
      }
      taken.push(got);
    }
    busy ??= nestedHolder(folders, me);
    if (busy === undefined) {
      return {
        release: () => {
          for (const lock of taken) lock.release();
        },
      };
    }
    for (const lock of taken) lock.release();
    if (Date.now() >= deadline) {
      throw new BlogError(`another blog process is writing to this blog: ${busy}; nothing written`, { hint: `wait for it to finish; if none is running, remove its ${LOCK_NAME}` });
    }
    if (!told) {
      options.onWait?.(busy);
      told = true;
    }
    sleep(100 + Math.floor(Math.random() * 100));
  }
}

/** The folders to lock, as they really are (a link to the posts folder takes its lock), none inside another of them. */
function lockFolders(dirs: string[]): string[] {
  const real = [...new Set(dirs.map((d) => realPath(d) ?? d))];
  return real.filter((d) => !real.some((other) => other !== d && isInside(other, d)));
}

/**
 * Take the lock file `file`: the lock, or who holds it. A lock of a process that is gone (same
 * machine), or unreadable and old, is stale and taken over.
 */
function tryLock(file: string, me: Holder, optional = false): Lock | string | undefined {
  for (;;) {
    try {
      const fd = fs.openSync(file, 'wx', 0o644);
      try {
        fs.writeSync(fd, JSON.stringify(me));
      } catch (e) {
        // A full disk: an empty lock left behind would stop the next writer for nothing.
        fs.closeSync(fd);
        fs.rmSync(file, { force: true });
        throw new BlogError(`cannot lock the blog for writing: ${ioReason(e)} (${file})`);
      }
      fs.closeSync(fd);
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          // Only our own lock: never remove one another process took over.
          if (readHolder(file)?.pid === process.pid) fs.rmSync(file, { force: true });
        },
      };
    } catch (e) {
      if (e instanceof BlogError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (optional && (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')) return undefined;
      if (code !== 'EEXIST') throw new BlogError(`cannot lock the blog for writing: ${code ?? (e as Error).message} (${file})`, { hint: 'check that the posts folder is writable' });
    }
    // A lock file is one blog wrote: a folder, a link or a device in its place (a cloned blog
    // can hold anything) is never read, removed or followed.
    const kind = notAFile(file);
    if (kind) throw new BlogError(`${file} is ${kind}, not a lock file blog wrote; nothing written`, { hint: 'remove it, then run the command again' });
    const holder = readHolder(file);
    if (isStale(file, holder, me)) {
      fs.rmSync(file, { force: true });
      continue;
    }
    return `${describeHolder(holder, me)} in ${dirname(file)}`;
  }
}

/** A lock of a process that is gone (same machine), or unreadable and old: stale. */
const isStale = (file: string, holder: Holder | undefined, me: Holder): boolean => (holder ? holder.host === me.host && !isAlive(holder.pid) : ageMs(file) > 10_000);

const describeHolder = (holder: Holder | undefined, me: Holder): string => (holder ? `${holder.command} (pid ${holder.pid}${holder.host === me.host ? '' : ` on ${holder.host}`})` : 'another blog process');

/** Who holds a live lock in a folder above `folders` or below them (not following links: the folders links lead to are locked themselves), if anyone. */
function nestedHolder(folders: string[], me: Holder): string | undefined {
  const live = (dir: string): string | undefined => {
    const file = join(dir, LOCK_NAME);
    if (!fs.existsSync(file) || notAFile(file)) return undefined;
    const holder = readHolder(file);
    if ((holder?.pid === me.pid && holder.host === me.host) || isStale(file, holder, me)) return undefined;
    return `${describeHolder(holder, me)} in ${dir}`;
  };
  for (const folder of folders) {
    for (let dir = folder; dirname(dir) !== dir; ) {
      dir = dirname(dir);
      const found = live(dir);
      if (found) return found;
    }
    const below = [folder];
    while (below.length > 0) {
      const dir = below.pop() as string;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        // Hidden folders too: the walk skips them, but a link in the blog may lead into one
        // (`p/link -> .x/sub`), where another run (`--dir p/.x/sub`) writes the same files.
        if (!e.isDirectory()) continue;
        const sub = join(dir, e.name);
        const found = live(sub);
        if (found) return found;
        below.push(sub);
      }
    }
  }
  return undefined;
}

function ageMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return Infinity;
  }
}

/** What the lock path is when it is not a plain file: "a folder", "a symbolic link", …; undefined for a file or nothing. */
function notAFile(file: string): string | undefined {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch {
    return undefined;
  }
  if (st.isFile()) return undefined;
  return st.isDirectory() ? 'a folder' : st.isSymbolicLink() ? 'a symbolic link' : 'a special file';
}
