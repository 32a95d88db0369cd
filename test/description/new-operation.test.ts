// An operation costs its description: a new read-only operation (`GET /teams`, listTeams), added
// to openapi/ in memory (an overlay: nothing is written) as a path file, a schema, an example, its own 400
// response and references to the shared responses, is picked up with no code change by the build (lint, bundle, samples, types,
// docs), the stateless mock (its example and its errors), the raw typed client (compiled against
// the new types and run against that mock) and the derived contract cases (negative matrix,
// auth cases, documented reads, the rate-limit scenario, coverage). The two tables that are
// real knowledge say by name what they miss: the stateful mock refuses to start without a
// business rule for it, and the resource client does not compile without a method for it.
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../../mock/index.mjs';
import { buildArtifacts } from '../../scripts/build.mjs';
import { runProcess } from '../../scripts/lib/run-process.mjs';
import { allCases } from '../../src/contract/runner.js';
import { coverage } from '../../src/contract/coverage.js';
import { negativeMatrix } from '../../src/contract/negative.js';
import { overlayDescription, repoRoot } from '../support/scratch.js';
import type { Json } from '../support/description.js';

const TEAMS_PATH = `get:
  operationId: listTeams
  summary: List teams
  description: Lists the teams of your organisation, \`limit\` at a time.
  tags: [Labels]
  parameters:
    - $ref: ../components/parameters/Limit.yaml
  responses:
    '200':
      description: The teams
      headers:
        X-Request-Id:
          $ref: ../components/headers/XRequestId.yaml
        X-RateLimit-Limit:
          $ref: ../components/headers/XRateLimitLimit.yaml
        X-RateLimit-Remaining:
          $ref: ../components/headers/XRateLimitRemaining.yaml
        X-RateLimit-Reset:
          $ref: ../components/headers/XRateLimitReset.yaml
      content:
        application/json:
          schema:
            $ref: ../components/schemas/TeamListResponse.yaml
          examples:
            teams:
              $ref: ../components/examples/TeamListFound.yaml
    '400':
      $ref: ../components/responses/ListTeamsValidationFailure.yaml
    '401':
      $ref: ../components/responses/AuthenticationFailure.yaml
    '429':
      $ref: ../components/responses/RateLimitExceeded.yaml
    '500':
      $ref: ../components/responses/InternalServerError.yaml
`;
const TEAM_LIST_SCHEMA = `type: object
description: The teams of the organisation.
required: [data, request_id]
properties:
  data:
    type: array
    description: The teams.
    items:
      type: object
      description: A team.
      required: [id]
      properties:
        id:
          $ref: TeamId.yaml
  request_id:
    $ref: RequestId.yaml
`;
const TEAM_LIST_EXAMPLE = `summary: Two teams
value:
  data:
    - id: team_support
    - id: team_sales
  request_id: req_01JDA2M4P6R8T0V2X4Z6B8D0FH
`;

// Its own 400: the cases listTeams can answer (the lint policy: an operation's 400 is its own).
const TEAMS_VALIDATION_FAILURE = `description: |
  Validation failure. \`type\` is \`invalid_request_error\`; \`code\` and \`param\` say which rule
  was broken and where. The examples are the cases \`listTeams\` can answer.
headers:
  X-Request-Id:
    $ref: ../headers/XRequestId.yaml
  X-RateLimit-Limit:
    $ref: ../headers/XRateLimitLimit.yaml
  X-RateLimit-Remaining:
    $ref: ../headers/XRateLimitRemaining.yaml
  X-RateLimit-Reset:
    $ref: ../headers/XRateLimitReset.yaml
content:
  application/json:
    schema:
      $ref: ../schemas/ErrorResponse.yaml
    examples:
      limit_invalid:
        $ref: ../examples/ValidationLimitInvalid.yaml
`;

let work: string;
let artifacts: Map<string, Buffer>;
let doc: Json;
let bundle: string;
let mock: Awaited<ReturnType<typeof startMock>>;
const KEY = 'kdv_live_Zx8Q2mN4vB7rT1yK9pL3sD6f';

beforeAll(async () => {
  const description = overlayDescription();
  description.write('paths/teams.yaml', TEAMS_PATH);
  description.write('components/schemas/TeamListResponse.yaml', TEAM_LIST_SCHEMA);
  description.write('components/examples/TeamListFound.yaml', TEAM_LIST_EXAMPLE);
  description.write('components/responses/ListTeamsValidationFailure.yaml', TEAMS_VALIDATION_FAILURE);
  description.edit('openapi.yaml', '\n  /labels:\n', '\n  /teams:\n    $ref: paths/teams.yaml\n  /labels:\n');
  artifacts = await buildArtifacts({ overlay: description.files });
  doc = JSON.parse(artifacts.get('openapi.json')!.toString());
  work = await mkdtemp(path.join(os.tmpdir(), 'kirim-new-op-'));
  bundle = path.join(work, 'openapi.json');
  await writeFile(bundle, artifacts.get('openapi.json')!);
  mock = await startMock({ description: bundle });
}, 120_000);

