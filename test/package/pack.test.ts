// The package as a consumer gets it: the tarball `npm pack` made (test/package/setup.ts), its
// file list against test/package/files.txt, `npm publish --dry-run`, publint and
// @arethetypeswrong/cli on it, and a scratch project outside the repository that installs it
// offline under every supported Node: test/package/node-versions.test.ts.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, inject, it } from 'vitest';
import { cleanEnv } from './setup.js';

const exec = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const attwBin = path.join(path.dirname(require.resolve('@arethetypeswrong/cli/package.json')), 'dist/index.js');
const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));

const env = cleanEnv();

function run(file: string, args: string[], cwd: string) {
  return exec(file, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`${path.basename(file)} ${args.join(' ')} failed in ${cwd}:\n${error.stdout ?? ''}${error.stderr ?? error.message}`);
  });
}

/** The expected file list, one path a line, sorted. */
const expectedFiles = async () => (await readFile(path.join(import.meta.dirname, 'files.txt'), 'utf8')).split('\n').filter(Boolean).sort();

// Packed once for the whole run by test/package/setup.ts.
const { dir: scratch, tarball, files: packed } = inject('packed');

describe.concurrent(`the packed ${pkg.name}`, () => {
  it('ships exactly the files of test/package/files.txt: the built client, the contract bin, the types, the description', async () => {
    expect(packed, 'the packed files changed: if that is meant, update test/package/files.txt').toEqual(await expectedFiles());
    // What must never ship, whatever the list says: sources, tests, scripts, source maps.
    expect(packed.filter((f) => /^(src|test|scripts|mock|openapi)\/|\.map$|\.ts$(?<!\.d\.ts)/.test(f))).toEqual([]);
    expect(Object.keys(pkg.dependencies)).toEqual(['openapi-fetch']);
  });

  it('passes `npm publish --dry-run`, offline, with the same file list', async () => {
    const { stdout } = await run('npm', ['publish', '--dry-run', '--offline', '--json', '--ignore-scripts', tarball], scratch);
    const report = JSON.parse(stdout)[pkg.name] as { id: string; files: { path: string }[] };
    expect(report.id).toBe(`${pkg.name}@${pkg.version}`);
    expect(report.files.map((f) => f.path).sort()).toEqual(await expectedFiles());
  });

  it('has the metadata a registry page shows: repository, homepage, bugs, keywords, a LICENSE file', () => {
    expect(pkg.repository).toMatchObject({ type: 'git', url: expect.stringMatching(/^git\+https:\/\//) });
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.bugs.url).toMatch(/^https:\/\//);
    expect(pkg.keywords).toEqual(expect.arrayContaining(['openapi', 'kirim']));
    expect(pkg.publishConfig).toEqual({ access: 'public' });
    expect(packed).toContain('LICENSE');
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
});
