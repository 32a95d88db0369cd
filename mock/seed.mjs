// The seed of the stateful mock (mock/seed.json) as data: the organisations, keys by role,
// contact and label ids by team. Kept apart from the server so that reading it costs nothing.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
    for (const k of org.keys ?? []) {
      // GET /me answers a key's id and label.
      if (typeof k.key !== 'string' || typeof k.id !== 'string' || typeof k.label !== 'string') throw new Error(`the seed ${file}: every key of ${org.id} needs "key", "id" and "label"`);
    }
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
