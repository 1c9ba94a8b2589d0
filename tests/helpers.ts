import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import type { Io, Prompter } from '../src/io.js';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const binPath = join(repoRoot, 'bin', 'blog.js');

/** A temp folder holding `files` (path → text or bytes). */
export function makeTree(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), 'blog-test-'));
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return root;
}

export function removeTree(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

let cacheDir: string | undefined;
/** The post index of spawned runs lives here, not in the user's home (one folder per test file, removed after it). */
export function testCacheDir(): string {
  return (cacheDir ??= mkdtempSync(join(tmpdir(), 'blog-test-cache-')));
}
// Registered on the importing test file (each file has its own copy of this module).
afterAll(() => {
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  cacheDir = undefined;
});

/** Run the built binary as a user would (no TTY), with a pinned environment (the post index on, in testCacheDir). */
export function runBlog(args: string[], options: { cwd: string; env?: Record<string, string | undefined> }): RunResult {
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'UTC', NO_COLOR: '1', BLOG_CACHE_DIR: testCacheDir(), ...options.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [binPath, ...args], { cwd: options.cwd, env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every .md/.markdown file under `dir` (hidden names skipped), in sorted order. */
export function postFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) out.push(...postFiles(abs));
    else if (/\.(md|markdown)$/i.test(name)) out.push(abs);
  }
  return out;
}

/** Every file under `root` with its bytes, for byte-for-byte comparisons. */
export function snapshotTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out[abs.slice(root.length + 1)] = readFileSync(abs).toString('base64');
    }
  };
  walk(root);
  return out;
}

/** `tree(files)` makes a temp folder that is removed after each test. */
export function useTempTrees(): (files: Record<string, string | Uint8Array>) => string {
  const roots: string[] = [];
  afterEach(() => {
    while (roots.length) removeTree(roots.pop() as string);
  });
  return (files) => {
    const root = makeTree(files);
    roots.push(root);
    return root;
  };
}

/**
 * An in-process Io that records output. `answers` answers prompts by name (an Error is thrown
 * instead, e.g. CancelledError); `asked` records the names asked. With answers, it is a terminal.
 */
export function fakeIo(cwd: string, options: { answers?: Record<string, unknown>; asked?: string[]; now?: Date } = {}): Io & { out: string; err: string } {
  const terminal = options.answers !== undefined;
  const answer = async <T>(q: { name: string }): Promise<T> => {
    options.asked?.push(q.name);
    const a = options.answers?.[q.name];
    if (a instanceof Error) throw a;
    return a as T;
  };
  const prompt: Prompter = { input: answer, checkbox: answer, select: answer, confirm: answer };
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    cwd,
    env: { NO_COLOR: '1' },
    stdinIsTTY: terminal,
    stdoutIsTTY: terminal,
    stderrIsTTY: terminal,
    columns: terminal ? 100 : undefined,
    now: () => options.now ?? new Date('2026-01-01T00:00:00Z'),
    prompt,
    edit: async () => 0,
  };
  return io;
}
