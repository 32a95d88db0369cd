// Global setup of `npm run test:package`: packs the package and the @kirim/mock workspace once
// (`npm run prepack`, then `npm pack`), and makes sure the Node binaries of every supported
// version are in the cache. The test files get the paths by `inject`. The consumers install
// the tarballs with `npm ci --offline` from a lockfile derived from the repository's own
// (test/package/consumer-lock.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { runProcess } from '../../scripts/lib/run-process.mjs';
import { NODE_VERSIONS, nodeBinary, nodeCache } from '../../scripts/lib/node-versions.mjs';

export interface Packed {
  /** The folder that holds the tarballs; removed at the end of the run. */
  dir: string;
  tarball: string;
  /** `npm pack --json`'s report: file list and sizes. */
  files: string[];
  size: number;
  unpackedSize: number;
}

/** The @kirim/mock workspace, packed the same way (its dependencies come from the lockfile: test/package/consumer-lock.ts). */
export interface PackedMock {
  tarball: string;
  files: string[];
  size: number;
  unpackedSize: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    packed: Packed;
    packedMock: PackedMock;
    /** Node version → its binary. */
    nodes: Record<string, string>;
  }
}

const root = path.resolve(import.meta.dirname, '../..');

/**
 * The environment nested npm calls get: npm hands its own settings (prefix, lifecycle event) to
 * scripts through npm_* variables; without them the nested calls act on their own folder only.
 */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) || /^npm_config_cache$/i.test(name)));
  return { ...env, SCARF_ANALYTICS: 'false', ...extra };
}

async function npm(args: string[], cwd: string) {
  const result = await runProcess('npm', args, { cwd, env: cleanEnv() });
  if (result.code !== 0) throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

type PackReport = { filename: string; size: number; unpackedSize: number; files: { path: string }[] };

async function packMock(dir: string): Promise<PackedMock> {
  await npm(['run', 'prepack', '--silent', '--workspace', '@kirim/mock'], root);
  const [report] = JSON.parse(await npm(['pack', '--json', '--ignore-scripts', '--workspace', '@kirim/mock', '--pack-destination', dir], root)) as PackReport[];
  return { tarball: path.join(dir, report!.filename), files: report!.files.map((f) => f.path).sort(), size: report!.size, unpackedSize: report!.unpackedSize };
}

async function pack(): Promise<Packed & { mock: PackedMock }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kirim-pack-'));
  // prepack builds dist/ and prints its progress; run it first so that `npm pack --json` prints
  // nothing but its JSON report.
  await npm(['run', 'prepack', '--silent'], root);
  const [report] = JSON.parse(await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], root)) as PackReport[];
  const mock = await packMock(dir);
  return {
    dir,
    tarball: path.join(dir, report!.filename),
    files: report!.files.map((f) => f.path).sort(),
    size: report!.size,
    unpackedSize: report!.unpackedSize,
    mock,
  };
}

export default async function setup(project: TestProject) {
  const [packed, nodes] = await Promise.all([
    pack(),
    Promise.all(
      NODE_VERSIONS.map(async (version) => {
        const t0 = performance.now();
        const { bin, installedNow } = await nodeBinary(version, cleanEnv(), (line) => process.stdout.write(`test:package: ${line}\n`));
        if (installedNow) process.stdout.write(`test:package: installed Node ${version} into ${nodeCache} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
        return [version, bin] as const;
      }),
    ),
  ]);
  for (const p of [packed, packed.mock]) {
    process.stdout.write(`test:package: ${path.basename(p.tarball)} ${(p.size / 1024).toFixed(1)} KiB packed, ${(p.unpackedSize / 1024).toFixed(1)} KiB unpacked, ${p.files.length} files\n`);
  }
  const { mock, ...client } = packed;
  project.provide('packed', client);
  project.provide('packedMock', mock);
  project.provide('nodes', Object.fromEntries(nodes));
  return () => rm(packed.dir, { recursive: true, force: true });
}
