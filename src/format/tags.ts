import type { CategoryNode, TaxonomyResult } from '../core/taxonomy.js';
import type { Colors } from './color.js';
import { formatJson, jsonDiagnostic } from './json.js';
import { renderTable } from './table.js';
import { safe } from './text.js';
import type { CATEGORIES_FORMAT_NAMES, FormatTable, TAGS_FORMAT_NAMES } from './names.js';

export interface TagsFormatOptions {
  colors: Colors;
}

/** TAG / POSTS, case variants indented under the dominant spelling. */
export function formatTagsTable(result: TaxonomyResult, { colors }: TagsFormatOptions): string {
  if (result.tags.length === 0) return '';
  const rows: string[][] = [];
  const variant: boolean[] = [];
  for (const g of result.tags) {
    rows.push([safe(g.name), String(g.count)]);
    variant.push(false);
    for (const v of g.variants) {
      rows.push([`  ${safe(v.name)}  (case variant of ${safe(g.name)})`, String(v.count)]);
      variant.push(true);
    }
  }
  return renderTable([{ header: 'TAG' }, { header: 'POSTS' }], rows, {
    header: (t) => colors.bold(t),
    style: (t, r, c) => (variant[r] ? colors.yellow(t) : c === 0 ? colors.cyan(t) : t),
  });
}

/** The most levels of a category path drawn as a tree (deeper levels are summed up in one line). */
const MAX_TREE_DEPTH = 32;

/** A tree drawn with plain box characters. */
export function formatCategoryTree(result: TaxonomyResult, { colors }: TagsFormatOptions): string {
  const lines: string[] = [];
  // Iterative, with the depth bounded: a category path can be thousands of levels deep.
  const stack: { nodes: CategoryNode[]; index: number; prefix: string; top: boolean; depth: number }[] = [{ nodes: result.categories, index: 0, prefix: '', top: true, depth: 0 }];
  while (stack.length) {
    const frame = stack[stack.length - 1] as (typeof stack)[number];
    if (frame.index >= frame.nodes.length) {
      stack.pop();
      continue;
    }
    const n = frame.nodes[frame.index] as CategoryNode;
    frame.index++;
    const last = frame.index === frame.nodes.length;
    const branch = frame.top ? '' : last ? '└── ' : '├── ';
    lines.push(`${frame.prefix}${branch}${colors.magenta(safe(n.name))} ${colors.dim(`(${n.count})`)}`);
    if (n.children.length === 0) continue;
    const prefix = frame.top ? '' : frame.prefix + (last ? '    ' : '│   ');
    if (frame.depth + 1 >= MAX_TREE_DEPTH) {
      lines.push(`${prefix}└── ${colors.dim(`… ${countBelow(n)} more levels`)}`);
      continue;
    }
    stack.push({ nodes: n.children, index: 0, prefix, top: false, depth: frame.depth + 1 });
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function countBelow(node: CategoryNode): number {
  let n = 0;
  for (let level = node.children; level.length; level = level.flatMap((c) => c.children)) n++;
  return n;
}

const problems = (r: TaxonomyResult) => [...r.errors].map(jsonDiagnostic);

export const tagsJson = (r: TaxonomyResult) => ({ posts: r.posts, tags: r.tags, problems: problems(r) });
export const categoriesJson = (r: TaxonomyResult) => ({ posts: r.posts, categories: r.categories, problems: problems(r) });

/** `blog tags`'s output formats; their names are the values of `--format`. */
export const TAGS_FORMATS = {
  table: formatTagsTable,
  json: (r: TaxonomyResult) => formatJson(tagsJson(r)),
} as const satisfies FormatTable<typeof TAGS_FORMAT_NAMES>;

/** `blog categories`'s output formats. */
export const CATEGORIES_FORMATS = {
  tree: formatCategoryTree,
  json: (r: TaxonomyResult) => formatJson(categoriesJson(r)),
} as const satisfies FormatTable<typeof CATEGORIES_FORMAT_NAMES>;
