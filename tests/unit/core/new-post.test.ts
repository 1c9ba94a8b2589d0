/**
 * `blog new` fills the built-in template without the YAML writer when every value would be
 * written plain. That shortcut must write exactly the bytes the general way writes.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePost, mulberry32 } from '../../../bench/generate.mjs';
import { DEFAULT_TEMPLATE, renderDefault, renderNewPost, type NewPostData } from '../../../src/core/new-post.js';
import { readPost } from '../../../src/core/fs/read.js';
import { parsePost } from '../../../src/core/post.js';
import { postFiles, repoRoot } from '../../helpers.js';

/** The built-in template with other spacing in a placeholder: the same post, always the general way. */
const GENERAL = DEFAULT_TEMPLATE.replace('{{ title }}', '{{title}}');

const TRICKY = [
  'x', 'yes', 'No', 'null', 'Null', 'true', 'TRUE', 'on', 'Off', 'y', 'N', 'nan', 'inf', '~', '.inf', '-.inf', '1234', '1e3', '0x1F', '-x', '? x',
  'a: b', 'a:b', '#x', 'x #y', 'x#y', ' lead', 'trail ', 'a\tb', 'a  b', '中文：标题！', 'emoji 😀', 'x\u2028y', 'x\u0085y', 'Ünïcödé', "a'b", 'a"b', 'back\\slash',
  '[x]', '{x}', 'a,b', '%x', '@x', '`x`', 'x|y', 'x>y', '*x', '&x', '!x', 'ChatGPT-5将免费开放？官方回应：DeepSeek逼的！', 'C++', 'C#', 'Node.js', 'a - b', 'a -b',
  'x\u00a0y', 'x\u200by', 'é', 'Å', 'ǅ', 'x\ny', 'x\ry', '\u3000全角空格', 'end\u3000',
];

function values(): string[] {
  const out = new Set(TRICKY);
  const rand = mulberry32(3);
  for (let i = 0; i < 300; i++) {
    const r = parsePost(generatePost(i, rand), 'g.md', { generator: 'hexo' });
    if (r.ok) {
      if (r.post.title) out.add(r.post.title);
      for (const t of r.post.tags) out.add(t);
    }
  }
  return [...out];
}

async function corpusValues(): Promise<string[]> {
  const dir = resolve(repoRoot, '..', 'shared', 'corpora');
  if (!existsSync(dir)) return [];
  const out = new Set<string>();
  for (const name of readdirSync(dir).filter((d) => existsSync(join(dir, d, 'posts')))) {
    for (const r of postFiles(join(dir, name, 'posts')).map((f) => readPost(f, f, { generator: 'hexo' }, false))) {
      if (!r.ok) continue;
      if (r.post.title) out.add(r.post.title);
      for (const t of r.post.tags) out.add(t);
      for (const c of r.post.categories.flat()) out.add(c);
    }
  }
  // A spread of them: every value goes through the general way 12 times.
  const all = [...out];
  const step = Math.max(1, Math.floor(all.length / 400));
  return all.filter((_, i) => i % step === 0);
}

describe('the built-in template without the YAML writer', () => {
  it('writes the same bytes as the general way, or leaves the post to it', async () => {
    const pool = [...values(), ...(await corpusValues())];
    let shortcut = 0;
    let cases = 0;
    pool.forEach((text, i) => {
      const other = pool[(i * 7 + 3) % pool.length] as string;
      const variants: NewPostData[] = [
        { title: text, date: '2025-03-31 21:17:31', tags: [], categories: [], draftKey: null, slug: 's' },
        { title: other, date: '2025-03-31', tags: [text, other].filter((t, k, a) => a.indexOf(t) === k), categories: [[text]], draftKey: 'draft', slug: 's' },
        { title: 'Plain title', date: '2025-03-31 21:17', tags: ['ChatGPT'], categories: [[other, text]], draftKey: 'published', slug: 's' },
        { title: 'Plain title', date: '2025-03-31 21:17:31', tags: [text], categories: [[text], [other]], draftKey: null, slug: 's' },
      ];
      for (const data of variants) {
        for (const generator of ['hexo', 'hugo', 'jekyll'] as const) {
          cases++;
          const general = renderNewPost(GENERAL, data, generator);
          const fast = renderDefault(data, generator);
          if (fast === undefined) continue;
          shortcut++;
          // Same bytes, and the same answer when they do not read back as given (Hugo: a path is several terms).
          if (general.ok) expect(general.text, JSON.stringify({ data, generator })).toBe(fast);
          expect(renderNewPost(DEFAULT_TEMPLATE, data, generator), JSON.stringify({ data, generator })).toEqual(general);
        }
      }
    });
    // The shortcut is the common case, not a corner.
    expect(shortcut).toBeGreaterThan(cases / 3);
  });

  it('leaves quoting to the writer', () => {
    for (const title of ['yes', 'a: b', '#x', ' lead', '1234', '[x]', "a'b", 'x\u2028y', 'trail ']) {
      expect(renderDefault({ title, date: '2025-03-31', tags: [], categories: [], draftKey: null, slug: 's' }, 'hexo'), title).toBeUndefined();
    }
    expect(renderDefault({ title: 'ChatGPT-5将免费开放？官方回应：DeepSeek逼的！', date: '2025-03-31 21:17:31', tags: ['ChatGPT'], categories: [['日常折腾']], draftKey: null, slug: 's' }, 'hexo')).toBe(
      '---\ntitle: ChatGPT-5将免费开放？官方回应：DeepSeek逼的！\ndate: 2025-03-31 21:17:31\ntags:\n  - ChatGPT\ncategories: 日常折腾\n---\n',
    );
  });
});
