// What every case gets: the target, the checked HTTP sender, run-unique names, the team and
// contacts to work with, and a ledger of created labels that is deleted at the end.
import { CaseFailure, expectStatus, Http, type Exchange } from './http.js';
import type { Label } from './api-types.js';
import { operations, type Json } from './openapi.js';
import type { Target } from './target.js';
import type { Validator } from './validator.js';

export interface Context {
  target: Target;
  http: Http;
  validator: Validator;
  doc: Json;
  seed: number;
  /** Property runs per check (valid and invalid each). */
  propertyRuns: number;
  teamId: string;
  /** A string unique to this run and call, of exactly `length` characters (≥ 1). */
  unique(length?: number): string;
  /** Creates a label through the API (checked 201) and remembers it for clean-up. */
  createLabel(body?: Record<string, unknown>): Promise<Label>;
  /** Labels this run created and has not deleted. */
  created: Set<string>;
  /** Contacts of the organisation in `team`, from the target's fixtures. */
  contactsOf(team: string): string[];
}

/** A fixture the target needs is missing or wrong: a usage error (exit 2), not a broken contract. */
export class FixtureError extends Error {}

// One case only: names are unique without regard to case.
const ALPHABET = 'abcdefghijkmnopqrstuvwxyz0123456789';

export async function createContext(target: Target, doc: Json, validator: Validator, seed: number, propertyRuns: number): Promise<Context> {
  // The ledger of created labels is kept where every answer passes, so that no case can forget it.
  const created = new Set<string>();
  const ledger = ({ operationId, status, body }: Exchange) => {
    const id = body?.data?.id;
    if (typeof id !== 'string') return;
    if (operationId === 'createLabel' && status === 201) created.add(id);
    if (operationId === 'deleteLabel' && status === 200) created.delete(id);
  };
  const http = new Http(target.baseUrl, target.apiKey, new Map(operations(doc).map((o) => [o.operationId, o])), validator, ledger);
  // One counter per length: a short value is the counter's tail, so values of one length stay
  // distinct for as long as the alphabet allows (35 one-character Idempotency-Keys), whatever
  // other lengths were drawn in between.
  const counters = new Map<number, number>();
  // A run token from the seed and the clock: names stay unique across runs on a live server.
  const token = (seed.toString(36) + Date.now().toString(36)).slice(-8);
  const unique = (length = 24) => {
    let n = counters.get(length) ?? 0;
    counters.set(length, n + 1);
    let tail = '';
    do {
      tail = ALPHABET[n % ALPHABET.length] + tail;
      n = Math.floor(n / ALPHABET.length);
    } while (n > 0);
    const text = `ct${token}${tail}`;
    if (length <= tail.length) return tail.slice(-length);
    return text.length >= length ? text.slice(text.length - length) : text.padEnd(length, '_');
  };

  // Read-only, the one team the fixtures give contacts of is the team (named by the user, not guessed).
  const contactTeams = Object.keys(target.contacts ?? {});
  let teamId = target.teamId ?? (!target.allowWrites && contactTeams.length === 1 ? contactTeams[0] : undefined);
  if (!teamId && target.allowWrites) {
    // Not guessed from a listed label (another team's, in an organisation with several): a label
    // created without team_id goes to the organisation's one team, and the answer says which.
    const probe = await http.send('createLabel', { body: { name: `Label ${unique()}` } });
    if (probe.status !== 201) throw new FixtureError(`teamId is needed: a label created without team_id was refused (${probe.status} ${probe.body?.error?.code ?? ''} ${probe.body?.error?.param ?? ''}), so the organisation has several teams: give teamId (and otherTeamId) in --fixtures`);
    teamId = probe.body.data.team_id as string;
    if (target.contacts && !target.contacts[teamId]) throw new FixtureError(`contacts: no entry for the organisation's team "${teamId}" (the teams given are ${Object.keys(target.contacts).join(', ')})`);
  }
  const ctx: Context = {
    target,
    http,
    validator,
    doc,
    seed,
    propertyRuns,
    teamId: teamId ?? '',
    unique,
    created,
    async createLabel(body = {}) {
      if (!target.allowWrites) throw new CaseFailure('this case writes, and writes are not allowed on this target');
      const sent = { ...(ctx.teamId ? { team_id: ctx.teamId } : {}), name: `Label ${unique()}`, ...body };
      const ex = await http.send('createLabel', { body: sent });
      expectStatus(ex, 201, `creating ${JSON.stringify(sent)}`);
      return ex.body.data;
    },
    contactsOf: (team) => target.contacts?.[team] ?? [],
  };
  return ctx;
}

/** Deletes every label the run created and still holds (waiting out 429s); returns the ids it could not delete. */
export async function cleanUp(ctx: Context): Promise<string[]> {
  await Promise.allSettled(
    [...ctx.created].map(async (id) => {
      const ex = await ctx.http.send('deleteLabel', { path: { id } });
      if (ex.status === 200 || ex.status === 404) ctx.created.delete(id);
    }),
  );
  return [...ctx.created];
}
