import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter, type Generator, type Split } from '../../../src/core/front-matter/fences.js';

/**
 * The closing line of a block opened by `---` or `+++` on line 1, said plainly: the first later
 * line (without its CR) that is the opener, or `...` in YAML outside Hexo, spaces after it allowed
 * outside Hexo. In a head (`complete` false) the last line may go on: reaching it is `incomplete`.
 */
function oracle(text: string, generator: Generator, complete: boolean): Split | undefined {
  const hexo = generator === 'hexo';
  const nl = text.indexOf('\n');
  if (nl === -1) return undefined;
  const fence = text.slice(0, nl);
  if (fence !== '---' && fence !== '+++') return undefined;
  const format = fence === '+++' ? 'toml' : 'yaml';
  for (let start = nl + 1; ; ) {
    const next = text.indexOf('\n', start);
    if (next === -1 && !complete) return { kind: 'incomplete' };
    let line = text.slice(start, next === -1 ? text.length : next);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const candidate = hexo ? line : line.trimEnd();
    if (candidate === fence || (!hexo && format === 'yaml' && candidate === '...')) {
      return { kind: 'block', format, contentStart: nl + 1, contentEnd: start, bodyStart: next === -1 ? text.length : next + 1, contentLine: 2 };
    }
    if (next === -1) return { kind: 'error', problem: expect.objectContaining({ rule: 'unclosed' }) as never };
    start = next + 1;
  }
}

describe('splitFrontMatter finds the closing line of a --- or +++ block', () => {
  it('as the plain statement of it does, on random texts of fence-like lines', () => {
    const piece = fc.constantFrom('---', '...', '+++', '--', '.', '-', '+', ' ', '\t', '\n', '\r\n', '\r', 'a: 1', '字', '\n---', '\n...', '\n+++', '\n--- ', '\n... ');
    const text = fc.tuple(fc.constantFrom('---\n', '+++\n'), fc.array(piece, { maxLength: 30 })).map(([open, rest]) => open + rest.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom<Generator>('hexo', 'jekyll', 'hugo', 'generic'), fc.boolean(), (t, generator, complete) => {
        expect(splitFrontMatter(t, generator, complete)).toEqual(oracle(t, generator, complete));
      }),
      { numRuns: 5000 },
    );
  });
});
