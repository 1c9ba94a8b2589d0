/**
 * Counting tags and categories across posts: `blog tags` and `blog categories`.
 */
import type { Blog, ReadSummary } from './blog.js';
import type { Post } from './post.js';
import { fold, matchesFilter, type PostFilter } from './select.js';

export interface TagCount {
  name: string;
  count: number;
}

/** A tag and the other spellings of it that differ only in case; `name` is the most used. */
export interface TagGroup extends TagCount {
  /** Posts with any spelling. */
  total: number;
  variants: TagCount[];
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Tags with post counts, case variants grouped under the dominant spelling. */
export function countTags(posts: Pick<Post, 'tags'>[], sort: 'count' | 'name' = 'count'): TagGroup[] {
  const counts = new Map<string, number>();
  /** Posts with any spelling of a folded name (a post with two spellings counts once). */
  const totals = new Map<string, number>();
  for (const p of posts) {
    for (const t of new Set(p.tags)) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const f of new Set(p.tags.map(fold))) totals.set(f, (totals.get(f) ?? 0) + 1);
  }
  const groups = new Map<string, TagCount[]>();
  for (const [name, count] of counts) {
    const key = fold(name);
    groups.set(key, [...(groups.get(key) ?? []), { name, count }]);
  }
  const out = [...groups.values()].map((forms): TagGroup => {
    forms.sort((a, b) => b.count - a.count || byCodePoint(a.name, b.name));
    const [main, ...variants] = forms as [TagCount, ...TagCount[]];
    return { name: main.name, count: main.count, total: totals.get(fold(main.name)) ?? main.count, variants };
  });
  return out.sort(sort === 'name' ? (a, b) => a.name.localeCompare(b.name, 'en') || byCodePoint(a.name, b.name) : (a, b) => b.total - a.total || byCodePoint(a.name, b.name));
}

export interface CategoryNode {
  name: string;
  /** Posts in this category or below it. */
  count: number;
  children: CategoryNode[];
}

/**
 * Categories as a tree: a post counts once in every category on its paths. Built without
 * recursion: in Hexo a flat list of 3,000 names is one path 3,000 levels deep.
 */
export function categoryTree(posts: Pick<Post, 'categories'>[], sort: 'count' | 'name' = 'count'): CategoryNode[] {
  interface Mutable {
    name: string;
    posts: Set<number>;
    children: Map<string, Mutable>;
    node: CategoryNode;
  }
  const root = new Map<string, Mutable>();
  posts.forEach((post, k) => {
    for (const path of post.categories) {
      let level = root;
      for (const name of path) {
        let node = level.get(name);
        if (!node) {
          node = { name, posts: new Set(), children: new Map(), node: { name, count: 0, children: [] } };
          level.set(name, node);
        }
        node.posts.add(k);
        level = node.children;
      }
    }
  });
  const order = sort === 'name' ? (a: CategoryNode, b: CategoryNode) => a.name.localeCompare(b.name, 'en') || byCodePoint(a.name, b.name) : (a: CategoryNode, b: CategoryNode) => b.count - a.count || byCodePoint(a.name, b.name);
  const out: CategoryNode[] = [];
  const stack: { level: Map<string, Mutable>; into: CategoryNode[] }[] = [{ level: root, into: out }];
  while (stack.length) {
    const { level, into } = stack.pop() as { level: Map<string, Mutable>; into: CategoryNode[] };
    for (const m of level.values()) {
      m.node.count = m.posts.size;
      into.push(m.node);
      if (m.children.size) stack.push({ level: m.children, into: m.node.children });
    }
    into.sort(order);
  }
  return out;
}

export interface TaxonomyResult extends ReadSummary {
  /** Posts counted (read, and passing the filter). */
  posts: number;
  tags: TagGroup[];
  categories: CategoryNode[];
}

/** `blog tags` and `blog categories`: read every post's front matter and count. */
export function taxonomyOfBlog(blog: Blog, options: { sort?: 'count' | 'name' | undefined; filter?: PostFilter }): TaxonomyResult {
  // Only the names are kept: the rest of each post is garbage as soon as it is counted.
  const names: Pick<Post, 'tags' | 'categories'>[] = [];
  const summary = blog.read({}, (item) => {
    if (item.post && (!options.filter || matchesFilter(item.post, options.filter))) names.push({ tags: item.post.tags, categories: item.post.categories });
  });
  return { ...summary, posts: names.length, tags: countTags(names, options.sort), categories: categoryTree(names, options.sort) };
}
