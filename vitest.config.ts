import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'data/**'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/helpers/test-scrypt-cost.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two test files at a time: most of the suite waits on Chromium, child processes and the
    // disk, so a second worker nearly halves the wall time on CI's 2 cores (the default is
    // cores - 1 = one). Every test uses its own temporary data directory and port 0.
    maxWorkers: 2,
  },
});
