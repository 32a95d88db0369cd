// `npm run mutants`: proof that the contract suite can fail. Each mutant provider is the stateful
// mock behind a layer with one fault (test/harness/faults.mjs); the built `kirim-contract` bin must fail
// on every one of them and pass on the control (the same layer with no fault). Prints one line
// per mutant with the first case that caught it, then `caught N/N`; exits 1 below N/N.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startMockTarget } from '../test/harness/contract-target.mjs';
import { faults } from '../test/harness/faults.mjs';
import { buildContract, runContractBin } from './contract-bin.mjs';
import { run, step, UserError } from './lib/cli.mjs';
import { reportCounts } from './lib/counts.mjs';
import { forEachConcurrently } from './lib/concurrently.mjs';
import { root } from './lib/paths.mjs';

const bin = path.join(root, 'dist/kirim-contract.mjs');
const PARALLEL = 2;
const PROPERTY_RUNS = '20';

/** Runs the bin against a mock target with `fault` (null: the control); resolves { code, firstFailure }. */
async function trial(fault, dir) {
  const mock = await startMockTarget({ fault });
  try {
    const args = ['--seed', '1', '--property-runs', PROPERTY_RUNS, ...(fault ? ['--bail'] : [])];
    const result = await runContractBin(bin, mock.target, { dir, args });
    const firstFailure = /^✗ (.*)$/m.exec(result.stdout)?.[1];
    return { code: result.code, firstFailure, output: result.stdout };
  } finally {
    await mock.stop();
  }
}

async function main() {
  await buildContract();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kirim-mutants-'));
  try {
    await step('control: the fault layer without a fault passes', async () => {
      const control = await trial(null, dir);
      if (control.code !== 0) throw new UserError(`the suite fails on the unfaulted layer, so no mutant result means anything:\n${control.output.slice(-3000)}`);
    });
    const results = [];
    await step(`${faults.length} mutants, ${PARALLEL} at a time`, async () => {
      await forEachConcurrently(faults, PARALLEL, async (fault) => {
        const t0 = performance.now();
        const r = await trial(fault, dir);
        const caught = r.code === 1;
        results.push({ fault, caught });
        const secs = ((performance.now() - t0) / 1000).toFixed(1);
        process.stdout.write(`  ${caught ? '✓ caught' : '✗ MISSED'} ${fault.name} (${fault.breaks}) in ${secs} s${r.firstFailure ? `: ${r.firstFailure}` : ''}\n`);
        if (r.code !== 0 && r.code !== 1) process.stdout.write(`    the bin exited ${r.code}: ${r.output.slice(-500)}\n`);
      });
      return { summary: '' };
    });
    const caught = results.filter((r) => r.caught).length;
    process.stdout.write(`caught ${caught}/${faults.length}\n`);
    // The control is one check too: a run that fails it stops above and counts as one failure.
    reportCounts(1 + caught, faults.length - caught);
    if (caught < faults.length) throw new UserError(`missed: ${results.filter((r) => !r.caught).map((r) => r.fault.name).join(', ')}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

run(main);
