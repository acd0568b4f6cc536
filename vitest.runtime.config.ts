import { defineConfig } from 'vitest/config';

// `npm run check:runtime` (and .ci/run): the container's build and prune steps (scripts/build-runtime.sh) into a
// temporary folder, then the pruned bot started as the image starts it. It runs npm ci, so it stays out of the
// default projects in vitest.config.ts. .ci/run sets VITEST_JSON_REPORT to count its tests with the rest.
const jsonReport = process.env['VITEST_JSON_REPORT'];

export default defineConfig({
  test: {
    name: 'runtime',
    include: ['test/runtime/**/*.test.ts'],
    environment: 'node',
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
    setupFiles: ['test/helpers/fail-on-console.ts'],
    testTimeout: 60_000,
    // The build: npm ci (a native addon compiled from source on these machines) takes minutes.
    hookTimeout: 900_000,
  },
});
