import { configRequest, resolveConfig } from '../config.js';
import type { FileProblem } from '../format/problems.js';
import { findPostFiles, readPosts, type Skipped } from '../core/repository.js';
import { categoryTree, countTags, type CategoryNode, type TagGroup } from '../core/taxonomy.js';

export interface TagsOptions {
  cwd: string;
  dir?: string;
  config?: string;
  sort?: 'count' | 'name';
}

export interface TagsResult {
  posts: number;
  tags: TagGroup[];
  categories: CategoryNode[];
  problems: FileProblem[];
  skipped: Skipped[];
  warnings: string[];
}

/** `blog tags` and `blog categories`: read every post's front matter and count. */
export async function runTags(options: TagsOptions): Promise<TagsResult> {
  const config = resolveConfig(configRequest(options));
  const walk = await findPostFiles(config.postDirs, { generator: config.generator, cwd: options.cwd });
  const results = await readPosts(walk.files, { cwd: options.cwd, generator: config.generator, ...(config.timeZone === undefined ? {} : { timeZone: config.timeZone }) });
  const posts = results.flatMap((r) => (r.ok ? [r.post] : []));
  const problems = results.flatMap((r): FileProblem[] => (r.ok ? [] : [{ path: r.path, ...r.problem, severity: 'error' }]));
  return { posts: posts.length, tags: countTags(posts, options.sort), categories: categoryTree(posts, options.sort), problems, skipped: walk.skipped, warnings: config.warnings };
}
