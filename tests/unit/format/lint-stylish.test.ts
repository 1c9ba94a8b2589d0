import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/core/diagnostic.js';
import type { LintResult } from '../../../src/core/lint/lint-blog.js';
import { loadColors, makeColors, type Colors } from '../../../src/format/color.js';
import { formatStylish } from '../../../src/format/lint.js';
import { displayWidth, renderTable } from '../../../src/format/table.js';
import { safe } from '../../../src/format/text.js';

/** What stylish printed when each file's findings went through renderTable: the reference. */
function reference(findings: Diagnostic[], colors: Colors): string {
  const out: string[] = [];
  const byFile = new Map<string, Diagnostic[]>();
  for (const f of findings) byFile.set(f.path, [...(byFile.get(f.path) ?? []), f]);
  for (const [path, list] of byFile) {
    out.push(colors.underline(safe(path)));
    const table = renderTable(
      [{ header: '' }, { header: '' }, { header: '' }, { header: '' }],
      list.map((f) => [`${f.line || 1}:${f.col || 1}`, f.severity, safe(f.message + (f.hint ? ` (${f.hint})` : '')), f.rule]),
      { style: (t, r, c) => (c === 0 ? colors.dim(t) : c === 1 ? (list[r]?.severity === 'error' ? colors.red(t) : colors.yellow(t)) : c === 3 ? colors.dim(t) : t) },
    );
    out.push(...table.split('\n').slice(1, -1).map((l) => `  ${l}`), '');
  }
  out.push('(summary)');
  return `${out.join('\n')}\n`;
}

describe('stylish aligns each file as renderTable does', () => {
  it('on random findings: wide and long messages, hints, control characters, both severities, with and without colour', async () => {
    await loadColors();
    const text = fc.array(fc.constantFrom('a', 'tag', ' ', '字', '標題', '😀', '\u0301', '\x1b[31m', '\n', '::', 'x'.repeat(120), 'ｗ'), { maxLength: 12 }).map((a) => a.join(''));
    const finding = fc.record({
      path: fc.constantFrom('a.md', 'posts/文章.md', 'b.md'),
      line: fc.nat(20000),
      col: fc.nat(300),
      severity: fc.constantFrom('error' as const, 'warning' as const),
      rule: fc.constantFrom('tag-case-variant', 'duplicate-title', 'x'),
      message: text,
      hint: fc.option(text, { nil: undefined }),
    });
    for (const colors of [makeColors(0), makeColors(1)]) {
      fc.assert(
        fc.property(fc.array(finding, { maxLength: 12 }), (found) => {
          const findings = found.map((f) => (f.hint === undefined ? { ...f, hint: undefined } : f)).map(({ hint, ...f }) => (hint === undefined ? f : { ...f, hint })) as Diagnostic[];
          const result = { findings, files: 3 } as unknown as LintResult;
          const pieces = [...formatStylish(result, { colors, version: '0' })];
          // Every piece but the last is a file; the last is the summary line(s).
          pieces[pieces.length - 1] = '(summary)\n';
          expect(pieces.join('')).toBe(reference(findings, colors));
        }),
        { numRuns: 1500 },
      );
    }
  });
});

describe('stylish on a terminal (maxWidth): a long message is wrapped under itself', () => {
  it('no line is wider than the terminal (20 to 120 columns) unless it is too narrow to wrap in (then the piped layout), every word of every message is there in order, and the rule id follows it', async () => {
    await loadColors();
    const word = fc.constantFrom('a', 'date', 'is', 'not', 'the', 'day', '(2025-04-10)', '字', '標題不一致', 'ｗ', 'x'.repeat(30));
    const message = fc.array(word, { minLength: 1, maxLength: 30 }).map((a) => a.join(' '));
    // One file: whether a file is wrapped is decided file by file (by its own columns).
    const finding = fc.record({ path: fc.constantFrom('posts/文章.md'), line: fc.nat(20000), col: fc.nat(300), severity: fc.constantFrom('error' as const, 'warning' as const), rule: fc.constantFrom('date-filename-mismatch', 'x'), message });
    fc.assert(
      fc.property(fc.array(finding, { minLength: 1, maxLength: 8 }), fc.integer({ min: 20, max: 120 }), (found, maxWidth) => {
        const findings = found as Diagnostic[];
        const text = [...formatStylish({ findings, files: 2 } as unknown as LintResult, { colors: makeColors(0), version: '0', maxWidth })].join('');
        const piped = [...formatStylish({ findings, files: 2 } as unknown as LintResult, { colors: makeColors(0), version: '0' })].join('');
        // The findings' lines (the file names and the summary line are not wrapped).
        if (text !== piped) for (const line of text.split('\n').filter((l) => l.startsWith(' '))) expect(displayWidth(line), line).toBeLessThanOrEqual(maxWidth);
        // Read back: the words of each file's findings, in order, each followed by its rule id.
        // (A word wider than the line is split in it, so the text is compared without its white space.)
        const words = [text.replace(/\s+/g, '')];
        const expected = [...new Map(findings.map((f) => [f.path, findings.filter((g) => g.path === f.path)]))].flatMap(([path, list]) => [path, ...list.flatMap((f) => [`${f.line || 1}:${f.col || 1}`, f.severity, ...f.message.split(' '), f.rule])]);
        expect(words[0]?.startsWith(expected.join(''))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('findings that fit are laid out as through a pipe', () => {
    const findings = [{ path: 'a.md', line: 3, col: 7, severity: 'error', rule: 'date-invalid', message: 'short' }] as Diagnostic[];
    const run = (maxWidth?: number) => [...formatStylish({ findings, files: 1 } as unknown as LintResult, { colors: makeColors(0), version: '0', maxWidth })].join('');
    expect(run(80)).toBe(run());
  });
});

describe('lint --list-rules on a terminal', () => {
  it('at 80 columns no line is wider, and every description is there word for word', async () => {
    const { formatRuleList } = await import('../../../src/format/rules.js');
    const { RULES } = await import('../../../src/core/lint/rules/index.js');
    const text = formatRuleList({ colors: makeColors(0), json: false, maxWidth: 80 });
    for (const line of text.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    const words = text.split(/\s+/).filter(Boolean).join(' ');
    for (const r of RULES) expect(words).toContain(r.description.split(/\s+/).join(' '));
    expect(formatRuleList({ colors: makeColors(0), json: false })).toBe(formatRuleList({ colors: makeColors(0), json: false, maxWidth: undefined }));
  });
});
