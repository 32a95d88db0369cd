// The Kirim contract mock, from code:
//   const mock = await startMock({ stateful: true });
//   fetch(`${mock.url}/labels`, { headers: { authorization: `Bearer ${keys.multiTeam}` } });
//   await mock.reset(); await mock.stop();
// `url` includes the description's base path (`/v1`). See README "What the mock does and does not do".
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultDescriptionPath, loadDescription } from './lib/description.mjs';
import { createMock } from './lib/server.mjs';

export const defaultSeedPath = fileURLToPath(new URL('./seed.json', import.meta.url));

/** Reads and checks a seed file; a clear error names the file and what is wrong. */
export function loadSeed(file = defaultSeedPath) {
  let seed;
  try {
    seed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot load the seed ${file}: ${error.message}`);
  }
  if (!Array.isArray(seed?.organizations) || !seed.tiers) throw new Error(`the seed ${file} needs "tiers" and "organizations"`);
  for (const org of seed.organizations) {
    if (!seed.tiers[org.tier]) throw new Error(`the seed ${file}: organisation ${org.id} has unknown tier "${org.tier}"`);
    for (const item of [...(org.labels ?? []), ...(org.contacts ?? [])]) {
      if (!org.teams.includes(item.team_id)) throw new Error(`the seed ${file}: ${item.id} is in team ${item.team_id}, which is not a team of ${org.id}`);
    }
  }
  return seed;
}

/** The repository's seed, as data for tests. */
export const seed = loadSeed();

const keyWithRole = (role) => seed.organizations.flatMap((o) => o.keys).find((k) => k.role === role)?.key;
const orgWithKeyRole = (role) => seed.organizations.find((o) => o.keys.some((k) => k.role === role));

/** Seeded keys by role: an active key of the single-team org, of the multi-team org, an expired and a revoked key. */
export const keys = {
  singleTeam: keyWithRole('single_team'),
  multiTeam: keyWithRole('multi_team'),
  expired: keyWithRole('expired'),
  revoked: keyWithRole('revoked'),
};

/** The seeded organisations by role, with their teams. */
export const orgs = { singleTeam: orgWithKeyRole('single_team'), multiTeam: orgWithKeyRole('multi_team') };

/** Contact ids by team id. */
export const contacts = Object.fromEntries(
  seed.organizations.flatMap((o) => o.teams.map((t) => [t, (o.contacts ?? []).filter((c) => c.team_id === t).map((c) => c.id)])),
);

/** Seeded label ids by team id. */
export const labels = Object.fromEntries(
  seed.organizations.flatMap((o) => o.teams.map((t) => [t, (o.labels ?? []).filter((l) => l.team_id === t).map((l) => l.id)])),
);

/**
 * Starts the mock on host:port (port 0: a free one). Resolves { url, port, stop(), reset(),
 * violations }; `url` ends with the base path, e.g. http://127.0.0.1:PORT/v1.
 * Options: stateful, host, port, seed (a path or a parsed seed), rateLimit { read, write,
 * windowSeconds }, description (path of a JSON or YAML bundle), bodyLimit (bytes),
 * validateResponses (collect Prism's response violations), docs (HTML file served at `/`).
 */
export async function startMock({
  stateful = false,
  host = '127.0.0.1',
  port = 0,
  seed: seedOption,
  rateLimit,
  description = defaultDescriptionPath,
  bodyLimit,
  validateResponses = false,
  docs,
} = {}) {
  const loaded = await loadDescription(description);
  const seedData = seedOption === undefined ? seed : typeof seedOption === 'string' ? loadSeed(seedOption) : seedOption;
  const mock = createMock({ stateful, seed: seedData, description: loaded, rateLimit, bodyLimit, validateResponses, docs });
  await new Promise((resolve, reject) => {
    mock.server.once('error', (error) => reject(new Error(`cannot listen on ${host}:${port}: ${error.code ?? error.message}`)));
    mock.server.listen(port, host, resolve);
  });
  const actualPort = mock.server.address().port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  return {
    url: `${origin}${mock.basePath}`,
    origin,
    port: actualPort,
    violations: mock.violations,
    reset: async () => mock.reset(),
    stop: () =>
      new Promise((resolve) => {
        mock.server.close(() => resolve());
        mock.server.closeAllConnections();
      }),
  };
}
