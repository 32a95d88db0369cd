// `npm test` starts here: it names each missing system package and the line that installs it,
// instead of a test failing deep inside (chromium for the browser test, the sample runtimes).
// `--install`, as root with apt (the README's test command does this): installs what is missing.
import { spawn } from 'node:child_process';
import { run, step, UserError } from './lib/cli.mjs';
import { canInstall, installLine, missingMessage, missingPackages, systemPackages } from './lib/system-packages.mjs';

/** Runs a shell line with its output shown; rejects with a UserError when it fails. */
function shell(line) {
  return /** @type {Promise<void>} */ (new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', line], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    child.on('error', (error) => reject(new UserError(`\`${line}\` could not start: ${error.message}`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new UserError(`\`${line}\` exited with ${code}`))));
  }));
}

/** Resolves when every package is present (installing them first if allowed); throws the list otherwise. */
export async function ensureSystemPackages({ install }) {
  return step('system packages', async () => {
    const missing = await missingPackages();
    if (missing.length === 0) return { summary: `${systemPackages.length} present` };
    if (!install || !(await canInstall())) throw new UserError(missingMessage(missing));
    const started = performance.now();
    // -qq and no recommends: quiet, and about half the download.
    await shell(installLine(missing).replace(/apt-get update/, 'apt-get update -qq').replace(/install -y/, 'install -y -qq') + ' >/dev/null');
    const still = await missingPackages();
    if (still.length > 0) throw new UserError(`apt installed, but still:\n${missingMessage(still)}`);
    return { summary: `installed ${missing.map((p) => p.name).join(' ')} in ${((performance.now() - started) / 1000).toFixed(0)} s` };
  });
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  run(() => ensureSystemPackages({ install: process.argv.includes('--install') }));
}
