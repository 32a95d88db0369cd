// Vitest global setup: one stock Prism and the contract mocks for the whole run, on free ports,
// stopped at the end.
import type { TestProject } from 'vitest/node';
import { startMockTarget } from '../harness/contract-target.mjs';
import type { Target } from '../../src/contract/target.js';
import { startTestMocks, type TestMocks } from '../mock/servers.js';
import { startPrism } from './prism.js';

declare module 'vitest' {
  export interface ProvidedContext {
    prismUrl: string;
    /** Base URLs (with `/v1`) of the contract mocks: see test/mock/servers.ts. */
    mocks: TestMocks;
    /** The contract suite's own mocks (test/contract/suite.test.ts only: it changes their state). */
    contractTarget: Target;
  }
}

export default async function setup(project: TestProject) {
  // The mocks run here, in the main process, so that a suite's requests and the mock's answers
  // use both cores instead of sharing one test worker.
  const [prism, mocks, contract] = await Promise.all([startPrism(), startTestMocks(), startMockTarget()]);
  project.provide('prismUrl', prism.url);
  project.provide('mocks', mocks.urls);
  project.provide('contractTarget', contract.target as Target);
  return async () => {
    await Promise.all([prism.stop(), mocks.stop(), contract.stop()]);
  };
}
