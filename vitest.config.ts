import { defineConfig } from 'vitest/config';

/**
 * `npm test`, the pure tier: statistics with simulations, claims, analysis and rendering on recorded or synthetic
 * results, the workflow and the docs. No browser, no server, no network, nothing timed: its files run in parallel.
 * The browser, server and install tests are `npm run test:e2e` (vitest.e2e.config.ts).
 */
export default defineConfig({
  test: {
    include: ['test/*.test.ts'],
    testTimeout: 60_000,
  },
});
