// The API's error envelope, and the translation of Prism's validation diagnostics into it: the
// status, type, code and param the description documents, and a message that names the field and the
// rule, with the rule's values (limits, enum members, id formats) read from the description.

/** An error the mock answers with; `headers` are extra response headers (WWW-Authenticate, Allow). */
export class ApiError extends Error {
  constructor(status, type, code, message, param, headers) {
    super(message);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
    this.headers = headers;
  }

  body(requestId) {
    const error = { type: this.type, code: this.code, message: this.message };
    if (this.param !== undefined) error.param = this.param;
    error.request_id = requestId;
    return { error };
  }
}

export const invalidRequest = (message) => new ApiError(400, 'invalid_request_error', 'invalid_request', message);
export const invalidField = (param, message) => new ApiError(400, 'invalid_request_error', 'invalid_field_value', message, param);
export const missingField = (param, message) => new ApiError(400, 'invalid_request_error', 'missing_required_field', message, param);
export const notFound = (param, message) => new ApiError(404, 'not_found', 'resource_not_found', message, param);
export const authFailure = (code, message) =>
  new ApiError(401, 'authentication_error', code, message, undefined, { 'www-authenticate': 'Bearer realm="kirim"' });
export const invalidCursor = () =>
  new ApiError(400, 'invalid_request_error', 'invalid_cursor', 'cursor is not a cursor issued for this list: pass next_cursor back verbatim', 'cursor');
export const methodNotAllowed = (method, pathname, allow) =>
  new ApiError(405, 'invalid_request_error', 'invalid_request', `${method} is not allowed on ${pathname}: use ${allow}`, undefined, { allow });
/** 429 for an empty bucket: which bucket, its size per window, and when to retry. */
export const rateLimited = (bucket, limit, windowMs, retryAfter) =>
  new ApiError(429, 'rate_limit_error', 'rate_limit_exceeded', `too many ${bucket} requests: ${limit} ${windowMs === 60_000 ? 'a minute' : `per ${windowMs / 1000} seconds`} are allowed, retry in ${retryAfter} seconds`);
export const idempotencyInProgress = () =>
  new ApiError(409, 'conflict', 'idempotency_in_progress', 'a request with this Idempotency-Key is still being processed: retry later', 'Idempotency-Key');
export const idempotencyKeyReuse = () =>
  new ApiError(422, 'invalid_request_error', 'idempotency_key_reuse', 'this Idempotency-Key was used with a different request in the last 24 hours', 'Idempotency-Key');
export const internalError = (message) => new ApiError(500, 'api_error', 'internal_error', message);

const LOCATION_RANK = { path: 0, query: 1, header: 2, body: 3 };
// Within one field, the most telling rule first: a wrong type explains every other failure.
const KEYWORD_RANK = ['type', 'required', 'minProperties', 'additionalProperties', 'pattern', 'enum', 'const', 'format', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'uniqueItems'];
const keywordRank = (k) => (KEYWORD_RANK.includes(k) ? KEYWORD_RANK.indexOf(k) : KEYWORD_RANK.length);

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const article = (type) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/**
 * A sentence for a broken rule of `schema`, about `field`. Id formats come from the schema's own
 * description ("A label id, `lbl_` followed by 26 Crockford base32 characters."), so that the
 * message says what the description says.
 */
