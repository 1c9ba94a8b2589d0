/**
 * Records kept out of the JavaScript heap: a command that must hold every post it lists until it
 * has sorted them (`list --json` of 100,000 posts) keeps them here as UTF-8, in memory up to
 * IN_MEMORY bytes and past that in a temporary file, and reads them back in the order they are
 * written out. Memory then does not grow with the number of posts. The file is unlinked as soon
 * as it is open: nothing is left behind, even after a crash, and no other user can open it.
 */
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { grown } from '../columns.js';
import { BlogError } from '../errors.js';
import { ioReason } from './walk.js';

/**
 * UTF-8 bytes kept in memory while records come in; the rest goes to a file. At 6 MB (it was),
 * `list --json` kept 2.5 MB of 10,000 posts in memory and 6 MB of 100,000: 3.5 of the 12 MB it
 * grew by between the two, on one thread. At 1 MB it peaks at 88 MB on 100,000 posts (93 at
 * 6 MB; one thread 76 against 81; 10,000 posts 70 both; 3 runs each) and takes 2% longer (2.24
 * against 2.19 s, 9 alternating pairs: more of it is read back a record at a time); `list --tag
 * ChatGPT` is as fast (1.21 s both). A short file is read back whole (see READ_WHOLE).
 */
const IN_MEMORY = 1 << 20;
/**
 * A file of at most this many bytes is read back whole, in one read, when the records are given
 * out (they are then in memory once reading is over, as they were all along when IN_MEMORY was
 * 6 MB): the 17,067 posts `list --tag ChatGPT` shows on the 100,000-post bench take 4.3 MB, and
 * read a window at a time, in date order, they took 3.3 MB of reads a window.
 */
const READ_WHOLE = 6 << 20;
/**
 * Bytes of a page of records in memory, gathered before one write to the file, and read from it
 * at most at once. At 1 MB, `list --json` of 100,000 posts peaked 2-3 MB higher (3 runs each on
 * one and two threads) and was as fast (2.10 / 2.12 s, 7 alternating pairs).
 */
const PAGE = 256 << 10;
/**
 * Records read back at a time, in UTF-8 bytes of those in the file; they are read in the file's
 * order, neighbours in one read, into one window buffer. When a window's records were decoded at
 * once, 2 MB windows outlived the young generation and the old one grew by 40 MB while `list
 * --json` wrote 100,000 posts (peak 152 MB on one thread); with 256 KB it did not (113-115 MB), in
 * the same time (2.10 / 2.11 s, 7 alternating pairs). They are now decoded one at a time.
 */
const WINDOW = 256 << 10;
/** Records in the file closer than this are read with one read, the bytes between them too (copying 16 KB costs about what a read does). */
const GAP = 16 << 10;

export class RecordStore {
  /** Pages in memory, each filled up to its `used` bytes; a record is never split between two. */
  readonly #pages: { bytes: Buffer; used: number }[] = [];
  #memoryBytes = 0;
  #fd: number | undefined;
  #fileBytes = 0;
  /** Records of the file not yet written: they end where the file's records end. */
  #pending: Buffer | undefined;
  #pendingBytes = 0;
  /** Where each record is: its page and place in it, or its place in the file. */
  #page: Int32Array;
  #start: Float64Array;
  #length: Int32Array;
  #count = 0;
  #readBuffer: Buffer | undefined;
  /** The records of the window being given out that are in the file (see #readWindow). */
  #windowBuffer: Buffer | undefined;

  /**
   * `capacity`: the records there will be at most, when known (the columns of where they are
   * are then made once, not doubled: the copies left behind were garbage of 2 MB on 100,000
   * posts; the pages of a column that are never written take no memory).
   */
  constructor(capacity = 1024) {
    const size = Math.max(1, capacity);
    this.#page = new Int32Array(size);
    this.#start = new Float64Array(size);
    this.#length = new Int32Array(size);
  }

