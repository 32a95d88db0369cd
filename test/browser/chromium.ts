// Debian's chromium with the network cut, for the browser tests: every request that is not the
// page itself (file: or the test's own 127.0.0.1 server) is refused and recorded, and console
// errors are collected, so a test can assert the page needed nothing and logged nothing.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const pagePath = fileURLToPath(new URL('../../generated/docs/index.html', import.meta.url));
export const pageUrl = pathToFileURL(pagePath).href;
export const artifacts = fileURLToPath(new URL('./artifacts/', import.meta.url));

export const DESKTOP = { width: 1440, height: 900 };
export const MOBILE = { width: 390, height: 844 };

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export const launch = (): Promise<Browser> => chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

export interface Visit {
  page: Page;
  /** URLs the page asked for and was refused. */
  requests: string[];
  consoleErrors: string[];
}

/** A new page of `browser` at `viewport`, offline except for `allowedOrigin` (a local static server). */
export async function offlinePage(browser: Browser, viewport = DESKTOP, allowedOrigin?: string): Promise<Visit> {
  const page = await browser.newPage({ viewport, reducedMotion: 'reduce' });
  const visit: Visit = { page, requests: [], consoleErrors: [] };
  await page.route((url) => url.protocol !== 'file:' && url.origin !== allowedOrigin, (route) => {
    visit.requests.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  page.on('console', (message) => {
    if (message.type() === 'error') visit.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => visit.consoleErrors.push(`uncaught: ${error.message}`));
  return visit;
}
