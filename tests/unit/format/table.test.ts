import { describe, expect, it } from 'vitest';
import { displayWidth, renderTable, truncate, truncateStart } from '../../../src/format/table.js';
import { colorLevel, makeColors } from '../../../src/format/color.js';

describe('renderTable', () => {
  it('aligns by display width: CJK and emoji are two columns wide', () => {
    const out = renderTable([{ header: 'TITLE' }, { header: 'PATH' }], [
      ['ChatGPT-5将免费开放？', 'a.md'],
      ['🚀 Ship it', 'b.md'],
      ['plain', 'c.md'],
    ]);
    expect(out).toBe(
      [
        'TITLE                  PATH',
        'ChatGPT-5将免费开放？  a.md',
        '🚀 Ship it             b.md',
        'plain                  c.md',
        '',
      ].join('\n'),
    );
    const lines = out.trimEnd().split('\n');
    const pathColumn = lines.map((l) => displayWidth(l.slice(0, l.lastIndexOf(' ') + 1)));
    expect(new Set(pathColumn).size).toBe(1);
  });

  it('ANSI colours do not count toward width', () => {
    const colors = makeColors(1);
    const out = renderTable([{ header: 'A' }, { header: 'B' }], [['xx', 'y']], { style: (t, _r, c) => (c === 0 ? colors.red(t) : t), header: (t) => colors.bold(t) });
    expect(out).toBe('\u001b[1mA \u001b[22m  \u001b[1mB\u001b[22m\n\u001b[31mxx\u001b[39m  y\n');
  });

  it('shrinks a shrinkable column to fit a terminal, never splitting a wide character', () => {
    const out = renderTable([{ header: 'T', shrinkable: true, minWidth: 5 }, { header: 'P' }], [['日常折腾日常折腾', 'p.md']], { maxWidth: 12 });
    expect(out.split('\n')[1]).toBe('日常…   p.md');
    expect(displayWidth(out.split('\n')[1] ?? '')).toBeLessThanOrEqual(12);
    expect(truncate('日常折腾', 4)).toBe('日…');
  });
});

describe('colorLevel', () => {
  const tty = { isTTY: true, flag: undefined };
  it.each([
    [{ env: {}, ...tty }, 1],
    [{ env: { NO_COLOR: '1' }, ...tty }, 0],
    [{ env: { NO_COLOR: '' }, ...tty }, 1],
    [{ env: { TERM: 'dumb' }, ...tty }, 0],
    [{ env: {}, isTTY: false, flag: undefined }, 0],
    [{ env: { FORCE_COLOR: '1' }, isTTY: false, flag: undefined }, 1],
    [{ env: { FORCE_COLOR: '0' }, ...tty }, 0],
    [{ env: { NO_COLOR: '1' }, isTTY: false, flag: true }, 1],
    [{ env: { FORCE_COLOR: '3' }, isTTY: true, flag: false }, 0],
    [{ env: {}, isTTY: true, flag: undefined, machine: true }, 0],
  ])('%j → %i', (req, level) => {
    expect(colorLevel(req)).toBe(level);
  });
});

describe('renderTable on a narrow terminal', () => {
  it('the rightmost shrinkable column gives way first', () => {
    const out = renderTable(
      [{ header: 'TITLE', shrinkable: true, minWidth: 5 }, { header: 'TAGS', shrinkable: true, minWidth: 5 }, { header: 'P' }],
      [['A fairly long title', 'tag-one, tag-two', 'p.md']],
      { maxWidth: 34 },
    );
    expect(out.split('\n')[1]).toBe('A fairly long title  tag-on…  p.md');
  });

  it('columns are left out in their drop order, and the room one leaves goes back to the others (the path is no longer the first to go)', () => {
    const columns = [
      { header: 'DATE' },
      { header: 'TITLE', shrinkable: true, minWidth: 10, order: 4 },
      { header: 'TAGS', shrinkable: true, minWidth: 8, order: 2, droppable: true, dropOrder: 1 },
      { header: 'PATH', shrinkable: true, minWidth: 12, order: 1, keepEnd: true, droppable: true, dropOrder: 2 },
    ];
    const rows = [['2025-02-10 09:30 +08:00', 'A title that is rather long', 'tag-one, tag-two', 'source/_posts/a-title.md']];
    // At their minimums 23 + 2 + 10 + 2 + 8 + 2 + 12 = 59 > 50: TAGS goes (not PATH), and the
    // others shrink again from their full widths: PATH first to 12, TITLE gets the rest, 11.
    expect(renderTable(columns, rows, { maxWidth: 50 })).toBe('DATE                     TITLE        PATH\n2025-02-10 09:30 +08:00  A title th…  …/a-title.md\n');
    // With room for every column at its minimum, none is left out.
    expect(renderTable(columns, rows, { maxWidth: 59 }).split('\n')[0]).toBe('DATE                     TITLE       TAGS      PATH');
  });

  it('a path column keeps the end of each path, where file names differ (Hexo paths share source/_posts/)', () => {
    const rows = [['source/_posts/PR 里的文章.md'], ['source/_drafts/还没写完的文章.md']];
    const out = renderTable([{ header: 'X' }, { header: 'PATH', shrinkable: true, minWidth: 16, keepEnd: true }], rows.map((r) => ['x', ...r]), { maxWidth: 19 });
    expect(out.split('\n').slice(1, 3)).toEqual(['x  …/PR 里的文章.md', 'x  …没写完的文章.md']);
    expect(truncateStart('posts/chatgpt-vs-claude.md', 16)).toBe('…pt-vs-claude.md');
    // A wide character that does not fit whole is left out, never split.
    expect(truncateStart('a/日常折腾.md', 8)).toBe('…折腾.md');
    expect(truncateStart('short.md', 16)).toBe('short.md');
  });
});
