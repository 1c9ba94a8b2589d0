/**
 * readPosts reads only the head of each file and decodes only the bytes up to the closing
 * fence. Whatever shortcut it takes, it must give exactly what parsing the whole file gives.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePost, mulberry32 } from '../../../bench/generate.mjs';
import { parsePost, type Generator } from '../../../src/core/post.js';
import { decodeUtf8, readPost, type ReadResult } from '../../../src/core/fs/read.js';
import { countWords } from '../../../src/core/words.js';
import { headCut } from '../../../src/core/front-matter/fences.js';
import { displayPath } from '../../../src/core/fs/paths.js';
import { repoRoot, useTempTrees, postFiles } from '../../helpers.js';

const corporaDir = resolve(repoRoot, '..', 'shared', 'corpora');

/** What parsing the whole file gives, in the shape readPost returns. */
function wholeFile(abs: string, cwd: string, generator: Generator): unknown {
  const path = displayPath(cwd, abs);
  const r = parsePost(decodeUtf8(readFileSync(abs)).text, path, { generator, keepSource: true, keepBody: false, inDrafts: false });
  if (r.ok) return { ok: true, post: r.post };
  if ('incomplete' in r) throw new Error('a complete text cannot be incomplete');
  return { ok: false, problem: r.problem };
}

const readAll = (files: string[], cwd: string, generator: Generator, keepSource = false): ReadResult[] =>
  files.map((f) => readPost(f, displayPath(cwd, f), { generator, keepSource }, false));

async function expectSameAsWholeFile(files: string[], cwd: string, generator: Generator): Promise<void> {
  const fast = readAll(files, cwd, generator, true);
  expect(fast).toHaveLength(files.length);
  fast.forEach((r, i) => expect(JSON.parse(JSON.stringify(r)), files[i]).toEqual(JSON.parse(JSON.stringify(wholeFile(files[i] as string, cwd, generator)))));
}

describe('head reads give what whole-file parsing gives', () => {
  const temp = useTempTrees();

  const corpora = existsSync(corporaDir) ? readdirSync(corporaDir).filter((d) => existsSync(join(corporaDir, d, 'posts'))) : [];
  it.skipIf(corpora.length === 0).each(corpora)('on every file of the corpus %s', async (name) => {
    const generator: Generator = name.startsWith('hexo') ? 'hexo' : name.startsWith('hugo') ? 'hugo' : 'jekyll';
    await expectSameAsWholeFile(postFiles(join(corporaDir, name, 'posts')), repoRoot, generator);
  });

  it('on 2000 generated posts, as Hexo and as a generic blog', async () => {
    const dir = temp({});
    const rand = mulberry32(11);
    const files: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const abs = join(dir, `p${String(i).padStart(4, '0')}.md`);
      writeFileSync(abs, generatePost(i, rand));
      files.push(abs);
    }
    await expectSameAsWholeFile(files, dir, 'hexo');
    await expectSameAsWholeFile(files, dir, 'generic');
  });

  it('on edge cases around the fence, the 4 KB head and encodings', async () => {
    const fm = (body: string) => `---\ntitle: T\ntags: [a, b]\n---\n${body}`;
    const cases: Record<string, string | Buffer> = {
      'exactly-4096.md': fm('x'.repeat(4096 - fm('').length)),
      'fence-at-4096.md': `---\ntitle: T\nnote: ${'n'.repeat(4096 - 25)}\n---\nbody\n`,
      'long-front-matter.md': `---\ntitle: T\nnote: |\n${'  line of text\n'.repeat(900)}---\nbody\n`,
      'closing-without-newline.md': '---\ntitle: T\n---',
      'closing-with-spaces.md': '---\ntitle: T\n---   \nbody\n',
      'dots-closer.md': '---\ntitle: T\n...\nbody\n',
      'four-dashes-then-fence.md': '---\ntitle: T\n----\n---\nbody\n',
      'dashes-in-value.md': '---\ntitle: T\nnote: |\n  text\n---- not a fence\n---\nbody\n',
      'toml.md': '+++\ntitle = "T"\ntags = ["a"]\n+++\nbody\n',
      'bom-crlf.md': '\uFEFF---\r\ntitle: T\r\ntags:\r\n  - a\r\n---\r\nbody\r\n',
      'no-front-matter.md': '# Just a heading\n\ntext\n---\nmore\n',
      'no-opener.md': 'title: T\ntags: [a]\n---\nbody\n',
      'unclosed.md': '---\ntitle: T\ntags: [a]\n',
      'empty.md': '',
      'bad-yaml.md': '---\ntitle: [unclosed\n---\nbody\n',
      'invalid-utf8-in-body.md': Buffer.concat([Buffer.from('---\ntitle: T\n---\nbody '), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]),
      'invalid-utf8-in-front-matter.md': Buffer.concat([Buffer.from('---\ntitle: '), Buffer.from([0xc3, 0x28]), Buffer.from('\n---\nbody\n')]),
      'cjk-at-4096.md': `---\ntitle: 标题\n---\n${'中'.repeat(1500)}\n`,
    };
    const dir = temp({});
    mkdirSync(join(dir, 'posts'));
    const files = Object.entries(cases).map(([name, text]) => {
      const abs = join(dir, 'posts', name);
      writeFileSync(abs, text);
      return abs;
    });
    for (const generator of ['hexo', 'jekyll', 'generic'] as const) {
      const valid = files.filter((f) => decodeUtf8(readFileSync(f)).invalidAt === undefined);
      await expectSameAsWholeFile(valid, dir, generator);
    }
    const [body, head] = readAll([join(dir, 'posts', 'invalid-utf8-in-body.md'), join(dir, 'posts', 'invalid-utf8-in-front-matter.md')], dir, 'generic');
    expect(body).toMatchObject({ ok: true, post: { title: 'T' } });
    expect(head).toMatchObject({ ok: false, problem: { rule: 'encoding', line: 2, col: 8 } });
  });

});

