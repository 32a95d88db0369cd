// The classification table: each row edits openapi/ as a person would (the source YAML, not a
// patched bundle; the edits are held in memory, laid over the files on disk), builds it in-process
// with the pipeline's own bundle step, compares it with the unedited description (or with a base
// edited the other way), and expects one rule at one level, and nothing worse than that level.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleDescription } from '../../scripts/bundle.mjs';
import { loadLintConfig } from '../../scripts/lint.mjs';
import { compareDescriptions, worstLevel } from '../../scripts/diff/compare.mjs';
import { sourceLocator } from '../../scripts/diff/source-map.mjs';
import { DescriptionResolver } from '../../scripts/lib/description-resolver.mjs';
import { overlayDescription, repoRoot, type Overlay } from '../support/scratch.js';

type Level = 'breaking' | 'warning' | 'non-breaking' | 'annotation';
type Edit = (s: Overlay) => void;
interface Row {
  name: string;
  head: Edit;
  /** An edit that makes the base, for a change whose starting point is not in the description. */
  base?: Edit;
  level: Level;
  rule: string;
  operation?: string;
  /** The level is our rule's, not api-smart-diff's (see scripts/diff/rules.mjs OVERRIDES, type-level.mjs). */
  ours?: boolean;
  /** The worst level of all entries, when other entries than the expected one are worse. */
  worst?: Level;
  /** Where the source location of the expected entry must point. */
  source?: RegExp;
}

// Small edit helpers, named after what a person does.
const sibling = (file: string, property: string, line: string): Edit => (s) =>
  s.edit(file, new RegExp(`(\\n  ${property}:\\n    \\$ref: [^\\n]+\\n)`), `$1    ${line}\n`);
