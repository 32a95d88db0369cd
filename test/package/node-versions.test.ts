// The packed package under every Node a consumer may have (scripts/lib/node-versions.mjs): in a
// scratch project outside the repository, with that Node, npm installs the tarball offline;
// TypeScript compiles a consumer against its types (strict under node16 and bundler, and
// non-strict); the client runs against the stateless mock; the installed `kirim-contract` bin
// passes against the stateful mock; the package's JSON, YAML and types exports resolve.
import { cp, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { startMockTarget } from '../harness/contract-target.mjs';
import { runContractBin } from '../../scripts/contract-bin.mjs';
import { runProcess } from '../../scripts/lib/run-process.mjs';
import { NODE_VERSIONS } from '../../scripts/lib/node-versions.mjs';
import { cleanEnv } from './setup.js';

const root = path.resolve(import.meta.dirname, '../..');
const tscBin = createRequire(import.meta.url).resolve('typescript/bin/tsc');
// The node-<platform> packages hold node alone: npm's own CLI (the one running this) runs under each.
const npmCli = process.env.npm_execpath ?? path.resolve(path.dirname(process.execPath), '../lib/node_modules/npm/bin/npm-cli.js');
const { dir: scratch, tarball, dependencies } = inject('packed');

/** Runs `node ...args` in `cwd` with that Node's folder first on PATH; throws with the output on failure. */
async function run(node: string, args: string[], cwd: string) {
  const env = cleanEnv({ PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}` });
  const result = await runProcess(node, args, { cwd, env });
  if (result.code !== 0) throw new Error(`${path.basename(args[0]!)} ${args.slice(1).join(' ')} under ${node} exited ${result.code} in ${cwd}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
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
  it('installs the packed package offline, compiles a consumer, runs the client and the contract bin against the mock', async () => {
    const node = inject('nodes')[version]!;
    const consumer = path.join(scratch, `node-${version}`);
    await mkdir(consumer);
    await cp(path.join(root, 'test/client/consumer'), consumer, { recursive: true });

    const t0 = performance.now();
    await run(node, [npmCli, 'install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball, ...dependencies], consumer);
    console.log(`Node ${version}: npm install of the packed package ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    await run(node, [tscBin, '-b', 'tsconfig.node16.json', 'tsconfig.bundler.json', 'tsconfig.loose.json'], consumer);

    // The three outputs are the same JavaScript: running one is enough.
    const report = JSON.parse(await run(node, ['out-node16/consumer.js', inject('mocks').stateless], consumer));
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
