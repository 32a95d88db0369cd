// The seed of the stateful mock (mock/seed.json) as data: the organisations, keys by role,
// contact and label ids by team. Kept apart from the server so that reading it costs nothing.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { assets } from './lib/assets.mjs';

export const defaultSeedPath = assets.seed;

// The seed's JSON Schema (seed.schema.json, shipped in the package for consumers' editors) checks
// shapes; loadSeed adds what a schema cannot say (tiers and teams that exist).
let validateSeed;
/** @param {unknown} seed @returns {string | undefined} the first problem, naming the field */
function schemaProblem(seed) {
  validateSeed ??= new Ajv({ allErrors: false, strict: false, validateFormats: false }).compile(JSON.parse(readFileSync(assets.seedSchema, 'utf8')));
  if (validateSeed(seed)) return undefined;
  const [error] = validateSeed.errors;
  const field = error.instancePath === '' ? 'the top level' : error.instancePath;
  const detail = error.keyword === 'additionalProperties' ? `has "${error.params.additionalProperty}", which is not a seed field` : error.keyword === 'enum' ? `must be one of ${error.params.allowedValues.join(', ')}` : error.message;
  return `${field} ${detail}`;
}

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
  const problem = schemaProblem(seed);
  if (problem) throw new Error(`the seed ${file}: ${problem} (schema: seed.schema.json)`);
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
