/**
 * Run the lint rules over a blog. Pure: inputs are posts already read.
 */
import { RULES } from './rules/index.js';
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

/** The facts of every active site-wide rule, gathered over one chunk of posts: by rule id. */
export type SiteFacts = Record<string, unknown>;

/** Gathers the site-wide rules' facts about the posts of one chunk. */
export function siteCollector(active: Active, settings: LintSettings): { add(ordinal: number, input: LintInput): void; facts(): SiteFacts } {
  const collectors = active.flatMap(({ rule }) => (rule.site ? [[rule.id, rule.site.collector(settings)] as const] : []));
  return {
    add: (ordinal, input) => {
      if (input.post) for (const [, c] of collectors) c.add(ordinal, input.post, input);
    },
    facts: () => Object.fromEntries(collectors.map(([id, c]) => [id, c.facts()])),
  };
}

/**
 * The site-wide rules over the facts of every chunk, in order: findings for the posts `isTarget`
 * says (by ordinal); `again` reads a post again to locate what is found in it; `pathOf` names a
 * post without reading it.
 */
export function lintSite(chunks: SiteFacts[], active: Active, settings: LintSettings, again: (ordinal: number) => LintInput, isTarget: (ordinal: number) => boolean, pathOf: (ordinal: number) => string): Finding[] {
  const findings: Finding[] = [];
  for (const { rule, severity } of active) {
    if (!rule.site) continue;
    for (const [ordinal, raws] of rule.site.check(chunks.map((c) => c[rule.id]), again, settings)) {
      if (!isTarget(ordinal)) continue;
      const path = pathOf(ordinal);
      for (const raw of raws) findings.push({ path, rule: rule.id, severity, ...raw });
    }
  }
  return findings;
}

/** Findings in file, line, column and rule order. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(compareDiagnostics);
}

/** Every rule over posts already read (in memory: for tests and small sets). */
export function lintInputs(inputs: LintInput[], options: LintRunOptions): Finding[] {
  const active = activeRules(options);
  const collector = siteCollector(active, options.settings);
  inputs.forEach((input, i) => collector.add(i, input));
  const site = lintSite([collector.facts()], active, options.settings, (i) => inputs[i] as LintInput, (i) => options.isTarget(inputs[i] as LintInput), (i) => (inputs[i] as LintInput).path);
  return sortFindings([...inputs.flatMap((input) => lintFile(input, active, options)), ...site]);
}

export { RULES };
