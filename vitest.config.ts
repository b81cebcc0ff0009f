import { defineConfig } from 'vitest/config';

/**
 * Three tiers (Immich's): unit (pure domain and contracts), integration (services and HTTP on a
 * real database: PGlite, or PostgreSQL when DATABASE_URL is set), e2e (Chromium through Playwright).
 */
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'packages/server/test/unit/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        // React components (forms' error display) in a simulated DOM; no server, fetch is stubbed.
        test: {
          name: 'components',
          include: ['packages/web/src/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['packages/web/src/test/setup-dom.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['packages/server/test/integration/**/*.test.ts'],
          globalSetup: ['packages/server/test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          globalSetup: ['packages/server/test/support/global-setup.ts', 'e2e/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time: the machine has two cores and Chromium wants both.
          fileParallelism: false,
          // A spec's `it.concurrent` pages (every-page, organization-pages) two at a time in that
          // browser: one page waits for the network or the server while the other renders.
          maxConcurrency: 2,
        },
      },
    ],
  },
});
