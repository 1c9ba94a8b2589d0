/**
 * Helpers for the black-box security tests: they only spawn the built CLI (`node bin/blog.js`)
 * on temp folders and look at bytes. Nothing here imports blog's own modules.
 */
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const binPath = join(repoRoot, 'bin', 'blog.js');
export const nodePath = process.execPath;
export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Whether a program is on PATH. */
export function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

// ---------------------------------------------------------------------------------------------
// Temp folders

const fileRoots: string[] = [];
/** A temp folder removed after this test file. */
export function tempDir(prefix = 'blog-sec-'): string {
  const d = fs.mkdtempSync(join(tmpdir(), prefix));
  fileRoots.push(d);
  return d;
}
afterAll(() => {
  while (fileRoots.length) rmrf(fileRoots.pop() as string);
});

function rmrf(path: string): void {
  // Anything chmod-ed away (a read-only post, a 000 folder) is made removable first.
  spawnSync('chmod', ['-R', 'u+rwX', path], { stdio: 'ignore' });
  // rm copes with trees deeper than PATH_MAX; fs.rmSync does not.
  spawnSync('rm', ['-rf', '--', path], { stdio: 'ignore' });
  if (fs.existsSync(path)) fs.rmSync(path, { recursive: true, force: true });
}

export type Entry =
  | string
  | Uint8Array
  | { symlink: string }
  | { content: string | Uint8Array; mode: number };

/** Write `files` (relative path → content, `{symlink}` or `{content, mode}`) under `root`. */
export function writeTree(root: string, files: Record<string, Entry>): string {
  for (const [path, entry] of Object.entries(files)) {
    const abs = join(root, path);
    fs.mkdirSync(dirname(abs), { recursive: true });
    if (typeof entry === 'string' || entry instanceof Uint8Array) fs.writeFileSync(abs, entry);
    else if ('symlink' in entry) fs.symlinkSync(entry.symlink, abs);
    else {
      fs.writeFileSync(abs, entry.content);
      fs.chmodSync(abs, entry.mode);
    }
  }
  return root;
}

/**
 * `tree(files)`: a temp folder holding `files`, removed after the test file (not after each
 * test: tests of a `describe.concurrent` suite overlap, and one must not remove another's folder).
 */
export function useTrees(): (files?: Record<string, Entry>) => string {
  return (files = {}) => writeTree(tempDir(), files);
}

/**
 * Every entry under `root` (files with their bytes and mode, symlinks with their target,
 * folders), keyed by path. Names are read as bytes (latin1 keys), so non-UTF-8 names work.
 */
export function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: Buffer, rel: string): void => {
    const names = fs.readdirSync(dir, { encoding: 'buffer' }).sort(Buffer.compare);
    for (const name of names) {
      const abs = Buffer.concat([dir, Buffer.from('/'), name]);
      const key = rel + name.toString('latin1');
      const st = fs.lstatSync(abs);
      if (st.isSymbolicLink()) out[key] = `link:${fs.readlinkSync(abs, { encoding: 'buffer' }).toString('latin1')}`;
      else if (st.isDirectory()) {
        out[`${key}/`] = 'dir';
        walk(abs, `${key}/`);
      } else if (st.isFile()) out[key] = `file:${(st.mode & 0o7777).toString(8)}:${fs.readFileSync(abs).toString('base64')}`;
      else out[key] = 'other';
    }
  };
  walk(Buffer.from(root), '');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Running blog

let cacheDir: string | undefined;
let homeDir: string | undefined;
/** The post index of spawned runs lives here (one folder per test file). */
export function testCacheDir(): string {
  return (cacheDir ??= tempDir('blog-sec-cache-'));
}
/** An empty HOME, so that no user config or cache interferes. */
export function testHome(): string {
  return (homeDir ??= tempDir('blog-sec-home-'));
}
afterAll(() => {
  cacheDir = undefined;
  homeDir = undefined;
});

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Killed because it ran longer than `timeout`. */
  timedOut: boolean;
  ms: number;
  out: Buffer;
  err: Buffer;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** ms; the process is killed (SIGKILL) after it. Default 20 s. */
  timeout?: number;
  /** Arguments for node itself, e.g. --max-old-space-size=64. */
  nodeArgs?: string[];
  input?: string | Buffer;
  /** Send stdout to this file instead of a pipe (for huge outputs). */
  stdoutFile?: string;
}

/** The pinned environment of a run: no TTY, no colours, UTC, index in a temp folder, temp HOME, CI unset. */
export function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: testHome(),
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    NO_COLOR: '1',
    BLOG_CACHE_DIR: testCacheDir(),
    ...extra,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env as Record<string, string>;
}

