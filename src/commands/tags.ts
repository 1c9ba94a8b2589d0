import { configRequest, resolveConfig } from '../config.js';
import type { FileProblem } from '../format/problems.js';
import type { Post } from '../core/post.js';
import { eachPost, findPostFiles, indexFor, savePostIndex, type Skipped } from '../core/repository.js';
import { categoryTree, countTags, type CategoryNode, type TagGroup } from '../core/taxonomy.js';

export interface TagsOptions {
  cwd: string;
  dir?: string;
  config?: string;
  sort?: 'count' | 'name';
  /** The post index's folder; no index when undefined. */
  cacheDir?: string;
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
  // Only the names are kept: the rest of each post is garbage as soon as it is counted.
  const names: Pick<Post, 'tags' | 'categories'>[] = [];
  const problems: FileProblem[] = [];
  const index = indexFor(options.cacheDir, options.cwd, config);
  await eachPost(walk.files, { cwd: options.cwd, generator: config.generator, ...(config.timeZone === undefined ? {} : { timeZone: config.timeZone }), ...(index ? { index: index.index } : {}) }, (r) => {
    if (r.ok) names.push({ tags: r.post.tags, categories: r.post.categories });
    else problems.push({ path: r.path, ...r.problem, severity: 'error' });
  });
  savePostIndex(index, walk.files);
  return { posts: names.length, tags: countTags(names, options.sort), categories: categoryTree(names, options.sort), problems, skipped: walk.skipped, warnings: config.warnings };
}
