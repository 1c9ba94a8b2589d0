/**
 * lint's map over the posts, on any thread: the one-file rules on each post, and the facts the
 * site-wide rules need, gathered as each post is read (the post itself is let go of at once).
 */
import { sep } from 'node:path';
import type { Diagnostic } from '../diagnostic.js';
import type { ReadItem } from '../fs/read.js';
import { inDraftsFolder } from '../fs/walk.js';
import type { Task } from '../parallel.js';
import { matchesFilter, type PostFilter } from '../select.js';
import { activeRules, isHeadless, lintFile, siteCollector, type SiteFacts } from './run.js';
import type { LintInput, LintSettings, RuleSeverity } from './types.js';

export interface LintTaskParams {
  settings: LintSettings;
  severities: Record<string, RuleSeverity>;
  /** Files, and folders ending with a separator, to report on; null: every post. */
  targets: string[] | null;
  /** Only posts that pass it are reported on. */
  filter: PostFilter | null;
  /** Hugo: folder prefixes of sections and bundles that are never rendered; null elsewhere. */
  headless: string[] | null;
}

export interface LintChunk {
  /** The one-file rules' findings on the posts reported on. */
  findings: Diagnostic[];
  /** 1 for each post of the chunk reported on, else 0. */
  targets: Uint8Array;
  site: SiteFacts;
}

/** A post as lint sees it. */
export function lintInput(item: ReadItem, headless: readonly string[] | null): LintInput {
  // Built in one literal of one shape (asked of every post: no spreads, each path made once).
  const entry = item.entry;
  const rel = entry.rel;
  const inDrafts = inDraftsFolder(entry);
  const input: LintInput = item.post ? { path: entry.path, rel, inDrafts, post: item.post } : { path: entry.path, rel, inDrafts, problem: item.problem };
  if (headless && isHeadless(input, headless)) input.headless = true;
  return input;
}

/**
 * Whether a path is one of the targets (a file, or in a folder ending with a separator); null:
 * everything is. Files are in a set, folders in a list (a few): each post of the blog is asked,
 * and with 3,000 files named (a big pull request) a scan of them all for each of 50,000 posts
 * took more than a second.
 */
export function targetTest(targets: readonly string[] | null): (abs: string) => boolean {
  if (targets === null) return () => true;
  const files = new Set(targets.filter((t) => !t.endsWith(sep)));
  const folders = targets.filter((t) => t.endsWith(sep));
  return (abs) => files.has(abs) || folders.some((f) => abs.startsWith(f));
}

export const lintTask: Task<LintTaskParams, LintChunk> = {
  module: import.meta.url,
  name: 'lintTask',
  threadYoungMb: 8,
  setup: (params) => {
    const run = { settings: params.settings, severities: params.severities, isTarget: () => true };
    const active = activeRules(run);
    const collector = siteCollector(active, params.settings);
    const isTarget = targetTest(params.targets);
    return (first) => {
      const findings: Diagnostic[] = [];
      const targets: number[] = [];
      let ordinal = first;
      return {
        visit: (item) => {
          const input = lintInput(item, params.headless);
          const target = isTarget(item.entry.abs) && (!params.filter || (input.post !== undefined && matchesFilter(input.post, params.filter)));
          targets.push(target ? 1 : 0);
          if (target) for (const f of lintFile(input, active, run)) findings.push(f);
          collector.add(ordinal++, input);
        },
        finish: () => ({ findings, targets: Uint8Array.from(targets), site: collector.facts() }),
      };
    };
  },
};
