import { configRequest, resolveConfig } from '../config.js';
import { scanNames } from '../core/complete.js';
import { findPostFiles, scanHeadsQuick } from '../core/repository.js';

/** Tag or category names of the blog here, most used first: the values `--tag` and `--category` complete to. */
export async function completionNames(options: { cwd: string; dir?: string }, field: 'tags' | 'categories'): Promise<string[]> {
  const config = resolveConfig(configRequest(options));
  const walk = await findPostFiles(config.postDirs, { generator: config.generator, cwd: options.cwd });
  const counts = new Map<string, number>();
  scanHeadsQuick(walk.files, (head) => {
    for (const name of new Set(scanNames(head, field))) counts.set(name, (counts.get(name) ?? 0) + 1);
  });
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([n]) => n);
}
