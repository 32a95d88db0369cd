// The mock's request pipeline on a plain node:http server. Prism's engine routes and validates
// each request and (stateless mode) picks the documented example; this module orders the checks
// as documented (route, auth, rate limit, content type, JSON syntax, path, query, headers, body,
// idempotency, then the operation), and writes every answer in the API's envelope with a fresh
// request id and the rate-limit headers.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { anonymousIdentity, authenticate } from './auth.mjs';
import { readBody } from './body.mjs';
import { ApiError, firstViolation, idempotencyInProgress, idempotencyKeyReuse, internalError, invalidRequest, methodNotAllowed, notFound, rateLimited } from './errors.mjs';
import { fingerprint, IdempotencyStore } from './idempotency.mjs';
import { idGenerator } from './ids.mjs';
import { bucketOf, RateLimiter } from './rate-limit.mjs';
import { checkRules, ruleOf, statelessRules } from './rules.mjs';
import { labelStoreSchema, World } from './store.mjs';

const require = createRequire(import.meta.url);
const route = require('@stoplight/prism-http/dist/router/index.js').default;
const { validateInput, validateOutput } = require('@stoplight/prism-http/dist/validator/index.js');

const EXPOSED = 'X-Request-Id, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After, Idempotent-Replayed, WWW-Authenticate';
const BASE_HEADERS = { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'access-control-expose-headers': EXPOSED };
// The admin routes (/__mock/*) answer without CORS: a web page may not read or drive them.
/** @type {Record<string, string>} */
const ADMIN_HEADERS = { 'content-type': 'application/json' };
const ADMIN_HEADER_NAME = 'Kirim-Mock-Admin';
const ADMIN_HEADER = ADMIN_HEADER_NAME.toLowerCase();
const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * The path, or, when it does not decode (`/labels/%ZZ`, `/labels/%C3%28`), the path with its `%`
 * escaped, so that decoding it (Prism's validator, ours) gives the literal text, which
 * validation then refuses with a 400, instead of throwing.
 */
export function decodablePath(path) {
  if (!path.includes('%')) return path;
  try {
    decodeURIComponent(path);
    return path;
  } catch {
    return path.replaceAll('%', '%25');
  }
}

/** Splits `/labels/lbl_…` along the operation's template `/labels/{id}` into { id: 'lbl_…' }. */
function pathParams(template, path) {
  const params = {};
  const t = template.split('/');
  const p = path.split('/');
  for (let i = 0; i < t.length; i++) {
    if (t[i].startsWith('{')) params[t[i].slice(1, -1)] = decodeURIComponent(p[i] ?? '');
  }
  return params;
}

function parseQuery(search) {
  /** @type {Record<string, any>} */
  const query = {};
  for (const [key, value] of new URLSearchParams(search)) {
    if (key in query) query[key] = [query[key], value].flat();
    else query[key] = value;
  }
  return query;
}

// A plain decimal integer: digits, no sign, no leading zero, no exponent, point or spaces.
const DECIMAL_INTEGER = /^(0|-?[1-9][0-9]*)$/;

/**
 * What Prism lets through: an empty value under a `minLength` (stock Prism: `cursor=` passes),
 * and an integer query parameter written other than as a plain decimal integer (Prism takes
 * `0x10`, `1e1`, `+5`, `05`, ` 1`, an empty or a bare `limit`).
 */
function laxValueDiagnostics(op, query, headers, schemaOf) {
  const found = [];
  for (const p of op.parameters) {
    if (p.in !== 'query' && p.in !== 'header') continue;
    const value = p.in === 'query' ? query[p.name] : headers[p.name.toLowerCase()];
    if (value === undefined) continue;
    const schema = schemaOf(p.schema);
    if (value === '' && (schema?.minLength ?? 0) > 0) found.push({ path: [p.in, p.name], code: 'minLength', message: `${p.name} is empty` });
    if (p.in === 'query' && schema?.type === 'integer' && !DECIMAL_INTEGER.test(value)) found.push({ path: [p.in, p.name], code: 'type', message: `${p.name} is not a decimal integer` });
  }
  return found;
}

/**
 * Builds the mock. Options: stateful, seed (parsed seed object), description (loaded by
 * description.mjs), rateLimit { read?, write?, windowSeconds? }, bodyLimit (bytes),
 * validateResponses (collect Prism's response violations in `violations`), docs (an HTML file
 * served at `/`). Returns the server (not listening), its request `listener`, `reset`, `reload`
 * (a new description in place) and the collected `violations`.
 * @param {{ stateful?: boolean, seed: any, description: any, rateLimit?: { read?: number, write?: number, windowSeconds?: number }, bodyLimit?: number, validateResponses?: boolean, docs?: string }} options
 */
export async function createMock({ stateful, seed, description, rateLimit = {}, bodyLimit = DEFAULT_BODY_LIMIT, validateResponses = false, docs }) {
  if (stateful) checkRules(description.operations.keys());
  // The description in force; `reload` swaps it, and each request keeps the one it started with.
  let current = description;
  let storeSchema = stateful ? labelStoreSchema(description) : undefined;
  // Prism's mocker (and the faker library under it) is slow to load: only stateless mode needs it.
  const { mockResponse, parsePrefer } = stateful ? {} : await import('./stateless.mjs');
  const world = stateful ? new World(seed) : undefined;

  const keys = new Map();
  const tierOf = new Map();
  for (const org of seed.organizations) {
    tierOf.set(`org:${org.id}`, seed.tiers[org.tier]);
    for (const k of org.keys) keys.set(k.key, { org: org.id, id: k.id, label: k.label, key: k.key, revoked: !!k.revoked, expiresAt: k.expires_at ? Date.parse(k.expires_at) : undefined });
  }
  // Public operations (no key) count per client address on the smallest read bucket of the seed
  // (the free tier), as the description says of getHealth and getOpenApiDescription.
  const publicTier = Object.values(seed.tiers).reduce((a, b) => (b.read < a.read ? b : a));
  // Keys that no organisation owns (stateless mode) get the largest tier, so that the mock
  // stays out of the way of a test suite unless asked (rateLimit) to do otherwise.
  const defaultTier = Object.values(seed.tiers).reduce((a, b) => (b.write > a.write ? b : a));
  const tierOfIdentity = (identity) => (identity.startsWith('ip:') ? publicTier : (tierOf.get(identity) ?? defaultTier));
  const limiter = new RateLimiter((identity, bucket) => rateLimit[bucket] ?? tierOfIdentity(identity)[bucket], rateLimit.windowSeconds ?? 60);
  const idempotency = new IdempotencyStore();
  const nextRequestId = idGenerator('req');
  const violations = [];
  const docsHtml = docs ? readFileSync(docs) : undefined;

  /** @param {Record<string, string>} [base] headers every answer of this kind carries */
  function send(req, res, status, body, headers, base = BASE_HEADERS) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { ...base, ...headers, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  function record(op, prismOp, status, headers, body) {
    const element = { statusCode: status, headers: { 'content-type': 'application/json', ...headers }, body };
    const result = validateOutput({ resource: prismOp, element });
    if (result._tag === 'Left') violations.push({ operationId: op.operationId, status, violations: result.left.map((v) => `${v.path?.join('.') ?? ''} ${v.message}`) });
  }

  /**
   * Writes an answer: the request id goes into the header, and into the body when it is one of
   * the API's envelopes (the description served at /openapi.json is not); returns the body text.
   */
  function answer(req, res, ctx, status, body, extraHeaders) {
    if (body.error) body.error.request_id = ctx.requestId;
    else if ('data' in body) body.request_id = ctx.requestId;
    const headers = { 'x-request-id': ctx.requestId, ...ctx.rateHeaders, ...extraHeaders };
    if (validateResponses && ctx.op) record(ctx.op, ctx.prismOp, status, headers, body);
    const text = JSON.stringify(body);
    send(req, res, status, text, headers);
    return text;
  }

  function fail(req, res, ctx, error) {
    return answer(req, res, ctx, error.status, error.body(ctx.requestId), error.headers);
  }

  /**
   * Who may use the admin routes, and on what: a tenant's key acts on its own organisation; the
   * `Kirim-Mock-Admin: true` header acts on all of them. A web page cannot send either without a
   * preflight, and the admin routes answer no CORS header, so a page a developer opens cannot
   * reset their mock or read its contacts. Returns { org, identity } (org undefined: every
   * organisation) or an ApiError.
   */
  function adminScope(req) {
    if (req.headers[ADMIN_HEADER] === 'true') return { org: undefined, identity: undefined };
    if (req.headers.authorization === undefined) {
      return new ApiError(403, 'permission_error', 'admin_credentials_required', `the mock's admin routes need your API key (Authorization: Bearer …, for your organisation) or the header ${ADMIN_HEADER_NAME}: true (for every organisation)`);
    }
    try {
      return authenticate(req.headers.authorization, keys, !stateful);
    } catch (error) {
      if (error instanceof ApiError) return error;
      throw error;
    }
  }

  function adminRoute(req, res, method, pathname) {
    req.resume();
    const requestId = nextRequestId();
    const reply = (status, body, headers) => send(req, res, status, body, { 'x-request-id': requestId, ...headers }, ADMIN_HEADERS);
    if (method === 'get' && pathname === '/__mock/violations') return reply(200, { violations });
    const scope = adminScope(req);
    if (scope instanceof ApiError) return reply(scope.status, scope.body(requestId), scope.headers);
    if (method === 'post' && pathname === '/__mock/reset') {
      reset(scope);
      return reply(200, scope.identity === undefined ? { reset: true } : { reset: true, scope: scope.org ?? 'this key' });
    }
    const contact = /^\/__mock\/contacts\/([^/]+)$/.exec(pathname);
    if (method === 'get' && contact && world) {
      const found = world.inspectContact(decodeURIComponent(decodablePath(contact[1])), scope.org);
      if (found) return reply(200, found);
    }
    return reply(404, notFound(undefined, `no mock route ${method.toUpperCase()} ${pathname}${contact && world ? ' (or no such contact in your organisation)' : ''}`).body(requestId));
  }

  async function handle(req, res) {
    const described = current;
    const { prismOperations, operations, basePath } = described;
    /** @type {{ requestId: string, rateHeaders: Record<string, string> | undefined, op: any, prismOp: any }} */
    const ctx = { requestId: nextRequestId(), rateHeaders: undefined, op: undefined, prismOp: undefined };
    const method = req.method.toLowerCase();
    const q = req.url.indexOf('?');
    const pathname = q === -1 ? req.url : req.url.slice(0, q);
    const search = q === -1 ? '' : req.url.slice(q + 1);

    if (pathname.startsWith('/__mock/')) return adminRoute(req, res, method, pathname);
    if (docsHtml && method === 'get' && (pathname === '/' || pathname === '/docs')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': docsHtml.length });
      return res.end(docsHtml);
    }
    if (method === 'options' && req.headers['access-control-request-method']) {
      res.writeHead(204, {
        ...BASE_HEADERS,
        'access-control-allow-methods': 'GET, HEAD, POST, PATCH, DELETE',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
        'access-control-max-age': '600',
      });
      return res.end();
    }

    if (!(pathname === basePath || pathname.startsWith(`${basePath}/`)) || pathname === basePath) {
      return fail(req, res, ctx, notFound(undefined, `no route ${req.method} ${pathname}: the API is served under ${basePath || '/'}`));
    }
    const path = decodablePath(pathname.slice(basePath.length));
    const routeMethod = method === 'head' ? 'get' : method;
    const routed = route({ resources: prismOperations, input: { method: routeMethod, url: { path } } });
    if (routed._tag === 'Left') {
      if (routed.left.status === 405) {
        const allowed = prismOperations.filter((o) => route({ resources: [o], input: { method: o.method, url: { path } } })._tag === 'Right').map((o) => o.method.toUpperCase());
        const allow = [...new Set(allowed)].join(', ');
        return fail(req, res, ctx, methodNotAllowed(req.method, pathname, allow));
      }
      return fail(req, res, ctx, notFound(undefined, `no route ${req.method} ${pathname}: see the API reference for the paths under ${basePath || '/'}`));
    }
    const prismOp = routed.right;
    // Prism's id of a routed operation is its operationId (lint requires every operation to have one).
    const op = operations.get(prismOp.iid);
    ctx.op = op;
    ctx.prismOp = prismOp;

    // Authentication first; an unauthenticated answer still reports (but never refuses on) a
    // bucket. A public operation ignores Authorization and counts per client address.
    let caller;
    try {
      caller = op.public ? { identity: `ip:${req.socket.remoteAddress}` } : authenticate(req.headers.authorization, keys, !stateful);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      ctx.rateHeaders = limiter.take(anonymousIdentity(req.socket.remoteAddress), bucketOf(method), Date.now(), false).headers;
      req.resume();
      return fail(req, res, ctx, error);
    }
    const drawn = limiter.take(caller.identity, bucketOf(method));
    ctx.rateHeaders = drawn.headers;
    if (drawn.limited) {
      req.resume();
      return fail(req, res, ctx, rateLimited(bucketOf(method), drawn.limit, limiter.windowMs, drawn.retryAfter));
    }

    // An Idempotency-Key is held from the moment its request arrives, so a second request with it
    // while the first is still being received or processed is refused (409).
    const idemKey = stateful && op.idempotent ? req.headers['idempotency-key'] : undefined;
    const keySchema = op.idempotencyKeySchema;
    const holdsKey = idemKey !== undefined && idemKey.length >= (keySchema.minLength ?? 0) && idemKey.length <= (keySchema.maxLength ?? Infinity);
    let lockState;
    if (holdsKey) {
      lockState = idempotency.lock(caller.identity, idemKey);
      if (lockState === 'busy') {
        req.resume();
        return fail(req, res, ctx, idempotencyInProgress());
      }
    }
    let outcome;
    try {
      outcome = await processRequest(req, res, ctx, { described, method, path, search, op, prismOp, caller, idemKey: holdsKey ? idemKey : undefined, lockState });
    } finally {
      if (lockState === 'locked') idempotency.finish(caller.identity, idemKey, outcome);
    }
  }

  async function processRequest(req, res, ctx, { described, method, path, search, op, prismOp, caller, idemKey, lockState }) {
    const { doc, schema: schemaOf } = described;
    const { text, tooLarge, aborted, notUtf8 } = await readBody(req, bodyLimit);
    // The client went away before its body was complete: there is no one to answer.
    if (aborted) return undefined;
    let body;
    if (op.requestBody) {
      const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (!op.mediaTypes.includes(mediaType)) return void fail(req, res, ctx, invalidRequest(`Content-Type must be ${op.mediaTypes.join(' or ')}`));
      if (tooLarge) return void fail(req, res, ctx, invalidRequest(`the body must be at most ${bodyLimit} bytes`));
      if (notUtf8) return void fail(req, res, ctx, invalidRequest('the body is not valid UTF-8: send JSON encoded as UTF-8'));
      if (text.trim() === '') return void fail(req, res, ctx, invalidRequest('the body is empty: send a JSON object'));
      try {
        body = JSON.parse(text);
      } catch (error) {
        return void fail(req, res, ctx, invalidRequest(`the body is not valid JSON: ${error.message.replace(/^Unexpected/, 'unexpected').replace(/ in JSON/, '')}`));
      }
      if (body === null || typeof body !== 'object' || Array.isArray(body)) return void fail(req, res, ctx, invalidRequest('the body must be a JSON object'));
    }

    const query = parseQuery(search);
    const headers = op.requestBody ? { ...req.headers, 'content-type': 'application/json' } : req.headers;
    const element = { method, url: { path, query }, headers, body };
    const checked = validateInput({ resource: prismOp, element });
    const diagnostics = [...(checked._tag === 'Left' ? checked.left : []), ...laxValueDiagnostics(op, query, req.headers, schemaOf)].filter((d) => d.severity === undefined || d.severity === 0);
    if (diagnostics.length) return void fail(req, res, ctx, firstViolation(diagnostics, op, schemaOf));

    const print = idemKey !== undefined ? fingerprint(method, path, body) : undefined;
    if (lockState === 'stored') {
      const stored = idempotency.stored(caller.identity, idemKey);
      if (stored.fingerprint !== print) {
        return void fail(req, res, ctx, idempotencyKeyReuse());
      }
      const headers = { 'x-request-id': stored.requestId, ...ctx.rateHeaders, 'idempotent-replayed': 'true' };
      if (validateResponses) record(op, prismOp, stored.status, headers, JSON.parse(stored.text));
      return void send(req, res, stored.status, stored.text, headers);
    }

    let result;
    try {
      const live = stateful || (statelessRules.has(op.operationId) && req.headers.prefer === undefined);
      result = live
        ? ruleOf(op.operationId)({ world: /** @type {World} */ (world), op, schemaOf, doc, caller, bucketSize: (bucket) => limiter.sizeOf(caller.identity, bucket), params: pathParams(op.path, path), query, body })
        : /** @type {NonNullable<typeof mockResponse>} */ (mockResponse)(op, prismOp, element, /** @type {NonNullable<typeof parsePrefer>} */ (parsePrefer)(req.headers.prefer));
    } catch (error) {
      if (error instanceof ApiError) return void fail(req, res, ctx, error);
      throw error;
    }
    const extra = idemKey !== undefined && result.status < 300 ? { 'idempotent-replayed': 'false' } : undefined;
    const special = statelessErrorHeaders(result.status, ctx);
    const sent = answer(req, res, ctx, result.status, result.body, { ...special, ...extra });
    return { status: result.status, fingerprint: print, text: sent, requestId: ctx.requestId };
  }

  /** Headers that a documented error example needs when stateless mode answers it on request. */
  function statelessErrorHeaders(status, ctx) {
    if (status === 401) return { 'www-authenticate': 'Bearer realm="kirim"' };
    if (status === 429) return { 'retry-after': String(Math.max(1, Number(ctx.rateHeaders['x-ratelimit-reset']) - Math.floor(Date.now() / 1000))) };
    return undefined;
  }

  /**
   * Back to the seed: everything, or (`org` given) one organisation's labels, contacts, buckets and keys.
   * @param {{ org?: string, identity?: string }} [scope]
   */
  function reset({ org, identity } = {}) {
    world?.reset(org);
    limiter.reset(identity);
    idempotency.reset(identity);
    if (identity === undefined) violations.length = 0;
  }

  /**
   * Swaps the description in place (`npm run dev`, on a save): limits, enums and examples are in
   * force from the next request. The stateful world survives unless the label schema it stores
   * changed (then it is back to the seed: `storeReset`). A stateful mock refuses a description
   * with an operation that has no rule, and keeps the one it has.
   * @param {any} next a description loaded by description.mjs
   */
  function reload(next) {
    if (stateful) checkRules(next.operations.keys());
    const nextStoreSchema = stateful ? labelStoreSchema(next) : undefined;
    const storeReset = Boolean(stateful) && nextStoreSchema !== storeSchema;
    current = next;
    storeSchema = nextStoreSchema;
    if (storeReset) reset();
    return { storeReset };
  }

  const listener = (req, res) => {
    handle(req, res).catch((error) => {
      process.stderr.write(`kirim mock: internal error on ${req.method} ${req.url}: ${error?.stack ?? error}\n`);
      if (!res.headersSent) {
        const requestId = nextRequestId();
        send(req, res, 500, internalError('the mock failed on this request: see its log').body(requestId), { 'x-request-id': requestId });
      } else res.destroy();
    });
  };
  const server = createServer(listener);
  server.keepAliveTimeout = 65_000;
  // `listener` answers a request: a server of its own can put the mock beside other routes (`npm run dev`).
  return { server, listener, reset, reload, violations, world, basePath: description.basePath };
}
