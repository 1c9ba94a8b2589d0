import type { Diagnostic, Fix } from '../diagnostic.js';
import type { Generator } from '../front-matter/fences.js';
import type { Post } from '../post.js';

export type { Fix } from '../diagnostic.js';

export type RuleSeverity = 'error' | 'warn' | 'off';

/** What a rule reports: a diagnostic before the lint run adds the file, rule id and severity. */
export interface RawFinding {
  line: number;
  col: number;
  message: string;
  hint?: string;
  fix?: Fix;
}

/** One file as lint sees it: read, or not. */
export interface LintInput {
  /** Path as shown (relative to the current folder). */
  path: string;
  /** Path relative to the folder it was found in (posts or drafts folder), with `/`. */
  rel: string;
  /** Found in the blog's drafts folder (a Hexo or Jekyll draft has no date until it is published). */
  inDrafts: boolean;
  post?: Post;
  problem?: Diagnostic;
  /** A Hugo page that is never rendered (headless bundle, build.render: never): no required keys. */
  headless?: boolean;
}

export interface LintSettings {
  generator: Generator;
  /** Keys that must be present and non-empty (drafts in a drafts folder need no date). */
  required: string[];
  allowedTags?: string[];
  allowedKeys?: string[];
  /** Now, for future dates. */
  now: number;
  /** Whether the generator publishes posts dated in the future (Hexo's `future`, true by default). */
  future: boolean;
  timeZone?: string;
}

export interface Rule {
  id: string;
  severity: RuleSeverity;
  description: string;
  fixable?: boolean;
  /** Findings for a file that could not be read. */
  checkUnreadable?(problem: Diagnostic, input: LintInput): RawFinding[];
  /** Findings for one readable post. */
  check?(post: Post, input: LintInput, settings: LintSettings): RawFinding[];
  /** Findings that need the whole blog (duplicates, case variants): by input. */
  checkSite?(inputs: LintInput[], settings: LintSettings): Map<LintInput, RawFinding[]>;
  /**
   * The front matter keys checkSite reads from `post.data`. Posts are kept for the site-wide
   * rules with only these keys (and without their front matter text, which is read again
   * when a finding needs a position).
   */
  siteKeys?: readonly string[];
}
