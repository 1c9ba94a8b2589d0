/** `blog lint`: run, format, exit code. */
import { countBySeverity } from '../core/diagnostic.js';
import { ExitCode, UsageError } from '../core/errors.js';
import { RULE_IDS } from '../core/lint/ids.js';
import { lintBlog } from '../core/lint/lint-blog.js';
import type { RuleSeverity } from '../core/lint/types.js';
import { suggestNames } from '../core/select.js';
import { LINT_FORMATS } from '../format/lint.js';
import { formatNotice } from '../format/diagnostic.js';
import { formatRuleList } from '../format/rules.js';
import type { Io } from '../io.js';
import { packageVersion } from '../core/version.js';
import { chooseFormat, context, filterOf, note, openBlog, printDiagnostics, write, type CommonFlags, type FilterFlags } from './shared.js';

export interface LintFlags extends CommonFlags, FilterFlags {
  format?: keyof typeof LINT_FORMATS;
  json?: boolean;
  maxWarnings?: number;
  fix?: boolean;
  /** Errors only. */
  quiet?: boolean;
  listRules?: boolean;
  /** `id=off|warning|error`, repeatable. */
  rule?: string[];
}

/** `--rule id=severity` values as a severity map; throws UsageError. */
export function parseRuleFlags(values: string[] | undefined): Record<string, RuleSeverity> {
  const out: Record<string, RuleSeverity> = {};
  const ids: readonly string[] = RULE_IDS;
  for (const value of values ?? []) {
    const m = /^([a-z0-9-]+)=(error|warning|warn|off)$/.exec(value.trim());
    if (!m) throw new UsageError(`--rule ${JSON.stringify(value.slice(0, 80))}: expected <rule-id>=off|warning|error, e.g. --rule date-in-future=off`);
    const id = m[1] as string;
    if (!ids.includes(id)) {
      const close = suggestNames(id, new Map(ids.map((i) => [i, 1])), 1);
      throw new UsageError(`--rule ${id}: no such rule${close.length ? ` (did you mean ${close[0]}?)` : ''}`, { hint: 'blog lint --list-rules lists them' });
    }
    out[id] = m[2] === 'warning' ? 'warn' : (m[2] as RuleSeverity);
  }
  return out;
}

export async function runLint(paths: string[], flags: LintFlags, io: Io): Promise<number> {
  const format = chooseFormat<keyof typeof LINT_FORMATS>(flags, LINT_FORMATS, 'stylish');
  const ctx = context(io, flags, format !== 'stylish');
  const rules = parseRuleFlags(flags.rule);
  if (flags.listRules) {
    await write(ctx, formatRuleList({ colors: ctx.colors, json: format === 'json', maxWidth: io.stdoutIsTTY ? io.columns : undefined }));
    return ExitCode.Ok;
  }
  const blog = openBlog(ctx, flags);
  const filter = filterOf(blog, flags);
  let result = await lintBlog(blog, {
    paths,
    now: io.now(),
    rules,
    ...(flags.fix ? { fix: true } : {}),
    ...(filter ? { filter } : {}),
    onWait: (holder) => note(ctx, `waiting for ${holder} to finish writing`),
  });
  if (flags.quiet) result = { ...result, findings: result.findings.filter((f) => f.severity === 'error') };
  printDiagnostics(ctx, result.skipped);
  printDiagnostics(ctx, result.notPosts);
  printDiagnostics(ctx, result.notFixed, 'not fixed');
  for (const f of result.fixed) note(ctx, `fixed ${f.path}: ${f.changes.join(', ')}`);
  const { errors, warnings } = countBySeverity(result.findings);
  const tooManyWarnings = errors === 0 && flags.maxWarnings !== undefined && warnings > flags.maxWarnings;
  const code = errors > 0 || tooManyWarnings ? ExitCode.Problems : ExitCode.Ok;
  await write(ctx, LINT_FORMATS[format](result, { colors: ctx.colors, version: packageVersion(), maxWidth: io.stdoutIsTTY ? io.columns : undefined }), code);
  if (tooManyWarnings) io.stderr(formatNotice('error', `${warnings} warnings, more than --max-warnings ${flags.maxWarnings}`, ctx.errColors));
  return code;
}