/** Run the built binary as a user would (no TTY). */
export function blog(args: (string | Buffer)[], options: RunOptions): RunResult {
  const started = Date.now();
  let fd: number | undefined;
  if (options.stdoutFile) fd = fs.openSync(options.stdoutFile, 'w');
  const spawnOptions: SpawnSyncOptions = {
    cwd: options.cwd,
    env: baseEnv(options.env),
    timeout: options.timeout ?? 20_000,
    killSignal: 'SIGKILL',
    maxBuffer: 256 * 1024 * 1024,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', fd ?? 'pipe', 'pipe'],
    ...(options.input === undefined ? {} : { input: options.input }),
  };
  const r = spawnSync(nodePath, [...(options.nodeArgs ?? []), binPath, ...(args as string[])], spawnOptions);
  if (fd !== undefined) fs.closeSync(fd);
  const out = (r.stdout as Buffer | null) ?? Buffer.alloc(0);
  const err = (r.stderr as Buffer | null) ?? Buffer.alloc(0);
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return { code: r.status, signal: r.signal, timedOut, ms: Date.now() - started, out, err, stdout: out.toString('utf8'), stderr: err.toString('utf8') };
}

/** The same, without blocking the test (for runs that must overlap). */
export function blogAsync(args: string[], options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const fd = options.stdoutFile ? fs.openSync(options.stdoutFile, 'w') : undefined;
  return new Promise((done) => {
    const child = spawn(nodePath, [...(options.nodeArgs ?? []), binPath, ...args], { cwd: options.cwd, env: baseEnv(options.env), stdio: ['ignore', fd ?? 'pipe', 'pipe'] });
    if (fd !== undefined) fs.closeSync(fd);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeout ?? 30_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const o = Buffer.concat(out);
      const e = Buffer.concat(err);
      done({ code, signal, timedOut, ms: Date.now() - started, out: o, err: e, stdout: o.toString('utf8'), stderr: e.toString('utf8') });
    });
  });
}

/** A one-line summary of a run, for assertion messages. */
export function describeRun(r: RunResult, max = 600): string {
  const cut = (s: string) => JSON.stringify(s.length > max ? `${s.slice(0, max)}…(${s.length} chars)` : s);
  return `exit ${r.code}${r.signal ? ` signal ${r.signal}` : ''}${r.timedOut ? ' TIMED OUT' : ''} after ${r.ms} ms; stdout ${cut(r.stdout)}; stderr ${cut(r.stderr)}`;
}

/** Signs of a crash: a stack trace, an internal error, or one of the known runaway errors. */
export const CRASH = /internal error|RangeError|Maximum call stack|heap out of memory|ENAMETOOLONG|FATAL ERROR|\n\s+at .+:\d+:\d+\)?\s*(\n|$)|^\s+at .+:\d+:\d+/m;

// ---------------------------------------------------------------------------------------------
// Terminal safety

/**
 * Characters that must never reach a terminal raw: C0 controls except \n (tab too), DEL, C1,
 * bidi embeddings/overrides/isolates, line and paragraph separators. Returns each offender with
 * a little context, empty when the text is clean.
 */
export function rawControls(text: string): string[] {
  const bad = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/gu;
  const out: string[] = [];
  for (const m of text.matchAll(bad)) {
    const at = m.index ?? 0;
    out.push(`U+${(m[0].codePointAt(0) as number).toString(16).padStart(4, '0')} in ${JSON.stringify(text.slice(Math.max(0, at - 20), at + 20))}`);
    if (out.length > 10) break;
  }
  return out;
}

/** Remove blog's own SGR colour sequences (`ESC [ … m`). */
export const stripSgr = (text: string): string => text.replace(/\x1b\[[0-9;]*m/g, '');

/** Lines that GitHub Actions would read as a workflow command (the runner trims leading whitespace first). */
export function workflowCommandLines(text: string): string[] {
  return text.split('\n').filter((l) => /^\s*::/.test(l));
}

// ---------------------------------------------------------------------------------------------
// Misc

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A minimal RFC 4180 parser: rows of fields, with `raw` the field as written. */
export function parseCsv(text: string): { value: string; raw: string }[][] {
  const rows: { value: string; raw: string }[][] = [];
  let row: { value: string; raw: string }[] = [];
  let i = 0;
  while (i < text.length) {
    const start = i;
    let value = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) break;
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else value += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') value += text[i++];
    }
    row.push({ value, raw: text.slice(start, i) });
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    rows.push(row);
    row = [];
  }
  if (row.length) rows.push(row);
  return rows;
}
