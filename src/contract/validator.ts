// Validates responses (body and documented headers) and request bodies against a description
// with ajv (JSON Schema 2020-12), compiling each schema once. Problems come back as readable
// strings, so a failing check says what is wrong and where.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { default as formats } from 'ajv-formats';
import { deref, operation, type Json } from './openapi.js';

// ajv-formats is CommonJS: its plugin is the default export under either interop.
const addFormats = ((formats as unknown as { default?: typeof formats }).default ?? formats) as unknown as (a: Ajv2020) => void;

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function formatErrors(where: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(
    (e) => `${where}${e.instancePath || ''} ${e.message}${(e.params as Json)?.additionalProperty ? ` (${(e.params as Json).additionalProperty})` : ''}`,
  );
}

/** A top-level request-body field that breaks its schema, and how (`missing` or `invalid`). */
export interface FieldFault {
  field: string | undefined;
  kind: 'missing' | 'invalid' | 'empty';
}

export interface Validator {
  /** Problems of a response body and its documented headers; empty when the response is valid. */
  responseProblems(operationId: string, status: number, headers: Headers, body: unknown): string[];
  /** The faults of a request body, by top-level field; empty when the body is valid. */
  requestFaults(operationId: string, body: unknown): FieldFault[];
}

export function createValidator(doc: Json): Validator {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  // The whole bundle is one schema resource, so `#/components/schemas/...` refs resolve inside it.
  ajv.addSchema(doc, 'kirim');

  // ajv compiles a schema on its first getSchema and keeps it: every later call is a lookup.
  const validatorFor = (pointer: string): ValidateFunction => {
    const validate = ajv.getSchema(`kirim${pointer}`);
    if (!validate) throw new Error(`no schema at ${pointer}`);
    return validate;
  };

  const operationPointer = (operationId: string): string => {
    const { path, method } = operation(operationId, doc);
    return `#/paths/${escape(path)}/${method}`;
  };

  function responseProblems(operationId: string, status: number, headers: Headers, body: unknown): string[] {
    const key = String(status);
    const problems: string[] = [];
    const raw = operation(operationId, doc).operation.responses[key];
    if (!raw) return [`${operationId}: status ${status} is not documented`];
    const documented = deref<Json>(doc, raw);
    // A shared response's own pointer, so that its schema compiles once for every operation.
    const responsePointer = typeof raw.$ref === 'string' ? raw.$ref : `${operationPointer(operationId)}/responses/${key}`;
    const contentType = headers.get('content-type') ?? '';
    if (documented.content && !contentType.startsWith('application/json')) {
      problems.push(`${operationId} ${status}: Content-Type is "${contentType}", expected application/json`);
    }
    if (documented.content) {
      const validate = validatorFor(`${responsePointer}/content/application~1json/schema`);
      if (!validate(body)) problems.push(...formatErrors(`${operationId} ${status} body`, validate.errors));
    }
    for (const [name, headerRef] of Object.entries<Json>(documented.headers ?? {})) {
      const header = deref<Json>(doc, headerRef);
      const value = headers.get(name);
      if (value === null) {
        if (header.required) problems.push(`${operationId} ${status}: header ${name} is missing`);
        continue;
      }
      const schema = deref<Json>(doc, header.schema);
      const typed = schema.type === 'integer' || schema.type === 'number' ? (/^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value) : value;
      const pointer = typeof headerRef.$ref === 'string' ? `${headerRef.$ref}/schema` : null;
      const validate = pointer ? validatorFor(pointer) : ajv.compile(schema);
      if (!validate(typed)) problems.push(...formatErrors(`${operationId} ${status} header ${name}`, validate.errors));
    }
    return problems;
  }

  function requestFaults(operationId: string, body: unknown): FieldFault[] {
    const validate = validatorFor(`${operationPointer(operationId)}/requestBody/content/application~1json/schema`);
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e): FieldFault => {
      const params = e.params as Json;
      if (e.instancePath === '' && e.keyword === 'required') return { field: params.missingProperty, kind: 'missing' };
      if (e.instancePath === '' && e.keyword === 'additionalProperties') return { field: params.additionalProperty, kind: 'invalid' };
      if (e.instancePath === '' && e.keyword === 'minProperties') return { field: undefined, kind: 'empty' };
      const field = e.instancePath.split('/')[1];
      return { field: field === undefined ? undefined : field.replace(/~1/g, '/').replace(/~0/g, '~'), kind: 'invalid' };
    });
  }

  return { responseProblems, requestFaults };
}