afterAll(async () => {
  await mock?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a new read-only operation, described and nothing else', () => {
  it('is linted, bundled, typed, given code samples and documented', () => {
    expect(doc.paths['/teams'].get.operationId).toBe('listTeams');
    const samples = doc.paths['/teams'].get['x-codeSamples'];
    expect(samples.map((s: Json) => s.label)).toContain('curl');
    expect(samples.find((s: Json) => s.label === 'curl').source).toContain('/teams?limit=25');
    const types = artifacts.get('openapi.d.ts')!.toString();
    expect(types).toMatch(/listTeams: \{/);
    expect(types).toMatch(/"\/teams": \{/);
    expect(artifacts.get('docs/index.html')!.toString()).toContain('List teams');
  });

  it('is answered by the stateless mock: its example, its documented errors, its validation', async () => {
    const get = (query: string, headers: Record<string, string> = {}) => fetch(`${mock.url}/teams${query}`, { headers: { authorization: `Bearer ${KEY}`, ...headers } });
    const ok = await get('');
    expect(ok.status).toBe(200);
    expect((await ok.json()).data).toEqual([{ id: 'team_support' }, { id: 'team_sales' }]);
    const tooMany = await get('?limit=101');
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).error).toMatchObject({ code: 'invalid_limit', param: 'limit' });
    expect((await fetch(`${mock.url}/teams`)).status).toBe(401);
    const forced = await get('', { Prefer: 'code=500' });
    expect(forced.status).toBe(500);
    expect((await forced.json()).error.code).toBe('internal_error');
  });

  it('is called through the raw typed client, which compiles against the new types', async () => {
    // At run time openapi-fetch needs no types: the call goes to the mock.
    const client = createClient<Json>({ baseUrl: mock.url, headers: { authorization: `Bearer ${KEY}` } });
    const { data, response } = await client.GET('/teams', { params: { query: { limit: 2 } } });
    expect(response.status).toBe(200);
    expect(data.data).toHaveLength(2);
    // At compile time: the same call, typed by the edited description's types, type-checks.
    const project = await typeProject({
      'check.ts': `import createClient from 'openapi-fetch';
import type { paths } from './generated/openapi.js';
const client = createClient<paths>({ baseUrl: 'http://127.0.0.1' });
export async function teams(): Promise<string[]> {
  const { data } = await client.GET('/teams', { params: { query: { limit: 2 } } });
  return (data?.data ?? []).map((team) => team.id);
}
`,
    });
    const result = await tsc(project, ['check.ts']);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('gets negative, auth, read, rate-limit and forced cases, and a full coverage plan', () => {
    const negative = negativeMatrix(doc).filter((c) => c.operationId === 'listTeams').map((c) => c.name);
    expect(negative).toContain('listTeams query limit maximum+1 → 400 invalid_limit limit');
    const cases = allCases(doc);
    const mine = cases.filter((c) => c.covers.some((pair) => pair.startsWith('listTeams ')));
    expect(mine.filter((c) => c.group === 'auth').length).toBeGreaterThanOrEqual(4);
    const covered = new Set(mine.flatMap((c) => c.covers).filter((pair) => pair.startsWith('listTeams ')));
    expect([...covered].sort()).toEqual(['listTeams 200', 'listTeams 400', 'listTeams 401', 'listTeams 429', 'listTeams 500']);
    expect(coverage(doc, cases, new Map()).unplanned).toEqual([]);
  });
});

describe('what it cannot take from the description, it names', () => {
  it('the stateful mock refuses to start without a business rule for it', async () => {
    await expect(startMock({ stateful: true, description: bundle })).rejects.toThrow(/no business rule for listTeams: add one, keyed by operationId, to mock\/lib\/rules\.mjs/);
  });

  it('the resource client does not compile without a method for it', async () => {
    const project = await typeProject({});
    await cp(path.join(repoRoot, 'src'), path.join(project, 'src'), { recursive: true, filter: (from) => !from.includes(`${path.sep}contract`) });
    const result = await tsc(project, ['src/index.ts']);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toMatch(/src\/resources\.ts.*Property 'listTeams' is missing/);
  });
});

/** A folder with the edited description's types as generated/openapi.d.ts, the repository's node_modules and the given files. */
async function typeProject(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(work, 'types-'));
  await mkdir(path.join(dir, 'generated'));
  await writeFile(path.join(dir, 'generated/openapi.d.ts'), artifacts.get('openapi.d.ts')!);
  await symlink(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }');
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

/** The repository's compiler settings over a type project. */
function tsc(dir: string, files: string[]) {
  const args = ['--noEmit', '--strict', '--target', 'ES2022', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--lib', 'ES2023,DOM,DOM.Iterable', '--types', 'node', '--skipLibCheck', '--verbatimModuleSyntax', '--noUncheckedIndexedAccess', ...files];
  return runProcess(process.execPath, [path.join(repoRoot, 'node_modules/typescript-native/bin/tsc'), ...args], { cwd: dir });
}
