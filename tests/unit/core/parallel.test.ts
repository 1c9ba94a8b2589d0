import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkPlan, workersFor } from '../../../src/core/parallel.js';

describe('chunkPlan', () => {
  it('cuts every entry once, in chunks of at most 1,024, smaller towards the end on several threads', () => {
    fc.assert(
      fc.property(fc.nat(300_000), fc.integer({ min: 1, max: 8 }), (entries, threads) => {
        const plan = chunkPlan(entries, threads);
        expect(plan.reduce((a, b) => a + b, 0)).toBe(entries);
        for (const take of plan) expect(take >= 1 && take <= 1024).toBe(true);
        if (threads > 1) {
          // Never bigger than the one before, once they start to shrink; 64 at least but the last.
          for (let i = 1; i < plan.length; i++) expect(plan[i] as number).toBeLessThanOrEqual(plan[i - 1] as number);
          for (const take of plan.slice(0, -1)) expect(take).toBeGreaterThanOrEqual(Math.min(64, entries));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('on 100,000 posts and two threads: 1,024 a chunk until the last 8,192 or so, then down to 64', () => {
    const plan = chunkPlan(100_000, 2);
    expect(plan[0]).toBe(1024);
    expect(plan.filter((t) => t === 1024).length).toBeGreaterThan(80);
    expect(plan.at(-2)).toBe(64);
    expect(chunkPlan(100_000, 1).every((t, i, all) => t === 1024 || i === all.length - 1)).toBe(true);
  });
});

describe('workersFor (BLOG_THREADS=N)', () => {
  it('never more workers than the chunks of the blog leave to them, never none', () => {
    expect(workersFor(64, 0)).toBe(1);
    expect(workersFor(64, 10)).toBe(1);
    expect(workersFor(2, 10)).toBe(1);
    expect(workersFor(64, 1000)).toBe(15);
    expect(workersFor(8, 100_000)).toBe(7);
    fc.assert(
      fc.property(fc.nat(300_000), fc.integer({ min: 2, max: 64 }), (entries, threads) => {
        const workers = workersFor(threads, entries);
        expect(workers >= 1 && workers <= threads - 1).toBe(true);
        // Each worker beyond the first can have a chunk of its own while this thread reads one.
        if (workers > 1) expect(chunkPlan(entries, workers + 1).length).toBeGreaterThan(workers);
      }),
      { numRuns: 300 },
    );
  });
});
