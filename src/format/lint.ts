import type { Diagnostic } from '../core/diagnostic.js';
import type { LintResult } from '../core/lint/lint-blog.js';
import { RULES } from '../core/lint/rules/index.js';
import type { Colors } from './color.js';
import { formatJsonStream } from './json.js';
import { displayWidth, MAX_ALIGNED_WIDTH, wrap } from './table.js';
import { plural, safe } from './text.js';
import type { FormatTable, LINT_FORMAT_NAMES } from './names.js';

type Finding = Diagnostic;

export interface LintFormatOptions {
  colors: Colors;
  version: string;
  /** A terminal's width: stylish wraps a long message under itself instead of letting the terminal break it anywhere. */
  maxWidth?: number | undefined;
}

export function countFindings(findings: Finding[]): { errors: number; warnings: number; fixable: number } {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    fixable: findings.filter((f) => f.fix).length,
  };
}

/** Grouped by file, aligned, with a summary line (ESLint's stylish); written a file at a time. */
export function* formatStylish(result: LintResult, { colors, maxWidth }: LintFormatOptions): Iterable<string> {
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = byFile.get(f.path);
    if (list) list.push(f);
    else byFile.set(f.path, [f]);
  }
  // Each file's findings are aligned as renderTable aligns a table without a width limit (its
  // last column not padded, a cell wider than MAX_ALIGNED_WIDTH not widening its column), in
  // one pass: formatting and writing the 6,378 findings of the bench blog took 71-88 ms with a
  // renderTable call a file (then split and joined again), 33-51 ms this way.
  const cells: [string, string, string, string][] = [];
  const measured: number[] = [];
  for (const [path, list] of byFile) {
    cells.length = 0;
    measured.length = 0;
    const widths = [0, 0, 0];
    let ruleWidth = 0;
    for (const f of list) {
      const row: [string, string, string, string] = [`${f.line || 1}:${f.col || 1}`, f.severity, safe(f.message + (f.hint ? ` (${f.hint})` : '')), f.rule];
      cells.push(row);
      for (let c = 0; c < 2; c++) {
        const w = displayWidth(row[c] as string);
        measured.push(w);
        if (w > (widths[c] as number)) widths[c] = w;
      }
      measured.push(displayWidth(row[2]));
      ruleWidth = Math.max(ruleWidth, f.rule.length);
    }
    // On a terminal, the room of the message: what is left of the width after the place, the
    // severity and the rule id. A message that does not fit is wrapped under itself (the terminal
    // broke it mid-word, and the rule id, padded to the longest message, went to a line of its own).
    const indent = 2 + (widths[0] as number) + 2 + (widths[1] as number) + 2;
    // A terminal too narrow for 20 columns of message (or for the longest rule id) under the
    // indent gets the piped layout: wrapped there, lines were wider than it anyway.
    const wraps = maxWidth !== undefined && maxWidth - indent >= Math.max(20, ruleWidth);
    const room = wraps ? (maxWidth as number) - indent - 2 - ruleWidth : Infinity;
    const lineWidth = wraps ? (maxWidth as number) - indent : Infinity;
    for (let r = 0; r < cells.length; r++) {
      const w = measured[r * 3 + 2] as number;
      if (w <= MAX_ALIGNED_WIDTH && w <= room && w > (widths[2] as number)) widths[2] = w;
    }
    let block = `${colors.underline(safe(path))}\n`;
    cells.forEach((row, r) => {
      const pad = (c: number): string => row[c] + ' '.repeat(Math.max(0, (widths[c] as number) - (measured[r * 3 + c] as number)));
      const severity = list[r]?.severity === 'error' ? colors.red(pad(1)) : colors.yellow(pad(1));
      if ((measured[r * 3 + 2] as number) <= room) {
        block += `  ${`${colors.dim(pad(0))}  ${severity}  ${pad(2)}  ${colors.dim(row[3])}`.trimEnd()}\n`;
        return;
      }
      const lines = wrap(row[2], lineWidth);
      const last = lines.length - 1;
      // The rule id ends the last line when it fits there, else it has a line of its own.
      const fits = displayWidth(lines[last] as string) + 2 + row[3].length <= lineWidth;
      lines.forEach((text, k) => {
        const lead = k === 0 ? `  ${colors.dim(pad(0))}  ${severity}  ` : ' '.repeat(indent);
        block += `${lead}${text}${k === last && fits ? `  ${colors.dim(row[3])}` : ''}`.trimEnd() + '\n';
      });
      if (!fits) block += `${' '.repeat(indent)}${colors.dim(row[3])}\n`;
    });
    yield `${block}\n`;
  }
  const out: string[] = [];
  const c = countFindings(result.findings);
  const total = c.errors + c.warnings;
  if (total === 0) {
    out.push(colors.green(`✔ ${plural(result.files, 'file')} checked, no problems`));
  } else {
    const line = `✖ ${plural(total, 'problem')} (${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}) in ${plural(result.files, 'file')} checked`;
    out.push(c.errors ? colors.red.bold(line) : colors.yellow.bold(line));
    if (c.fixable) out.push(`  ${plural(c.fixable, 'problem')} can be fixed with --fix`);
  }
  yield `${out.join('\n')}\n`;
}

