// Vitest global setup for the browser tests: one Debian chromium for the whole run, which every
// browser test file connects to (a launch costs about a second of CPU each time), closed at the end.
import type { TestProject } from 'vitest/node';
import { launchServer } from '../browser/chromium.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Playwright's endpoint of the run's chromium: see test/browser/chromium.ts's `connect`. */
    chromiumEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await launchServer();
  project.provide('chromiumEndpoint', server.wsEndpoint());
  return () => server.close();
}
