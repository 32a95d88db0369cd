import { testConfig } from './vitest.config.js';

// `npm run test:package`: the package as consumers get it, slower than the rest of the tests.
export default testConfig(['test/package/**/*.test.ts']);
