// Validates responses against the description with ajv (JSON Schema 2020-12), compiled once per
// schema. Returns problems as readable strings, so a failing test says what is wrong and where.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { default as formats } from 'ajv-formats';
import { description, deref, response, type Json } from './description.js';

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
// ajv-formats is CommonJS: its plugin is the default export under either interop.
const addFormats = ((formats as unknown as { default?: typeof formats }).default ?? formats) as unknown as (a: Ajv2020) => void;
addFormats(ajv);
// The whole bundle is one schema resource, so `#/components/schemas/...` refs resolve inside it.
ajv.addSchema(description, 'kirim');

const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
function validatorFor(pointer: string) {
  let validate = compiled.get(pointer);
  if (!validate) {
    validate = ajv.getSchema(`kirim${pointer}`);
    if (!validate) throw new Error(`no schema at ${pointer}`);
    compiled.set(pointer, validate);
  }
  return validate;
}

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function operationPointer(operationId: string): string {
  for (const [path, item] of Object.entries<Json>(description.paths)) {
    for (const [method, op] of Object.entries<Json>(item)) {
      if (op?.operationId === operationId) return `#/paths/${escape(path)}/${method}`;
    }
  }
  throw new Error(`no operation ${operationId}`);
}

/** The pointer of a documented response, following a shared response's `$ref` so that its schema compiles once. */
function responsePointer(operationId: string, status: string): string {
  const pointer = `${operationPointer(operationId)}/responses`;
  const raw = deref<Json>({ $ref: pointer })[status];
  return typeof raw?.$ref === 'string' ? raw.$ref : `${pointer}/${status}`;
}

function formatErrors(where: string, errors: Json[] | null | undefined): string[] {
  return (errors ?? []).map((e: Json) => `${where}${e.instancePath || ''} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
}

/** Problems of a response body and its documented headers; empty when the response is valid. */
export function responseProblems(operationId: string, status: number, headers: Headers, body: unknown): string[] {
  const key = String(status);
  const problems: string[] = [];
  let documented: Json;
  try {
    documented = response(operationId, key);
  } catch {
    return [`${operationId}: status ${status} is not documented`];
  }
  const contentType = headers.get('content-type') ?? '';
  if (documented.content && !contentType.startsWith('application/json')) {
    problems.push(`${operationId} ${status}: Content-Type is "${contentType}", expected application/json`);
  }
  if (documented.content) {
    const validate = validatorFor(`${responsePointer(operationId, key)}/content/application~1json/schema`);
    if (!validate(body)) problems.push(...formatErrors(`${operationId} ${status} body`, validate.errors));
  }
  for (const [name, headerRef] of Object.entries<Json>(documented.headers ?? {})) {
    const header = deref<Json>(headerRef);
    const value = headers.get(name);
    if (value === null) {
      if (header.required) problems.push(`${operationId} ${status}: header ${name} is missing`);
      continue;
    }
    const schema = deref<Json>(header.schema);
    const typed = schema.type === 'integer' || schema.type === 'number' ? (/^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value) : value;
    const pointer = typeof headerRef.$ref === 'string' ? `${headerRef.$ref}/schema` : null;
    const validate = pointer ? validatorFor(pointer) : ajv.compile(schema);
    if (!validate(typed)) problems.push(...formatErrors(`${operationId} ${status} header ${name}`, validate.errors));
  }
  return problems;
}
