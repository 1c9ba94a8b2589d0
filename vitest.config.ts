import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    env: { TZ: 'UTC', NO_COLOR: '1' },
    // Most tests wait on the blog processes they start: one file per core (vitest's default
    // leaves a core free) keeps both cores of a small CI machine busy.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
