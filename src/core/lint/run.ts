/**
 * Run the lint rules over a blog. Pure: inputs are posts already read.
 */
import { RULES } from './rules/index.js';
import type { Post } from '../post.js';
import { compareDiagnostics, type Diagnostic } from '../diagnostic.js';
import type { LintInput, LintSettings, Rule, RuleSeverity } from './types.js';

type Finding = Diagnostic;

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

/** Whether front matter says its page is never rendered. */
function neverRendered(data: Record<string, unknown> | undefined): boolean {
  if (!data) return false;
  const build = data.build as { render?: unknown } | undefined;
  const cascade = data.cascade as { build?: { render?: unknown } } | undefined;
  return data.headless === true || build?.render === 'never' || build?.render === false || cascade?.build?.render === 'never' || cascade?.build?.render === false;
}

/** Whether a path (relative to its posts folder) names a Hugo section or bundle index. */
export function isIndexPath(rel: string): boolean {
  return /(^|\/)_?index\.md$/.test(rel);
}

/** Folder prefixes of Hugo headless bundles and never-rendered sections, from their index pages. */
export function headlessPrefixes(indexes: LintInput[]): string[] {
  return indexes.filter((input) => isIndexPath(input.rel) && neverRendered(input.post?.data)).map((input) => input.rel.replace(/_?index\.md$/, ''));
}

/** A Hugo page under a headless bundle or `build: {render: never}` (own, or cascaded from an index). */
export function isHeadless(input: LintInput, prefixes: readonly string[]): boolean {
  const own = input.post?.data.build as { render?: unknown } | undefined;
  return prefixes.some((p) => input.rel.startsWith(p)) || own?.render === 'never' || own?.render === false;
}

/** Mark every headless Hugo page among `inputs`. */
export function markHeadless(inputs: LintInput[]): void {
  const prefixes = headlessPrefixes(inputs);
  for (const input of inputs) if (isHeadless(input, prefixes)) input.headless = true;
}

export type Active = { rule: Rule; severity: 'error' | 'warning' }[];

/** The rules that are on, with the severity they report at. */
export function activeRules(options: Pick<LintRunOptions, 'severities' | 'settings'>): Active {
  const severities = effectiveSeverities(options);
  return RULES.flatMap((rule) => {
    const s = severities[rule.id] ?? 'off';
    return s === 'off' ? [] : [{ rule, severity: s === 'error' ? ('error' as const) : ('warning' as const) }];
  });
}

/** The one-file rules for one input (the site-wide rules need every input: see lintSite). */
export function lintFile(input: LintInput, active: Active, options: LintRunOptions): Finding[] {
  const findings: Finding[] = [];
  if (!options.isTarget(input)) return findings;
  for (const { rule, severity } of active) {
    const raws = input.problem ? rule.checkUnreadable?.(input.problem, input) : input.post ? rule.check?.(input.post, input, options.settings) : undefined;
    if (raws) for (const raw of raws) findings.push({ path: input.path, rule: rule.id, severity, ...raw });
  }
  return findings;
}

/** The site-wide rules (duplicates, case variants) over every input. */
export function lintSite(inputs: LintInput[], active: Active, options: LintRunOptions): Finding[] {
  const findings: Finding[] = [];
  for (const { rule, severity } of active) {
    if (!rule.checkSite) continue;
    for (const [input, raws] of rule.checkSite(inputs, options.settings)) {
      if (options.isTarget(input)) for (const raw of raws) findings.push({ path: input.path, rule: rule.id, severity, ...raw });
    }
  }
  return findings;
}

/** The keys of `post.data` the active site-wide rules read. */
export function siteKeys(active: Active): string[] {
  return [...new Set(active.flatMap(({ rule }) => (rule.checkSite ? (rule.siteKeys ?? []) : [])))];
}

/**
 * What the site-wide rules need of an input: the post without its problems, with only `keys`
 * of its data, and `frontMatter` standing in for the text (the caller reads it again on demand).
 */
export function slimForSite(input: LintInput, keys: readonly string[], frontMatter: Post['frontMatter']): LintInput {
  const post = input.post;
  if (!post) return input;
  const data: Record<string, unknown> = {};
  for (const key of keys) if (Object.prototype.hasOwnProperty.call(post.data, key)) data[key] = post.data[key];
  return { ...input, post: { ...post, data, problems: [], frontMatter } };
}

/** Findings in file, line, column and rule order. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(compareDiagnostics);
}

export function lintInputs(inputs: LintInput[], options: LintRunOptions): Finding[] {
  const active = activeRules(options);
  return sortFindings([...inputs.flatMap((input) => lintFile(input, active, options)), ...lintSite(inputs, active, options)]);
}

export { RULES };
