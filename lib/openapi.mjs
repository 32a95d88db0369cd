// @ts-check
// The one model of an OpenAPI 3.1 document that the pipeline (code samples), the mock and the
// contract suite share: local `$ref`s, and the operations with what each of them needs to know,
// computed once per document. Plain JavaScript with checked JSDoc, so that the mock (run by node
// as it is) and the TypeScript code (bundled or type-checked) import the same file. It imports
// nothing of the repository: scripts/, mock/ and src/ depend on it, never the other way round.

import { createHash } from 'node:crypto';

export const HTTP_METHODS = /** @type {const} */ (['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** @typedef {(typeof HTTP_METHODS)[number]} HttpMethod */

/**
 * Follows local `$ref`s (`#/components/...`) to their target. Sibling keywords of a `$ref`
 * (allowed in 3.1, e.g. a `description` or `default` beside it) win over the target's.
 * @param {any} doc the whole document
 * @param {any} node a node of it, a `$ref` or not
 * @returns {any}
 */
export function deref(doc, node) {
  let current = node;
  /** @type {Record<string, unknown>} */
  let siblings = {};
  while (current && typeof current.$ref === 'string') {
    const { $ref, ...rest } = current;
    siblings = { ...rest, ...siblings };
    if (!$ref.startsWith('#/')) throw new Error(`only local $refs are supported, found ${$ref}`);
    const target = $ref
      .slice(2)
      .split('/')
      .map((/** @type {string} */ s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((/** @type {any} */ at, /** @type {string} */ key) => at?.[key], doc);
    if (target === undefined) throw new Error(`unresolved $ref ${$ref}`);
    current = target;
  }
  return Object.keys(siblings).length ? { ...current, ...siblings } : current;
}

/**
 * Every operation of the document, in path then method order, with its parameters (the path
 * item's and its own, dereferenced).
 * @param {any} doc
 * @returns {Generator<{ path: string, method: HttpMethod, pathItem: any, operation: any, parameters: any[] }>}
 */
export function* operationsOf(doc) {
  for (const [path, pathItem] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref(doc, p));
      yield { path, method, pathItem, operation, parameters };
    }
  }
}

/**
 * An operation is public when its security requirements (its own, else the document's) are
 * empty or allow an empty requirement `{}`: it takes no key (getHealth, getOpenApiDescription).
 * @param {any} doc
 * @param {any} operation
 */
export function isPublic(doc, operation) {
  const requirements = operation.security ?? doc.security ?? [];
  return requirements.length === 0 || requirements.some((/** @type {object} */ r) => Object.keys(r).length === 0);
}

/**
 * @typedef {object} OperationModel
 * @property {string} operationId
 * @property {HttpMethod} method
 * @property {string} path the path template, e.g. `/labels/{id}`
 * @property {any} operation the raw operation object
 * @property {any[]} parameters path-level and operation-level parameters, dereferenced
 * @property {boolean} public takes no key (see isPublic)
 * @property {boolean} idempotent declares an `Idempotency-Key` header
 * @property {any} idempotencyKeySchema the schema of that header (`{}` without one)
 * @property {Map<string, string>} headerNames lower-case header parameter name → its spelling
 * @property {any} requestBody the request body object, dereferenced (undefined without one)
 * @property {string[]} mediaTypes the request body's media types
 * @property {any} bodySchema the schema of the first request media type, dereferenced
 * @property {Record<string, { response: any, exampleNames: string[] }>} responses by status
 * @property {string[]} statuses documented statuses, as written ('200', '400', ...)
 * @property {number} successStatus the lowest documented 2xx
 */

/** @type {WeakMap<object, { list: OperationModel[], byId: Map<string, OperationModel> }>} */
const models = new WeakMap();

/**
 * @param {any} doc
 * @param {{ path: string, method: HttpMethod, operation: any, parameters: any[] }} entry
 * @returns {OperationModel}
 */
function modelOf(doc, { path, method, operation, parameters }) {
  const requestBody = operation.requestBody ? deref(doc, operation.requestBody) : undefined;
  const mediaTypes = requestBody ? Object.keys(requestBody.content ?? {}) : [];
  const bodySchema = requestBody ? deref(doc, requestBody.content?.[mediaTypes[0] ?? '']?.schema ?? {}) : undefined;
  const statuses = Object.keys(operation.responses ?? {});
  const responses = Object.fromEntries(
    statuses.map((status) => {
      const response = deref(doc, operation.responses[status]);
      return [status, { response, exampleNames: Object.keys(response.content?.['application/json']?.examples ?? {}) }];
    }),
  );
  const idempotencyKey = parameters.find((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
  return {
    operationId: operation.operationId,
    method,
    path,
    operation,
    parameters,
    public: isPublic(doc, operation),
    idempotent: idempotencyKey !== undefined,
    idempotencyKeySchema: deref(doc, idempotencyKey?.schema ?? {}),
    headerNames: new Map(parameters.filter((p) => p.in === 'header').map((p) => [p.name.toLowerCase(), p.name])),
    requestBody,
    mediaTypes,
    bodySchema,
    responses,
    statuses,
    successStatus: Number(statuses.filter((s) => /^2\d\d$/.test(s)).sort()[0]),
  };
}

/**
 * @param {any} doc
 */
function indexOf(doc) {
  let index = models.get(doc);
  if (!index) {
    const list = [...operationsOf(doc)].map((entry) => modelOf(doc, entry));
    index = { list, byId: new Map(list.map((m) => [m.operationId, m])) };
    models.set(doc, index);
  }
  return index;
}

/**
 * The operations of a document, modelled once per document object (read-only: shared).
 * @param {any} doc
 * @returns {OperationModel[]}
 */
export function operations(doc) {
  return indexOf(doc).list;
}

/**
 * One operation by operationId; an unknown id is an error that names it.
 * @param {any} doc
 * @param {string} operationId
 * @returns {OperationModel}
 */
export function operation(doc, operationId) {
  const found = indexOf(doc).byId.get(operationId);
  if (!found) throw new Error(`no operation ${operationId} in the description`);
  return found;
}

/**
 * The value of the first named example of an operation's application/json request body (the
 * one tools that take "the example" send), or its single `example`; undefined without a body.
 * @param {any} doc
 * @param {OperationModel} op
 * @returns {any}
 */
export function firstRequestExample(doc, op) {
  const media = op.requestBody?.content?.['application/json'];
  if (!media) return undefined;
  const first = Object.values(media.examples ?? {})[0];
  return first !== undefined ? deref(doc, first).value : media.example;
}

/**
 * The example value of a parameter: its own `example`, else its schema's first `examples`
 * entry, else the schema's default.
 * @param {any} doc
 * @param {any} parameter
 * @returns {unknown}
 */
export function parameterExample(doc, parameter) {
  const schema = deref(doc, parameter.schema ?? {});
  return parameter.example ?? schema.examples?.[0] ?? schema.default;
}

/**
 * The Idempotency-Key of an operation's documented request: a UUID v4 derived from the
 * operationId, so that each operation has its own and the output stays deterministic. The
 * header's one shared example, sent by every idempotent POST, makes the second one answer
 * `422 idempotency_key_reuse` (the stateful mock showed it).
 * @param {string} operationId
 */
export function idempotencyKeyOf(operationId) {
  const hex = createHash('sha256').update(`kirim-sample:${operationId}`).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A parameter is part of the documented request when it is required, a header (the
 * Idempotency-Key: retries are what samples should teach), or has a default (the reader sees the
 * knob, e.g. `limit`). `cursor` has none of these: a first call has no cursor.
 * @param {any} doc
 * @param {any} parameter
 */
const shown = (doc, parameter) => parameter.required || parameter.in === 'header' || deref(doc, parameter.schema ?? {}).default !== undefined;

/**
 * The documented request of an operation, from the description alone: the shown parameters
 * with their example values (an Idempotency-Key of the operation's own), and the first named
 * request example as the body. It is the request of the code samples, of the tests' one call
 * per operation and of the contract suite's valid requests, and it works against the mock's
 * seed with the README's key. A missing example is an error naming the operation.
 * @param {any} doc
 * @param {OperationModel} op
 * @returns {{ path: Record<string, string>, query: Record<string, unknown>, headers: Record<string, unknown>, body: any }}
 */
export function documentedRequest(doc, op) {
  const where = `${op.method.toUpperCase()} ${op.path} (${op.operationId})`;
  /** @param {'path' | 'query' | 'header'} location */
  const pick = (location) =>
    Object.fromEntries(
      op.parameters
        .filter((p) => p.in === location && (location === 'path' || shown(doc, p)))
        .map((p) => {
          const value = location === 'header' && p.name.toLowerCase() === 'idempotency-key' ? idempotencyKeyOf(op.operationId) : parameterExample(doc, p);
          if (value === undefined) throw new Error(`${where}: ${location} parameter "${p.name}" has no example, examples or default`);
          return [p.name, value];
        }),
    );
  const path = Object.fromEntries(Object.entries(pick('path')).map(([name, value]) => [name, String(value)]));
  for (const [, name] of op.path.matchAll(/\{([^}]+)\}/g)) {
    if (!(String(name) in path)) throw new Error(`${where}: the path has no parameter "${name}"`);
  }
  const body = firstRequestExample(doc, op);
  if (op.requestBody && body === undefined) throw new Error(`${where}: a request body but no named example to send`);
  return { path, query: pick('query'), headers: pick('header'), body };
}
