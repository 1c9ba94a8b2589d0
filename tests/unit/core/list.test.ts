import { describe, expect, it } from 'vitest';
import { listTask, packListed, unpackListed } from '../../../src/core/list.js';
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
    expect(result.recordEnds.length).toBe(0);
    expect(result.names?.tags).toEqual(new Map([['chatgpt', 1], ['AI', 2]]));
  });

  it('a chunk with a match stops counting and gives none: suggestions are made only when nothing matches', () => {
    const chunk = start(2);
    chunk.visit(item(3, ['AI']));
    chunk.visit(item(4, ['ChatGPT']));
    chunk.visit(item(5, ['Vue']));
    const result = chunk.finish();
    expect(result.recordEnds.length).toBe(1);
    expect(new TextDecoder().decode(result.recordBytes)).toMatch(/^\["posts\/4\.md","P4",/);
    expect(result.names).toBeNull();
  });
});

describe('the record kept for a listed post', () => {
  it('gives back every listed field, with and without a date, offset, milliseconds or title', () => {
    const texts = [
      '---\ntitle: ChatGPT-5将免费开放？\ntags: [ChatGPT, "a|b"]\ncategories: [[日常, 折腾], 技术]\ndate: 2025-03-31 21:17:31\n---\n',
      '---\ndate: 2024-02-29T09:30:00.125+05:45\ndraft: true\n---\n',
      '---\ntitle: 1.5\ndate: 0099-01-01\n---\n',
      '---\ntags: x\n---\n',
      'no front matter\n',
      '+++\ntitle = "toml"\ndate = "2025-01-01"\n+++\n',
    ];
    for (const timeZone of [undefined, 'Asia/Shanghai']) {
      for (const text of texts) {
        const r = parsePost(text, 'posts/2025-01-02-x.md', { generator: 'hugo', ...(timeZone ? { timeZone } : {}) });
        if (!r.ok) throw new Error(`fixture: ${text}`);
        const p = r.post;
        const listed = { path: p.path, title: p.title, date: p.date, dateSource: p.dateSource, tags: p.tags, categories: p.categories, draft: p.draft, format: p.format };
        expect(unpackListed(packListed(p))).toStrictEqual(listed);
      }
    }
  });
});
