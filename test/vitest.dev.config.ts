import { defineConfig } from 'vitest/config';

// `npm run test:dev`: the dev server (`npm run dev`) in scratch copies of the repository, with
// file watching, a real browser and rebuilds that take seconds on a busy machine. Its files end
// in `.spec.ts`, so that `npm test` (test/**/*.test.ts) does not run them a second time; they
// need none of its global setup (Prism, the shared mocks).
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/dev/**/*.spec.ts'],
    exclude: ['**/node_modules/**'],
    // Each file drives its own dev server: two at a time on two cores.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
