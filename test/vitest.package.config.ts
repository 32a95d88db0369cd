import { testConfig } from './vitest.config.js';

// `npm run test:package`: the package as consumers get it, slower than the rest of the tests.
// Its own global setup packs the package once and fetches the Node versions it runs under.
const config = testConfig(['test/package/**/*.test.ts']);
config.test!.globalSetup = [...(config.test!.globalSetup as string[]), 'test/package/setup.ts'];
// Each Node version's test is CPU-bound (npm, tsc, the contract suite): two cores, two at a
// time, and one file at a time, so that the bin's own tests do not starve beside them.
config.test!.maxConcurrency = 2;
config.test!.maxWorkers = 1;
export default config;
