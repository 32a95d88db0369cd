// Reads and checks the fixtures file of `kirim-contract --fixtures`: its JSON Schema
// (fixtures.schema.json, shipped beside the bin) and the rules between fields a schema cannot
// say. Every problem names the field, so that a misspelled key is one clear usage error instead
// of many failed cases.
import { Ajv2020 } from 'ajv/dist/2020.js';
import schema from './fixtures.schema.json' with { type: 'json' };
import { FixtureError } from './context.js';
import type { Target } from './target.js';

export { schema as fixturesSchema };

export type Fixtures = Partial<Omit<Target, 'baseUrl' | 'apiKey' | 'allowWrites'>>;

const FIELDS = Object.keys(schema.properties);
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

/** The field a misspelling most likely meant (same letters without case and separators). */
const meant = (field: string) => FIELDS.find((f) => f.toLowerCase().replace(/[-_]/g, '') === field.toLowerCase().replace(/[-_]/g, ''));

/** Parses and checks fixtures; throws FixtureError listing every problem by field. */
export function parseFixtures(text: string, file: string): Fixtures {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FixtureError(`${file} is not JSON: ${(error as Error).message}`);
  }
  const problems: string[] = [];
  if (!validate(value)) {
    for (const e of validate.errors ?? []) {
      const at = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '';
      if (e.keyword === 'additionalProperties') {
        const field = (e.params as { additionalProperty: string }).additionalProperty;
        const hint = !at && meant(field) ? ` (did you mean "${meant(field)}"?)` : '';
        problems.push(`${at ? `${at}.` : ''}${field}: unknown field${hint}`);
      } else problems.push(`${at || '(the file)'}: ${e.message}`);
    }
  } else {
    const f = value as Fixtures;
    const teams = Object.keys(f.contacts ?? {});
    if (f.otherTeamId !== undefined && f.otherTeamId === f.teamId) problems.push('otherTeamId: must differ from teamId');
    if (f.otherTeamId !== undefined && f.teamId === undefined) problems.push('teamId: needed when otherTeamId is given (an organisation with several teams)');
    if (f.contacts && f.teamId !== undefined && !teams.includes(f.teamId)) problems.push(`contacts: no entry for teamId "${f.teamId}" (the teams given are ${teams.join(', ')})`);
    if (f.contacts && f.otherTeamId !== undefined && !teams.includes(f.otherTeamId)) problems.push(`contacts: no entry for otherTeamId "${f.otherTeamId}"`);
    if (f.contacts && f.teamId === undefined && teams.length > 1) problems.push('teamId: needed when contacts names several teams');
  }
  if (problems.length) throw new FixtureError(`${file}:\n  ${problems.join('\n  ')}`);
  return value as Fixtures;
}
