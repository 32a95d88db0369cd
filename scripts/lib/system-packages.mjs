// The Debian packages the tests run, each with a probe of what the tests actually call (not a
// dpkg query), so that a machine that has the tool some other way passes too.
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { runProcess } from './run-process.mjs';

/** Resolves true when `name` is an executable file in a PATH directory. */
async function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    if (await isExecutable(path.join(dir, name))) return true;
  }
  return false;
}

const isExecutable = (file) => access(file, constants.X_OK).then(() => true, () => false);

/** Resolves true when the program runs and exits 0 (false when it is missing or fails). */
const succeeds = (file, args) => runProcess(file, args, { timeout: 10_000 }).then((r) => r.code === 0, () => false);

/**
 * What each package gives the tests. `needs` says what the probe looked for, for the message.
 * @type {{ name: string, usedBy: string, needs: string, present: () => Promise<boolean> }[]}
 */
export const systemPackages = [
  // playwright-core drives this exact binary (test/browser); it never downloads a browser.
  { name: 'chromium', usedBy: 'test/browser', needs: '/usr/bin/chromium', present: () => isExecutable('/usr/bin/chromium') },
  { name: 'curl', usedBy: 'test/samples (curl)', needs: '`curl` on PATH', present: () => onPath('curl') },
  // Debian's python3, not a pyenv or venv one: test/samples runs /usr/bin/python3.
  { name: 'python3-requests', usedBy: 'test/samples (Python)', needs: '/usr/bin/python3 with `requests`', present: () => succeeds('/usr/bin/python3', ['-c', 'import requests']) },
  { name: 'ruby', usedBy: 'test/samples (Ruby)', needs: '`ruby` on PATH', present: () => onPath('ruby') },
  { name: 'php-cli', usedBy: 'test/samples (PHP)', needs: '`php` on PATH', present: () => onPath('php') },
  { name: 'php-curl', usedBy: 'test/samples (PHP)', needs: "php's curl extension", present: () => succeeds('php', ['-r', 'exit(extension_loaded("curl") ? 0 : 1);']) },
  { name: 'golang-go', usedBy: 'test/samples (Go)', needs: '`go` on PATH', present: () => onPath('go') },
];

/** The packages whose probe fails, in the list's order. */
export async function missingPackages() {
  const present = await Promise.all(systemPackages.map((p) => p.present()));
  return systemPackages.filter((_, i) => !present[i]);
}

/** The exact line that installs `packages` (with sudo unless running as root). */
export function installLine(packages) {
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  return `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${packages.map((p) => p.name).join(' ')}`;
}

/** Several lines: each missing package, what needs it, and the install line. */
export function missingMessage(packages) {
  return [
    `${packages.length} system package(s) missing, so the tests cannot run:`,
    ...packages.map((p) => `  ${p.name.padEnd(17)} for ${p.usedBy} (no ${p.needs})`),
    'Install them with:',
    `  ${installLine(packages)}`,
    '(the README\'s test command, run as root on Debian or Ubuntu, installs them itself)',
  ].join('\n');
}

/** Root on a machine with apt: the test command may install what is missing. */
export const canInstall = async () => process.getuid?.() === 0 && (await isExecutable('/usr/bin/apt-get'));
