// Vitest global setup for the browser tests: one Debian chromium for the whole run, which every
// browser test file connects to (a launch costs about a second of CPU each time), closed at the
// end. It runs in a process of its own: see test/browser/chromium-server.mjs.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Playwright's endpoint of the run's chromium: see test/browser/chromium.ts's `connect`. */
    chromiumEndpoint: string;
  }
}

const serverScript = fileURLToPath(new URL('../browser/chromium-server.mjs', import.meta.url));

export default async function setup(project: TestProject) {
  const child = spawn(process.execPath, [serverScript], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [endpoint] = (await Promise.race([
    once(createInterface({ input: child.stdout }), 'line'),
    once(child, 'exit').then(([code]) => Promise.reject(new Error(`test/browser/chromium-server.mjs exited with ${code} before printing its endpoint`))),
  ])) as [string];
  project.provide('chromiumEndpoint', endpoint);
  return async () => {
    const exited = once(child, 'exit');
    child.stdin.end();
    await exited;
  };
}
