import { describe, expect, it } from 'vitest';
import { literalPrefilter } from '../../../src/core/select.js';
import { parsePost } from '../../../src/core/post.js';
import { generatePost, mulberry32 } from '../../../bench/generate.mjs';

const tagsOf = (text: string) => {
  const r = parsePost(text, 'a.md', { generator: 'hexo' });
  return r.ok ? r.post : undefined;
};

describe('literalPrefilter never rules out a post that matches', () => {
  it('on 3000 generated posts and every tag they use', () => {
    const rand = mulberry32(5);
    const texts = Array.from({ length: 3000 }, (_, i) => generatePost(i, rand));
    const posts = texts.map(tagsOf);
    const bytes = texts.map((t) => Buffer.from(t));
    const names = [...new Set(posts.flatMap((p) => [...(p?.tags ?? []), ...(p?.categories.flat() ?? [])]))].filter((_, i) => i % 4 === 0);
    let ruledOut = 0;
    for (const name of names) {
      const may = literalPrefilter([name]);
      if (!may) continue;
      bytes.forEach((b, i) => {
        if (may(b)) return;
        ruledOut++;
        const p = posts[i];
        expect(p?.tags.includes(name) || p?.categories.flat().includes(name), `${name} in post ${i}`).toBeFalsy();
      });
    }
    expect(ruledOut).toBeGreaterThan(50_000);
  });

  it('is not used for names YAML could spell another way', () => {
    for (const n of ['1.1', '2025', 'true', 'Yes', 'null', '.inf', 'two words', "it's", 'a"b', 'back\\slash']) expect(literalPrefilter([n]), n).toBeUndefined();
  });

  it('escapes in the text disable it', () => {
    const text = '---\ntitle: x\ntags: ["\\u0043hatGPT"]\n---\n';
    expect(tagsOf(text)?.tags).toEqual(['ChatGPT']);
    expect(literalPrefilter(['ChatGPT'])?.(Buffer.from(text))).toBe(true);
  });

  it('"some" mode for renames: any of the names', () => {
    const may = literalPrefilter(['chatgpt', 'gpt'], 'some');
    expect(may?.(Buffer.from('tags: [gpt]'))).toBe(true);
    expect(may?.(Buffer.from('tags: [AI]'))).toBe(false);
  });
});
