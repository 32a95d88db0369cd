import { mergeConfig } from 'vitest/config';
import { testConfig } from './vitest.config.js';

// `npm run test:package`: the package as consumers get it, slower than the rest of the tests.
// One file at a time: two of them run `npm run prepack`, which rebuilds dist/ from scratch.
export default mergeConfig(testConfig(['test/package/**/*.test.ts']), { test: { fileParallelism: false } });
