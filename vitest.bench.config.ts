import { defineConfig } from 'vitest/config';

// `npm run bench:smoke`: the bench machinery with tiny counts (test/bench). It forks app processes, so it stays out of
// the default projects in vitest.config.ts; `npm run bench` runs the real thing.
export default defineConfig({
  test: {
    name: 'bench',
    include: ['test/bench/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/helpers/fail-on-console.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
