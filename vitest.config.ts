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
    // Each worker keeps its modules from one test file to the next instead of importing the
    // server again for every file (~1.5 s of a file's 2–3 s import on CI's machine). Tests
    // share no state through modules: every app has its own data directory, and what the
    // server keeps per process is keyed by its database (e.g. the API token limits).
    isolate: false,
  },
});
