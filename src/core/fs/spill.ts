/**
 * Records kept out of memory: a command that must hold every post it lists until it has sorted
 * them (`list --json` of 100,000 posts) keeps them here, in memory up to 16 MB and past that in
 * a temporary file, and reads each back when it is written out. Memory then does not grow
 * with the number of posts. The file is unlinked as soon as it is open: nothing is left behind,
 * even after a crash, and no other user can open it.
 */
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlogError } from '../errors.js';
import { ioReason } from './walk.js';

/**
 * Bytes kept in memory before the rest goes to a file (counted as two a character). 16 MB keeps
 * a list of tens of thousands of posts in memory: read back from the file one record at a time
 * in sorted order, 9,000 of the 17,000 posts `list --tag ChatGPT` shows on the 100,000-post
 * bench cost 60 ms more than with 4 MB; `list --json` of 100,000 posts still spills the rest.
 */
const IN_MEMORY = 16 << 20;
/** Bytes gathered before one write to the file. */
const WRITE_AT = 1 << 20;

export class RecordStore {
  /** Records still in memory (all of them until IN_MEMORY bytes). */
  readonly #kept: string[] = [];
  #keptBytes = 0;
  /** From this record on, records are in the file. */
  #firstInFile = -1;
  #fd: number | undefined;
  #offsets: Float64Array = new Float64Array(1024);
  #count = 0;
  #fileBytes = 0;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #readBuffer: Buffer = Buffer.allocUnsafe(64 * 1024);

  get length(): number {
    return this.#count;
  }

  /** Keep a record; returns its number. */
  add(record: string): number {
    const n = this.#count++;
    if (this.#fd === undefined && this.#keptBytes < IN_MEMORY) {
      this.#kept.push(record);
      this.#keptBytes += record.length * 2;
      return n;
    }
    if (this.#fd === undefined) {
      this.#fd = tempFailure(() => openUnlinked());
      this.#firstInFile = n;
    }
    const bytes = Buffer.from(record, 'utf8');
    const i = n - this.#firstInFile;
    if (i + 1 >= this.#offsets.length) {
      const bigger = new Float64Array(this.#offsets.length * 2);
      bigger.set(this.#offsets);
      this.#offsets = bigger;
    }
    this.#offsets[i] = this.#fileBytes;
    this.#fileBytes += bytes.length;
    this.#offsets[i + 1] = this.#fileBytes;
    this.#pending.push(bytes);
    this.#pendingBytes += bytes.length;
    if (this.#pendingBytes >= WRITE_AT) this.#flush();
    return n;
  }

  /** Record number `n`. */
  get(n: number): string {
    if (this.#firstInFile === -1 || n < this.#firstInFile) {
      const record = this.#kept[n];
      if (record === undefined) throw new RangeError(`no record ${n}`);
      return record;
    }
    this.#flush();
    const i = n - this.#firstInFile;
    const start = this.#offsets[i] as number;
    const length = (this.#offsets[i + 1] as number) - start;
    if (this.#readBuffer.length < length) this.#readBuffer = Buffer.allocUnsafe(length);
    let read = 0;
    while (read < length) {
      const got = fs.readSync(this.#fd as number, this.#readBuffer, read, length - read, start + read);
      if (got === 0) throw new Error('the temporary file of listed posts was cut short');
      read += got;
    }
    return this.#readBuffer.toString('utf8', 0, length);
  }

  #flush(): void {
    if (!this.#pending.length || this.#fd === undefined) return;
    const all = Buffer.concat(this.#pending, this.#pendingBytes);
    let written = 0;
    const at = this.#fileBytes - this.#pendingBytes;
    const fd = this.#fd;
    tempFailure(() => {
      while (written < all.length) written += fs.writeSync(fd, all, written, all.length - written, at + written);
    });
    this.#pending = [];
    this.#pendingBytes = 0;
  }

  /** Let the file go. */
  close(): void {
    if (this.#fd !== undefined) fs.closeSync(this.#fd);
    this.#fd = undefined;
  }
}

/** Run a step on the temporary file; a failure (no such folder, a full disk) is a BlogError naming the folder. */
function tempFailure<T>(step: () => T): T {
  try {
    return step();
  } catch (e) {
    throw new BlogError(`cannot keep the listed posts in a temporary file in ${tmpdir()}: ${ioReason(e)}`, { hint: 'set TMPDIR to a folder with room that you may write in' });
  }
}

/** A new file in the temporary folder, open for reading and writing, that no name leads to. */
function openUnlinked(): number {
  const dir = fs.mkdtempSync(join(tmpdir(), 'blog-spill-'));
  const path = join(dir, 'records');
  try {
    const fd = fs.openSync(path, fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
    fs.unlinkSync(path);
    return fd;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
