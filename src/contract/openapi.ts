// Walks an OpenAPI 3.1 description: local $refs, operations with their parameters and documented
// statuses, responses. Every function takes the document, so the same walk serves the bundled
// description, a scratch copy in a test, and the installed bin.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

import { deref as derefIn, HTTP_METHODS, operationsOf } from '../../scripts/lib/openapi.mjs';

export { HTTP_METHODS };

/** Follows a local `$ref` (`#/components/...`) to its target; anything else is returned as is. */
export const deref = <T = Json>(node: Json, doc: Json): T => derefIn(doc, node) as T;

export interface OperationEntry {
  operationId: string;
  method: (typeof HTTP_METHODS)[number];
  path: string;
  operation: Json;
  /** Path-level and operation-level parameters, dereferenced. */
  parameters: Json[];
  /** Documented statuses, as strings ('200', '400', ...). */
  statuses: string[];
}

// Walked once per document: the validator looks an operation up for every answer it checks.
const indexes = new WeakMap<object, { list: OperationEntry[]; byId: Map<string, OperationEntry> }>();

function indexOf(doc: Json) {
  let index = indexes.get(doc);
  if (!index) {
    const list = [...operationsOf(doc)].map(({ path, method, operation, parameters }) => ({
      operationId: operation.operationId,
      method,
      path,
      operation,
      parameters,
      statuses: Object.keys(operation.responses),
    }));
    index = { list, byId: new Map(list.map((entry) => [entry.operationId, entry])) };
    indexes.set(doc, index);
  }
  return index;
}

/** Every operation of the document (one shared list per document: do not change it). */
export function operations(doc: Json): OperationEntry[] {
  return indexOf(doc).list;
}

export function operation(operationId: string, doc: Json): OperationEntry {
  const found = indexOf(doc).byId.get(operationId);
  if (!found) throw new Error(`no operation ${operationId} in the description`);
  return found;
}

/** The response object of an operation for a status, dereferenced. */
export function response(operationId: string, status: number | string, doc: Json): Json {
  const entry = operation(operationId, doc);
  const documented = entry.operation.responses[String(status)];
  if (!documented) throw new Error(`${operationId} does not document status ${status}`);
  return deref(documented, doc);
}

/** The application/json schema of an operation's request body, dereferenced; undefined without a body. */
export function requestSchema(entry: OperationEntry, doc: Json): Json | undefined {
  const body = deref(entry.operation.requestBody ?? {}, doc);
  const schema = body.content?.['application/json']?.schema;
  return schema ? deref(schema, doc) : undefined;
}

/** The lowest documented 2xx status of an operation. */
export function successStatus(entry: OperationEntry): number {
  return Number(entry.statuses.filter((s) => s.startsWith('2')).sort()[0]);
}
