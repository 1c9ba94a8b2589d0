import { describe, expect, it } from 'vitest';
import { listTask } from '../../../src/core/list.js';
import { parsePost } from '../../../src/core/post.js';
import type { ReadItem } from '../../../src/core/fs/read.js';

function item(n: number, tags: string[]): ReadItem {
  const r = parsePost(`---\ntitle: P${n}\ndate: 2025-01-0${n}\ntags: [${tags.join(', ')}]\n---\n`, `posts/${n}.md`, { generator: 'hexo', timeZone: 'UTC' });
  if (!r.ok) throw new Error('fixture');
  return { entry: { abs: `/b/posts/${n}.md`, path: `posts/${n}.md`, rel: `${n}.md`, inDrafts: false }, post: r.post };
}

describe('listTask: names for suggestions', () => {
  const start = listTask.setup({ filter: { tags: ['ChatGPT'] }, sort: 'date' });

  it('a chunk with no match gives every name of its posts', () => {
    const chunk = start(0);
    chunk.visit(item(1, ['chatgpt', 'AI']));
    chunk.visit(item(2, ['AI']));
    const result = chunk.finish();
    expect(result.records).toEqual([]);
    expect(result.names?.tags).toEqual(new Map([['chatgpt', 1], ['AI', 2]]));
  });

  it('a chunk with a match stops counting and gives none: suggestions are made only when nothing matches', () => {
    const chunk = start(2);
    chunk.visit(item(3, ['AI']));
    chunk.visit(item(4, ['ChatGPT']));
    chunk.visit(item(5, ['Vue']));
    const result = chunk.finish();
    expect(Array.from(result.ordinals)).toEqual([3]);
    expect(result.names).toBeNull();
  });
});
