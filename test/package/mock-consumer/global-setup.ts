// vitest global setup: one Kirim mock for the whole run, stopped at the end.
import { keys, startMock } from '@kirim/mock';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    kirimBaseUrl: string;
    kirimApiKey: string;
  }
}

export default async function setup(project: TestProject) {
  const mock = await startMock({ stateful: true }); // 127.0.0.1, a free port
  project.provide('kirimBaseUrl', mock.url);
  project.provide('kirimApiKey', keys.singleTeam);
  return () => mock.stop();
}
