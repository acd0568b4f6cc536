import { defineConfig } from 'vitest/config';

// .ci/run sets VITEST_JSON_REPORT to get a machine-readable report beside the usual console one.
const jsonReport = process.env['VITEST_JSON_REPORT'];

export default defineConfig({
  test: {
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
    setupFiles: ['test/helpers/fail-on-console.ts', 'test/helpers/fuzz-seed-setup.ts'],
    projects: [
      {
        extends: true,
        // Unit tests are pure code (no sockets, files, timers or globals to leak), so one worker process runs many
        // files: a fresh process and module graph per file cost ~20 s of a ~4 s project.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // Builds dist/ once: some tests run the compiled bot and CLIs as an operator would.
          globalSetup: ['test/helpers/build-dist.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
    ],
  },
});
