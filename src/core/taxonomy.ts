/**
 * Counting tags and categories across posts: `blog tags` and `blog categories`.
 */
import type { Blog, ReadSummary } from './blog.js';
import type { Task } from './parallel.js';
import type { Post } from './post.js';
import { byCodeUnit } from './diagnostic.js';
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


export interface CategoryNode {
  name: string;
  /** Posts in this category or below it. */
  count: number;
  children: CategoryNode[];
}

/**
 * What counting some posts gives: small (a few entries per distinct name), structured-clonable,
 * and summed across chunks (a post is in one chunk only, so sums are exact).
 */
export interface TaxonomyCounts {
  posts: number;
  /** Posts per tag spelling. */
  tags: Map<string, number>;
  /** Posts per folded tag name (a post with two spellings of one name counts once). */
  folded: Map<string, number>;
  /** The category tree as rows, each parent before its children: parent row (-1 at the top), name, posts. */
  parents: number[];
  names: string[];
  counts: number[];
}

/**
 * Counting tags and categories, a post at a time or a chunk's counts at a time. Category paths
 * are a tree built without recursion: in Hexo a flat list of 3,000 names is one path 3,000
 * levels deep.
 */
export class TaxonomyCounter {
  #c: TaxonomyCounts = { posts: 0, tags: new Map(), folded: new Map(), parents: [], names: [], counts: [] };
  /** The rows under each row (-1: the top), by name. */
  readonly #children = new Map<number, Map<string, number>>();
  /** The last post counted in each row (a post counts once in a category, however many of its paths go through it). */
  readonly #last: number[] = [];

  get posts(): number {
    return this.#c.posts;
  }

  add(post: Pick<Post, 'tags' | 'categories'>): void {
    const c = this.#c;
    const serial = ++c.posts;
    const tags = post.tags.length < 2 ? post.tags : [...new Set(post.tags)];
    for (const t of tags) c.tags.set(t, (c.tags.get(t) ?? 0) + 1);
    const folded = tags.length < 2 ? tags.map(fold) : [...new Set(tags.map(fold))];
    for (const f of folded) c.folded.set(f, (c.folded.get(f) ?? 0) + 1);
    for (const path of post.categories) {
      let parent = -1;
      for (const name of path) {
        const row = this.#row(parent, name);
        if (this.#last[row] !== serial) {
          this.#last[row] = serial;
          c.counts[row] = (c.counts[row] as number) + 1;
        }
        parent = row;
      }
    }
  }

  /** Add the counts of other posts (another chunk's). */
  merge(other: TaxonomyCounts): void {
    const c = this.#c;
    c.posts += other.posts;
    for (const [t, n] of other.tags) c.tags.set(t, (c.tags.get(t) ?? 0) + n);
    for (const [f, n] of other.folded) c.folded.set(f, (c.folded.get(f) ?? 0) + n);
    const rows: number[] = [];
    other.names.forEach((name, i) => {
      const parent = other.parents[i] as number;
      const row = this.#row(parent === -1 ? -1 : (rows[parent] as number), name);
      c.counts[row] = (c.counts[row] as number) + (other.counts[i] as number);
      rows.push(row);
    });
  }

  counts(): TaxonomyCounts {
    return this.#c;
  }

  #row(parent: number, name: string): number {
    let level = this.#children.get(parent);
    if (!level) this.#children.set(parent, (level = new Map()));
    let row = level.get(name);
    if (row === undefined) {
      const c = this.#c;
      row = c.names.length;
      c.parents.push(parent);
      c.names.push(name);
      c.counts.push(0);
      this.#last.push(0);
      level.set(name, row);
    }
    return row;
  }

  /** Tags with post counts, case variants grouped under the dominant spelling. */
  tagGroups(sort: 'count' | 'name' = 'count'): TagGroup[] {
    const groups = new Map<string, TagCount[]>();
    for (const [name, count] of this.#c.tags) {
      const key = fold(name);
      const list = groups.get(key);
      if (list) list.push({ name, count });
      else groups.set(key, [{ name, count }]);
    }
    const out = [...groups.values()].map((forms): TagGroup => {
      forms.sort((a, b) => b.count - a.count || byCodeUnit(a.name, b.name));
      const [main, ...variants] = forms as [TagCount, ...TagCount[]];
      return { name: main.name, count: main.count, total: this.#c.folded.get(fold(main.name)) ?? main.count, variants };
    });
    return out.sort(sort === 'name' ? (a, b) => a.name.localeCompare(b.name, 'en') || byCodeUnit(a.name, b.name) : (a, b) => b.total - a.total || byCodeUnit(a.name, b.name));
  }

  /** Categories as a tree: a post counts once in every category on its paths. */
  categoryTree(sort: 'count' | 'name' = 'count'): CategoryNode[] {
    const c = this.#c;
    const order = sort === 'name' ? (a: CategoryNode, b: CategoryNode) => a.name.localeCompare(b.name, 'en') || byCodeUnit(a.name, b.name) : (a: CategoryNode, b: CategoryNode) => b.count - a.count || byCodeUnit(a.name, b.name);
    const top: CategoryNode[] = [];
    const nodes: CategoryNode[] = [];
    c.names.forEach((name, i) => {
      const node: CategoryNode = { name, count: c.counts[i] as number, children: [] };
      nodes.push(node);
      const parent = c.parents[i] as number;
      (parent === -1 ? top : (nodes[parent] as CategoryNode).children).push(node);
    });
    top.sort(order);
    for (const node of nodes) if (node.children.length > 1) node.children.sort(order);
    return top;
  }
}

export interface TaxonomyResult extends ReadSummary {
  /** Posts counted (read, and passing the filter). */
  posts: number;
  tags: TagGroup[];
  categories: CategoryNode[];
}

/** Count the tags and categories of the posts that pass `filter`, on any thread. */
export const taxonomyTask: Task<{ filter?: PostFilter | undefined }, TaxonomyCounts> = {
  module: import.meta.url,
  name: 'taxonomyTask',
  setup:
    ({ filter }) =>
    () => {
      const counter = new TaxonomyCounter();
      return {
        visit: (item) => {
          if (item.post && (!filter || matchesFilter(item.post, filter))) counter.add(item.post);
        },
        finish: () => counter.counts(),
      };
    },
};

/** `blog tags` and `blog categories`: read every post's front matter and count. */
export async function taxonomyOfBlog(blog: Blog, options: { sort?: 'count' | 'name' | undefined; filter?: PostFilter }): Promise<TaxonomyResult> {
  const total = new TaxonomyCounter();
  const { entries: _entries, ...summary } = await blog.map(taxonomyTask, { filter: options.filter }, {}, (counts) => total.merge(counts));
  return { ...summary, posts: total.posts, tags: total.tagGroups(options.sort), categories: total.categoryTree(options.sort) };
}
