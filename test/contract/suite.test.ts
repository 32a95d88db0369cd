// The contract suite (src/contract) against the stateful mock started here on free ports (the
// default target), or against a live server: KIRIM_BASE_URL + KIRIM_API_KEY, read-only unless
// KIRIM_ALLOW_WRITES=1 (the suite deletes what it created). Prints the target, the case counts
// and the coverage matrix, and writes the matrix to test/contract/out/coverage.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { coverageJson, runSuite, summary, type SuiteResult } from '../../src/contract/index.js';
import type { Target } from '../../src/contract/target.js';
import { operations } from '../support/description.js';

const live = process.env.KIRIM_BASE_URL;
const seed = Number(process.env.KIRIM_CONTRACT_SEED ?? 20261124);
// 100 valid + 100 invalid bodies per write operation here (fast); CI also runs `npm run properties`: 1,000 each.
const propertyRuns = Number(process.env.KIRIM_PROPERTY_RUNS ?? 100);
const outDir = new URL('./out/', import.meta.url);

let run: SuiteResult;

beforeAll(async () => {
  let target: Target;
  if (live) {
    if (!process.env.KIRIM_API_KEY) throw new Error('KIRIM_BASE_URL is set but KIRIM_API_KEY is not');
    target = { kind: 'live', baseUrl: live, apiKey: process.env.KIRIM_API_KEY, allowWrites: process.env.KIRIM_ALLOW_WRITES === '1' };
  } else {
    // Started by the global setup (test/support/global-setup.ts), in the main process.
    target = inject('contractTarget');
  }
  run = await runSuite(target, { seed, propertyRuns, requireFullCoverage: !live });
  console.log(summary(run));
  mkdirSync(outDir, { recursive: true });
  writeFileSync(new URL('coverage.json', outDir), coverageJson(run));
  console.log(`coverage matrix written to ${new URL('coverage.json', outDir).pathname}`);
}, 120_000);


describe(`contract suite (${live ? `live server ${live}` : 'stateful mock'})`, () => {
  it('every case that ran passed', () => {
    expect(run.results.filter((r) => r.outcome === 'failed').map((r) => `${r.name}\n${r.detail}`)).toEqual([]);
  });

  it('every documented (operation, status) pair has a case, and every status received is documented', () => {
    expect(run.coverage.unplanned).toEqual([]);
    expect(run.coverage.undocumented).toEqual([]);
  });

  it.runIf(!live)('on the mock every case runs and every documented pair is received', () => {
    expect(run.results.filter((r) => r.outcome === 'not run').map((r) => r.name)).toEqual([]);
    expect(run.coverage.unexercised).toEqual([]);
    expect(run.problems).toEqual([]);
    expect(run.coverage.rows.length).toBeGreaterThanOrEqual(operations().length * 3);
  });

  it.runIf(!live)('runs the generated negative matrix and the property runs it promises', () => {
    expect(run.results.filter((r) => r.group === 'negative').length).toBeGreaterThan(100);
    for (const r of run.results.filter((x) => x.group === 'property')) expect(r.detail).toMatch(new RegExp(`^${propertyRuns} valid .* \\+ ${propertyRuns} invalid`));
  });
});
