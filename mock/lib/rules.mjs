// The stateful mock's business rules: one per operationId, the only per-operation code of the
// mock. Everything before a rule (routing, auth, rate limits, validation, idempotency) and the
// stateless answers come from the description; what an operation does to the world cannot, so a
// new operation needs a rule here, and a stateful mock started without one refuses to start,
// naming it (checkRules).
import { internalError } from './errors.mjs';

/**
 * @typedef {object} RuleInput
 * @property {import('./store.mjs').World} world
 * @property {any} op the operation model (lib/openapi.mjs)
 * @property {(node: any) => any} schemaOf dereferences a node of the description
 * @property {any} doc the description
 * @property {{ org?: string, key?: { id: string, label: string, key: string }, identity: string } | undefined} caller undefined for public operations
 * @property {(bucket: 'read' | 'write') => number} bucketSize the caller's bucket sizes (X-RateLimit-Limit)
 * @property {Record<string, string>} params path parameters
 * @property {Record<string, string | string[]>} query
 * @property {any} body the parsed JSON body
 */

/** @typedef {(input: RuleInput) => { status: number, body: any }} Rule */

/** @type {Record<string, Rule>} */
export const rules = {
  getMe: ({ world, caller, bucketSize }) => world.keyContext(/** @type {any} */ (caller), { write: bucketSize('write'), read: bucketSize('read') }),
  getHealth: () => ({ status: 200, body: { data: { status: 'ok' } } }),
  // The body is the description itself, not an envelope: no request_id is written into it.
  getOpenApiDescription: ({ doc }) => ({ status: 200, body: doc }),
  listLabels: ({ world, caller, op, schemaOf, query }) => {
    const limitParam = op.parameters.find((/** @type {any} */ p) => p.name === 'limit');
    const limit = query.limit === undefined ? schemaOf(limitParam.schema).default : Number(query.limit);
    return world.listLabels(caller?.org, { limit, cursor: query.cursor });
  },
  createLabel: ({ world, caller, op, schemaOf, body }) => world.createLabel(caller?.org, body, schemaOf(op.bodySchema?.properties?.color ?? {}).default),
  getLabel: ({ world, caller, params }) => world.getLabel(caller?.org, params.id),
  updateLabel: ({ world, caller, params, body }) => world.updateLabel(caller?.org, params.id, body),
  deleteLabel: ({ world, caller, params }) => world.deleteLabel(caller?.org, params.id),
  attachContactLabel: ({ world, caller, params, body }) => world.attachContactLabel(caller?.org, params.id, body.label_id),
  detachContactLabel: ({ world, caller, params }) => world.detachContactLabel(caller?.org, params.id, params.label_id),
  bulkLabelContacts: ({ world, caller, body }) => world.bulkLabelContacts(caller?.org, body),
};

/**
 * Rules that also answer in stateless mode (unless `Prefer` asks for a documented example):
 * a stateless mock that served a stub at /openapi.json would mislead the tools that read it.
 */
export const statelessRules = new Set(['getOpenApiDescription']);

/**
 * Fails, naming them, when the description has operations without a rule or rules for
 * operations it does not have.
 * @param {Iterable<string>} operationIds
 */
export function checkRules(operationIds) {
  const ids = new Set(operationIds);
  const missing = [...ids].filter((id) => !Object.hasOwn(rules, id));
  const unknown = Object.keys(rules).filter((id) => !ids.has(id));
  const problems = [];
  if (missing.length) problems.push(`no business rule for ${missing.join(', ')}: add one, keyed by operationId, to mock/lib/rules.mjs (the stateless mock needs none)`);
  if (unknown.length) problems.push(`rules for operations the description does not have: ${unknown.join(', ')}`);
  if (problems.length) throw new Error(`the stateful mock cannot start: ${problems.join('; ')}`);
}

/**
 * The rule of an operation (checkRules has run at start-up).
 * @param {string} operationId
 * @returns {Rule}
 */
export function ruleOf(operationId) {
  const rule = rules[operationId];
  if (!rule) throw internalError(`the stateful mock has no rule for ${operationId}`);
  return rule;
}
