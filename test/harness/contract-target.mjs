// The stateful mock as a contract-suite target: the mock itself (rate limits out of the way of
// the property runs), a twin with tiny rate-limit buckets for the rate-limit scenario, and a
// stateless twin that answers `Prefer: code=500`. Every field of the returned `target` is plain
// JSON, so it can also be written to a file for `kirim-contract --fixtures`. With `fault`, each
// server sits behind that fault layer (test/harness/faults.mjs).
import { contacts, keys, orgs, startMock } from '../../mock/index.mjs';
import { startFaultLayer } from './faults.mjs';

const UNLIMITED = { read: 1e9, write: 1e9 };
// Small enough to drain in a few requests, a window short enough to wait out in a test. Not 1 s:
// a Retry-After of 1 would then be right, and the mutant `retry-after-too-short` (test/harness/
// faults.mjs) could not be caught (tried: `caught 28/29`).
const TINY = { read: 3, write: 3, windowSeconds: 2 };

/**
 * @typedef {object} MockTarget
 * @property {import('../../src/contract/target.js').Target} target
 * @property {() => Promise<unknown>} reset
 * @property {() => Promise<unknown>} stop
 */

/**
 * @param {{ fault?: any }} [options] a fault of test/harness/faults.mjs, or null for the control run
 * @returns {Promise<MockTarget>}
 */
export async function startMockTarget({ fault } = {}) {
  const servers = await Promise.all([
    startMock({ stateful: true, rateLimit: UNLIMITED }),
    startMock({ stateful: true, rateLimit: TINY }),
    startMock({ stateful: false, rateLimit: UNLIMITED }),
  ]);
  // `fault: null` is the control: the fault layer with no fault in it.
  const layers = fault !== undefined ? await Promise.all(servers.map((s) => startFaultLayer(s, fault))) : servers;
  const [main, limited, stateless] = layers;
  const [team, otherTeam] = orgs.multiTeam.teams;
  const target = {
    kind: /** @type {const} */ ('mock'),
    baseUrl: main.url,
    apiKey: keys.multiTeam,
    allowWrites: true,
    teamId: team,
    otherTeamId: otherTeam,
    contacts: Object.fromEntries(orgs.multiTeam.teams.map((t) => [t, contacts[t]])),
    foreignContacts: orgs.singleTeam.teams.flatMap((t) => contacts[t]),
    expiredKey: keys.expired,
    rateLimited: { baseUrl: limited.url, apiKey: keys.multiTeam },
    preferUrl: stateless.url,
    inspectContactUrl: `${new URL(main.url).origin}/__mock/contacts/`,
  };
  return {
    target,
    reset: () => Promise.all(layers.map((s) => s.reset())),
    stop: () => Promise.all(layers.map((s) => s.stop())),
  };
}
