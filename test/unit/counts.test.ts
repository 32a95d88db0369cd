// How the test command counts (scripts/lib/counts.mjs): vitest's own JSON report of a scratch
// run with a passing test, a failing test and a file that cannot load (each failure named); a
// suite that crashed without a report; the last line.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCounts, suiteCounts, summaryLine } from '../../scripts/lib/counts.mjs';
import { runProcess } from '../../scripts/lib/run-process.mjs';
import { repoRoot } from '../support/scratch.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kirim-counts-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the counts of npm run test:all', () => {
  it("counts vitest's JSON report: a failed test, and a file that does not load, are one failure each", async () => {
    await writeFile(path.join(dir, 'a.test.js'), "it('passes', () => expect(1).toBe(1));\nit('fails', () => expect(1).toBe(2));\n");
    await writeFile(path.join(dir, 'b.test.js'), "throw new Error('cannot load');\n");
    const out = path.join(dir, 'report.json');
    const vitest = path.join(repoRoot, 'node_modules/vitest/vitest.mjs');
    const { code } = await runProcess(process.execPath, [vitest, 'run', '--root', dir, '--globals', '--reporter=json', `--outputFile.json=${out}`], { cwd: dir });
    expect(code).toBe(1);
    expect(readCounts('vitest', out, dir)).toEqual({
      passed: 1,
      failed: 2,
      skipped: 0,
      // Named, so that the end of a long log says which ones failed.
      failures: ['a.test.js › fails: AssertionError: expected 1 to be 2 // Object.is equality', 'b.test.js: cannot load'],
    });
  });

  it('counts a suite without a report as one check, and a non-zero exit with nothing failed as one failure', () => {
    expect(readCounts('file', path.join(dir, 'missing.json'))).toBeUndefined();
    expect(suiteCounts(0, undefined)).toEqual({ passed: 1, failed: 0, skipped: 0, failures: [] });
    expect(suiteCounts(2, undefined)).toEqual({ passed: 0, failed: 1, skipped: 0, failures: [] });
    expect(suiteCounts(1, { passed: 40, failed: 0 })).toEqual({ passed: 40, failed: 1, skipped: 0, failures: [] });
    expect(suiteCounts(1, { passed: 40, failed: 3 })).toEqual({ passed: 40, failed: 3, skipped: 0, failures: [] });
  });

  it('ends with `N passed, N failed` over every suite', () => {
    expect(summaryLine([{ passed: 1, failed: 0 }, { passed: 472, failed: 2 }, { passed: 22, failed: 0 }])).toBe('495 passed, 2 failed');
  });
});