const replace = (file: string, from: string | RegExp, to: string): Edit => (s) => s.edit(file, from, to);
const both = (...edits: Edit[]): Edit => (s) => {
  for (const edit of edits) edit(s);
};
const renameFile = (from: string, to: string): Edit => (s) => s.rename(from, to);
const removeFile = (file: string): Edit => (s) => s.delete(file);
/** Replaces every `from` in the listed files. */
const everywhere = (files: string[], from: string, to: string): Edit => both(...files.map((f) => replace(f, new RegExp(from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'), to)));
const deprecate = (file: string, operationId: string): Edit => replace(file, `operationId: ${operationId}\n`, `operationId: ${operationId}\n  deprecated: true\n`);

const unchanged: Edit = () => {};
const removeCursor = both(replace('paths/labels.yaml', '    - $ref: ../components/parameters/Cursor.yaml\n', ''), removeFile('components/parameters/Cursor.yaml'));
const removeDelete = both(
  replace('paths/labels_{id}.yaml', /\ndelete:[\s\S]*$/, '\n'),
  ...['examples/LabelDeleted.yaml', 'schemas/DeletedLabel.yaml', 'schemas/DeletedLabelResponse.yaml', 'responses/DeleteLabelValidationFailure.yaml', 'responses/DeleteLabelResourceNotFound.yaml'].map((f) => removeFile(`components/${f}`)),
);
// LabelListResponse goes with listLabels: its name leaves the types, a breaking change of its own.
const removeList = both(replace('paths/labels.yaml', /^get:[\s\S]*?\npost:/, 'post:'), ...['parameters/Cursor.yaml', 'parameters/Limit.yaml', 'examples/LabelListFirstPage.yaml', 'examples/LabelListLastPage.yaml', 'examples/LabelListEmpty.yaml', 'schemas/LabelListResponse.yaml', 'responses/ListLabelsValidationFailure.yaml', ...['CursorInvalid', 'LimitInvalid'].map((e) => `examples/Validation${e}.yaml`)].map((f) => removeFile(`components/${f}`)));

const ROWS: Row[] = [
  // Limits, both directions, request side (a sibling of the $ref limits only the request).
  { name: 'request maxLength lowered', head: sibling('components/schemas/CreateLabelRequest.yaml', 'name', 'maxLength: 40'), level: 'breaking', rule: 'request-max-length-decreased', operation: 'createLabel', source: /components\/schemas\/CreateLabelRequest\.yaml:\d+/ },
  { name: 'request maxLength raised', head: sibling('components/schemas/CreateLabelRequest.yaml', 'name', 'maxLength: 60'), level: 'non-breaking', rule: 'request-max-length-increased', operation: 'createLabel' },
  { name: 'request minLength raised', head: sibling('components/schemas/CreateLabelRequest.yaml', 'name', 'minLength: 2'), level: 'breaking', rule: 'request-min-length-increased' },
  { name: 'request minLength lowered', head: sibling('components/schemas/CreateLabelRequest.yaml', 'name', 'minLength: 0'), level: 'non-breaking', rule: 'request-min-length-decreased' },
  { name: 'query maximum lowered', head: replace('components/parameters/Limit.yaml', 'maximum: 100', 'maximum: 50'), level: 'breaking', rule: 'parameter-maximum-decreased', operation: 'listLabels', source: /components\/parameters\/Limit\.yaml:11$/ },
  { name: 'query maximum raised', head: replace('components/parameters/Limit.yaml', 'maximum: 100', 'maximum: 200'), level: 'non-breaking', rule: 'parameter-maximum-increased' },
  { name: 'query minimum raised', head: replace('components/parameters/Limit.yaml', 'minimum: 1', 'minimum: 5'), level: 'breaking', rule: 'parameter-minimum-increased' },
  { name: 'query minimum lowered', head: replace('components/parameters/Limit.yaml', 'minimum: 1', 'minimum: 0'), level: 'non-breaking', rule: 'parameter-minimum-decreased' },
  { name: 'request maxItems lowered', head: replace('components/schemas/BulkLabelContactsRequest.yaml', 'maxItems: 1000', 'maxItems: 500'), level: 'breaking', rule: 'request-max-items-decreased', operation: 'bulkLabelContacts' },
  { name: 'request maxItems raised', head: replace('components/schemas/BulkLabelContactsRequest.yaml', 'maxItems: 1000', 'maxItems: 2000'), level: 'non-breaking', rule: 'request-max-items-increased' },
  // The same limit on the response side: the direction flips.
  { name: 'response maxLength lowered', head: sibling('components/schemas/Label.yaml', 'name', 'maxLength: 40'), level: 'non-breaking', rule: 'response-max-length-decreased', operation: 'getLabel' },
  { name: 'response maxLength raised', head: sibling('components/schemas/Label.yaml', 'name', 'maxLength: 60'), level: 'breaking', rule: 'response-max-length-increased', operation: 'getLabel' },
  // Request narrowing.
  { name: 'request field made required', ours: true, head: replace('components/schemas/CreateLabelRequest.yaml', 'required: [name]', 'required: [name, color]'), level: 'breaking', rule: 'request-property-became-required', operation: 'createLabel' },
  { name: 'request enum value removed', head: replace('components/schemas/LabelColor.yaml', /\n  - pink/, ''), level: 'breaking', rule: 'request-enum-value-removed', operation: 'createLabel' },
  { name: 'request pattern added', head: sibling('components/schemas/CreateLabelRequest.yaml', 'name', 'pattern: "^[A-Za-z ]+$"'), level: 'breaking', rule: 'request-pattern-added' },
  { name: 'path parameter pattern changed', head: replace('components/schemas/LabelId.yaml', /pattern: .*/, 'pattern: "^lbl_[0-9A-Z]{20}$"'), level: 'breaking', rule: 'parameter-pattern-changed', operation: 'getLabel' },
  { name: 'request type narrowed', head: sibling('components/schemas/CreateLabelRequest.yaml', 'name', 'type: integer'), level: 'breaking', rule: 'request-type-changed' },
  { name: 'request type widened', ours: true, base: sibling('components/schemas/CreateLabelRequest.yaml', 'name', 'type: string'), head: sibling('components/schemas/CreateLabelRequest.yaml', 'name', "type: [string, 'null']"), level: 'non-breaking', rule: 'request-type-changed' },
  { name: 'request additionalProperties closed', ours: true, base: replace('components/schemas/CreateLabelRequest.yaml', 'additionalProperties: false\n', ''), head: unchanged, level: 'breaking', rule: 'request-additional-properties-closed', operation: 'createLabel' },
  { name: 'request additionalProperties opened', head: replace('components/schemas/CreateLabelRequest.yaml', 'additionalProperties: false\n', ''), level: 'non-breaking', rule: 'request-additional-properties-opened' },
  { name: 'required header added', head: replace('components/parameters/IdempotencyKey.yaml', 'required: false', 'required: true'), level: 'breaking', rule: 'parameter-became-required', operation: 'createLabel' },
  { name: 'query parameter removed', head: removeCursor, level: 'breaking', rule: 'parameter-removed', operation: 'listLabels' },
  { name: 'request media type removed', base: replace('paths/labels.yaml', /(post:[\s\S]*?content:\n)/, '$1      application/x-www-form-urlencoded:\n        schema:\n          $ref: ../components/schemas/CreateLabelRequest.yaml\n'), head: unchanged, level: 'breaking', rule: 'request-media-type-removed', operation: 'createLabel' },
  { name: 'operation removed', head: removeDelete, level: 'breaking', rule: 'operation-removed', operation: 'deleteLabel' },
  {
    name: 'path removed',
    head: both(replace('openapi.yaml', '  /contacts/bulk_label:\n    $ref: paths/contacts_bulk_label.yaml\n', ''), removeFile('paths/contacts_bulk_label.yaml'), removeFile('components/schemas/BulkLabelContactsRequest.yaml'), removeFile('components/schemas/BulkLabelResultResponse.yaml'), removeFile('components/schemas/BulkLabelResult.yaml'), removeFile('components/examples/BulkLabelAttach.yaml'), removeFile('components/examples/BulkLabelDetach.yaml'), removeFile('components/examples/BulkLabelApplied.yaml'), removeFile('components/responses/BulkLabelContactsValidationFailure.yaml'), ...['ContactIdMalformed', 'ContactIdsDuplicate', 'ContactIdsEmpty', 'ContactIdsMissing', 'ContactIdsTooMany', 'LabelIdUnknown', 'OperationInvalid', 'OperationMissing'].map((e) => removeFile(`components/examples/Validation${e}.yaml`))),
    level: 'breaking',
    rule: 'operation-removed',
    operation: 'bulkLabelContacts',
  },
  {
    name: 'security added', ours: true,
    head: both(
      replace('openapi.yaml', '      $ref: components/securitySchemes/BearerAuth.yaml\n', '      $ref: components/securitySchemes/BearerAuth.yaml\n    TeamKey:\n      type: apiKey\n      in: header\n      name: X-Team-Key\n      description: A team key.\n'),
      replace('paths/labels.yaml', '  tags: [Labels]\n  parameters:', '  tags: [Labels]\n  security:\n    - BearerAuth: []\n      TeamKey: []\n  parameters:'),
    ),
    level: 'breaking',
    rule: 'security-added',
    operation: 'listLabels',
  },
  // Response side.
  { name: 'response field removed', head: both(replace('components/schemas/Label.yaml', '  color:\n    $ref: LabelColor.yaml\n', ''), replace('components/schemas/Label.yaml', 'name, color, team_id', 'name, team_id')), level: 'breaking', rule: 'response-property-removed', operation: 'getLabel' },
  { name: 'response field made optional', head: replace('components/schemas/Label.yaml', 'name, color, team_id', 'name, team_id'), level: 'breaking', rule: 'response-property-became-optional', operation: 'listLabels' },
  { name: 'response field made nullable', ours: true, head: sibling('components/schemas/Label.yaml', 'updated_at', "type: [string, 'null']"), level: 'breaking', rule: 'response-property-became-nullable', operation: 'getLabel' },
  { name: 'response const given its type', ours: true, base: replace('components/schemas/Label.yaml', '    type: string\n    minLength: 1\n    const: label', '    const: label'), head: () => {}, level: 'annotation', rule: 'response-type-made-explicit', operation: 'getLabel', worst: 'non-breaking' },
  { name: 'response type changed', ours: true, head: replace('components/schemas/DeletedLabel.yaml', /    type: boolean\n(.*\n)*?    const: true\n/, '    type: string\n'), level: 'breaking', rule: 'response-type-changed', operation: 'deleteLabel' },
  { name: 'success status changed', head: replace('paths/labels.yaml', "    '201':\n      description: Label created", "    '200':\n      description: Label created"), level: 'breaking', rule: 'response-success-status-removed', operation: 'createLabel' },
  { name: 'response header removed', head: replace('paths/labels_{id}.yaml', /(delete:[\s\S]*?)        X-RateLimit-Reset:\n          \$ref: [^\n]+\n/, '$1'), level: 'breaking', rule: 'response-header-removed', operation: 'deleteLabel', source: /paths\/labels_\{id\}\.yaml:\d+/ },
  // Warnings.
  { name: 'response enum value added', ours: true, head: replace('components/schemas/LabelColor.yaml', '  - pink', '  - pink\n  - cyan'), level: 'warning', rule: 'response-enum-value-added', operation: 'listLabels' },
  { name: 'new error status', ours: true, head: replace('paths/labels_{id}.yaml', /(delete:[\s\S]*?    '404':\n      \$ref: [^\n]+\n)/, "$1    '409':\n      $ref: ../components/responses/IdempotencyInProgress.yaml\n"), level: 'warning', rule: 'response-error-status-added', operation: 'deleteLabel' },
  { name: 'default changed', ours: true, head: replace('components/schemas/CreateLabelRequest.yaml', 'default: gray', 'default: blue'), level: 'warning', rule: 'request-default-changed', operation: 'createLabel' },
  { name: 'query default changed', ours: true, head: replace('components/parameters/Limit.yaml', 'default: 25', 'default: 50'), level: 'warning', rule: 'parameter-default-changed', operation: 'listLabels' },
  { name: 'deprecated parameter removed', ours: true, base: replace('components/parameters/Cursor.yaml', 'required: false\n', 'required: false\ndeprecated: true\n'), head: removeCursor, level: 'warning', rule: 'deprecated-parameter-removed', operation: 'listLabels' },
  { name: 'deprecated operation removed', ours: true, base: deprecate('paths/labels.yaml', 'listLabels'), head: removeList, level: 'warning', rule: 'deprecated-operation-removed', operation: 'listLabels', worst: 'breaking' },
  // Type level: the wire is unchanged, the generated types are not.
  {
    name: 'schema renamed', ours: true,
    head: both(renameFile('components/schemas/DeletedLabel.yaml', 'components/schemas/RemovedLabel.yaml'), replace('components/schemas/DeletedLabelResponse.yaml', 'DeletedLabel.yaml', 'RemovedLabel.yaml')),
    level: 'breaking',
    rule: 'schema-renamed',
  },
  { name: 'operationId renamed', ours: true, head: everywhere(['paths/labels.yaml'], 'operationId: createLabel', 'operationId: makeLabel'), level: 'breaking', rule: 'operation-id-changed', operation: 'makeLabel' },
  {
    name: 'path parameter renamed', ours: true,
    head: both(
      replace('openapi.yaml', '  /labels/{id}:\n', '  /labels/{label_id}:\n'),
      replace('components/parameters/LabelIdPath.yaml', 'name: id\n', 'name: label_id\n'),
    ),
    level: 'breaking',
    rule: 'path-parameter-renamed',
    operation: 'getLabel',
  },
  // Additions.
  { name: 'new optional request field', head: replace('components/schemas/CreateLabelRequest.yaml', '  color:\n', "  note:\n    type: string\n    description: A note.\n    examples: ['for triage']\n  color:\n"), level: 'non-breaking', rule: 'request-property-added', operation: 'createLabel' },
  { name: 'new response field', head: replace('components/schemas/Label.yaml', '  color:\n', "  note:\n    type: string\n    description: A note.\n    examples: ['for triage']\n  color:\n"), level: 'non-breaking', rule: 'response-property-added', operation: 'getLabel' },
  {
    name: 'new operation',
    head: (s) => {
      const text = s.read('paths/labels_{id}.yaml');
      const patch = /\npatch:\n([\s\S]*?)\ndelete:/.exec(text)?.[1] ?? '';
      s.write('paths/labels_{id}.yaml', `${text}put:\n${patch.replace('operationId: updateLabel', 'operationId: replaceLabel')}\n`);
    },
    level: 'non-breaking',
    rule: 'operation-added',
    operation: 'replaceLabel',
  },
  {
    // Like the Meta operations added after 1.0.0: a path of its own, with its own schema.
    name: 'new path with a new schema',
    head: both(
      replace('openapi.yaml', '  /contacts/bulk_label:\n', '  /ping:\n    $ref: paths/ping.yaml\n  /contacts/bulk_label:\n'),
      (s) => s.write('paths/ping.yaml', "get:\n  operationId: ping\n  summary: Ping\n  description: Answers pong.\n  tags: [Labels]\n  responses:\n    '200':\n      description: Pong\n      content:\n        application/json:\n          schema:\n            $ref: ../components/schemas/Pong.yaml\n"),
      (s) => s.write('components/schemas/Pong.yaml', 'type: object\nproperties:\n  pong:\n    const: true\n'),
    ),
    level: 'non-breaking',
    rule: 'operation-added',
    operation: 'ping',
  },
  { name: 'operation deprecated', head: deprecate('paths/labels.yaml', 'listLabels'), level: 'non-breaking', rule: 'operation-deprecated', operation: 'listLabels' },
  // Documentation only.
  { name: 'description-only edit', head: replace('components/schemas/LabelName.yaml', 'The label\'s name, 1 to 50 characters,', 'The name of the label, 1 to 50 characters,'), level: 'annotation', rule: 'request-description-changed', operation: 'createLabel', source: /components\/schemas\/LabelName\.yaml:2/ },
  { name: 'added example', ours: true, head: replace('paths/labels.yaml', '          in_team:\n', "          blue:\n            summary: A blue label\n            value: { name: Billing, color: blue }\n          in_team:\n"), level: 'annotation', rule: 'request-example-changed', operation: 'createLabel' },
  { name: 'summary edit', head: replace('paths/labels.yaml', 'summary: List labels', 'summary: List the labels'), level: 'annotation', rule: 'operation-summary-changed', operation: 'listLabels' },
  { name: 'x- extension added', head: replace('paths/labels.yaml', '  summary: List labels\n', '  summary: List labels\n  x-stability: stable\n'), level: 'annotation', rule: 'operation-extension-stability-changed', operation: 'listLabels' },
  { name: 'tag changed', head: replace('paths/labels.yaml', /(post:[\s\S]*?)tags: \[Labels\]/, '$1tags: [Labels, Contacts]'), level: 'annotation', rule: 'operation-tags-changed', operation: 'createLabel' },
];

const config = loadLintConfig();

/**
 * The bundle of the description edited by `edit`, made in-process by the pipeline's bundle step
 * (lint and code samples left out: an edit need not satisfy every documentation rule, and the
 * diff ignores samples), and a source locator that reads the edited files.
 */
async function bundleOf(edit: Edit): Promise<{ document: unknown; locate: (s: (string | number)[]) => string | null }> {
  const overlay = overlayDescription();
  edit(overlay);
  const loaded = await config;
  const resolver = new DescriptionResolver(loaded.resolve, { overlay: overlay.files });
  const { document } = await bundleDescription({ ref: overlay.entry, config: loaded, resolver });
  const locate = sourceLocator(overlay.entry, { read: (file) => resolver.readText(file) });
  return { document, locate: (segments) => locate(segments)?.replace(/^.*?openapi\//, 'openapi/') ?? null };
}

// A row is CPU work (bundle, compare); concurrent rows share the 2 cores with each other
// and with other test files, so a row's wall time is mostly waiting. Not a timing assertion.
const ROW_TIME_LIMIT = 120_000;

describe('npm run diff: the classification table', () => {
  let original: unknown;
  beforeAll(async () => {
    original = JSON.parse(await readFile(path.join(repoRoot, 'generated/openapi.json'), 'utf8'));
  });

  it('has at least 30 rows, each named once', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ROWS.map((r) => r.name)).size).toBe(ROWS.length);
  });

  it('finds nothing between the description and its own bundle', () => {
    expect(compareDescriptions(original, structuredClone(original))).toEqual([]);
  });

  it.concurrent.each(ROWS)('$name → $level $rule', async (row) => {
    const head = await bundleOf(row.head);
    const base = row.base ? await bundleOf(row.base) : null;
    const entries = compareDescriptions(base?.document ?? original, head.document, { locate: head.locate });
    const hit = entries.find((e) => e.rule === row.rule && e.level === row.level && (!row.operation || e.operation === row.operation));
    expect(hit, `no ${row.level} ${row.rule} among:\n${entries.map((e) => `${e.level} ${e.rule} ${e.message}`).join('\n')}`).toBeDefined();
    expect(worstLevel(entries)).toBe(row.worst ?? row.level);
    if (row.source) expect(hit?.source).toMatch(row.source);
    expect(hit?.origin, 'who decided the level').toBe(row.ours ? 'ours' : 'library');
    expect(hit?.message).toMatch(/^\S+: \S/);
  }, ROW_TIME_LIMIT);
});
