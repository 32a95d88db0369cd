// `npm run properties`: the whole contract suite against the stateful mock with the full property
// runs (1,000 valid and 1,000 invalid bodies per write operation; npm test runs 100 of each).
// KIRIM_CONTRACT_SEED=N repeats a run; the seed is printed either way.
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { startMockTarget } from '../test/harness/contract-target.mjs';
import { buildContract } from './contract-bin.mjs';
import { run, step, UserError } from './lib/cli.mjs';
import { reportCounts } from './lib/counts.mjs';
import { root } from './lib/paths.mjs';

const RUNS = 1000;

async function main() {
  await buildContract();
  const { runSuite, summary } = await import(pathToFileURL(path.join(root, 'dist/contract.mjs')).href);
  const mock = await startMockTarget();
  try {
    const seed = process.env.KIRIM_CONTRACT_SEED === undefined ? undefined : Number(process.env.KIRIM_CONTRACT_SEED);
    const result = await step(`contract suite with ${RUNS} property runs per check`, () => runSuite(mock.target, { seed, propertyRuns: RUNS, requireFullCoverage: true }));
    process.stdout.write(`${summary(result)}\n`);
    const named = (o) => result.results.filter((r) => r.outcome === o).map((r) => r.name);
    // A problem of the run (coverage, a missing status) counts as a failure of its own.
    reportCounts(named('passed').length, [...named('failed'), ...result.problems]);
    if (result.failed) throw new UserError(`the contract suite failed (seed ${result.seed})`);
  } finally {
    await mock.stop();
  }
}

run(main);
