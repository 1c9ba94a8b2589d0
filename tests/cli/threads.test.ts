/**
 * Reading on several threads (big blogs, or BLOG_THREADS) must give what reading on one gives,
 * byte for byte: stdout, stderr and exit code, for every command that reads in chunks. The blog
 * is small here, so BLOG_THREADS forces the workers, with chunks of 64 posts: results from
 * several threads, arriving in any order, must be put back in path order.
 */
import { execFileSync } from 'node:child_process';
import fs, { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateCorpus } from '../../bench/generate.mjs';
import { fakeIo, makeTree, removeTree, repoRoot, runBlog } from '../helpers.js';
import { main } from '../../src/main.js';
import { RecordEncoder, RecordStore } from '../../src/core/fs/spill.js';
import { PARALLEL_FROM } from '../../src/core/parallel.js';

let root: string;

beforeAll(() => {
  root = makeTree({
    // Posts that give every kind of report: an error, an unreadable file, duplicates, a draft.
    'posts/zz/bad-date.md': '---\ntitle: Bad date\ndate: 2025-02-30 10:00:00\ntags: [ChatGPT]\n---\n',
    'posts/zz/broken.md': '---\ntitle: [x\n---\n',
    'posts/zz/same-1.md': '---\ntitle: 同一个标题\ndate: 2025-01-01\ntags: [chatgpt, Claude]\ncategories: [日常折腾]\n---\n正文\n',
    'posts/zz/same-2.md': '---\ntitle: 同一个标题\ndate: 2025-01-02\ntags: [ChatGPT]\nslug: same-1\n---\nbody\n',
    'posts/zz/draft.md': '---\ntitle: Draft\ndraft: true\ntags: [Linux, linux]\n---\n',
    'posts/zz/warn.md': '---\ntitle: Warn\ndate: 2025/01/03\ntags: "ChatGPT, AI"\n---\n',
  });
  generateCorpus(700, join(root, 'posts', 'gen'), 7);
});

afterAll(() => removeTree(root));

const commands = [
  ['lint', '--format', 'json'],
  ['lint'],
  ['lint', '--tag', 'ChatGPT', '--format', 'compact'],
  ['lint', 'posts/zz'],
  ['list', '--json'],
  ['list'],
  ['list', '--format', 'csv', '--sort', 'title'],
  ['list', '--tag', 'ChatGPT', '-r'],
  ['list', '--tag', 'ChatGTP'],
  ['list', '--sort', 'path', '--limit', '30', '--format', 'paths'],
  ['tags', '--json'],
  ['tags'],
  ['categories', '--json'],
  ['stats', '--json'],
  ['stats', '--category', '日常折腾'],
];

