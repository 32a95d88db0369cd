// The run's Debian chromium, in a process of its own: started by test/support/browser-setup.ts,
// it prints Playwright's endpoint on one line, and closes the browser when its input ends (the
// setup stops it, or vitest went away). Outside vitest's main process, which serves the mocks:
// relaying the browser's traffic there would hold their answers up.
import { chromium } from 'playwright-core';

/** How every browser test's chromium is started: the network cut is per page (chromium.ts). */
const launchOptions = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
};

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const server = await chromium.launchServer(launchOptions);
  process.stdout.write(`${server.wsEndpoint()}\n`);
  process.stdin.on('end', () => server.close()).resume();
}
