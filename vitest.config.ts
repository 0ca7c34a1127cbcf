import { defineConfig } from 'vitest/config';

// Pure rules run alone; database suites run once on embedded PGlite and once on a PostgreSQL
// server (TEST_DATABASE_URL, started by scripts/with-postgres.sh); the browser suite is last.
const dbSuites = ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'];

export default defineConfig({
  test: {
    // Two workers on this 2-core machine: database suites spend much of their time waiting on
    // PostgreSQL, so a second worker keeps both cores busy (the default leaves one idle).
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'web/src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...dbSuites, 'test/e2e/**', 'test/conformance/**', 'node_modules/**'],
        },
      },
      {
        test: {
          name: 'pglite',
          include: dbSuites,
          env: { HIGHBAR_TEST_DB: 'pglite' },
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'postgres',
          include: dbSuites,
          env: { HIGHBAR_TEST_DB: 'postgres' },
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Suites that read ../shared/ (DevLake's DORA fixtures, the public HR data set): not part
        // of `npm test`, which stays self-contained; `npm run conformance` runs them.
        test: {
          name: 'conformance',
          include: ['test/conformance/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
