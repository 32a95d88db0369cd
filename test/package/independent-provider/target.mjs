// The independent provider as a contract-suite target, as a consumer would describe a live
// organisation: one or two teams with contacts, a second organisation whose ids must stay
// invisible, an expired key, and a twin with tiny rate-limit buckets for the rate-limit scenario.
// It answers no `Prefer` and has no inspection route, so the cases that need them do not run.
import { readFileSync } from 'node:fs';
import { startProvider } from './server.mjs';

// The description this provider implements, which it serves at GET /openapi.json.
const description = JSON.parse(readFileSync(new URL('../../../generated/openapi.json', import.meta.url), 'utf8'));

const key = (name) => `kdv_live_${name.padEnd(24, '0').slice(0, 24)}`;
const contactIds = (tag, n) => Array.from({ length: n }, (_, i) => `ctc_${tag.padEnd(24, '0')}${String(i).padStart(2, '0')}`);

/**
 * `teams`: 1 (the common live set-up) or 2. `tier`: the main organisation's buckets per window
 * (default the free tier, 60 writes and 600 reads); `windowSeconds`: the window (60 in
 * production; tests shorten it). `bugs`: names from ./bugs.mjs, applied to every server.
 */
/** @param {{ teams?: number, tier?: { read: number, write: number }, windowSeconds?: number, bugs?: string[] }} [options] */
export async function startIndependentTarget({ teams = 1, tier = { read: 600, write: 60 }, windowSeconds = 1, bugs = [] } = {}) {
  const teamIds = ['team_alpha', 'team_beta'].slice(0, teams);
  const apiKey = key('AcmeActive');
  const expiredKey = key('AcmeExpired');
  const main = {
    id: 'org_acme',
    tier,
    teams: teamIds,
    keys: { active: [apiKey], expired: [expiredKey] },
    contacts: Object.fromEntries(teamIds.map((t, i) => [t, contactIds(`ACME${i}`, 3)])),
  };
  const foreign = {
    id: 'org_globex',
    tier: { read: 600, write: 60 },
    teams: ['team_globex'],
    keys: { active: [key('GlobexActive')] },
    contacts: { team_globex: contactIds('GBX', 2) },
    labels: [{ name: 'Globex only', team_id: 'team_globex', color: 'pink' }],
  };
  const servers = await Promise.all([
    startProvider({ orgs: [main, foreign], windowSeconds, bugs, description }),
    startProvider({ orgs: [{ ...main, tier: { read: 3, write: 3 } }], windowSeconds: 2, bugs, description, publicReads: 3 }),
  ]);
  const [server, limited] = servers;
  const foreignLabels = /** @type {{ data: Array<{ id: string }> }} */ (await (await fetch(`${server.url}/labels`, { headers: { authorization: `Bearer ${foreign.keys.active[0]}` } })).json());
  const target = {
    kind: 'live',
    baseUrl: server.url,
    apiKey,
    allowWrites: true,
    teamId: teamIds[0],
    ...(teams > 1 ? { otherTeamId: teamIds[1] } : {}),
    contacts: main.contacts,
    foreignContacts: foreign.contacts.team_globex,
    foreignLabels: foreignLabels.data.map((l) => l.id),
    expiredKey,
    rateLimited: { baseUrl: limited.url, apiKey },
  };
  return { target, stop: () => Promise.all(servers.map((s) => s.stop())) };
}
