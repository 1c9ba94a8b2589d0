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
  /** Findings that need the whole blog (duplicates, case variants). */
  site?: SiteCheck<unknown>;
}

/** Gathers a site-wide rule's facts about the posts of one chunk, on whichever thread reads them. */
export interface SiteCollector<F> {
  /** One post of the chunk, with its ordinal (its place among every post read). */
  add(ordinal: number, post: Post, input: LintInput): void;
  /**
   * The facts about the posts added since the last call (a collector lives as long as its
   * thread and is asked once a chunk): small (no posts) and structured-clonable.
   */
  facts(): F;
}

/**
 * A site-wide rule in two steps, so that posts can be read on several threads and let go of at
 * once: facts are gathered from each post where it is read, then the rule looks at the facts of
 * every chunk, in order, and reads again only the posts it reports on (to locate and describe).
 */
export interface SiteCheck<F> {
  /** One collector a thread, for every chunk it reads (what it learns from one chunk may spare reads in the next). */
  collector(settings: LintSettings): SiteCollector<F>;
  /** Findings by ordinal. `again(ordinal)` is that post read again, with its front matter text. */
  check(facts: F[], again: (ordinal: number) => LintInput, settings: LintSettings): Map<number, RawFinding[]>;
}
