// Each policy rule of redocly.yaml, broken once in an edited description (the edit held in
// memory, laid over openapi/), fires with its own rule id. The real description passes, so a rule
// that never fires (or always fires) fails here.
//
// The real description and the bundle are linted with every rule; a breakage with only the rule it
// breaks (redocly.yaml's settings for it, the others skipped as `redocly lint --skip-rule` does):
// whether that rule fires does not depend on the others, and the example rules, which compile a
// validator per schema on every lint, were three quarters of each breakage's time.
import { lint, loadConfig } from '@redocly/openapi-core';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DescriptionResolver } from '../../scripts/lib/description-resolver.mjs';
import { overlayDescription, repoRoot } from '../support/scratch.js';

type Config = Awaited<ReturnType<typeof loadConfig>>;
let config: Config;

const repositoryConfig = () => loadConfig({ configPath: path.join(repoRoot, 'redocly.yaml') });

beforeAll(async () => {
  config = await repositoryConfig();
});

/** The repository's config with every rule but `rule` skipped (a fresh load: skipping changes it). */
async function onlyRule(rule: string): Promise<Config> {
  const only = await repositoryConfig();
  const rules = only.rules.oas3_1;
  // The configurable rules (rule/…) are grouped under `assertions`, each with its id.
  const configurable = (Array.isArray(rules.assertions) ? rules.assertions : []) as { assertionId: string }[];
  const ids = [...Object.keys(rules).filter((id) => id !== 'assertions'), ...configurable.map((a) => a.assertionId)];
  if (!ids.includes(rule)) throw new Error(`${rule} is not a rule of redocly.yaml`);
  only.skipRules(ids.filter((id) => id !== rule));
  return only;
}

async function ruleIds(ref: string, overlay?: Map<string, string | null>, lintConfig = config): Promise<string[]> {
  return (await lint({ ref, config: lintConfig, externalRefResolver: new DescriptionResolver(lintConfig.resolve, { overlay }) })).map((p) => p.ruleId);
}

