// The built `kirim-contract` bin (dist/, bundled by scripts/contract-bin.mjs), run as consumers
// run it: against the mock it exits 0; against the mock with one fault it exits 1; both times it
// writes the JUnit XML it was asked for and says which target ran.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockTarget, type MockTarget } from '../harness/contract-target.mjs';
import { faultByName } from '../harness/faults.mjs';
import { buildContract, runContractBin } from '../../scripts/contract-bin.mjs';

let dir: string;
let bin: string;

async function runBin(mock: MockTarget, extra: string[] = []) {
  const junitFile = path.join(dir, `junit-${Math.random().toString(36).slice(2)}.xml`);
  const result = await runContractBin(bin, mock.target, { dir, args: ['--junit', junitFile, '--seed', '7', '--property-runs', '5', ...extra] });
  return { ...result, junit: await readFile(junitFile, 'utf8') };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kirim-contract-bin-'));
  // Its own build, not dist/: the pack test rebuilds dist/ (prepack) at the same time.
  await buildContract(dir);
  bin = path.join(dir, 'kirim-contract.mjs');
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('kirim-contract bin', () => {
  it('passes against the mock: exit 0, says which target ran, JUnit without failures', async () => {
    const mock = await startMockTarget();
    try {
      const { code, stdout, junit } = await runBin(mock);
      expect(stdout).toContain(`running against the stateful mock at ${mock.target.baseUrl}`);
      expect(stdout).toContain('PASSED');
      expect(code).toBe(0);
      expect(junit).toMatch(/<testsuites name="kirim-contract [^"]+" tests="\d{3,}" failures="0"/);
    } finally {
      await mock.stop();
    }
  });

  it('fails against a faulty mock (createLabel answers 200): exit 1, the failure in the JUnit XML', async () => {
    const mock = await startMockTarget({ fault: faultByName('wrong-status') });
    try {
      const { code, stdout, junit } = await runBin(mock, ['--bail']);
      expect(stdout).toContain('FAILED');
      expect(code).toBe(1);
      expect(junit).toMatch(/<failure message="[^"]*POST \/labels[^"]*→ 200/);
    } finally {
      await mock.stop();
    }
  });

  it('refuses bad usage with a clear message and exit 2', async () => {
    const error = await promisify(execFile)(process.execPath, [bin, '--base-url', 'not-a-url', '--api-key', 'k']).catch((e) => e);
    expect(error.code).toBe(2);
    expect(error.stderr).toContain('--base-url must be an http(s) URL, got "not-a-url"');
  });
});
