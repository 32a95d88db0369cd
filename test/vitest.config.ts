import { defineConfig } from 'vitest/config';

const repository = new URL('..', import.meta.url).pathname;

/** The settings both runs share: the global setup (stock Prism and the mocks), workers, time-outs, the module cache. */
export function testConfig(include: string[], exclude: string[] = []) {
  return defineConfig({
    plugins: [
      {
        name: 'kirim-module-cache-scope',
        configureVitest({ experimental_defineCacheKeyGenerator }) {
          // Only the repository's own modules: a scratch clone's (the release test imports its
          // scripts) has a new path on every run, and would only make the cache grow.
          experimental_defineCacheKeyGenerator(({ id }) => (id.startsWith(repository) ? undefined : false));
        },
      },
    ],
    test: {
      root: repository,
      // Transformed modules kept on disk (node_modules/.experimental-vitest-cache, keyed by their
      // content; `npm ci` starts it afresh): a run after the first transforms only what changed.
      // About 3 s of CPU less on a third of the files, measured; the default from Vitest 5.
      experimental: { fsModuleCache: true },
      include,
      exclude: [...exclude, '**/node_modules/**'],
      globalSetup: ['test/support/global-setup.ts'],
      // Vitest's default on 2 cores is one worker; many files wait on other processes (chromium,
      // sample interpreters, the mocks), so three overlap better: 63 s → 37 s wall, measured.
      maxWorkers: 3,
      // Files share their worker's module cache (ajv's compiled schemas, Prism's engine): the
      // tests keep no global state, and this saves about a quarter of the CPU.
      isolate: false,
      // Limits that catch a hang, not speed checks (speed is `npm run bench`'s): on a loaded 2-core
      // CI machine under Node 20 a test that takes 12 s here once went past the old 20 s.
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  });
}

// `npm test`: everything but test/package/ (a real `npm pack` and install, and the bundled
// contract bin), which `npm run test:package` runs with test/vitest.package.config.ts.
export default testConfig(['test/**/*.test.ts'], ['test/package/**']);