const breakages: Array<{ rule: string; why: string; file: string; from: string | RegExp; to: string }> = [
  { rule: 'rule/operation-documents-shared-errors', why: 'an operation without 429', file: 'paths/labels_{id}.yaml',
    from: "    '429':\n      $ref: ../components/responses/RateLimitExceeded.yaml\n    '500':\n      $ref: ../components/responses/InternalServerError.yaml\npatch:",
    to: "    '500':\n      $ref: ../components/responses/InternalServerError.yaml\npatch:" },
  { rule: 'rule/authenticated-operation-documents-401', why: 'getMe (bearer) without 401', file: 'paths/me.yaml',
    from: "    '401':\n      $ref: ../components/responses/AuthenticationFailure.yaml\n", to: '' },
  { rule: 'rule/operation-security-only-public', why: 'an operation with its own non-empty security', file: 'paths/health.yaml', from: 'security: []', to: 'security:\n    - BearerAuth: []' },
  { rule: 'rule/operation-with-body-documents-400', why: 'bulkLabelContacts (a body) without 400', file: 'paths/contacts_bulk_label.yaml',
    from: "    '400':\n      $ref: ../components/responses/BulkLabelContactsValidationFailure.yaml\n", to: '' },
  { rule: 'rule/operation-with-parameters-documents-400', why: 'listLabels (query parameters) without 400', file: 'paths/labels.yaml',
    from: "    '400':\n      $ref: ../components/responses/ListLabelsValidationFailure.yaml\n    '401':\n      $ref: ../components/responses/AuthenticationFailure.yaml\n    '429':\n      $ref: ../components/responses/RateLimitExceeded.yaml\n    '500':\n      $ref: ../components/responses/InternalServerError.yaml\npost:",
    to: "    '401':\n      $ref: ../components/responses/AuthenticationFailure.yaml\n    '429':\n      $ref: ../components/responses/RateLimitExceeded.yaml\n    '500':\n      $ref: ../components/responses/InternalServerError.yaml\npost:" },
  { rule: 'rule/operation-under-path-parameters-documents-400', why: 'deleteLabel (a path id) without 400', file: 'paths/labels_{id}.yaml',
    from: /(delete:[\s\S]*?)    '400':\n      \$ref: ..\/components\/responses\/DeleteLabelValidationFailure.yaml\n/, to: '$1' },
  { rule: 'rule/operation-with-path-id-documents-404', why: 'getLabel without 404', file: 'paths/labels_{id}.yaml',
    from: "    '404':\n      $ref: ../components/responses/GetLabelResourceNotFound.yaml\n    '429':\n      $ref: ../components/responses/RateLimitExceeded.yaml\n    '500':\n      $ref: ../components/responses/InternalServerError.yaml\npatch:",
    to: "    '429':\n      $ref: ../components/responses/RateLimitExceeded.yaml\n    '500':\n      $ref: ../components/responses/InternalServerError.yaml\npatch:" },
  { rule: 'rule/error-responses-are-shared', why: 'an inline 500', file: 'paths/contacts_bulk_label.yaml',
    from: "    '500':\n      $ref: ../components/responses/InternalServerError.yaml",
    to: "    '500':\n      description: Oops\n      headers:\n        X-Request-Id:\n          $ref: ../components/headers/XRequestId.yaml\n      content:\n        application/json:\n          schema:\n            $ref: ../components/schemas/ErrorResponse.yaml" },
  // (A $ref to another shared response cannot be the breakage: lint visits each referenced node once.)
  { rule: 'rule/operation-validation-failure-is-its-own', why: 'an inline 400', file: 'paths/labels_{id}.yaml',
    from: '$ref: ../components/responses/GetLabelValidationFailure.yaml', to: 'description: Oops\n      headers:\n        X-Request-Id:\n          $ref: ../components/headers/XRequestId.yaml\n      content:\n        application/json:\n          schema:\n            $ref: ../components/schemas/ErrorResponse.yaml' },
  { rule: 'rule/operation-not-found-is-its-own', why: 'an inline 404', file: 'paths/labels_{id}.yaml',
    from: '$ref: ../components/responses/GetLabelResourceNotFound.yaml', to: 'description: Oops\n      headers:\n        X-Request-Id:\n          $ref: ../components/headers/XRequestId.yaml\n      content:\n        application/json:\n          schema:\n            $ref: ../components/schemas/ErrorResponse.yaml' },
  { rule: 'rule/error-responses-use-the-shared-schema', why: 'a per-operation 400 with its own schema', file: 'components/responses/CreateLabelValidationFailure.yaml',
    from: '      $ref: ../schemas/ErrorResponse.yaml', to: '      type: object' },
  { rule: 'rule/example-names-snake-case', why: 'an example named in camelCase', file: 'components/responses/CreateLabelValidationFailure.yaml',
    from: 'name_missing:', to: 'nameMissing:' },
  { rule: 'rule/const-has-type', why: 'a const without type', file: 'components/schemas/Label.yaml',
    from: '    type: string\n    minLength: 1\n    const: label', to: '    const: label' },
  { rule: 'rule/response-headers-are-shared', why: 'an inline header', file: 'paths/contacts_bulk_label.yaml',
    from: "        X-Request-Id:\n          $ref: ../components/headers/XRequestId.yaml",
    to: "        X-Request-Id:\n          description: The request id.\n          required: true\n          schema:\n            $ref: ../components/schemas/RequestId.yaml" },
  { rule: 'rule/operation-id-verb-first-camel-case', why: 'a noun-first operationId', file: 'paths/labels.yaml', from: 'operationId: listLabels', to: 'operationId: labelsList' },
  { rule: 'rule/operation-id-verb-first-camel-case', why: 'a snake_case operationId', file: 'paths/labels.yaml', from: 'operationId: listLabels', to: 'operationId: list_labels' },
  { rule: 'rule/properties-snake-case', why: 'a camelCase property', file: 'components/schemas/Label.yaml', from: /team_id/g, to: 'teamId' },
  { rule: 'response-contains-header', why: 'a success without X-Request-Id', file: 'paths/contacts_bulk_label.yaml',
    from: "        X-Request-Id:\n          $ref: ../components/headers/XRequestId.yaml\n", to: '' },
  { rule: 'no-invalid-media-type-examples', why: 'an example with a colour not in the enum', file: 'components/examples/LabelFound.yaml', from: 'color: red', to: 'color: purple' },
  { rule: 'no-invalid-media-type-examples', why: 'a success example missing a required field', file: 'components/examples/LabelFound.yaml', from: /\n\s+team_id: team_support/, to: '' },
  { rule: 'operation-description', why: 'an operation without description', file: 'paths/contacts_bulk_label.yaml', from: /  description: \|\n    Attaches one label[\s\S]*?(?=  tags:)/, to: '' },
  { rule: 'scalar-property-missing-example', why: 'a scalar without examples', file: 'components/schemas/BulkLabelResult.yaml', from: '    examples: [42]\n', to: '' },
];

describe('lint policy (redocly.yaml)', () => {
  it('passes on the real description', async () => {
    expect(await ruleIds(path.join(repoRoot, 'openapi/openapi.yaml'))).toEqual([]);
  });

  it('passes on the bundle too (the shared-ref rules accept #/components refs)', async () => {
    expect(await ruleIds(path.join(repoRoot, 'generated/openapi.yaml'))).toEqual([]);
  });

  it.each(breakages)('$rule fires on $why', async ({ rule, file, from, to }) => {
    const edited = overlayDescription();
    edited.edit(file, from, to);
    expect(await ruleIds(edited.entry, edited.files, await onlyRule(rule))).toContain(rule);
  });
});
