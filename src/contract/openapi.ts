// The contract suite's view of a description: the shared operation model (lib/openapi.mjs),
// typed. Every function takes the document, so the same walk serves the bundled description, a
// scratch copy in a test, and the installed bin; `deref` takes it first, as lib/openapi.mjs does.

// A node of an arbitrary OpenAPI document (a schema, a parameter, a response): its shape is the
// document's, not the API's. Bodies of the API are typed from the generated types (./types.js).
export type Json = any;

import * as model from '../../lib/openapi.mjs';
import type { OperationModel } from '../../lib/openapi.mjs';

export const HTTP_METHODS = model.HTTP_METHODS;

/** Follows a local `$ref` (`#/components/...`) to its target; anything else is returned as is. */
export const deref = <T = Json>(doc: Json, node: Json): T => model.deref(doc, node) as T;

export type OperationEntry = OperationModel;

/** Every operation of the document (one shared list per document: do not change it). */
export const operations = (doc: Json): OperationEntry[] => model.operations(doc);

export const operation = (operationId: string, doc: Json): OperationEntry => model.operation(doc, operationId);

/** The response object of an operation for a status, dereferenced. */
export function response(operationId: string, status: number | string, doc: Json): Json {
  const documented = operation(operationId, doc).responses[String(status)];
  if (!documented) throw new Error(`${operationId} does not document status ${status}`);
  return documented.response;
}

/** The application/json schema of an operation's request body, dereferenced; undefined without a body. */
export function requestSchema(entry: OperationEntry, doc: Json): Json | undefined {
  const schema = entry.requestBody?.content?.['application/json']?.schema;
  return schema ? deref(doc, schema) : undefined;
}

/** The lowest documented 2xx status of an operation. */
export const successStatus = (entry: OperationEntry): number => entry.successStatus;
