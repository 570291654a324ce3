import { defineConfig } from 'vitest/config';

/** `npm run test:e2e`: a real browser, servers, builds and installs. They measure things: one file at a time. */
export default defineConfig({
  test: {
    include: ['test/e2e/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
