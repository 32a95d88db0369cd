// Each operation's error examples are its own: the 400 and 404 of an operation reference a
// response component named after it (the lint policy checks the shape, not which operation a
// component belongs to), and every example names only that operation's parameters and fields.
// A scratch copy of the bundle, broken once, shows that each check can fail.
import { describe, expect, it } from 'vitest';
import { requestSchema } from '../../src/contract/openapi.js';
import { description, operations, responseExamples, type Json } from '../support/description.js';

const PER_OPERATION = { '400': 'ValidationFailure', '404': 'ResourceNotFound' } as const;
const pascal = (id: string) => id[0]!.toUpperCase() + id.slice(1);
// An unknown field is the one case whose `param` is, by definition, not a field of the operation.
const notAField = /is not a field of this request/;

/** "operationId status: problem" for every per-operation response that is not the operation's own. */
function misfiledResponses(doc: Json): string[] {
  const problems: string[] = [];
  const users = new Map<string, string[]>();
  for (const op of operations(doc)) {
    for (const [status, suffix] of Object.entries(PER_OPERATION)) {
      const ref = op.operation.responses[status]?.$ref as string | undefined;
      if (!op.operation.responses[status]) continue;
      const own = `#/components/responses/${pascal(op.operationId)}${suffix}`;
      if (ref !== own) problems.push(`${op.operationId} ${status}: references ${ref ?? 'an inline response'}, not ${own}`);
      if (ref) users.set(ref, [...(users.get(ref) ?? []), op.operationId]);
    }
  }
  for (const [ref, ids] of users) if (ids.length > 1) problems.push(`${ref} is shared by ${ids.join(', ')}`);
  return problems;
}

/** "operationId status example: param" for every error example naming something the operation does not have. */
function foreignParams(doc: Json): string[] {
  const problems: string[] = [];
  for (const op of operations(doc)) {
    const own = new Set<string>([...op.parameters.map((p: Json) => p.name), ...Object.keys(requestSchema(op, doc)?.properties ?? {})]);
    for (const status of op.statuses.filter((s) => Number(s) >= 400)) {
      for (const [name, value] of Object.entries(responseExamples(op.operationId, status, doc))) {
        const { param, message } = value.error;
        if (param !== undefined && !own.has(param) && !notAField.test(message)) problems.push(`${op.operationId} ${status} ${name}: ${param}`);
      }
    }
  }
  return problems;
}

describe("each operation's error examples", () => {
  it('come from a 400 and a 404 response of its own', () => {
    expect(misfiledResponses(description)).toEqual([]);
  });

  it('name only parameters and fields of the operation', () => {
    expect(foreignParams(description)).toEqual([]);
  });

  it('are specific: no 400 lists more than 16 cases, and none is the old generic one', () => {
    for (const op of operations().filter((o) => o.responses['400'])) {
      const names = Object.keys(responseExamples(op.operationId, 400));
      expect(names.length, op.operationId).toBeLessThanOrEqual(16);
      expect(names, op.operationId).not.toContain('validation_failed');
    }
  });

  it('fail the checks when an operation borrows another one\'s 400', () => {
    const broken = structuredClone(description);
    broken.paths['/labels/{id}'].get.responses['400'] = { $ref: '#/components/responses/CreateLabelValidationFailure' };
    expect(misfiledResponses(broken)).toEqual([
      'getLabel 400: references #/components/responses/CreateLabelValidationFailure, not #/components/responses/GetLabelValidationFailure',
      '#/components/responses/CreateLabelValidationFailure is shared by createLabel, getLabel',
    ]);
    expect(foreignParams(broken)).toContain('getLabel 400 name_missing: name');
  });
});
