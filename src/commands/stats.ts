import { configRequest, resolveConfig } from '../config.js';
import { findPostFiles, readPosts } from '../core/repository.js';
import { computeStats, countWords, type BlogStats } from '../core/stats.js';
import type { FileProblem } from '../format/problems.js';

export interface StatsOptions {
  cwd: string;
  dir?: string;
  config?: string;
  /** Count words (reads whole files); off: front matter only. */
  words?: boolean;
  top?: number;
}

export interface StatsResult extends BlogStats {
  problems: FileProblem[];
  warnings: string[];
}

/** `blog stats`: posts per month or year, top tags, drafts, words, the longest gap. */
export async function runStats(options: StatsOptions): Promise<StatsResult> {
  const config = resolveConfig(configRequest(options));
  const walk = await findPostFiles(config.postDirs, { generator: config.generator, cwd: options.cwd });
  const results = await readPosts(walk.files, {
    cwd: options.cwd,
    generator: config.generator,
    ...(config.timeZone === undefined ? {} : { timeZone: config.timeZone }),
    ...(options.words === false ? {} : { countWords }),
  });
  const posts = results.flatMap((r) => (r.ok ? [r.post] : []));
  const problems = results.flatMap((r): FileProblem[] => (r.ok ? [] : [{ path: r.path, ...r.problem, severity: 'error' }]));
  return { ...computeStats(posts, options.top ?? 10), problems, warnings: config.warnings };
}
