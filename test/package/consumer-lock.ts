// A consumer project's package.json and package-lock.json for the packed tarballs, so that
// `npm ci --offline` installs them with exactly the dependency versions the repository's lockfile
// pins, from npm's cache (npm ci fills it with every tarball, by integrity). A plain
// `npm install --offline TARBALLS` cannot: resolving a range needs the registry's metadata, which
// the cache does not keep, and Prism's engine needs two versions of some packages side by side.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  link?: boolean;
  resolved?: string;
  [field: string]: unknown;
}

/** A packed package: its tarball and where its manifest is in the repository ('' = the top level). */
export interface Tarball {
  file: string;
  /** The package's folder in the lockfile: '' for the top level, 'packages/mock' for the mock. */
  location: string;
}

/** The lockfile key that `name` resolves to from `from`, as Node would: nearest node_modules first. */
function resolveIn(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const key = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (packages[key]) return key;
    if (dir === '') return undefined;
    const up = dir.lastIndexOf('/node_modules/');
    dir = up === -1 ? '' : dir.slice(0, up);
  }
}

/** Writes package.json and package-lock.json into `consumer` for `tarballs` and their runtime dependencies. */
export async function writeConsumerLock(consumer: string, tarballs: Tarball[], name = 'kirim-consumer'): Promise<void> {
  const lock = JSON.parse(await readFile(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const packages: Record<string, LockEntry> = {};
  const dependencies: Record<string, string> = {};
  const queue: string[] = [];
  for (const { file, location } of tarballs) {
    const manifest = JSON.parse(await readFile(path.join(root, location, 'package.json'), 'utf8'));
    const spec = `file:${path.relative(consumer, file)}`;
    dependencies[manifest.name] = spec;
    const integrity = `sha512-${createHash('sha512').update(await readFile(file)).digest('base64')}`;
    packages[`node_modules/${manifest.name}`] = {
      version: manifest.version,
      resolved: spec,
      integrity,
      license: manifest.license,
      ...(manifest.dependencies && { dependencies: manifest.dependencies }),
      ...(manifest.bin && { bin: manifest.bin }),
      ...(manifest.engines && { engines: manifest.engines }),
    };
    for (const dep of Object.keys(manifest.dependencies ?? {})) {
      const key = resolveIn(lock.packages, location, dep);
      if (!key) throw new Error(`package-lock.json has no ${dep} for ${manifest.name}: run npm install`);
      queue.push(key);
    }
  }
  while (queue.length > 0) {
    const key = queue.shift()!;
    if (packages[key]) continue;
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = lock.packages[key]!;
    packages[key] = entry;
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
      const found = resolveIn(lock.packages, key, dep);
      if (found) queue.push(found);
      else if (!entry.optionalDependencies?.[dep]) throw new Error(`package-lock.json: ${key} needs ${dep}, which it does not hold`);
    }
  }
  const manifest = { name, version: '0.0.0', private: true, type: 'module', dependencies };
  await writeFile(path.join(consumer, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const consumerLock = { name, version: '0.0.0', lockfileVersion: 3, requires: true, packages: { '': { name, version: '0.0.0', dependencies }, ...packages } };
  await writeFile(path.join(consumer, 'package-lock.json'), `${JSON.stringify(consumerLock, null, 2)}\n`);
}
