import type { Target } from '../src/contract/target.js';
export interface MockTarget {
  target: Target;
  reset(): Promise<unknown>;
  stop(): Promise<unknown>;
}
export function startMockTarget(options?: { fault?: unknown }): Promise<MockTarget>;
