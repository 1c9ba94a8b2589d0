/**
 * Run the lint rules over a blog. Pure: inputs are posts already read.
 */
import { RULES } from './rules/index.js';
import type { Finding, LintInput, LintSettings, RuleSeverity } from './types.js';

export interface LintRunOptions {
  settings: LintSettings;
  /** Severity per rule id, from the config; rules not named keep their default. */
  severities: Readonly<Record<string, RuleSeverity>>;
  /** Files to report on (site-wide rules still look at every input). */
  isTarget: (input: LintInput) => boolean;
}

/** The severity each rule runs at, after the config. */
export function effectiveSeverities(options: Pick<LintRunOptions, 'severities' | 'settings'>): Record<string, RuleSeverity> {
  const out: Record<string, RuleSeverity> = {};
  for (const rule of RULES) {
    let s = options.severities[rule.id] ?? rule.severity;
    // Giving a vocabulary turns its rule on, unless the config says otherwise.
    if (options.severities[rule.id] === undefined && rule.id === 'tag-allowed' && options.settings.allowedTags) s = 'error';
    if (options.severities[rule.id] === undefined && rule.id === 'unknown-key' && options.settings.allowedKeys) s = 'warn';
    out[rule.id] = s;
  }
  return out;
}

/** Hugo pages under a headless bundle or `build: {render: never}` (cascaded from an _index.md). */
export function markHeadless(inputs: LintInput[]): void {
  const prefixes: string[] = [];
  const neverRendered = (data: Record<string, unknown> | undefined): boolean => {
    if (!data) return false;
    const build = data.build as { render?: unknown } | undefined;
    const cascade = data.cascade as { build?: { render?: unknown } } | undefined;
    return data.headless === true || build?.render === 'never' || build?.render === false || cascade?.build?.render === 'never' || cascade?.build?.render === false;
  };
  for (const input of inputs) {
    if (/(^|\/)_?index\.md$/.test(input.rel) && neverRendered(input.post?.data)) prefixes.push(input.rel.replace(/_?index\.md$/, ''));
  }
  for (const input of inputs) {
    const own = input.post?.data.build as { render?: unknown } | undefined;
    if (prefixes.some((p) => input.rel.startsWith(p)) || own?.render === 'never' || own?.render === false) input.headless = true;
  }
}

const byPosition = (a: Finding, b: Finding): number =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.col - b.col || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);

export function lintInputs(inputs: LintInput[], options: LintRunOptions): Finding[] {
  const severities = effectiveSeverities(options);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const s = severities[rule.id] ?? 'off';
    if (s === 'off') continue;
    const severity = s === 'error' ? 'error' : 'warning';
    const push = (input: LintInput, raws: ReturnType<NonNullable<typeof rule.check>>) => {
      for (const raw of raws) findings.push({ path: input.path, rule: rule.id, severity, ...raw });
    };
    for (const input of inputs) {
      if (!options.isTarget(input)) continue;
      if (input.problem && rule.checkUnreadable) push(input, rule.checkUnreadable(input.problem, input));
      if (input.post && rule.check) push(input, rule.check(input.post, input, options.settings));
    }
    if (rule.checkSite) {
      for (const [input, raws] of rule.checkSite(inputs, options.settings)) if (options.isTarget(input)) push(input, raws);
    }
  }
  return findings.sort(byPosition);
}

export { RULES };
