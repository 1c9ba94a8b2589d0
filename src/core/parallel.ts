/**
 * Map-reduce over a blog's post files on worker threads. The entries of the walk are cut into
 * chunks; each thread (the main one included) reads, parses and maps a chunk and gives back a
 * small result (counts, findings, a few columns of strings), never post objects: cloning posts
 * between threads costs more than reading them. Results come back in chunk order, so what a
 * command makes of them is the same, byte for byte, whatever the number of threads.
 *
 * Threads pay only on big blogs: a worker takes 100–160 ms to start, which a blog of a few
 * thousand posts is read in. So blogs under PARALLEL_FROM posts are read on the main thread, and
 * on big ones the workers are started as soon as the walk has counted that many, so that they
 * start while the walk goes on. A map whose results hold every post (a list of every post) is
 * read on the main thread whatever the size: see Blog.map.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from './diagnostic.js';
import { holdYoungGeneration, startThreadsYoungAt } from './heap.js';
import { isRecordBuffer, takeSpareBuffer } from './fs/spill.js';
import { readEntries, type EntriesRead, type ReadItem, type ReadSpec } from './fs/read.js';
import { packEntries, type EntryList, type PackedEntries, type PostEntry } from './fs/walk.js';

/** What one thread does with one chunk: see each item read, in order, then give back a small result. */
export interface ChunkVisitor<R> {
  visit(item: ReadItem): void;
  finish(): R;
}

/**
 * A map over posts that can run on any thread. `params` and results must be structured-clonable
 * (plain data, typed arrays; typed arrays that own their buffer are moved, not copied).
 */
export interface Task<P, R> {
  /** The module that exports this task (its import.meta.url) and the export's name: workers import it from there. */
  module: string;
  name: string;
  /** Once per thread. Returns the visitor of one chunk, told where the chunk starts in the entries. */
  setup(params: P): (first: number) => ChunkVisitor<R>;
  /** The young generation a reading thread starts with, in MB, when V8's own start (2 MB) is too small (see startThreadsYoungAt). */
  threadYoungMb?: number;
}

/**
 * Blogs with fewer posts are read on the main thread only. Measured on 2 cores: threads lose at
 * 10,000 posts (lint 0.68 s against 0.63 s on one), break even at 20,000 and win from 50,000 on
 * (lint 1.50 s against 1.65 s; tags 0.95 against 1.19; at 100,000, lint 2.3 s against 3.1 s).
 */
export const PARALLEL_FROM = 20_000;

/** Threads used on a big blog when not told: the machine's cores, at most 8 (reading does not scale further). */
export function autoThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

/** A chunk of the entries: its number and where it is in them. */
interface Chunk {
  id: number;
  first: number;
  count: number;
}
/** A job sent to a worker (a chunk with its entries, made only when it is sent), and its answer. */
interface Job {
  id: number;
  first: number;
  entries: PackedEntries;
  spare?: ArrayBuffer;
}
type Answer<R> = ({ id: number; result: R } & EntriesRead) | { id: number; failure: string };

/** What a worker is started with. */
export interface WorkerSetup {
  module: string;
  name: string;
  params: unknown;
  spec: ReadSpec;
}

/** Workers running one task, started before their jobs are known. */
export class Pool {
  readonly #workers: Worker[];

