// The installed `kirim-contract` bin (real `npm pack`, offline install into a scratch project)
// against a second, independent provider written from the API facts (./independent-provider):
// a correct server must pass, in a single-team organisation on the free tier and twice in a row
// as CI runs it, and with two teams; each realistic one-line provider bug must fail the run;
// fixtures, usage and an unreachable target give their own exit codes.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../scripts/lib/free-port.mjs';
import { runContractBin } from '../../scripts/contract-bin.mjs';
import { runProcess } from '../../scripts/lib/run-process.mjs';
import { providerBugs } from './independent-provider/bugs.mjs';
import { startIndependentTarget } from './independent-provider/target.mjs';
import { installOffline } from './install.js';

let scratch: string;
let bin: string;
let installed: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'kirim-independent-'));
  // Packed once for the whole run by test/package/setup.ts.
  const { tarball } = inject('packed');
  const consumer = path.join(scratch, 'consumer');
  await mkdir(consumer);
  await writeFile(path.join(consumer, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }\n');
  await installOffline(tarball, consumer);
  bin = path.join(consumer, 'node_modules/.bin/kirim-contract');
  installed = path.join(consumer, 'node_modules/@kirim/openapi');
}, 120_000);
afterAll(() => rm(scratch, { recursive: true, force: true }));

type Started = Awaited<ReturnType<typeof startIndependentTarget>>;
const run = (target: Started['target'], args: string[]) => runContractBin(bin, target, { dir: scratch, args });
const firstFailure = (stdout: string) => /^✗ (.*)$/m.exec(stdout)?.[1];

describe('the installed kirim-contract against an independent provider', () => {
  it('passes a single-team free-tier organisation twice in a row, with the defaults, within the cost --help states', async () => {
    // One-second windows: the free tier's 60 writes per window, without waiting minutes.
    const provider = await startIndependentTarget({ teams: 1 });
    try {
      // As a live single-team organisation is described: no teamId (the server resolves it).
      const target = { ...provider.target, teamId: undefined };
      const { stdout: help } = await runProcess(process.execPath, [bin, '--help']);
      const [, requests, writes] = /sends about (\d+) requests, (\d+) of them writes/.exec(help)!.map(Number);
      for (const round of [1, 2]) {
        const r = await run(target, ['--seed', String(round)]);
        expect(firstFailure(r.stdout), `round ${round}:\n${r.stdout.slice(-3000)}`).toBeUndefined();
        expect(r.code).toBe(0);
        expect(r.stdout.match(/running against/g)).toHaveLength(1);
        const [, sent, , wrote] = /(\d+) requests \((\d+) reads, (\d+) writes\)/.exec(r.stdout)!.map(Number);
        expect(sent).toBeLessThanOrEqual(requests! * 1.1);
        expect(wrote).toBeLessThanOrEqual(writes! * 1.1);
        expect(wrote).toBeGreaterThan(writes! * 0.8);
        // Paced: the free tier's buckets were spent and waited for, and every label was deleted.
        expect(r.stdout).toMatch(/s waiting for rate limits/);
        expect(r.stdout).not.toMatch(/clean-up could not delete/);
      }
    } finally {
      await provider.stop();
    }
  }, 240_000);

  it('passes read-only (no --allow-writes), the team given only by the contacts fixture', async () => {
    const provider = await startIndependentTarget({ teams: 1 });
    try {
      const { baseUrl, apiKey, allowWrites: _, teamId: __, ...fixtures } = provider.target;
      const file = path.join(scratch, 'read-only.json');
      await writeFile(file, JSON.stringify(fixtures));
      const r = await runProcess(process.execPath, [bin, '--base-url', baseUrl, '--api-key', apiKey, '--fixtures', file]);
      expect(firstFailure(r.stdout), r.stdout.slice(-3000)).toBeUndefined();
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('(read-only)');
    } finally {
      await provider.stop();
    }
  }, 120_000);

  it('passes an organisation with two teams', async () => {
    const provider = await startIndependentTarget({ teams: 2, tier: { read: 6000, write: 600 } });
    try {
      const r = await run(provider.target, ['--seed', '3', '--property-runs', '5']);
      expect(firstFailure(r.stdout), r.stdout.slice(-3000)).toBeUndefined();
      expect(r.code).toBe(0);
    } finally {
      await provider.stop();
    }
  }, 120_000);

  it.each(providerBugs.map((b) => [b.name, b.breaks, b.caughtBy]))('fails on the provider bug %s (%s), in the case "%s"', async (name, _, caughtBy) => {
    const provider = await startIndependentTarget({ tier: { read: 6000, write: 600 }, bugs: [name] });
    try {
      const r = await run(provider.target, ['--seed', '1', '--property-runs', '1', '--bail']);
      expect(r.code, r.stdout.slice(-2000)).toBe(1);
      expect(r.stdout).toMatch(new RegExp(`^✗ .*${caughtBy.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    } finally {
      await provider.stop();
    }
  }, 120_000);
});

describe('driving the installed kirim-contract', () => {
  const fixtureRun = async (fixtures: unknown, extra: string[] = []) => {
    const file = path.join(scratch, `fixtures-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(file, JSON.stringify(fixtures));
    return runProcess(process.execPath, [bin, '--base-url', 'http://127.0.0.1:9/v1', '--api-key', 'kdv_live_AcmeActive00000000000000', '--fixtures', file, ...extra]);
  };

  it('refuses fixtures that are wrong with exit 2, naming each field, before any banner', async () => {
    const misspelled = await fixtureRun({ teamid: 'team_alpha' });
    expect(misspelled.code).toBe(2);
    expect(misspelled.stderr).toContain('teamid: unknown field (did you mean "teamId"?)');
    expect(misspelled.stdout).toBe('');
    const shaped = await fixtureRun({ teamId: 'team_alpha', contacts: { team_alpha: 'ctc_01JB7Y2K8N4Q6S0T3V5W7X9Z1C' } });
    expect(shaped.code).toBe(2);
    expect(shaped.stderr).toContain('contacts.team_alpha: must be array');
    const missing = await fixtureRun({ teamId: 'team_alpha', otherTeamId: 'team_beta', contacts: { team_alpha: ['ctc_01JB7Y2K8N4Q6S0T3V5W7X9Z1C'] } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('contacts: no entry for otherTeamId "team_beta"');
    const badSeed = await fixtureRun({}, ['--seed', 'soon']);
    expect(badSeed.code).toBe(2);
    expect(badSeed.stdout).toBe('');
  });

  it('exits 3, not 1, when the target cannot be reached', async () => {
    const port = await freePort();
    const r = await runProcess(process.execPath, [bin, '--base-url', `http://127.0.0.1:${port}/v1`, '--api-key', 'kdv_live_AcmeActive00000000000000']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`cannot reach http://127.0.0.1:${port}/v1: ECONNREFUSED`);
  });

  it('ships the fixtures JSON Schema beside the bin, and --help gives the defaults, the pacing and the exit codes', async () => {
    const schema = JSON.parse(await readFile(path.join(installed, 'dist/kirim-contract.fixtures.schema.json'), 'utf8'));
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['teamId', 'otherTeamId', 'contacts', 'foreignContacts', 'foreignLabels', 'expiredKey', 'rateLimited', 'preferUrl', 'inspectContactUrl']));
    const { stdout } = await runProcess(process.execPath, [bin, '--help']);
    expect(stdout).toMatch(/--property-runs N .*\(default \d+\)/);
    expect(stdout).toContain('X-RateLimit-Remaining');
    expect(stdout).toContain('3 the server could not be reached');
  });
});
