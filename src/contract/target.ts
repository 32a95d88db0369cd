// What the suite may use on a server. Only `baseUrl` and `apiKey` are needed; every other field
// unlocks cases that cannot run without it (they are reported as not run, with the reason).
export interface Target {
  /** Printed with every result: "stateful mock" or "live server". */
  kind: 'mock' | 'live';
  /** The server URL including the base path, e.g. https://api-kckit.kirim.chat/v1. */
  baseUrl: string;
  /** An active key of the organisation under test. */
  apiKey: string;
  /** Whether the suite may create, change and delete (it deletes what it created). */
  allowWrites: boolean;
  /** The team to create labels in. Left out, the suite creates a label without `team_id` and uses the team the server resolves (a single-team organisation). */
  teamId?: string;
  /** Another team of the same organisation (team rules, property runs). */
  otherTeamId?: string;
  /** Contacts of the organisation by team id (attach, detach, bulk). */
  contacts?: Record<string, string[]>;
  /** Contacts of another organisation (bulk counts them as skipped_cross_org, attach answers 404). */
  foreignContacts?: string[];
  /** Labels of another organisation (every operation with a label id must answer 404 for them, never 403). */
  foreignLabels?: string[];
  /** An expired key of the same organisation. */
  expiredKey?: string;
  /** A server with small rate-limit buckets, for the rate-limit scenario. */
  rateLimited?: { baseUrl: string; apiKey: string };
  /** A server that answers `Prefer: code=N` with the documented response (a stateless mock), for statuses a healthy server cannot be made to send (500). */
  preferUrl?: string;
  /** URL prefix to read a contact's label ids (`GET prefix + contactId` → { label_ids }), to see a delete cascade. */
  inspectContactUrl?: string;
}

export type Capability = 'writes' | 'contacts' | 'otherTeam' | 'expiredKey' | 'rateLimited' | 'prefer' | 'inspect' | 'foreign';

export function missingCapabilities(target: Target, needs: readonly Capability[]): Capability[] {
  const has: Record<Capability, boolean> = {
    writes: target.allowWrites,
    contacts: Object.values(target.contacts ?? {}).some((ids) => ids.length > 0),
    otherTeam: target.otherTeamId !== undefined,
    expiredKey: target.expiredKey !== undefined,
    rateLimited: target.rateLimited !== undefined,
    prefer: target.preferUrl !== undefined,
    inspect: target.inspectContactUrl !== undefined,
    foreign: Boolean(target.foreignLabels?.length || target.foreignContacts?.length),
  };
  return needs.filter((n) => !has[n]);
}

export const describeTarget = (t: Target) => `${t.kind === 'mock' ? 'stateful mock' : 'live server'} at ${t.baseUrl} (${t.allowWrites ? 'writes allowed' : 'read-only'})`;
