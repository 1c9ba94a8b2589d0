import type { TagsResult } from '../commands/tags.js';
import type { CategoryNode } from '../core/taxonomy.js';
import type { Colors } from './color.js';
import { renderTable } from './table.js';

/** TAG / POSTS, case variants indented under the dominant spelling. */
export function formatTagsTable(result: TagsResult, colors: Colors): string {
  const rows: string[][] = [];
  const variant: boolean[] = [];
  for (const g of result.tags) {
    rows.push([g.name, String(g.count)]);
    variant.push(false);
    for (const v of g.variants) {
      rows.push([`  ${v.name}  (case variant of ${g.name})`, String(v.count)]);
      variant.push(true);
    }
  }
  return renderTable([{ header: 'TAG' }, { header: 'POSTS' }], rows, {
    header: (t) => colors.bold(t),
    style: (t, r, c) => (variant[r] ? colors.yellow(t) : c === 0 ? colors.cyan(t) : t),
  });
}

/** A tree drawn with plain box characters. */
export function formatCategoryTree(result: TagsResult, colors: Colors): string {
  const lines: string[] = [];
  const walk = (nodes: CategoryNode[], prefix: string, top: boolean): void => {
    nodes.forEach((n, i) => {
      const last = i === nodes.length - 1;
      const branch = top ? '' : last ? '└── ' : '├── ';
      lines.push(`${prefix}${branch}${colors.magenta(n.name)} ${colors.dim(`(${n.count})`)}`);
      walk(n.children, top ? '' : prefix + (last ? '    ' : '│   '), false);
    });
  };
  walk(result.categories, '', true);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export const tagsJson = (r: TagsResult) => ({ posts: r.posts, tags: r.tags, problems: r.problems });
export const categoriesJson = (r: TagsResult) => ({ posts: r.posts, categories: r.categories, problems: r.problems });