  constructor(task: Task<unknown, unknown>, params: unknown, spec: ReadSpec, workers: number) {
    const workerData: WorkerSetup = { module: task.module, name: task.name, params, spec };
    // A reading thread's young generation is capped at 16 MB (by default it grew to about 40 MB
    // of heap on 100,000 posts): `list --json` of them peaked 13-20 MB lower, `lint` 15, and
    // neither was slower (7 alternating runs each). 8 MB kept more garbage in the old generation.
    // (With the hold of heap.ts it does not grow past what it starts with.)
    const resourceLimits = { maxYoungGenerationSizeMb: 16 };
    if (task.threadYoungMb) startThreadsYoungAt(task.threadYoungMb);
    this.#workers = Array.from({ length: workers }, () => new Worker(new URL('./worker.js', import.meta.url), { workerData, resourceLimits, stdout: false, stderr: false }));
    // A new thread's isolate undoes the hold on young generations: it is made again once the thread runs.
    for (const worker of this.#workers) worker.once('online', holdYoungGeneration);
  }

  get size(): number {
    return this.#workers.length;
  }

  /**
   * Read `chunks` on the workers and on this thread, and hand each answer to `deliver` in chunk
   * order, as soon as the ones before it are in (an answer is kept only until then).
   */
  async run<R>(chunks: Chunk[], job: (chunk: Chunk) => Job, local: (chunk: Chunk) => Answer<R>, deliver: (answer: Answer<R>) => void): Promise<void> {
    const answers: (Answer<R> | undefined)[] = new Array(chunks.length);
    let delivered = 0;
    let next = 0;
    let pending = chunks.length;
    let failed: Error | undefined;
    const arrived = (answer: Answer<R>): void => {
      answers[answer.id] = answer;
      pending--;
      for (let a = answers[delivered]; a !== undefined; a = answers[delivered]) {
        answers[delivered++] = undefined;
        if (!('failure' in a)) deliver(a);
      }
    };
    const done = new Promise<void>((resolve, reject) => {
      const finish = (error?: Error): void => {
        if (error && !failed) failed = error;
        if (failed) reject(failed);
        else if (pending === 0) resolve();
      };
      const feed = (worker: Worker): void => {
        if (next < chunks.length && !failed) {
          const sent = job(chunks[next++] as Chunk);
          const spare = takeSpareBuffer();
          if (spare) sent.spare = spare;
          worker.postMessage(sent, spare ? [...movable(sent.entries), spare] : movable(sent.entries));
        }
      };
      for (const worker of this.#workers) {
        worker.on('message', (answer: Answer<R>) => {
          // What is done with an answer may fail (a full disk): that ends the run, not the process.
          try {
            arrived(answer);
          } catch (e) {
            return finish(e instanceof Error ? e : new Error(String(e)));
          }
          if ('failure' in answer) return finish(new Error(`a reading thread failed: ${answer.failure}`));
          feed(worker);
          finish();
        });
        worker.on('error', (e) => finish(e instanceof Error ? e : new Error(String(e))));
        worker.on('exit', (code) => {
          if (pending > 0) finish(new Error(`a reading thread stopped (exit code ${code}) with work left`));
        });
        // Two jobs in flight: a worker never waits for this thread to hand it the next one.
        feed(worker);
        feed(worker);
      }
      // This thread reads too, a chunk at a time, and lets the workers' answers in between.
      const reader = async (): Promise<void> => {
        while (next < chunks.length && !failed) {
          const answer = local(chunks[next++] as Chunk);
          arrived(answer);
          if ('failure' in answer) return finish(new Error(answer.failure));
          finish();
          await new Promise((r) => setImmediate(r));
        }
      };
      reader().catch((e: unknown) => finish(e instanceof Error ? e : new Error(String(e))));
      if (chunks.length === 0) finish();
    });
    try {
      await done;
    } finally {
      this.close();
    }
  }

  /** Let the workers go (they exit when their port closes; none keeps the process alive). */
  close(): void {
    for (const worker of this.#workers) {
      worker.postMessage(null);
      worker.unref();
    }
  }
}

/** The fewest entries a chunk holds on several threads (but the last). */
const MIN_CHUNK = 64;

/**
 * Workers for `threads` threads told (BLOG_THREADS) on `entries` posts: no more than there can be
 * chunks for besides this thread's, and at least one, so that BLOG_THREADS=2 reads on a worker
 * whatever the size (BLOG_THREADS=64 started 63 workers, 12 MB each, on an empty blog).
 */
export function workersFor(threads: number, entries: number): number {
  return Math.max(1, Math.min(threads - 1, Math.ceil(entries / MIN_CHUNK) - 1));
}

/** How many entries a chunk holds: small enough to share the work evenly, big enough that messages cost nothing. */
function chunkSize(entries: number, threads: number): number {
  return threads === 1 ? 1024 : Math.min(1024, Math.max(MIN_CHUNK, Math.ceil(entries / (threads * 16))));
}

/**
 * The sizes of the chunks `entries` posts are cut into, in order. On several threads they get
 * smaller near the end (a quarter of a thread's share of what is left, down to 64): a thread
 * that is done waits for another's last chunk, and the one queued behind it, for less time (on
 * 100,000 posts and two threads the main thread waited 9-27 ms at the end, now under 1 ms).
 */
export function chunkPlan(entries: number, threads: number): number[] {
  const size = chunkSize(entries, threads);
  const plan: number[] = [];
  for (let left = entries; left > 0; ) {
    const take = threads === 1 ? Math.min(size, left) : Math.min(left, Math.max(MIN_CHUNK, Math.min(size, Math.ceil(left / (threads * 4)))));
    plan.push(take);
    left -= take;
  }
  return plan;
}

/**
 * Map `task` over `entries`, on the pool's workers and this thread or on this thread alone, and
 * hand each chunk's result to `reduce` in chunk order.
 */
export async function mapEntries<P, R>(task: Task<P, R>, params: P, spec: ReadSpec, entries: EntryList, pool: Pool | undefined, reduce: (result: R) => void): Promise<EntriesRead> {
  const start = task.setup(params);
  // On this thread a chunk's entries are made one at a time as they are read: 1,024 of them made
  // at once outlived collections of the young generation, which V8 then doubled (16 MB more
  // on 100,000 posts).
  const local = ({ id, first, count }: Chunk): Answer<R> => {
    const visitor = start(first);
    const read = readEntries(range(entries, first, count), spec, (item) => visitor.visit(item));
    return { id, result: visitor.finish(), ...read };
  };
  const chunks: Chunk[] = [];
  let first = 0;
  for (const count of chunkPlan(entries.length, (pool?.size ?? 0) + 1)) {
    chunks.push({ id: chunks.length, first, count });
    first += count;
  }
  const job = ({ id, first, count }: Chunk): Job => ({ id, first, entries: packEntries(entries, first, count) });
  const errors: Diagnostic[] = [];
  let files = 0;
  const take = (answer: Answer<R>): void => {
    // Looked at once a chunk (a few microseconds).
    holdYoungGeneration();
    if ('failure' in answer) return;
    files += answer.files;
    for (const e of answer.errors) errors.push(e);
    reduce(answer.result);
  };
  // On this thread alone, chunk after chunk: each result is reduced before the next is made.
  if (!pool) for (const chunk of chunks) take(local(chunk));
  else await pool.run(chunks, job, local, take);
  return { files, errors };
}

/** The `count` entries of `list` from `first`, each made when it is reached. */
function* range(list: EntryList, first: number, count: number): Generator<PostEntry> {
  for (let i = first; i < first + count; i++) yield list.at(i);
}

/** The buffers of a result that can be moved to another thread instead of copied. */
export function movable(result: unknown): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  if (result === null || typeof result !== 'object') return out;
  for (const value of Object.values(result)) {
    if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer && ((value.byteOffset === 0 && value.byteLength === value.buffer.byteLength) || isRecordBuffer(value.buffer)) && !out.includes(value.buffer)) out.push(value.buffer);
  }
  return out;
}