/** `path:line:col: severity message (rule-id)`, one a line (given out a line at a time, never as one string). */
export function* formatCompact(result: LintResult): Iterable<string> {
  for (const f of result.findings) yield `${safe(f.path)}:${f.line || 1}:${f.col || 1}: ${f.severity} ${safe(f.message)} (${f.rule})\n`;
}

/** The documented JSON document. */
export function lintJson(result: LintResult): unknown {
  return {
    findings: result.findings.map((f) => ({ path: f.path, line: f.line || 1, col: f.col || 1, rule: f.rule, severity: f.severity, message: f.message, ...(f.hint ? { hint: f.hint } : {}), fixable: f.fix !== undefined })),
    summary: { files: result.files, ...countFindings(result.findings) },
    fixed: result.fixed,
    notFixed: result.notFixed.map((d) => ({ path: d.path, line: d.line || 1, col: d.col || 1, reason: d.message })),
  };
}

/**
 * GitHub's escaping of workflow command data (%, CR, LF), plus every other control character
 * percent-encoded: the annotation then shows `%1B` where a value had an escape character, and
 * nothing in a value can end the command or colour the log.
 */
const escapeData = (s: string) =>
  s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')  .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: each finding becomes an annotation on the pull request. */
export function* formatGithub(result: LintResult): Iterable<string> {
  for (const f of result.findings) {
    yield `::${f.severity === 'error' ? 'error' : 'warning'} file=${escapeProperty(f.path)},line=${f.line || 1},col=${f.col || 1},title=${escapeProperty(`blog lint: ${f.rule}`)}::${escapeData(f.message + (f.hint ? ` (${f.hint})` : ''))}\n`;
  }
}

/** SARIF 2.1.0 for code scanning. Paths are relative to the current folder (%SRCROOT%). */
export function sarifLog(result: LintResult, version: string): unknown {
  const ids = RULES.map((r) => r.id);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'blog',
            semanticVersion: version,
            version,
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: r.description },
              defaultConfiguration: { level: r.severity === 'error' ? 'error' : r.severity === 'warn' ? 'warning' : 'none', enabled: result.rules[r.id] !== 'off' },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: './' } },
        results: result.findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ids.indexOf(f.rule),
          level: f.severity === 'error' ? 'error' : 'warning',
          message: { text: f.message + (f.hint ? ` (${f.hint})` : '') },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.path.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
                region: { startLine: f.line || 1, startColumn: f.col || 1 },
              },
            },
          ],
        })),
      },
    ],
  };
}

/** `blog lint`'s output formats; their names are the values of `--format`. */
export const LINT_FORMATS = {
  stylish: formatStylish,
  compact: (result: LintResult) => formatCompact(result),
  json: (result: LintResult) => formatJsonStream(lintJson(result)),
  github: (result: LintResult) => formatGithub(result),
  sarif: (result: LintResult, options: LintFormatOptions) => formatJsonStream(sarifLog(result, options.version)),
} as const satisfies FormatTable<typeof LINT_FORMAT_NAMES>;
