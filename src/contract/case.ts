// A case of the suite: a name, the (operation, status) pairs it is meant to exercise (the
// coverage plan), what it needs from the target, and what it does.
import type { Context } from './context.js';
import type { Capability } from './target.js';

export type Group = 'negative' | 'auth' | 'forced' | 'scenario' | 'property';

export interface Case {
  name: string;
  group: Group;
  /** `operationId status` pairs this case exercises. */
  covers: string[];
  needs?: Capability[];
  /** Throws CaseFailure when the server breaks the contract; may return a note (e.g. property run counts). */
  run(ctx: Context): Promise<string | void>;
}
