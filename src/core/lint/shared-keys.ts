/**
 * "Two posts with the same X" (title, slug) over a whole blog, without holding every post's X:
 * each post gives a 53-bit hash of its key where it is read (any thread); posts whose hashes
 * meet are read again and grouped by their exact keys, so a hash collision costs a read, never
 * a wrong finding.
 */
import type { LintInput, SiteCollector } from './types.js';

/** Per chunk: the hash of each post's key, with the post's ordinal. */
export interface KeyFacts {
  ordinals: Int32Array;
  hashes: Float64Array;
}

/** A 53-bit hash of a string's UTF-16 code units (two FNV-1a variants). */
export function hashKey(key: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

/** The collector of a rule about posts that share a key: each post's key (`keyOf`; undefined: it has none), hashed. */
export function collectKeys(keyOf: (input: LintInput) => string | undefined): () => SiteCollector<KeyFacts> {
  return () => {
    let ordinals: number[] = [];
    let hashes: number[] = [];
    return {
      add: (ordinal, _post, input) => {
        const key = keyOf(input);
        if (key === undefined) return;
        ordinals.push(ordinal);
        hashes.push(hashKey(key));
      },
      facts: () => {
        const facts = { ordinals: Int32Array.from(ordinals), hashes: Float64Array.from(hashes) };
        ordinals = [];
        hashes = [];
        return facts;
      },
    };
  };
}

/**
 * The keys two or more posts share, each with its posts' ordinals in order, in the order the
 * keys first appear. `keyOf` reads a post again and gives its exact key (undefined: it has none now).
 */
export function sharedKeys(chunks: readonly KeyFacts[], keyOf: (ordinal: number) => string | undefined): Map<string, number[]> {
  // The hashes that occur more than once, found by sorting them all in one typed array (100,000
  // of them: 8 ms, where putting 53-bit numbers, not small integers, in a Map took 10-25 ms).
  let total = 0;
  for (const facts of chunks) total += facts.hashes.length;
  const sorted = new Float64Array(total);
  let at = 0;
  for (const facts of chunks) {
    sorted.set(facts.hashes, at);
    at += facts.hashes.length;
  }
  sorted.sort();
  const repeated = new Set<number>();
  for (let i = 1; i < total; i++) if (sorted[i] === sorted[i - 1]) repeated.add(sorted[i] as number);
  const candidates = new Map<number, number[]>();
  if (repeated.size) {
    for (const facts of chunks) {
      for (let i = 0; i < facts.hashes.length; i++) {
        const hash = facts.hashes[i] as number;
        if (!repeated.has(hash)) continue;
        const list = candidates.get(hash);
        if (list) list.push(facts.ordinals[i] as number);
        else candidates.set(hash, [facts.ordinals[i] as number]);
      }
    }
  }
  const byKey = new Map<string, number[]>();
  const all = [...candidates.values()].sort((x, y) => (x[0] as number) - (y[0] as number));
  for (const list of all) {
    for (const ordinal of list) {
      const key = keyOf(ordinal);
      if (key === undefined) continue;
      const group = byKey.get(key);
      if (group) group.push(ordinal);
      else byKey.set(key, [ordinal]);
    }
  }
  for (const [key, list] of byKey) if (list.length < 2) byKey.delete(key);
  return byKey;
}
