/**
 * What every command does the same way: open the blog from the common flags, decide colours,
 * print the notices, skipped entries and errors of a read on stderr, turn them into the exit
 * code, and write output.
 */
import { Blog, type ReadSummary } from '../core/blog.js';
import { configRequest, resolveConfig } from '../core/config.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { ExitCode, UsageError } from '../core/errors.js';
import { buildFilter, type FilterFlags } from '../core/list.js';
import type { PostFilter } from '../core/select.js';
import { colorLevel, makeColors, type Colors } from '../format/color.js';
import { formatDiagnostic, formatNotice } from '../format/diagnostic.js';
import type { Io } from '../io.js';

/** `--dir`, `--config`, `--color` / `--no-color`: on every command that reads the blog. */
export interface CommonFlags {
  dir?: string;
  config?: string;
  color?: boolean;
}

export type { FilterFlags } from '../core/list.js';

/** The output side of a command: where text goes and how it is coloured. */
export interface Context {
  io: Io;
  /** Colours for stdout (none for machine formats). */
  colors: Colors;
  /** Colours for stderr. */
  errColors: Colors;
}

export function context(io: Io, flags: { color?: boolean | undefined }, machine: boolean): Context {
  return {
    io,
    colors: makeColors(colorLevel({ env: io.env, isTTY: io.stdoutIsTTY, flag: flags.color, machine })),
    errColors: makeColors(colorLevel({ env: io.env, isTTY: io.stderrIsTTY, flag: flags.color })),
  };
}

/** The blog the common flags name; config warnings are printed at once. Throws ConfigError/UsageError. */
export function openBlog(ctx: Context, flags: CommonFlags): Blog {
  const config = resolveConfig(configRequest({ cwd: ctx.io.cwd, dir: flags.dir, config: flags.config }));
  for (const w of config.warnings) ctx.io.stderr(formatNotice('warning', w, ctx.errColors));
  return new Blog(config, ctx.io.cwd, { threads: threadsFrom(ctx.io.env.BLOG_THREADS) });
}

/** `BLOG_THREADS`: how many threads read the posts (1: the main thread only); unset or empty: decided by the size of the blog. */
function threadsFrom(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  // Digits only: Number() took 0x2, 1e1 and 2.0 as well.
  const n = /^\d{1,2}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`BLOG_THREADS=${JSON.stringify(value.slice(0, 40))}: expected a whole number of threads from 1 to 64`);
  return n;
}

/** The filter flags as a filter, read in the blog's time zone; undefined when none was given. */
export function filterOf(blog: Blog, flags: FilterFlags & { search?: string | undefined }): PostFilter | undefined {
  const filter = buildFilter(flags, blog.config.timeZone);
  return Object.keys(filter).length ? filter : undefined;
}

/** Print diagnostics on stderr, one line each. */
export function printDiagnostics(ctx: Context, list: readonly Diagnostic[], label?: string): void {
  for (const d of list) ctx.io.stderr(formatDiagnostic(d, ctx.errColors, label));
}

/**
 * The one rule for what a read reports, the same for every command and every filter: entries the
 * walk skipped are warnings, every error about a post in scope is printed, and any such error
 * makes the exit code 1. `extra` are the warnings about what the command shows.
 */
export function reportRead(ctx: Context, summary: ReadSummary, extra: readonly Diagnostic[] = []): number {
  printDiagnostics(ctx, summary.skipped);
  const all = [...summary.errors, ...extra].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.col - b.col));
  printDiagnostics(ctx, all);
  return readExitCode(summary);
}

/** 1 when a post of the blog could not be read (or holds a value that could not be read), else 0. */
export function readExitCode(summary: ReadSummary): number {
  return summary.errors.length > 0 || summary.skipped.some((s) => s.severity === 'error') ? ExitCode.Problems : ExitCode.Ok;
}

/**
 * Write a formatter's output: one string, or pieces written as they come, 64 KB at a time, each
 * after stdout has taken the one before (memory stays flat however slow the reader). `code`, the
 * exit code the command ends with, is told to the Io first (see Io.exitCode).
 */
export async function write(ctx: Context, out: string | Iterable<string>, code?: number): Promise<void> {
  if (code !== undefined) ctx.io.exitCode?.(code);
  if (typeof out === 'string') {
    if (out !== '') ctx.io.stdout(out);
    return;
  }
  let buffered = '';
  for (const piece of out) {
    buffered += piece;
    if (buffered.length >= 1 << 16) {
      ctx.io.stdout(buffered);
      buffered = '';
      await ctx.io.flushed?.();
    }
  }
  if (buffered !== '') ctx.io.stdout(buffered);
}

export function note(ctx: Context, message: string): void {
  ctx.io.stderr(formatNotice('note', message, ctx.errColors));
}

export function warn(ctx: Context, message: string): void {
  ctx.io.stderr(formatNotice('warning', message, ctx.errColors));
}

/** `--format` (its values are the keys of the command's formatter table), `--json` meaning `--format json`. */
export function chooseFormat<K extends string>(flags: { json?: boolean | undefined; format?: string | undefined }, formats: Readonly<Record<K, unknown>>, fallback: K): K {
  if (flags.json && 'json' in formats) return 'json' as K;
  return flags.format !== undefined && flags.format in formats ? (flags.format as K) : fallback;
}
