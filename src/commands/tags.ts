/** `blog tags` and `blog categories`: count, then a table, a tree or JSON. */
import { taxonomyOfBlog } from '../core/taxonomy.js';
import { CATEGORIES_FORMATS, TAGS_FORMATS } from '../format/tags.js';
import type { Io } from '../io.js';
import { context, filterOf, note, openBlog, reportRead, write, type CommonFlags, type FilterFlags } from './shared.js';


export interface TagsFlags extends CommonFlags, FilterFlags {
  sort?: 'count' | 'name';
  json?: boolean;
  format?: string;
}

export async function runTags(what: 'tags' | 'categories', flags: TagsFlags, io: Io): Promise<number> {
  const json = flags.json === true || flags.format === 'json';
  const ctx = context(io, flags, json);
  const blog = openBlog(ctx, flags);
  const filter = filterOf(blog, flags);
  const result = await taxonomyOfBlog(blog, { sort: flags.sort, ...(filter ? { filter } : {}) });
  const code = reportRead(ctx, result);
  const options = { colors: ctx.colors };
  if (what === 'tags') await write(ctx, json ? TAGS_FORMATS.json(result) : TAGS_FORMATS.table(result, options), code);
  else await write(ctx, json ? CATEGORIES_FORMATS.json(result) : CATEGORIES_FORMATS.tree(result, options), code);
  if (!json && (what === 'tags' ? result.tags : result.categories).length === 0) note(ctx, `no ${what} in ${result.posts} posts`);
  return code;
}
