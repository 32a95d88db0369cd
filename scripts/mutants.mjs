// `npm run mutants`: proof that the contract suite can fail. Two kinds of mutant provider: the
// stateful mock behind a layer with one fault (test/harness/faults.mjs), and the independent provider
// (test/package/independent-provider) with one realistic one-line bug. The built `kirim-contract`
// bin must fail on every one of them and pass on both controls (no fault, no bug). Prints one line
// per mutant with the first case that caught it, then `caught N/N`; exits 1 below N/N.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startMockTarget } from '../test/harness/contract-target.mjs';
import { faults } from '../test/harness/faults.mjs';
import { providerBugs } from '../test/package/independent-provider/bugs.mjs';
import { startIndependentTarget } from '../test/package/independent-provider/target.mjs';
import { buildContract, runContractBin } from './contract-bin.mjs';
import { run, step, UserError } from './lib/cli.mjs';
import { reportCounts } from './lib/counts.mjs';
import { forEachConcurrently } from './lib/concurrently.mjs';
import { root } from './lib/paths.mjs';

const bin = path.join(root, 'dist/kirim-contract.mjs');
const PARALLEL = 2;
const PROPERTY_RUNS = '20';

// The independent provider at the Pro tier with one-second windows: rate limits apply, briefly.
const startProvider = (bug) => startIndependentTarget({ tier: { read: 6000, write: 600 }, bugs: bug ? [bug.name] : [] });

/**
 * Runs the bin against a target started by `start(mutant)` (null: the control); resolves { code, firstFailure }.
 * @param {any} mutant
 * @param {string} dir
 * @param {(fault: any) => Promise<any>} [start] starts the provider; resolves { target, stop }
 * @returns {Promise<{ code: number, firstFailure: string | undefined, output: string }>}
 */
async function trial(mutant, dir, start = (fault) => startMockTarget({ fault })) {
  const mock = await start(mutant);
  try {
    const args = ['--seed', '1', '--property-runs', PROPERTY_RUNS, ...(mutant ? ['--bail'] : [])];
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
    await step('controls: the fault layer without a fault and the independent provider without a bug pass', async () => {
      const controls = /** @type {const} */ ([
        ['the unfaulted layer', await trial(null, dir)],
        ['the independent provider without a bug', await trial(null, dir, startProvider)],
      ]);
      for (const [what, control] of controls) {
        if (control.code !== 0) throw new UserError(`the suite fails on ${what}, so no mutant result means anything:\n${control.output.slice(-3000)}`);
      }
    });
    const results = [];
    const mutants = [...faults.map((fault) => ({ fault, start: undefined })), ...providerBugs.map((fault) => ({ fault, start: startProvider }))];
    await step(`${mutants.length} mutants (${faults.length} faults of the mock, ${providerBugs.length} bugs of the independent provider), ${PARALLEL} at a time`, async () => {
      await forEachConcurrently(mutants, PARALLEL, async ({ fault, start }) => {
        const t0 = performance.now();
        const r = await trial(fault, dir, start);
        const caught = r.code === 1;
        results.push({ fault, caught });
        const secs = ((performance.now() - t0) / 1000).toFixed(1);
        process.stdout.write(`  ${caught ? '✓ caught' : '✗ MISSED'} ${fault.name} (${fault.breaks}) in ${secs} s${r.firstFailure ? `: ${r.firstFailure}` : ''}\n`);
        if (r.code !== 0 && r.code !== 1) process.stdout.write(`    the bin exited ${r.code}: ${r.output.slice(-500)}\n`);
      });
      return { summary: '' };
    });
    const caught = results.filter((r) => r.caught).length;
    process.stdout.write(`caught ${caught}/${mutants.length}\n`);
    // The two controls are checks too: a run that fails one stops above and counts as one failure.
    const missed = results.filter((r) => !r.caught).map((r) => r.fault);
    reportCounts(2 + caught, missed.map((fault) => `missed ${fault.name} (${fault.breaks})`));
    if (missed.length > 0) throw new UserError(`missed: ${missed.map((fault) => fault.name).join(', ')}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

run(main);
