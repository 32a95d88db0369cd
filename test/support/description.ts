// The bundled description, loaded once, and the walk over its operations that tests share.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const bundlePath = fileURLToPath(new URL('../../generated/openapi.json', import.meta.url));
export const yamlBundlePath = fileURLToPath(new URL('../../generated/openapi.yaml', import.meta.url));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const description: Json = JSON.parse(readFileSync(bundlePath, 'utf8'));

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Follows a local `$ref` (`#/components/...`) to its target; anything else is returned as is. */
export function deref<T = Json>(node: Json, doc: Json = description): T {
  let current = node;
  while (current && typeof current.$ref === 'string') {
    const pointer = current.$ref.replace(/^#\//, '').split('/').map((s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    current = pointer.reduce((at: Json, key: string) => at?.[key], doc);
    if (current === undefined) throw new Error(`unresolved $ref ${node.$ref}`);
  }
  return current as T;
}

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

export function operations(doc: Json = description): OperationEntry[] {
  const entries: OperationEntry[] = [];
  for (const [path, item] of Object.entries<Json>(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((p: Json) => deref(p, doc));
      entries.push({ operationId: operation.operationId, method, path, operation, parameters, statuses: Object.keys(operation.responses) });
    }
  }
  return entries;
}

export function operation(operationId: string, doc: Json = description): OperationEntry {
  const found = operations(doc).find((o) => o.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId} in the description`);
  return found;
}

/** The response object of an operation for a status, dereferenced. */
export function response(operationId: string, status: number | string, doc: Json = description): Json {
  const entry = operation(operationId, doc);
  const documented = entry.operation.responses[String(status)];
  if (!documented) throw new Error(`${operationId} does not document status ${status}`);
  return deref(documented, doc);
}

/** The named examples of a response's application/json content, dereferenced: name → value. */
export function responseExamples(operationId: string, status: number | string, doc: Json = description): Record<string, Json> {
  const examples = response(operationId, status, doc).content?.['application/json']?.examples ?? {};
  return Object.fromEntries(Object.entries<Json>(examples).map(([name, example]) => [name, deref(example, doc).value]));
}

/** The first named example of an operation's request body. */
export function requestExample(operationId: string, doc: Json = description): Json {
  const body = deref(operation(operationId, doc).operation.requestBody ?? {}, doc);
  const examples = body.content?.['application/json']?.examples;
  if (!examples) return undefined;
  return deref(Object.values<Json>(examples)[0], doc).value;
}
