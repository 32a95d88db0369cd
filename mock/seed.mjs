// The seed of the stateful mock (mock/seed.json) as data: the organisations, keys by role,
// contact and label ids by team. Kept apart from the server so that reading it costs nothing.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const defaultSeedPath = fileURLToPath(new URL('./seed.json', import.meta.url));

/**
 * @typedef {object} SeedKey
 * @property {string} key the API key itself
 * @property {string} id the key's id (`key_…`), as GET /me answers it
 * @property {string} label the key's dashboard label, as GET /me answers it
 * @property {string} [role] what tests use it for: single_team, multi_team, expired, revoked
 * @property {string} [expires_at]
 * @property {boolean} [revoked]
 */
/**
 * @typedef {object} SeedOrganization
 * @property {string} id
 * @property {string} name
 * @property {string} tier a key of `tiers`
 * @property {string[]} teams
 * @property {SeedKey[]} keys
 * @property {{ id: string, name: string, color: string, team_id: string, created_at: string, updated_at: string }[]} [labels]
 * @property {{ id: string, team_id: string, label_ids?: string[] }[]} [contacts]
 */
/**
 * @typedef {object} Seed
 * @property {Record<string, { read: number, write: number }>} tiers rate-limit buckets a minute, by tier name
 * @property {SeedOrganization[]} organizations
 */

/**
 * Reads and checks a seed file; a clear error names the file and what is wrong.
 * @param {string} [file]
 * @returns {Seed}
 */
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

/** @param {string} role */
function orgWithKeyRole(role) {
  const org = seed.organizations.find((o) => o.keys.some((k) => k.role === role));
  if (!org) throw new Error(`the seed ${defaultSeedPath} has no key with role "${role}": the tests need one`);
  return org;
}
/** @param {string} role */
const keyWithRole = (role) => /** @type {SeedKey} */ (orgWithKeyRole(role).keys.find((k) => k.role === role)).key;

/** Seeded keys by role: an active key of the single-team org, of the multi-team org, an expired and a revoked key. */
/** @type {{ singleTeam: string, multiTeam: string, expired: string, revoked: string }} */
export const keys = {
  singleTeam: keyWithRole('single_team'),
  multiTeam: keyWithRole('multi_team'),
  expired: keyWithRole('expired'),
  revoked: keyWithRole('revoked'),
};

/** The seeded organisations by role, with their teams. */
/** @type {{ singleTeam: SeedOrganization, multiTeam: SeedOrganization }} */
export const orgs = { singleTeam: orgWithKeyRole('single_team'), multiTeam: orgWithKeyRole('multi_team') };

/** Contact ids by team id. @type {Record<string, string[]>} */
export const contacts = Object.fromEntries(
  seed.organizations.flatMap((o) => o.teams.map((t) => [t, (o.contacts ?? []).filter((c) => c.team_id === t).map((c) => c.id)])),
);

/** Seeded label ids by team id. @type {Record<string, string[]>} */
export const labels = Object.fromEntries(
  seed.organizations.flatMap((o) => o.teams.map((t) => [t, (o.labels ?? []).filter((l) => l.team_id === t).map((l) => l.id)])),
);
