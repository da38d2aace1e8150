import { defineConfig } from 'vitest/config';

/**
 * The project's vitest settings (vitest.config.ts), with a global setup that tolerates a web
 * build broken by work in progress elsewhere in the tree: the fieldwork server tests do not
 * need the bundle. Run with `npx vitest run --config test/fieldwork/vitest.config.ts test/fieldwork`.
 */
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'data/**'],
    globalSetup: ['test/fieldwork/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
