// The packed packages under every Node a consumer may have (scripts/lib/node-versions.mjs): in a
// scratch project outside the repository, with that Node, `npm ci --offline` installs both
// tarballs (@kirim/openapi and @kirim/mock, test/package/consumer-lock.ts); TypeScript compiles a
// consumer against the client's types (strict under node16 and bundler, and non-strict) and the
// README's vitest global setup against the mock's; `npx kirim-mock --stateful --port 0` prints
// its URL and keys and answers; the client runs against the installed stateless mock; the
// consumer's vitest run starts the mock with startMock(), runs its code through the client and
// stops it; the installed `kirim-contract` bin passes against the stateful mock; the package's
// JSON, YAML and types exports resolve.
import { spawn } from 'node:child_process';
import { cp, mkdir, readdir, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { startMockTarget } from '../harness/contract-target.mjs';
import { runContractBin } from '../../scripts/contract-bin.mjs';
import { runProcess } from '../../scripts/lib/run-process.mjs';
import { NODE_VERSIONS, withNodeFirst } from '../../scripts/lib/node-versions.mjs';
import { cleanEnv } from './setup.js';
import { writeConsumerLock } from './consumer-lock.js';

const root = path.resolve(import.meta.dirname, '../..');
const tscBin = createRequire(import.meta.url).resolve('typescript/bin/tsc');
// The node-<platform> packages hold node alone: npm's own CLI (the one running this) runs under each.
const npmCli = process.env.npm_execpath ?? path.resolve(path.dirname(process.execPath), '../lib/node_modules/npm/bin/npm-cli.js');
const npxCli = path.join(path.dirname(npmCli), 'npx-cli.js');
const { dir: scratch, tarball } = inject('packed');
const { tarball: mockTarball } = inject('packedMock');

/** Runs `node ...args` in `cwd` with that Node's folder first on PATH; throws with the output on failure. */
async function run(node: string, args: string[], cwd: string) {
  const env = cleanEnv({ PATH: withNodeFirst(node) });
  const result = await runProcess(node, args, { cwd, env });
  if (result.code !== 0) throw new Error(`${path.basename(args[0]!)} ${args.slice(1).join(' ')} under ${node} exited ${result.code} in ${cwd}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** Starts `npx kirim-mock ...args` under `node` in `cwd`; resolves with its first line once it is printed. */
function startInstalledMock(node: string, args: string[], cwd: string): Promise<{ line: string; url: string; stop: () => Promise<void> }> {
  const env = cleanEnv({ PATH: withNodeFirst(node) });
  // Its own process group: npx runs the bin as a child of its own, and stop() ends both.
  const child = spawn(node, [npxCli, 'kirim-mock', ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n')[0]!;
      if (!out.includes('\n')) return;
      const url = /on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(line)?.[1];
      if (!url) return reject(new Error(`npx kirim-mock printed no URL: ${line}`));
      resolve({ line, url, stop: () => (process.kill(-child.pid!, 'SIGTERM'), exited) });
    });
    child.once('exit', (code) => reject(new Error(`npx kirim-mock ${args.join(' ')} exited ${code} before printing its URL:\n${out}${err}`)));
  });
}

// require() and require.resolve through the exports map: Node 20.0 has neither import
// attributes (`with`) nor an unflagged import.meta.resolve.
const exportsCheck = `
  const require = (await import('node:module')).createRequire(process.cwd() + '/');
  const json = require('@kirim/openapi/openapi.json');
  const yaml = (await import('node:fs')).readFileSync(require.resolve('@kirim/openapi/openapi.yaml'), 'utf8');
  const types = await import('@kirim/openapi/types');
  console.log(JSON.stringify([process.version, json.openapi, yaml.includes('openapi: 3.1'), Object.keys(types).length]));`;

// Concurrent, two at a time (maxConcurrency in test/vitest.package.config.ts).
describe.concurrent.each(NODE_VERSIONS)('Node %s', (version) => {
  it('installs both packed packages offline, compiles a consumer, runs npx kirim-mock, the client, a vitest global setup with startMock() and the contract bin', async () => {
    const node = inject('nodes')[version]!;
    const consumer = path.join(scratch, `node-${version}`);
    await mkdir(consumer);
    await cp(path.join(root, 'test/client/consumer'), consumer, { recursive: true });
    await cp(path.join(root, 'test/package/mock-consumer'), consumer, { recursive: true });
    await writeConsumerLock(consumer, [
      { file: tarball, location: '' },
      { file: mockTarball, location: 'packages/mock' },
    ]);

    const t0 = performance.now();
    await run(node, [npmCli, 'ci', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], consumer);
    const installed = await readdir(path.join(consumer, 'node_modules'));
    console.log(`Node ${version}: npm ci --offline of both packed packages (${installed.length} entries in node_modules) ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    // The consumer's own test runner: the repository's vitest, linked in (it is not what is under test).
    await symlink(path.join(root, 'node_modules/vitest'), path.join(consumer, 'node_modules/vitest'), 'dir');

    await run(node, [tscBin, '-b', 'tsconfig.node16.json', 'tsconfig.bundler.json', 'tsconfig.loose.json'], consumer);
    await run(node, [tscBin, '-p', 'tsconfig.mock.json'], consumer);

    // `npx kirim-mock --stateful --port 0`: one line with the URL and the seeded keys, and it answers.
    const stateful = await startInstalledMock(node, ['--stateful', '--port', '0'], consumer);
    try {
      const key = /singleTeam=(\S+)/.exec(stateful.line)?.[1];
      expect(key, stateful.line).toBeDefined();
      const answer = await fetch(`${stateful.url}/labels`, { headers: { authorization: `Bearer ${key}` } });
      expect(answer.status).toBe(200);
      expect((await answer.json()).data).toEqual(expect.arrayContaining([expect.objectContaining({ object: 'label' })]));
    } finally {
      await stateful.stop();
    }

    // The three outputs are the same JavaScript: running one is enough. Against the installed mock, stateless.
    const stateless = await startInstalledMock(node, ['--port', '0'], consumer);
    let report;
    try {
      report = JSON.parse(await run(node, ['out-node16/consumer.js', stateless.url], consumer));
    } finally {
      await stateless.stop();
    }
    expect(report).toEqual({
      created: 'label',
      requestId: true,
      listed: expect.any(Number),
      got: 'lbl_01JCZ4V9Q8M3T5N7P2R6W0X1YA',
      updated: 'label',
      deleted: true,
      attached: true,
      detached: false,
      bulk: 'number',
      notFound: '404 not_found resource_not_found',
      isKirimError: true,
      raw: 'lbl_01JCZ4V9Q8M3T5N7P2R6W0X1YA',
    });

    // The README's vitest global setup: startMock(), the consumer's code through the client, stop.
    // vitest 4 itself starts only on Node >= 20.12 (it imports node:util's styleText), whatever its
    // engines field says: on older Nodes the run is expected to fail for that reason alone.
    const vitestArgs = ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.config.mjs'];
    const [major, minor] = version.split('.').map(Number) as [number, number];
    if (major > 20 || minor >= 12) {
      const vitestRun = (await run(node, vitestArgs, consumer)).replace(/\x1b\[[0-9;]*m/g, '');
      expect(vitestRun).toMatch(/Tests\s+2 passed \(2\)/);
    } else {
      await expect(run(node, vitestArgs, consumer)).rejects.toThrow("does not provide an export named 'styleText'");
    }

    expect(JSON.parse(await run(node, ['--input-type=module', '-e', exportsCheck], consumer))).toEqual([`v${version}`, expect.stringMatching(/^3\.1\./), true, 0]);

    // The installed bin runs with no dependency but Node's own modules.
    const mock = await startMockTarget();
    try {
      const bin = path.join(consumer, 'node_modules/@kirim/openapi/dist/kirim-contract.mjs');
      const result = await runContractBin(bin, mock.target, { dir: consumer, node, args: ['--seed', '7', '--property-runs', '5'] });
      expect(result.stdout).toContain('PASSED');
      expect(result.code).toBe(0);
    } finally {
      await mock.stop();
    }
  }, 240_000);
});
