/**
 * The prefilter's first look at a file, shared by the main thread and the scan worker: read
 * the first 4 KB and say whether the file can be ruled out without parsing it.
 */
import fs, { constants } from 'node:fs';

/** First read: most front matter fits in 4 KB (the median block is a few hundred bytes). */
export const HEAD_BYTES = 4 * 1024;

export const FENCES = [Buffer.from('\n---\n'), Buffer.from('\n---\r\n'), Buffer.from('\n+++\n'), Buffer.from('\n+++\r\n')];

/** Whether a `---` or `+++` block opened on line 1 closes within these bytes (for the prefilter). */
export function frontMatterClosedIn(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  const opener = b.toString('latin1', start, start + 5);
  const toml = opener.startsWith('+++');
  if (!/^(---|\+\+\+)\r?\n/.test(opener)) return false;
  const [lf, crlf] = toml ? [FENCES[2], FENCES[3]] : [FENCES[0], FENCES[1]];
  return b.indexOf(lf as Buffer, start + 3) !== -1 || b.indexOf(crlf as Buffer, start + 3) !== -1;
}

/**
 * Whether the first read of a file (`filled` bytes, `eof` when the file ended) rules it out:
 * `mayMatch` says no, and the whole front matter is in those bytes. The reader in
 * repository.ts makes this same decision on its own first read.
 */
export function ruledOut(head: Buffer, filled: number, eof: boolean, mayMatch: (bytes: Uint8Array) => boolean): boolean {
  const usable = eof ? head.subarray(0, filled) : head.subarray(0, head.lastIndexOf(0x0a, filled - 1) + 1);
  return !mayMatch(usable) && (eof || frontMatterClosedIn(usable));
}

/** For each file, 1 when it may match (or could not be read: the caller reports that), 0 when ruled out. */
export function scanHeads(files: readonly string[], mayMatch: (bytes: Uint8Array) => boolean): Uint8Array {
  const out = new Uint8Array(files.length);
  const head = Buffer.allocUnsafe(HEAD_BYTES);
  files.forEach((abs, i) => {
    let fd: number;
    try {
      fd = fs.openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch {
      out[i] = 1;
      return;
    }
    try {
      const n = fs.readSync(fd, head, 0, HEAD_BYTES, 0);
      out[i] = ruledOut(head, n, n === 0, mayMatch) ? 0 : 1;
    } catch {
      out[i] = 1;
    } finally {
      fs.closeSync(fd);
    }
  });
  return out;
}

export interface ScanRequest {
  files: string[];
  names: string[];
  mode: 'every' | 'some';
}

/**
 * scanHeads on a second core. Resolves to undefined when the worker cannot run (its file is
 * missing, as when running from sources, or it fails): the caller then scans those files itself.
 */
export async function scanHeadsInWorker(request: ScanRequest): Promise<Uint8Array | undefined> {
  const url = new URL('./scan-worker.js', import.meta.url);
  if (!fs.existsSync(url)) return undefined;
  // Loaded here: most commands never start a worker.
  const { Worker } = await import('node:worker_threads');
  return new Promise((resolve) => {
    let worker: InstanceType<typeof Worker>;
    try {
      worker = new Worker(url, { workerData: request });
    } catch {
      resolve(undefined);
      return;
    }
    worker.once('message', (flags: Uint8Array) => resolve(flags.length === request.files.length ? flags : undefined));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}
