// The bundled description, loaded once, and the walk over its operations that tests share.
import { fileURLToPath } from 'node:url';
import { description } from '../../src/contract/description.js';
import * as walk from '../../src/contract/openapi.js';
import type { Json, OperationEntry } from '../../src/contract/openapi.js';

export const bundlePath = fileURLToPath(new URL('../../generated/openapi.json', import.meta.url));
export const yamlBundlePath = fileURLToPath(new URL('../../generated/openapi.yaml', import.meta.url));

export type { Json } from '../../src/contract/openapi.js';

export { description };

export { HTTP_METHODS, type OperationEntry } from '../../src/contract/openapi.js';

export const operations = (doc: Json = description): OperationEntry[] => walk.operations(doc);
export const operation = (operationId: string, doc: Json = description): OperationEntry => walk.operation(operationId, doc);
/** The response object of an operation for a status, dereferenced. */
export const response = (operationId: string, status: number | string, doc: Json = description): Json => walk.response(operationId, status, doc);

/** The named examples of a response's application/json content, dereferenced: name → value. */
export function responseExamples(operationId: string, status: number | string, doc: Json = description): Record<string, Json> {
  const examples = response(operationId, status, doc).content?.['application/json']?.examples ?? {};
  return Object.fromEntries(Object.entries<Json>(examples).map(([name, example]) => [name, walk.deref(doc, example).value]));
}
