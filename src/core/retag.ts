/**
 * What a retag means: which names become which, which are removed or added, and what
 * happened to each post. Pure.
 */
import type { ListChange, ListField } from './edit.js';
import { fold } from './select.js';

export interface RetagSpec {
  field: ListField;
  /** Names to rename (merge) into `to`. */
  from: string[];
  to?: string;
  remove: string[];
  add: string[];
  ignoreCase: boolean;
}

/** The per-name change the editor applies. */
export function buildChange(spec: RetagSpec): ListChange {
  const same = spec.ignoreCase ? (a: string, b: string) => fold(a) === fold(b) : (a: string, b: string) => a === b;
  return {
    field: spec.field,
    rename: (name) => {
      if (spec.remove.some((r) => same(r, name))) return null;
      if (spec.to !== undefined && spec.from.some((f) => same(f, name))) return spec.to;
      return name;
    },
    add: spec.add,
  };
}

export interface RetagCounts {
  /** `from → to`: posts in which the rename happened. */
  renamed: Record<string, number>;
  added: Record<string, number>;
  removed: Record<string, number>;
}

export function emptyCounts(): RetagCounts {
  return { renamed: {}, added: {}, removed: {} };
}

/** Add one post's change to the counts. */
export function countChange(counts: RetagCounts, spec: RetagSpec, before: string[][], after: string[][]): void {
  const change = buildChange(spec);
  const beforeNames = new Set(before.flat());
  const afterNames = new Set(after.flat());
  const bump = (map: Record<string, number>, key: string) => {
    map[key] = (map[key] ?? 0) + 1;
  };
  for (const name of beforeNames) {
    const n = change.rename(name);
    if (n === null) bump(counts.removed, name);
    else if (n !== name) bump(counts.renamed, `${name} → ${n}`);
  }
  if (spec.field === 'tags') {
    for (const a of spec.add) if (!beforeNames.has(a) && afterNames.has(a)) bump(counts.added, a);
    return;
  }
  // Categories are added as paths: `A > B`.
  const has = (paths: string[][], path: string) => paths.some((p) => p.join(' > ') === path || (p.length === 1 && p[0] === path));
  for (const a of spec.add) {
    const path = a.split('>').map((x) => x.trim()).filter(Boolean).join(' > ');
    if (!has(before, path) && has(after, path)) bump(counts.added, path);
  }
}