  get length(): number {
    return this.#count;
  }

  /** Keep a record; returns its number. */
  add(record: string): number {
    // Its exact size (at worst 3 bytes a UTF-16 unit would put a record of 350,000 ASCII
    // characters in the file by itself, and give one of 1,000,000 a page of 3 MB).
    const length = Buffer.byteLength(record, 'utf8');
    const { buffer, at } = this.#room(length);
    if (buffer) buffer.write(record, at, 'utf8');
    else this.#writeLarge(Buffer.from(record, 'utf8'));
    return this.#placed(length, !buffer);
  }

  /**
   * Keep the records a RecordEncoder made (on any thread): record i is `bytes` from `ends[i - 1]`
   * (0 for the first) to `ends[i]`. Returns the number of the first. The store copies them and
   * gives `bytes` to this thread's next encoder (see spareBuffers): do not use them after.
   */
  addEncoded(bytes: Uint8Array, ends: Int32Array): number {
    const first = this.#count;
    let from = 0;
    for (const end of ends) {
      const length = end - from;
      const { buffer, at } = this.#room(length);
      if (buffer) buffer.set(bytes.subarray(from, end), at);
      else this.#writeLarge(bytes.subarray(from, end));
      this.#placed(length, !buffer);
      from = end;
    }
    giveBack(bytes);
    return first;
  }

