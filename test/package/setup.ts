// Global setup of `npm run test:package`: packs the package once (`npm run prepack`, then
// `npm pack`), packs its runtime dependencies from node_modules, and makes sure the Node binaries
// of every supported version are in the cache. The test files get the paths by `inject`.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
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
  /** The runtime dependencies, packed from node_modules (the versions the lockfile pins). */
  dependencies: string[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    packed: Packed;
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

/** The package's runtime dependencies, and theirs, by name, from node_modules. */
async function dependencyClosure(): Promise<string[]> {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  const seen = new Set<string>();
  const queue = Object.keys(pkg.dependencies ?? {});
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const manifest = JSON.parse(await readFile(path.join(root, 'node_modules', name, 'package.json'), 'utf8'));
    queue.push(...Object.keys(manifest.dependencies ?? {}));
  }
  return [...seen];
}

async function pack(): Promise<Packed> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kirim-pack-'));
  // prepack builds dist/ and prints its progress; run it first so that `npm pack --json` prints
  // nothing but its JSON report.
  await npm(['run', 'prepack', '--silent'], root);
  const [report] = JSON.parse(await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], root)) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[];
  // Installed beside the tarball, they let `npm install --offline` work without the registry's
  // metadata, which npm's cache may not hold (npm ci keeps only tarballs).
  const names = await dependencyClosure();
  const deps = JSON.parse(await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir, ...names.map((n) => path.join(root, 'node_modules', n))], dir)) as { filename: string }[];
  return {
    dir,
    tarball: path.join(dir, report!.filename),
    files: report!.files.map((f) => f.path).sort(),
    size: report!.size,
    unpackedSize: report!.unpackedSize,
    dependencies: deps.map((d) => path.join(dir, d.filename)),
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
  process.stdout.write(`test:package: ${path.basename(packed.tarball)} ${(packed.size / 1024).toFixed(1)} KiB packed, ${(packed.unpackedSize / 1024).toFixed(1)} KiB unpacked, ${packed.files.length} files\n`);
  project.provide('packed', packed);
  project.provide('nodes', Object.fromEntries(nodes));
  return () => rm(packed.dir, { recursive: true, force: true });
}