describe('BLOG_THREADS: the same output on one thread and on three', () => {
  it.each(commands.map((c) => [c.join(' '), c]))('blog %s', (_name, args) => {
    const one = runBlog(args as string[], { cwd: root, env: { BLOG_THREADS: '1' } });
    const three = runBlog(args as string[], { cwd: root, env: { BLOG_THREADS: '3' } });
    expect(three).toEqual(one);
    expect(one.code === 0 || one.code === 1).toBe(true);
    expect(one.stdout.length + one.stderr.length).toBeGreaterThan(0);
    if (args.includes('ChatGTP')) expect(one.stderr).toContain('Did you mean --tag ChatGPT');
  });

  it('a bad BLOG_THREADS is a one-line error and exit 2', () => {
    for (const value of ['0', 'two', '1.5', '1000']) {
      const r = runBlog(['list'], { cwd: root, env: { BLOG_THREADS: value } });
      expect(r.code, value).toBe(2);
      expect(r.stderr.trim().split('\n')[0]).toContain('BLOG_THREADS');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('RecordStore: what does not fit in memory goes to an unlinked temporary file', () => {
  it('gives back every record, in any order, and leaves no file behind', () => {
    const spills = (): number => readdirSync(tmpdir()).filter((n) => n.startsWith('blog-spill-')).length;
    const before = spills();
    const store = new RecordStore();
    const records = Array.from({ length: 40_000 }, (_, i) => `${i}:${'记录'.repeat(i % 50)}${'x'.repeat(400)}`);
    for (const r of records) store.add(r);
    expect(store.length).toBe(records.length);
    // 40,000 records of 400+ characters are over the memory share: the last ones are in the file.
    for (let i = records.length - 1; i >= 0; i -= 7) expect(store.get(i)).toBe(records[i]);
    expect(store.get(0)).toBe(records[0]);
    expect(spills()).toBe(before);
    store.close();
  });

  it('gives back records in any order a window at a time, those in the file read in its order, big ones whole', () => {
    const store = new RecordStore();
    // 60,000 records of 200-600 bytes (past the memory share), and records bigger than a page of the file.
    // Records bigger than a page (700,000 characters of 3 bytes), and ones that might be (400,000 ASCII characters, 3 bytes at most).
    const big = (i: number): string => (i % 2 ? `${i}:${'大'.repeat(700_000)}` : `${i}:${'z'.repeat(400_000)}`);
    const records = Array.from({ length: 60_000 }, (_, i) => (i % 9_999 === 5_000 ? big(i) : `${i}:${'文'.repeat(i % 70)}${'y'.repeat(200 + (i % 400))}`));
    // Half of them as strings, half encoded elsewhere (as a reading thread does), in runs of 1,000.
    for (let from = 0; from < records.length; from += 1000) {
      const run = records.slice(from, from + 1000);
      if ((from / 1000) % 2) {
        const encoder = new RecordEncoder();
        for (const r of run) encoder.add(r);
        const { bytes, ends } = encoder.finish();
        expect(store.addEncoded(bytes, ends)).toBe(from);
      } else for (const r of run) store.add(r);
    }
    // A shuffle (a fixed linear congruential sequence), then the reverse, then every record twice.
    const order = records.map((_, i) => i);
    let seed = 12345;
    for (let i = order.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const j = seed % (i + 1);
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const o of [order, [...order].reverse(), order.flatMap((n) => [n, n])]) {
      const got = [...store.ordered(o)];
      expect(got.length).toBe(o.length);
      const wrong = o.findIndex((n, k) => got[k] !== records[n]);
      expect(wrong).toBe(-1);
    }
    expect(() => [...store.ordered([60_000])]).toThrow(RangeError);
    store.close();
  });

  it('the records an encoder gives are its own: the next encoder of the thread (same scratch buffer) does not change them', () => {
    const first = new RecordEncoder();
    for (const r of ['标题一', 'two', '三'.repeat(1000)]) first.add(r);
    const done = first.finish();
    const second = new RecordEncoder();
    // Written over the first's bytes in the scratch buffer, then bigger than it (it is replaced while the first result is held).
    for (const r of ['覆盖', 'x'.repeat(400_000), '四']) second.add(r);
    const decoded = (x: { bytes: Uint8Array; ends: Int32Array }): string[] => Array.from(x.ends, (end, i) => Buffer.from(x.bytes.subarray(i ? x.ends[i - 1] : 0, end)).toString('utf8'));
    expect(decoded(done)).toEqual(['标题一', 'two', '三'.repeat(1000)]);
    expect(decoded(second.finish())).toEqual(['覆盖', 'x'.repeat(400_000), '四']);
  });

  it('reads a short file back whole, in one read, when most of it is asked for (one record alone is read by itself)', () => {
    // 12,000 records of about 300 bytes: 1 MB in memory, the rest (2.6 MB) in the file.
    const store = new RecordStore();
    const records = Array.from({ length: 12_000 }, (_, i) => `${i}:${'标题'.repeat(i % 40)}${'y'.repeat(200 + (i % 97))}`);
    for (const r of records) store.add(r);
    const order = records.map((_, i) => (i * 7919) % records.length);
    const reads = vi.spyOn(fs, 'readSync');
    try {
      const got = [...store.ordered(order)];
      expect(got.findIndex((r, k) => r !== records[order[k] as number])).toBe(-1);
      expect(reads.mock.calls.length).toBeLessThanOrEqual(2);
      // By itself, a record in the file is read alone: what get() reads is its own bytes, not the file.
      reads.mockClear();
      expect(store.get(11_999)).toBe(records[11_999]);
      expect(reads.mock.calls.map((c) => c[3])).toEqual([Buffer.byteLength(records[11_999] as string)]);
    } finally {
      reads.mockRestore();
      store.close();
    }
  });

  it('keeps a short list in memory: no temporary file is needed', () => {
    const store = new RecordStore();
    const records = Array.from({ length: 2_000 }, (_, i) => `${i} ${'标题'.repeat(i % 30)}`);
    for (const r of records) store.add(r);
    const tmp = process.env.TMPDIR;
    process.env.TMPDIR = '/no/such/folder';
    try {
      expect([...store.ordered([1999, 0, 7, 7])]).toEqual([records[1999], records[0], records[7], records[7]]);
    } finally {
      if (tmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmp;
    }
    store.close();
  });
});

describe('the buffers of encoded records', () => {
  it('are moved whole from a thread that gets none back, and used again where a store gives them back, never a shared slab', () => {
    // In a process of its own: the spare buffers are the thread's.
    const script = `
      const { RecordEncoder, RecordStore } = await import(${JSON.stringify(join(repoRoot, 'dist/core/fs/spill.js'))});
      const encode = (records) => { const e = new RecordEncoder(); for (const r of records) e.add(r); return e.finish(); };
      const text = (x) => Array.from(x.ends, (end, i) => Buffer.from(x.bytes.subarray(i ? x.ends[i - 1] : 0, end)).toString('utf8'));
      const out = {};
      const store = new RecordStore();
      const first = encode(['第一', 'a'.repeat(5000)]);
      out.firstWhole = first.bytes.byteOffset === 0 && first.bytes.byteLength === first.bytes.buffer.byteLength;
      const firstBuffer = first.bytes.buffer;
      store.addEncoded(first.bytes, first.ends);
      const second = encode(['第二', 'b'.repeat(100)]);
      out.reused = second.bytes.buffer === firstBuffer;
      out.second = text(second);
      // A small Buffer is part of a slab other Buffers share: it is never used again.
      const slab = Buffer.from('["slab"]');
      const neighbour = Buffer.from('neighbour');
      store.addEncoded(slab, Int32Array.of(slab.length));
      const third = encode(['c'.repeat(3)]);
      out.slabKept = third.bytes.buffer !== slab.buffer && slab.toString() === '["slab"]' && neighbour.toString() === 'neighbour';
      store.addEncoded(second.bytes, second.ends);
      store.addEncoded(third.bytes, third.ends);
      out.stored = [...store.ordered([0, 1, 2, 3, 4, 5])];
      console.log(JSON.stringify(out));`;
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as Record<string, unknown>;
    expect(out).toEqual({ firstWhole: true, reused: true, second: ['第二', 'b'.repeat(100)], slabKept: true, stored: ['第一', 'a'.repeat(5000), '["slab"]', '第二', 'b'.repeat(100), 'ccc'] });
  });

  it('go back to the reading thread with its next job: it fills a spare and moves it back, never a copy', () => {
    // The main thread's spare goes to a worker (as Pool does with a job); the worker's records come back in it, moved, not
    // copied (a copy left the worker a buffer a chunk, and the main thread the moved ones to collect: 4-6 MB on 100,000 posts).
    const spill = JSON.stringify(pathToFileURL(join(repoRoot, 'dist/core/fs/spill.js')).href);
    const parallel = JSON.stringify(pathToFileURL(join(repoRoot, 'dist/core/parallel.js')).href);
    const script = `
      const { RecordStore, takeSpareBuffer } = await import(${spill});
      const { Worker } = await import('node:worker_threads');
      // (The worker's code is a module: the process's --input-type is passed on to it.)
      const code = 'import { parentPort } from "node:worker_threads";'
        + ' const { RecordEncoder, keepSpareBuffer } = await import(' + ${JSON.stringify(spill)} + ');'
        + ' const { movable } = await import(' + ${JSON.stringify(parallel)} + ');'
        + ' parentPort.on("message", (spare) => { keepSpareBuffer(spare);'
        + '  const e = new RecordEncoder(); e.add("记录一"); e.add("x".repeat(100)); const result = e.finish();'
        + '  const inSpare = result.bytes.buffer === spare;'
        + '  parentPort.postMessage({ result, inSpare }, movable(result)); parentPort.postMessage({ detached: spare.byteLength === 0 }); });';
      const worker = new Worker(code, { eval: true });
      const spare = new ArrayBuffer(64 << 10);
      worker.postMessage(spare, [spare]);
      const answers = [];
      worker.on('message', (m) => {
        answers.push(m);
        if (answers.length < 2) return;
        const { result, inSpare } = answers[0];
        const store = new RecordStore();
        store.addEncoded(result.bytes, result.ends);
        const back = takeSpareBuffer();
        console.log(JSON.stringify({ inSpare, size: result.bytes.buffer.byteLength, detached: answers[1].detached, back: back === result.bytes.buffer, none: takeSpareBuffer() === undefined, records: [...store.ordered([0, 1])] }));
        worker.terminate();
      });`;
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as Record<string, unknown>;
    expect(out).toEqual({ inSpare: true, size: 64 << 10, detached: true, back: true, none: true, records: ['记录一', 'x'.repeat(100)] });
  });
});

describe('holdYoungGeneration: a long run does not grow the young generation past 8 MB', () => {
  it('stops V8 growing it once it is 8 MB (without it, the same load takes it to 32), also after a thread starts', () => {
    // In a process of its own (the flag is the process's): objects that outlive collections, as reading does.
    // 'thread': a worker (an isolate of its own, which sets V8's growth factor back) starts once the hold is on.
    const script = `
      const { holdYoungGeneration } = await import(${JSON.stringify(join(repoRoot, 'dist/core/heap.js'))});
      const v8 = await import('node:v8');
      const { Worker } = await import('node:worker_threads');
      const mode = process.argv[1];
      const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
      let keep = [];
      let most = 0;
      let thread;
      for (let i = 0; i < 1_200_000; i++) {
        keep.push({ i, s: String(i).padStart(24, 'x') });
        if (keep.length > 60_000) keep = keep.slice(30_000);
        if (i % 1000 === 0) {
          if (mode !== 'free') holdYoungGeneration();
          if (mode === 'thread' && !thread && young() >= 8 << 20) {
            thread = new Worker('0', { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
            await new Promise((r) => thread.once('exit', r));
          }
          most = Math.max(most, young());
        }
      }
      console.log(most / 1048576);`;
    const most = (mode: string): number => Number(execFileSync(process.execPath, ['--input-type=module', '-e', script, mode], { encoding: 'utf8' }).trim());
    expect(most('free')).toBeGreaterThan(16);
    expect(most('hold')).toBeLessThanOrEqual(8);
    expect(most('thread')).toBeLessThanOrEqual(8);
  });

  it('startThreadsYoungAt: a thread started after it begins with a bigger young generation than V8 gives it', () => {
    const script = `
      const { startThreadsYoungAt } = await import(${JSON.stringify(join(repoRoot, 'dist/core/heap.js'))});
      const { Worker } = await import('node:worker_threads');
      if (process.argv[1] === 'eight') startThreadsYoungAt(8);
      const code = 'import { parentPort } from "node:worker_threads"; import v8 from "node:v8"; parentPort.postMessage(v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size)';
      const thread = new Worker(code, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
      thread.once('message', (size) => console.log(size / 1048576));`;
    const young = (mode: string): number => Number(execFileSync(process.execPath, ['--input-type=module', '-e', script, mode], { encoding: 'utf8' }).trim());
    // As a thread starts, V8 shows 2 MB for its own start and 4 MB for a start at 8 (8 once it has run: measured in lint).
    expect(young('default')).toBeLessThanOrEqual(2);
    expect(young('eight')).toBeGreaterThanOrEqual(4);
  });
});

describe('a blog over the size where threads start', () => {
  it('reads on several threads by itself and says the same as one thread', () => {
    const big = makeTree({});
    try {
      mkdirSync(join(big, 'posts'));
      for (let i = 0; i < 20_100; i++) writeFileSync(join(big, 'posts', `p${String(i).padStart(5, '0')}.md`), `---\ntitle: Post ${i % 20_000} ${'x'.repeat(450)}\ndate: 2025-01-01\ntags: [${i % 397 === 0 ? 'chatgpt' : 'ChatGPT'}]\n---\n`);
      for (const args of [['lint', '--format', 'json'], ['tags', '--json']]) {
        const auto = runBlog(args, { cwd: big });
        expect(auto.code, args.join(' ')).not.toBeNull();
        expect(auto, args.join(' ')).toEqual(runBlog(args, { cwd: big, env: { BLOG_THREADS: '1' } }));
      }
      // list --json keeps its records in a temporary file past 1 MB (20,100 titles of 450 characters): without a temporary folder it
      // is one line and exit 2, on threads and on one (a worker's answer threw out of the process).
      for (const threads of ['2', '1']) {
        const r = runBlog(['list', '--json'], { cwd: big, env: { BLOG_THREADS: threads, TMPDIR: join(big, 'no-such-folder') } });
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(/^blog: error: cannot keep the listed posts in a temporary file in .*no-such-folder: .*\(set TMPDIR to a folder with room that you may write in\)\n$/);
      }
    } finally {
      removeTree(big);
    }
  });
});

describe('output waits for a slow reader', () => {
  it('list --json gives stdout 64 KB at a time, each after the one before was taken (memory stays flat)', async () => {
    const io = fakeIo(root);
    let waiting = 0;
    let most = 0;
    let flushes = 0;
    io.stdout = (text: string) => {
      waiting += text.length;
      most = Math.max(most, waiting);
      io.out += text;
    };
    io.flushed = () =>
      new Promise((resolve) =>
        setImmediate(() => {
          flushes++;
          waiting = 0;
          resolve();
        }),
      );
    expect(await main(['list', '--json', '--dir', 'posts'], io)).toBe(1);
    expect(io.out.length).toBeGreaterThan(250_000);
    expect(flushes).toBeGreaterThanOrEqual(4);
    expect(most).toBeLessThan(2 * 65_536);
    expect(JSON.parse(io.out).count).toBe(705);
  });
});

describe('which reads start reading threads on a big blog (BLOG_THREADS unset)', () => {
  let big: string;
  beforeAll(() => {
    big = makeTree({ 'hook.mjs': HOOK });
    mkdirSync(join(big, 'posts'));
    // Blogs of PARALLEL_FROM posts or more are read on threads (see parallel.ts); these are tiny.
    for (let i = 0; i < PARALLEL_FROM; i++) writeFileSync(join(big, 'posts', `p${i}.md`), `---\ntitle: P${i}\ndate: 2025-01-01 10:00:00\ntags: [${i % 100 === 0 ? 'ChatGPT' : 'AI'}]\n---\n`);
  }, 60_000);
  afterAll(() => removeTree(big));
  // Counts the worker threads started, and says how many on stderr at exit.
  const HOOK = `import { createRequire, syncBuiltinESMExports } from 'node:module';
import { writeSync } from 'node:fs';
const wt = createRequire(import.meta.url)('node:worker_threads');
let started = 0;
const Base = wt.Worker;
wt.Worker = class extends Base { constructor(...args) { super(...args); started++; } };
syncBuiltinESMExports();
if (wt.isMainThread) process.on('exit', () => writeSync(2, \`workers started: \${started}\\n\`));
`;
  const workers = (args: string[], threads?: string): number => {
    // (--limit: a list of 20,000 posts is more than runBlog takes in.)
    const r = runBlog([...args, '--dir', 'posts'], { cwd: big, env: { NODE_OPTIONS: `--import ${pathToFileURL(join(big, 'hook.mjs')).href}`, CI: 'true', BLOG_THREADS: threads } });
    expect(r.code, `${args.join(' ')}: ${r.stderr.slice(0, 300)}`).toBe(0);
    return Number(/workers started: (\d+)/.exec(r.stderr)?.[1]);
  };

  it('a list of every post reads on the main thread only (its memory must not grow with the blog); a filtered list, lint and tags read on threads', () => {
    expect(workers(['list', '--json', '--limit', '3'])).toBe(0);
    expect(workers(['list', '--limit', '3'])).toBe(0);
    const cores = Math.min(availableParallelism(), 8);
    for (const args of [['list', '--json', '--tag', 'ChatGPT'], ['list', '--published', '--limit', '3'], ['lint'], ['tags', '--json']]) expect(workers(args), args.join(' ')).toBe(cores - 1);
    // BLOG_THREADS still decides when told (and is what shows the rule on a machine of one core).
    expect(workers(['list', '--json', '--limit', '3'], '2')).toBe(1);
    expect(workers(['list', '--json', '--tag', 'ChatGPT'], '1')).toBe(0);
    expect(workers(['list', '--json', '--tag', 'ChatGPT'], '3')).toBe(2);
  }, 60_000);
});
