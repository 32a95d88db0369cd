// The package as a consumer gets it: `npm pack` (whose prepack builds dist/), then publint and
// @arethetypeswrong/cli on the tarball, and a scratch project outside the repository that
// installs the tarball offline, compiles a consumer under three TypeScript settings and runs it
// against stock Prism.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installOffline } from './install.js';

const exec = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const tscBin = require.resolve('typescript/bin/tsc');
const attwBin = path.join(path.dirname(require.resolve('@arethetypeswrong/cli/package.json')), 'dist/index.js');
const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));

// npm hands its own settings (prefix, lifecycle event) to scripts through npm_* variables:
// drop them, so that the nested npm calls act on their own directory only.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) || /^npm_config_cache$/i.test(name)));
env.SCARF_ANALYTICS = 'false';

function run(file: string, args: string[], cwd: string) {
  return exec(file, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`${path.basename(file)} ${args.join(' ')} failed in ${cwd}:\n${error.stdout ?? ''}${error.stderr ?? error.message}`);
  });
}

let scratch: string;
let tarball: string;
let packed: string[];

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'kirim-pack-'));
  // prepack builds dist/ and prints its progress; run it first so that `npm pack --json` prints
  // nothing but its JSON report.
  await run('npm', ['run', 'prepack', '--silent'], root);
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], root);
  const [report] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(scratch, report!.filename);
  packed = report!.files.map((f) => f.path).sort();
}, 60_000);

afterAll(() => rm(scratch, { recursive: true, force: true }));

describe.concurrent(`the packed ${pkg.name}`, () => {
  it('ships the built client, the contract bin, the generated types and the description, nothing else', () => {
    expect(packed.filter((f) => !f.startsWith('dist/'))).toEqual(['README.md', 'generated/openapi.d.ts', 'generated/openapi.json', 'generated/openapi.yaml', 'package.json']);
    expect(packed).toContain('dist/index.js');
    expect(packed).toContain('dist/index.d.ts');
    expect(packed.filter((f) => f.startsWith('dist/') && !/\.(js|d\.ts)$/.test(f))).toEqual(['dist/kirim-contract.fixtures.schema.json', 'dist/kirim-contract.mjs']);
    expect(packed.filter((f) => f.startsWith('dist/contract/'))).toEqual([]);
    expect(Object.keys(pkg.dependencies)).toEqual(['openapi-fetch']);
  });

  it('passes publint, warnings and suggestions included', async () => {
    const bytes = await readFile(tarball);
    const { messages, pkg: linted } = await publint({ pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer }, strict: true });
    expect(messages.map((m) => formatMessage(m, linted) ?? m.code)).toEqual([]);
  });

  it('passes @arethetypeswrong/cli for an ESM-only package', async () => {
    // The .yaml export is a data file, not a module: no resolution mode can give it types.
    const { stdout } = await run(process.execPath, [attwBin, tarball, '--profile', 'esm-only', '--exclude-entrypoints', './openapi.yaml', '--format', 'ascii'], scratch);
    expect(stdout).toContain('"@kirim/openapi/types"');
  });

  it('installs offline into a scratch project, compiles under node16, bundler and non-strict, and runs against stock Prism', async () => {
    const consumer = path.join(scratch, 'consumer');
    await mkdir(consumer);
    await cp(path.join(root, 'test/client/consumer'), consumer, { recursive: true });
    await installOffline(tarball, consumer, scratch);
    await run(process.execPath, [tscBin, '-b', 'tsconfig.node16.json', 'tsconfig.bundler.json', 'tsconfig.loose.json'], consumer);

    // The contract bin is installed and runs with no dependency but Node's own modules.
    const { stdout: usage } = await run(path.join(consumer, 'node_modules/.bin/kirim-contract'), ['--help'], consumer);
    expect(usage).toContain('usage: kirim-contract --base-url URL');

    // The three outputs are the same JavaScript: running one against the mock is enough.
    const { stdout: report } = await run(process.execPath, ['out-node16/consumer.js', inject('prismUrl')], consumer);
    expect(JSON.parse(report)).toEqual({
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

    const exportsCheck = `
      const json = (await import('@kirim/openapi/openapi.json', { with: { type: 'json' } })).default;
      const yaml = await (await import('node:fs/promises')).readFile(new URL(import.meta.resolve('@kirim/openapi/openapi.yaml')), 'utf8');
      const types = await import('@kirim/openapi/types');
      console.log(JSON.stringify([json.openapi, yaml.includes('openapi: 3.1'), Object.keys(types).length]));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', exportsCheck], consumer);
    expect(JSON.parse(stdout)).toEqual([expect.stringMatching(/^3\.1\./), true, 0]);
    // An install and three TypeScript builds: well over the default 20 s on a loaded machine.
  }, 120_000);
});
