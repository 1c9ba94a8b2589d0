/**
 * One writer per blog: a lock file created with O_EXCL in the posts folder. A second `blog` that
 * wants to write waits for the first to finish (up to a limit), then gives up with a clear error.
 * A lock left by a process that died (SIGKILL, power cut) is taken over.
 */
import fs from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { BlogError } from '../errors.js';
import { readSmallFile } from './paths.js';
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
 * Take the blog's write lock in `dir`, waiting up to `waitMs` for another writer. `onWait` is told
 * once who holds it. Throws BlogError (exit 2) when it cannot be had.
 */
export function lockBlog(dir: string, command: string, options: { waitMs?: number; onWait?: (holder: string) => void } = {}): Lock {
  const file = join(dir, LOCK_NAME);
  const me: Holder = { pid: process.pid, host: hostname(), command, started: Date.now() };
  const deadline = Date.now() + (options.waitMs ?? 30_000);
  let told = false;
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
      if (code !== 'EEXIST') throw new BlogError(`cannot lock the blog for writing: ${code ?? (e as Error).message} (${file})`, { hint: 'check that the posts folder is writable' });
    }
    // A lock file is one blog wrote: a folder, a link or a device in its place (a cloned blog
    // can hold anything) is never read, removed or followed.
    const kind = notAFile(file);
    if (kind) throw new BlogError(`${file} is ${kind}, not a lock file blog wrote; nothing written`, { hint: 'remove it, then run the command again' });
    const holder = readHolder(file);
    // A lock of a process that is gone (same machine) or unreadable and old is stale: take it over.
    const stale = holder ? holder.host === me.host && !isAlive(holder.pid) : ageMs(file) > 10_000;
    if (stale) {
      fs.rmSync(file, { force: true });
      continue;
    }
    const who = holder ? `${holder.command} (pid ${holder.pid}${holder.host === me.host ? '' : ` on ${holder.host}`})` : 'another blog process';
    if (Date.now() >= deadline) {
      throw new BlogError(`another blog process is writing to this blog: ${who}; nothing written`, { hint: `wait for it to finish; if none is running, remove ${file}` });
    }
    if (!told) {
      options.onWait?.(who);
      told = true;
    }
    sleep(100);
  }
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
