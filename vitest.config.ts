import { defineConfig } from 'vitest/config';

// .ci/run sets VITEST_JSON_REPORT to get a machine-readable report beside the usual console one.
const jsonReport = process.env['VITEST_JSON_REPORT'];

export default defineConfig({
  test: {
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
    setupFiles: ['test/helpers/fail-on-console.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
    ],
  },
});
