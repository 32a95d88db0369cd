// Installs a packed tarball into a scratch project offline, as a consumer would. The package's
// runtime dependencies are packed from the repository's own node_modules and installed with it,
// so that the install needs neither the registry nor an npm cache that holds their metadata.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

/** npm hands its own settings to scripts through npm_* variables: dropped, so that nested npm calls act on their own directory only. */
export const npmEnv: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) || /^npm_config_cache$/i.test(name))),
  SCARF_ANALYTICS: 'false',
};

/** The package's runtime dependencies and theirs, as installed in the repository. */
async function runtimeDependencies(): Promise<string[]> {
  const found = new Set<string>();
  const visit = async (dir: string) => {
    const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      if (found.has(name)) continue;
      found.add(name);
      await visit(path.join(root, 'node_modules', name));
    }
  };
  await visit(root);
  return [...found];
}

/** `npm install --offline` of `tarball` (and its runtime dependencies, packed into `scratch`) in `consumer`. */
export async function installOffline(tarball: string, consumer: string, scratch: string): Promise<void> {
  const dependencies = await runtimeDependencies();
  const { stdout } = await exec('npm', ['pack', '--json', '--pack-destination', scratch, ...dependencies.map((d) => path.join(root, 'node_modules', d))], { cwd: scratch, env: npmEnv });
  const tarballs = [tarball, ...JSON.parse(stdout).map((p: { filename: string }) => path.join(scratch, p.filename))];
  await exec('npm', ['install', '--offline', '--no-audit', '--no-fund', ...tarballs], { cwd: consumer, env: npmEnv });
}
