// Vitest global setup: one stock Prism and the contract mocks for the whole run, on free ports,
// stopped at the end.
import type { TestProject } from 'vitest/node';
import { startTestMocks, type TestMocks } from '../mock/servers.js';
import { startPrism } from './prism.js';

declare module 'vitest' {
  export interface ProvidedContext {
    prismUrl: string;
    /** Base URLs (with `/v1`) of the contract mocks: see test/mock/servers.ts. */
    mocks: TestMocks;
  }
}

export default async function setup(project: TestProject) {
  const [prism, mocks] = await Promise.all([startPrism(), startTestMocks()]);
  project.provide('prismUrl', prism.url);
  project.provide('mocks', mocks.urls);
  return async () => {
    await Promise.all([prism.stop(), mocks.stop()]);
  };
}
