import type { Generator, Problem } from '../front-matter.js';
import type { Post } from '../post.js';

export type RuleSeverity = 'error' | 'warn' | 'off';

/** A safe fix the lossless editor can apply. */
export type Fix = { kind: 'rename-tag'; from: string; to: string } | { kind: 'rename-category'; from: string; to: string } | { kind: 'dedupe-tags' } | { kind: 'tags-to-list' };

export interface Finding {
  path: string;
  line: number;
  col: number;
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  hint?: string;
  fix?: Fix;
}

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
  post?: Post;
  problem?: Problem;
  /** A Hugo page that is never rendered (headless bundle, build.render: never): no required keys. */
  headless?: boolean;
}

export interface LintSettings {
  generator: Generator;
  /** Keys that must be present and non-empty. */
  required: string[];
  allowedTags?: string[];
  allowedKeys?: string[];
  /** Now, for future dates. */
  now: number;
  timeZone?: string;
}

export interface Rule {
  id: string;
  severity: RuleSeverity;
  description: string;
  fixable?: boolean;
  /** Findings for a file that could not be read. */
  checkUnreadable?(problem: Problem, input: LintInput): RawFinding[];
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
