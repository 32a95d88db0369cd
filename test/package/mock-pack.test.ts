// The packed @kirim/mock (test/package/setup.ts packs it): its file list against
// test/package/mock-files.txt, `npm publish --dry-run` with the same list, its one runtime
// dependency, and its version, the description's. Installed and run under every supported Node in
// test/package/node-versions.test.ts.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { cleanEnv } from './setup.js';

const exec = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(await readFile(path.join(root, 'packages/mock/package.json'), 'utf8'));
const description = JSON.parse(await readFile(path.join(root, 'generated/openapi.json'), 'utf8'));
const { dir: scratch } = inject('packed');
const { tarball, files: packed } = inject('packedMock');

const expectedFiles = async () => (await readFile(path.join(import.meta.dirname, 'mock-files.txt'), 'utf8')).split('\n').filter(Boolean).sort();

describe.concurrent(`the packed ${pkg.name}`, () => {
  it('ships exactly the files of test/package/mock-files.txt: the bundled mock and bin, their types, seed, seed schema, description, docs page', async () => {
    expect(packed, 'the packed files changed: if that is meant, update test/package/mock-files.txt').toEqual(await expectedFiles());
    // Never the repository's sources, the test harness (fault injection, contract targets) or source maps.
    expect(packed.filter((f) => /^(src|test|scripts|mock|lib|openapi)\/|harness|faults|contract-target|\.map$/.test(f))).toEqual([]);
    expect(pkg.dependencies).toEqual({ '@stoplight/prism-http': expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    expect(pkg.version).toBe(description.info.version);
    expect(pkg.bin).toEqual({ 'kirim-mock': 'dist/cli.mjs' });
  });

  it('passes `npm publish --dry-run`, offline, with the same file list', async () => {
    const { stdout } = await exec('npm', ['publish', '--dry-run', '--offline', '--json', '--ignore-scripts', tarball], { cwd: scratch, env: cleanEnv(), maxBuffer: 16 * 1024 * 1024 });
    const report = JSON.parse(stdout)[pkg.name] as { id: string; files: { path: string }[] };
    expect(report.id).toBe(`${pkg.name}@${pkg.version}`);
    expect(report.files.map((f) => f.path).sort()).toEqual(await expectedFiles());
  });

  it('has the metadata a registry page shows', () => {
    expect(pkg.repository).toMatchObject({ type: 'git', url: expect.stringMatching(/^git\+https:\/\//), directory: 'packages/mock' });
    expect(pkg.keywords).toEqual(expect.arrayContaining(['kirim', 'mock']));
    expect(pkg.publishConfig).toEqual({ access: 'public' });
    expect(packed).toEqual(expect.arrayContaining(['LICENSE', 'README.md']));
  });
});

describe("the README's section \"Use the mock in your CI\"", () => {
  it('shows the global setup and config that node-versions.test.ts runs, as they are', async () => {
    const readme = await readFile(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Use the mock in your CI'), readme.indexOf('### What the mock does and does not do'));
    for (const file of ['global-setup.ts', 'vitest.config.mjs']) {
      expect(section, file).toContain(await readFile(path.join(import.meta.dirname, 'mock-consumer', file), 'utf8'));
    }
    expect(section).toContain('npx kirim-mock --stateful --port 0');
  });
});