function ruleMessage(field, keyword, schema, detail) {
  const s = schema ?? {};
  switch (keyword) {
    case 'type':
      if (s.type === 'integer' && s.minimum !== undefined && s.maximum !== undefined) return `${field} must be an integer from ${s.minimum} to ${s.maximum}`;
      return `${field} must be ${article(Array.isArray(s.type) ? s.type.join(' or ') : (s.type ?? 'value of the documented type'))}`;
    case 'minimum':
    case 'maximum':
      if (s.minimum !== undefined && s.maximum !== undefined) return `${field} must be ${s.type === 'integer' ? 'an integer ' : ''}from ${s.minimum} to ${s.maximum}`;
      return keyword === 'minimum' ? `${field} must be at least ${s.minimum}` : `${field} must be at most ${s.maximum}`;
    case 'minLength':
      return `${field} must be at least ${plural(s.minLength, 'character')}`;
    case 'maxLength':
      return `${field} must be at most ${plural(s.maxLength, 'character')}`;
    case 'enum':
      return `${field} must be one of ${(s.enum ?? []).join(', ')}`;
    case 'const':
      return `${field} must be ${JSON.stringify(s.const)}`;
    case 'pattern': {
      const format = /^An? ([^,.]+?), `([^`]+)` followed by ([^.]+)\./.exec(s.description ?? '');
      if (format) return `${field} must be ${article(format[1])}: ${format[2]} followed by ${format[3]}`;
      return `${field} must match the pattern ${s.pattern}`;
    }
    case 'format':
      return `${field} must be a valid ${s.format}`;
    case 'required':
      return `${field} is required`;
    case 'minItems':
      return `${field} must have at least ${plural(s.minItems, 'item')}`;
    case 'maxItems':
      return `${field} must have at most ${plural(s.maxItems, 'item')}`;
    case 'uniqueItems': {
      const pair = /items ## (\d+) and (\d+)/.exec(detail ?? '');
      return `${field} must not contain the same item twice${pair ? ` (items ${pair[2]} and ${pair[1]} are equal)` : ''}`;
    }
    default:
      return `${field} is not valid: ${detail}`;
  }
}

/** A query parameter's code: the two list parameters have their own, the rest the field code. */
const QUERY_CODES = { limit: 'invalid_limit', cursor: 'invalid_cursor' };

/**
 * Maps one Prism diagnostic ({ path: ['body', 'name'], code: 'maxLength', message }) to an
 * ApiError, given the operation's metadata and a schema resolver.
 */
function toApiError(diagnostic, op, schemaOf) {
  // Prism's diagnostics about the request as a whole (a body on an operation that takes none) have no path.
  if (!diagnostic.path) return invalidRequest(op.bodySchema ? `the request is not valid: ${diagnostic.message}` : `${op.operationId} takes no request body: send none`);
  const [location, ...rest] = diagnostic.path;
  if (location === 'path' || location === 'query' || location === 'header') {
    // A rule about the whole location (a path parameter left empty) names its parameter only in the message.
    const field = rest[0] ?? /property '([^']+)'/.exec(diagnostic.message)?.[1];
    const name = location === 'header' ? (op.headerNames.get(field) ?? field) : field;
    const parameter = op.parameters.find((p) => p.in === location && p.name.toLowerCase() === String(name).toLowerCase());
    const schema = schemaOf(parameter?.schema);
    const message = ruleMessage(name, diagnostic.code, schema, diagnostic.message);
    const code = location === 'query' ? (QUERY_CODES[name] ?? 'invalid_field_value') : 'invalid_field_value';
    return new ApiError(400, 'invalid_request_error', code, message, name);
  }
  // The body: root-level rules name a property in their message, field rules in their path.
  const root = op.bodySchema ?? {};
  const properties = root.properties ?? {};
  if (rest.length === 0) {
    if (diagnostic.code === 'required') {
      const field = /required property '([^']+)'/.exec(diagnostic.message)?.[1] ?? 'a field';
      return missingField(field, `${field} is required`);
    }
    if (diagnostic.code === 'additionalProperties') {
      const field = /found '([^']+)'/.exec(diagnostic.message)?.[1] ?? 'a field';
      return invalidField(field, `${field} is not a field of this request`);
    }
    if (diagnostic.code === 'minProperties') {
      return missingField(undefined, `send at least one of the updatable fields: ${Object.keys(properties).join(', ')}`);
    }
    return invalidRequest(`the body is not valid: ${diagnostic.message}`);
  }
  const [field, ...inner] = rest;
  let schema = schemaOf(properties[field]);
  let label = field;
  for (const segment of inner) {
    schema = /^\d+$/.test(segment) ? schemaOf(schema?.items) : schemaOf(schema?.properties?.[segment]);
    label += /^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`;
  }
  return invalidField(field, ruleMessage(label, diagnostic.code, schema, diagnostic.message));
}

/** Sorts diagnostics into the documented order: path, query, header, then body fields in schema order. */
function rank(diagnostic, op) {
  const [location, ...rest] = diagnostic.path ?? [];
  const properties = Object.keys(op.bodySchema?.properties ?? {});
  let position = 0;
  if (location === 'body') {
    let field = rest[0];
    if (rest.length === 0) field = /property '([^']+)'/.exec(diagnostic.message)?.[1] ?? /found '([^']+)'/.exec(diagnostic.message)?.[1];
    position = field === undefined ? -1 : properties.includes(field) ? properties.indexOf(field) : properties.length;
    // Array-level rules of a field (size, uniqueness) before the rules of its items.
    if (rest.length > 1) position += 0.5;
  } else {
    position = op.parameters.findIndex((p) => p.in === location && p.name.toLowerCase() === String(rest[0]).toLowerCase());
  }
  return [LOCATION_RANK[location] ?? 9, position, keywordRank(diagnostic.code)];
}

/** The error to answer for a non-empty list of Prism diagnostics: the first in documented order. */
export function firstViolation(diagnostics, op, schemaOf) {
  let best;
  let bestRank;
  for (const d of diagnostics) {
    const r = rank(d, op);
    if (!best || r[0] < bestRank[0] || (r[0] === bestRank[0] && (r[1] < bestRank[1] || (r[1] === bestRank[1] && r[2] < bestRank[2])))) {
      best = d;
      bestRank = r;
    }
  }
  return toApiError(best, op, schemaOf);
}
