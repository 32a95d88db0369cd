// Walks an OpenAPI 3.1 description: local $refs, operations with their parameters and documented
// statuses, responses. Every function takes the document, so the same walk serves the bundled
// description, a scratch copy in a test, and the installed bin.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Follows a local `$ref` (`#/components/...`) to its target; anything else is returned as is. */
export function deref<T = Json>(node: Json, doc: Json): T {
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

export function operations(doc: Json): OperationEntry[] {
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

export function operation(operationId: string, doc: Json): OperationEntry {
  const found = operations(doc).find((o) => o.operationId === operationId);
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