describe('readPost counts the words of bodies of every size around its reads', () => {
  const temp = useTempTrees();
  it('bodies that end at, before and after the 4 KB head read and the 1 MB body reads', () => {
    const dir = temp({});
    const front = '---\ntitle: T\ndate: 2025-01-01\n---\n';
    const sizes = [0, 1, 4096 - front.length - 1, 4096 - front.length, 4096 - front.length + 1, 4096 + (1 << 20) - front.length, 4096 + (1 << 20) - front.length + 7, 3 * (1 << 20)];
    for (const size of sizes) {
      // Words of 5 letters and a CJK character, cut anywhere by the size.
      const body = Buffer.from('word 字 '.repeat(Math.ceil(size / 9) + 1)).subarray(0, size);
      const abs = join(dir, `p${size}.md`);
      writeFileSync(abs, Buffer.concat([Buffer.from(front), body]));
      const r = readPost(abs, `p${size}.md`, { generator: 'hexo', words: true }, false);
      // A character cut at the end counts as U+FFFD, as a decoder that does not stop reads it.
      expect(r.ok && r.words, `body of ${size} bytes`).toBe(countWords(new TextDecoder().decode(body)));
    }
  });
});

describe('headCut', () => {
  /** The search it replaced (Buffer#indexOf of each closer from the opener on): the reference. */
  function reference(bytes: Uint8Array): number {
    const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const start = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
    const c = b[start];
    if ((c !== 0x2d && c !== 0x2b) || b[start + 1] !== c || b[start + 2] !== c) return -1;
    let at: number;
    if (c === 0x2b) at = b.indexOf('\n+++', start + 2);
    else {
      const dashes = b.indexOf('\n---', start + 2);
      const dots = b.indexOf('\n...', start + 2);
      at = dashes === -1 ? dots : dots === -1 ? dashes : Math.min(dashes, dots);
    }
    if (at === -1) return -1;
    const end = b.indexOf(0x0a, at + 1);
    return end === -1 ? -1 : end + 1;
  }

  it('cuts where searching for each closing line cuts, on random heads made of fence-like pieces', () => {
    const piece = fc.constantFrom('---', '--', '...', '..', '+++', '++', '\n', '\r\n', 'a: 1', ' ', '-', '.', '+', '\uFEFF', '字', '\n---', '\n...', '\n+++');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.boolean(), (pieces, asBuffer) => {
        const text = pieces.join('');
        const bytes = Buffer.from(text, 'utf8');
        // A Buffer (how posts are read) and a plain Uint8Array view into a bigger buffer.
        const padded = Buffer.concat([Buffer.from('xx'), bytes]);
        const input = asBuffer ? bytes : new Uint8Array(padded.buffer, padded.byteOffset + 2, bytes.length);
        expect(headCut(input)).toBe(reference(bytes));
      }),
      { numRuns: 5000 },
    );
  });
});