  /**
   * Where the next record, of at most `most` bytes, goes: a page in memory or the file's pending
   * buffer (and where in it), or no buffer for a record to be written to the file by itself.
   */
  #room(most: number): { buffer: Buffer | undefined; at: number } {
    if (this.#fd === undefined && this.#memoryBytes + most <= IN_MEMORY) {
      let page = this.#pages[this.#pages.length - 1];
      if (!page || page.used + most > page.bytes.length) {
        page = { bytes: Buffer.allocUnsafeSlow(Math.max(PAGE, most)), used: 0 };
        this.#pages.push(page);
      }
      return { buffer: page.bytes, at: page.used };
    }
    // From this record on, records are in the file.
    this.#fd ??= tempFailure(() => openUnlinked());
    if (this.#pendingBytes + most > PAGE) this.#flush();
    if (most > PAGE) return { buffer: undefined, at: this.#fileBytes };
    this.#pending ??= Buffer.allocUnsafeSlow(PAGE);
    return { buffer: this.#pending, at: this.#pendingBytes };
  }

  /** A record bigger than a page, written to the file at once (pending records were flushed by #room). */
  #writeLarge(bytes: Uint8Array): number {
    this.#writeAt(bytes, this.#fileBytes);
    this.#fileBytes += bytes.length;
    return bytes.length;
  }

  /**
   * Note where the record just put where #room said is, `length` bytes long (`alone`: written to
   * the file by #writeLarge); returns its number.
   */
  #placed(length: number, alone: boolean): number {
    const n = this.#count++;
    if (n === this.#start.length) this.#grow();
    this.#length[n] = length;
    if (this.#fd === undefined) {
      const page = this.#pages[this.#pages.length - 1] as { used: number };
      this.#page[n] = this.#pages.length - 1;
      this.#start[n] = page.used;
      page.used += length;
      this.#memoryBytes += length;
      return n;
    }
    this.#page[n] = -1;
    if (alone) {
      // #writeLarge wrote it and counted its bytes.
      this.#start[n] = this.#fileBytes - length;
      return n;
    }
    this.#start[n] = this.#fileBytes;
    this.#fileBytes += length;
    this.#pendingBytes += length;
    return n;
  }

  /** Record number `n`. */
  get(n: number): string {
    return this.ordered([n])[Symbol.iterator]().next().value as string;
  }

  /**
   * The records numbered in `order`, in that order, read a window at a time: memory holds one
   * window of them, and those in the file are read in the file's order.
   */
  *ordered(order: ArrayLike<number>): Generator<string> {
    let fromFile = 0;
    for (let i = 0; i < order.length; i++) {
      const n = order[i] as number;
      if (!(n >= 0 && n < this.#count)) throw new RangeError(`no record ${n}`);
      if ((this.#page[n] as number) < 0) fromFile += this.#length[n] as number;
    }
    this.#flush();
    // A short file, of which much is asked for, is read whole (not for one record, see get()).
    if (this.#fd !== undefined && this.#fileBytes <= READ_WHOLE && fromFile * 4 >= this.#fileBytes) {
      yield* this.#orderedFromWhole(order);
      return;
    }
    for (let from = 0; from < order.length; ) {
      // The window: records up to WINDOW bytes of those in the file (those in memory cost nothing to hold).
      let to = from;
      if (this.#fd === undefined) to = order.length;
      for (let bytes = 0; to < order.length; to++) {
        const n = order[to] as number;
        if ((this.#page[n] as number) >= 0) continue;
        if (to > from && bytes + (this.#length[n] as number) > WINDOW) break;
        bytes += this.#length[n] as number;
      }
      const fromFile = this.#fd === undefined ? undefined : this.#readWindow(order, from, to);
      for (let k = from; k < to; k++) {
        const n = order[k] as number;
        const page = this.#page[n] as number;
        const length = this.#length[n] as number;
        if (page >= 0) {
          const start = this.#start[n] as number;
          yield (this.#pages[page] as { bytes: Buffer }).bytes.toString('utf8', start, start + length);
        } else {
          const start = (fromFile as Int32Array)[k - from] as number;
          yield (this.#windowBuffer as Buffer).toString('utf8', start, start + length);
        }
      }
      from = to;
    }
  }

  /** The records numbered in `order`, with the file read whole first (see READ_WHOLE). */
  *#orderedFromWhole(order: ArrayLike<number>): Generator<string> {
    const whole = Buffer.allocUnsafeSlow(this.#fileBytes);
    for (let read = 0; read < whole.length; ) {
      const got = fs.readSync(this.#fd as number, whole, read, whole.length - read, read);
      if (got === 0) throw new Error('the temporary file of listed posts was cut short');
      read += got;
    }
    for (let k = 0; k < order.length; k++) {
      const n = order[k] as number;
      const page = this.#page[n] as number;
      const start = this.#start[n] as number;
      const end = start + (this.#length[n] as number);
      yield page >= 0 ? (this.#pages[page] as { bytes: Buffer }).bytes.toString('utf8', start, end) : whole.toString('utf8', start, end);
    }
  }

  /**
   * Read the records of `order[from..to)` that are in the file into the window buffer, in the
   * file's order; returns where each is in it (by its place in the window). They are decoded
   * only as they are given out: a window of decoded records outlived collections of the young
   * generation, and V8 doubled that generation while `list --json` wrote 100,000 posts.
   */
  #readWindow(order: ArrayLike<number>, from: number, to: number): Int32Array {
    const places: number[] = [];
    let total = 0;
    for (let k = from; k < to; k++) {
      const n = order[k] as number;
      if ((this.#page[n] as number) >= 0) continue;
      places.push(k);
      total += this.#length[n] as number;
    }
    places.sort((a, b) => (this.#start[order[a] as number] as number) - (this.#start[order[b] as number] as number));
    if (!this.#windowBuffer || this.#windowBuffer.length < total) this.#windowBuffer = Buffer.allocUnsafeSlow(Math.max(WINDOW, total));
    const window = this.#windowBuffer;
    const out = new Int32Array(to - from);
    let used = 0;
    for (let i = 0; i < places.length; ) {
      // One read from the first record to the last one close enough after it.
      const first = this.#start[order[places[i] as number] as number] as number;
      let end = first + (this.#length[order[places[i] as number] as number] as number);
      let j = i + 1;
      for (; j < places.length; j++) {
        const n = order[places[j] as number] as number;
        const start = this.#start[n] as number;
        const stop = start + (this.#length[n] as number);
        if (start - end > GAP || stop - first > PAGE) break;
        end = Math.max(end, stop);
      }
      const buffer = this.#read(first, end - first);
      for (; i < j; i++) {
        const n = order[places[i] as number] as number;
        const start = (this.#start[n] as number) - first;
        const length = this.#length[n] as number;
        buffer.copy(window, used, start, start + length);
        out[(places[i] as number) - from] = used;
        used += length;
      }
    }
    return out;
  }

  /** `length` bytes of the file from `at`. */
  #read(at: number, length: number): Buffer {
    if (!this.#readBuffer || this.#readBuffer.length < length) this.#readBuffer = Buffer.allocUnsafeSlow(Math.max(PAGE, length));
    const buffer = this.#readBuffer;
    let read = 0;
    while (read < length) {
      const got = fs.readSync(this.#fd as number, buffer, read, length - read, at + read);
      if (got === 0) throw new Error('the temporary file of listed posts was cut short');
      read += got;
    }
    return buffer;
  }

  #grow(): void {
    const size = this.#start.length * 2;
    this.#page = grown(this.#page, size);
    this.#start = grown(this.#start, size);
    this.#length = grown(this.#length, size);
  }

  /** Write the pending records. */
  #flush(): void {
    if (!this.#pending || this.#pendingBytes === 0) return;
    this.#writeAt(this.#pending.subarray(0, this.#pendingBytes), this.#fileBytes - this.#pendingBytes);
    this.#pendingBytes = 0;
  }

  #writeAt(bytes: Uint8Array, at: number): void {
    const fd = this.#fd as number;
    let written = 0;
    tempFailure(() => {
      while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written, at + written);
    });
  }

  /** Let the file go. */
  close(): void {
    if (this.#fd !== undefined) fs.closeSync(this.#fd);
    this.#fd = undefined;
  }
}

/**
 * Records encoded as UTF-8 where they are made (on a reading thread): a thread that keeps them
 * as strings until its chunk is done keeps them past a collection or two, and the thread that
 * keeps them has to read the strings out of the message and encode them again.
 */
export class RecordEncoder {
  /**
   * One buffer for every encoder of a thread (a thread encodes one chunk at a time). A buffer of
   * its own for each chunk lived as long as the chunk was read, outlived collections of the
   * young generation and was freed only by a full collection: on 100,000 posts the main thread
   * held up to 30 MB of such buffers.
   */
  static #scratch: Buffer = Buffer.allocUnsafeSlow(256 << 10);
  /** Where each record ends, in a scratch array of the thread too (an array of numbers per chunk outlived collections as well). */
  static #endScratch = new Int32Array(1024);
  #used = 0;
  #count = 0;

  add(record: string): void {
    const most = record.length * 3;
    let bytes = RecordEncoder.#scratch;
    if (this.#used + most > bytes.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(bytes.length * 2, this.#used + most));
      bytes.copy(bigger, 0, 0, this.#used);
      RecordEncoder.#scratch = bytes = bigger;
    }
    this.#used += bytes.write(record, this.#used, 'utf8');
    if (this.#count === RecordEncoder.#endScratch.length) RecordEncoder.#endScratch = grown(RecordEncoder.#endScratch, this.#count * 2);
    RecordEncoder.#endScratch[this.#count++] = this.#used;
  }

  /**
   * The records, in arrays of their own: in a spare buffer when there is one big enough (one a
   * RecordStore of this thread gave back, or one the main thread sent a reading thread with its
   * job), else in a new one. Either can be moved to another thread whole (see isRecordBuffer).
   * The encoder cannot be used after.
   */
  finish(): { bytes: Uint8Array; ends: Int32Array } {
    const used = this.#used;
    let best = -1;
    for (let i = 0; i < spareBuffers.length; i++) {
      const size = (spareBuffers[i] as ArrayBuffer).byteLength;
      if (size >= used && (best < 0 || size < (spareBuffers[best] as ArrayBuffer).byteLength)) best = i;
    }
    // Room to spare where buffers are given back (past the first chunk, a bigger one fits too); elsewhere, just the records (they are moved whole).
    const bytes = best < 0 ? new Uint8Array(new ArrayBuffer(spareBuffers.length ? used + (used >> 2) : used), 0, used) : new Uint8Array(spareBuffers.splice(best, 1)[0] as ArrayBuffer, 0, used);
    encoded.add(bytes.buffer as ArrayBuffer);
    bytes.set(RecordEncoder.#scratch.subarray(0, used));
    return { bytes, ends: RecordEncoder.#endScratch.slice(0, this.#count) };
  }
}

/**
 * Buffers of encoded records a RecordStore has copied, for this thread's next encoders, or for a
 * reading thread's (Pool sends one with each job, and the records come back in it). Before they
 * went back, a reading thread made a buffer a chunk and the main thread was left with the moved
 * ones to collect: `list --json` of 100,000 posts on two threads peaked 2-3 MB higher (94.9-98.1
 * against 92.6-94.4 MB, 5 alternating runs), 4-6 MB of them outside the heap. A new
 * buffer for each chunk (300 KB for 1,024 posts, made on this thread or moved from a reading
 * one) was garbage as soon as it was copied, but when V8's young generation was held at 8 MB
 * they outlived its collections and waited for a full one: `list --json` of 100,000 posts on
 * one thread peaked 7-9 MB higher (97 against 88 MB, 3 runs each).
 */
const spareBuffers: ArrayBuffer[] = [];
const SPARE_BUFFERS = 4;
/** The buffers this thread's encoders made (a spare is a view of part of one). */
const encoded = new WeakSet<ArrayBuffer>();

/**
 * Keep the buffer of `bytes` for the next encoder when it is one an encoder made here, the whole
 * of a buffer, or one bigger than Node's slab (records a reading thread moved here, in the first
 * part of a spare): never a part of a slab that other Buffers share (a small Buffer.from).
 */
function giveBack(bytes: Uint8Array): void {
  const buffer = bytes.buffer;
  if (!(buffer instanceof ArrayBuffer) || spareBuffers.includes(buffer)) return;
  if (!encoded.has(buffer) && !(bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) && buffer.byteLength <= Buffer.poolSize) return;
  keepSpareBuffer(buffer);
}

/** Whether `buffer` holds an encoder's records (made by this thread's encoders, or moved here as a spare): no other view shares it, so it may be moved whole. */
export function isRecordBuffer(buffer: ArrayBufferLike): boolean {
  return buffer instanceof ArrayBuffer && encoded.has(buffer);
}

/** A spare buffer of this thread for a reading thread's encoders (moved to it with its next job), if there is one. */
export function takeSpareBuffer(): ArrayBuffer | undefined {
  return spareBuffers.pop();
}

/** Keep `buffer` (moved here, or given back) for this thread's next encoders. */
export function keepSpareBuffer(buffer: ArrayBuffer): void {
  if (spareBuffers.length < SPARE_BUFFERS) {
    spareBuffers.push(buffer);
    return;
  }
  // The biggest are kept, and finish() makes a new one a quarter bigger than it needs: on one
  // thread, 96 of the 98 chunks of the 100,000 bench posts fitted in a spare (87 when only the
  // biggest were kept, 70 when the first four were).
  let smallest = 0;
  for (let i = 1; i < spareBuffers.length; i++) if ((spareBuffers[i] as ArrayBuffer).byteLength < (spareBuffers[smallest] as ArrayBuffer).byteLength) smallest = i;
  if ((spareBuffers[smallest] as ArrayBuffer).byteLength < buffer.byteLength) spareBuffers[smallest] = buffer;
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
