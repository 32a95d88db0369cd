// Installs a packed tarball into a scratch project offline, as a consumer would: `npm ci
// --offline` from a lockfile derived from the repository's (test/package/consumer-lock.ts), so
// that the install needs neither the registry nor registry metadata in npm's cache.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeConsumerLock } from './consumer-lock.js';
import { cleanEnv } from './setup.js';

const exec = promisify(execFile);


/** `npm ci --offline` of the packed @kirim/openapi `tarball` and its runtime dependencies in `consumer`. */
export async function installOffline(tarball: string, consumer: string): Promise<void> {
  await writeConsumerLock(consumer, [{ file: tarball, location: '' }]);
  await exec('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: consumer, env: cleanEnv() });
}
