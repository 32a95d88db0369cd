// A second, independent Kirim Labels provider: a small in-memory server written from the API facts
// and the description's prose, sharing no code with mock/ (no Prism, no description walk). The
// contract suite must pass against it as it does against the mock, so that a rule the mock and the
// suite got wrong together shows up here. `bugs` switches on one-line provider bugs (./bugs.mjs)
// for the mutation runs.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const COLORS = ['gray', 'red', 'orange', 'amber', 'yellow', 'lime', 'green', 'emerald', 'teal', 'sky', 'blue', 'violet', 'pink'];
const LABEL_ID = /^lbl_[0-9A-HJKMNP-TV-Z]{26}$/;
const CONTACT_ID = /^ctc_[0-9A-HJKMNP-TV-Z]{26}$/;
const KEY_FORMAT = /^kdv_live_[A-Za-z0-9_-]{24}$/;
const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

const randomTail = (n) => Array.from(randomBytes(n), (b) => CROCKFORD[b & 31]).join('');
const newId = (prefix) => `${prefix}_${randomTail(26)}`;
/** The same id for the same seed: organisations and keys of the world are named, not numbered. */
const stableId = (prefix, seed) => `${prefix}_${Array.from(createHash('sha256').update(seed).digest().subarray(0, 26), (b) => CROCKFORD[b & 31]).join('')}`;
/** Unauthenticated calls (the public operations, refused keys) share one read bucket per client address, of the free tier's size. */
const FREE_TIER_READS = 600;
/** Characters, as the description counts them: Unicode code points. */
const codePoints = (s) => [...s].length;
const nameKey = (name) => name.normalize('NFC').trim().toLowerCase();

class Refusal {
  /**
   * @param {number} status
   * @param {string} type
   * @param {string} code
   * @param {string} message
   * @param {string} [param]
   */
  constructor(status, type, code, message, param) {
    this.status = status;
    this.type = type;
    this.code = code;
    this.message = message;
    this.param = param;
  }
}
const invalid = (param, message) => new Refusal(400, 'invalid_request_error', 'invalid_field_value', message, param);
const missing = (param, message) => new Refusal(400, 'invalid_request_error', 'missing_required_field', message, param);
const notFound = (param, what) => new Refusal(404, 'not_found', 'resource_not_found', `no ${what} with this ${param}`, param);

/**
 * World: `orgs` = [{ id, tier: { read, write }, teams: [ids], keys: { active: [], expired: [] },
 * contacts: { team: [ids] }, labels?: [{ name, team_id, color }] }]. `windowSeconds` is the
 * rate-limit window (60 in production; shorter in tests). `bugs`: names from ./bugs.mjs.
 * `description`: the document GET /openapi.json serves (the API serves its own description).
 * `publicReads`: the per-address bucket of unauthenticated calls (the free tier's reads).
 * @param {{ orgs: any[], windowSeconds?: number, bugs?: string[], description: object, publicReads?: number }} options
 */
export async function startProvider({ orgs, windowSeconds = 60, bugs = [], description, publicReads = FREE_TIER_READS }) {
  const bug = new Set(bugs);
  const secret = randomBytes(16);
  const orgByKey = new Map();
  const expired = new Set();
  const labels = new Map(); // id → { label, org }
  const contacts = new Map(); // id → { org, team, labels: Set }
  const idempotency = new Map(); // org + key → { fingerprint, status, text, requestId, until } | 'in flight'
  const buckets = new Map();

  for (const org of orgs) {
    for (const key of org.keys.active) orgByKey.set(key, org);
    for (const key of org.keys.expired ?? []) (orgByKey.set(key, org), expired.add(key));
    for (const [team, ids] of Object.entries(org.contacts)) for (const id of ids) contacts.set(id, { org, team, labels: new Set() });
    for (const l of org.labels ?? []) insertLabel(org, l.team_id, l.name, l.color ?? 'gray');
  }

  function insertLabel(org, team, name, color) {
    const now = new Date().toISOString();
    const label = { id: newId('lbl'), object: 'label', name, color, team_id: team, created_at: now, updated_at: now };
    labels.set(label.id, { label, org });
    return label;
  }

  function take(bucketKey, limit) {
    const now = Date.now();
    let b = buckets.get(bucketKey);
    if (!b || now >= b.resetAt) buckets.set(bucketKey, (b = { used: 0, resetAt: now + windowSeconds * 1000 }));
    const allowed = b.used < limit;
    if (allowed) b.used++;
    const resetEpoch = Math.ceil(b.resetAt / 1000);
    const headers = {
      'X-RateLimit-Limit': limit,
      'X-RateLimit-Remaining': bug.has('rate-limit-remaining-constant') ? limit : limit - b.used,
      'X-RateLimit-Reset': bug.has('rate-limit-reset-relative') ? Math.ceil((b.resetAt - now) / 1000) : resetEpoch,
    };
    if (!allowed) headers['Retry-After'] = Math.max(1, Math.ceil((b.resetAt - now) / 1000));
    return { allowed, headers };
  }

  function authenticate(header) {
    const match = /^Bearer (.*)$/.exec(header ?? '');
    if (!match) throw new Refusal(401, 'authentication_error', 'missing_api_key', 'send Authorization: Bearer <key>');
    const key = match[1];
    const org = KEY_FORMAT.test(key) ? orgByKey.get(key) : undefined;
    if (!org) throw new Refusal(401, 'authentication_error', 'invalid_api_key', 'the API key is malformed, revoked or unknown');
    if (expired.has(key)) throw new Refusal(401, 'authentication_error', 'expired_api_key', 'the API key has expired');
    return org;
  }

  // --- validation, field by field, in the order of the request schemas

  function nameField(value) {
    if (typeof value !== 'string') throw invalid('name', 'name must be a string');
    const length = bug.has('name-limit-in-bytes') ? Buffer.byteLength(value) : codePoints(value);
    if (length < 1 || length > 50) throw invalid('name', 'name must be 1 to 50 characters');
    if (value.trim() === '') throw invalid('name', 'name must not be blank');
  }
  function enumField(param, value, members) {
    const ok = typeof value === 'string' && (bug.has('enum-case-insensitive') ? members.includes(value.toLowerCase()) : members.includes(value));
    if (!ok) throw invalid(param, `${param} must be one of ${members.join(', ')}`);
  }
  function idField(param, value, pattern) {
    if (typeof value !== 'string' || !pattern.test(value)) throw invalid(param, `${param} is not a well-formed id`);
  }
  function checkBody(body, fields, required) {
    for (const field of Object.keys(body)) if (!Object.hasOwn(fields, field)) throw invalid(field, `unknown field ${field}`);
    for (const [field, check] of Object.entries(fields)) {
      if (body[field] === undefined) {
        if (required.includes(field)) throw missing(field, `${field} is required`);
      } else check(body[field]);
    }
  }

  // --- the operations

  function resolveTeam(org, body) {
    if (body.team_id === undefined) {
      if (org.teams.length > 1) throw missing('team_id', 'team_id is required in an organisation with several teams');
      return org.teams[0];
    }
    if (!org.teams.includes(body.team_id)) throw invalid('team_id', 'no team with this team_id in your organisation');
    return body.team_id;
  }
  function nameTaken(org, team, name, except) {
    for (const { label, org: o, deleted } of labels.values()) if (o === org && !deleted && label.team_id === team && label.id !== except && nameKey(label.name) === nameKey(name)) return true;
    return false;
  }
  function ownLabel(org, id, param) {
    const found = labels.get(id);
    if (!found || found.deleted || (found.org !== org && !bug.has('foreign-id-forbidden'))) throw notFound(param, 'label');
    if (found.org !== org) throw new Refusal(403, 'permission_error', 'forbidden', 'this label belongs to another organisation');
    return found.label;
  }
  function ownContact(org, id) {
    const found = contacts.get(id);
    if (!found || (found.org !== org && !bug.has('foreign-id-forbidden'))) throw notFound('id', 'contact');
    if (found.org !== org) throw new Refusal(403, 'permission_error', 'forbidden', 'this contact belongs to another organisation');
    return found;
  }

  function sign(payload) {
    const text = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${text}.${createHmac('sha256', secret).update(text).digest('base64url').slice(0, 16)}`;
  }
  function unsign(cursor, org) {
    const [text, mac] = cursor.split('.');
    const payload = text && mac === createHmac('sha256', secret).update(text).digest('base64url').slice(0, 16) ? JSON.parse(Buffer.from(text, 'base64url').toString()) : undefined;
    if (!payload || payload.o !== org.id) throw new Refusal(400, 'invalid_request_error', 'invalid_cursor', 'the cursor is malformed or was not issued for this list', 'cursor');
    return payload;
  }

  const newestFirst = (a, b) => (a.created_at === b.created_at ? (a.id < b.id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1);

  // The plan of an organisation, from its write bucket (the facts: free 60, pro 600 a minute).
  const tierOf = (org) => (org.tier.write <= 60 ? 'free' : org.tier.write <= 600 ? 'pro' : 'enterprise');

  /** GET /health and GET /openapi.json: no key, Authorization ignored. Each returns [status, body, enveloped]. */
  const publicRoutes = [
    { method: 'GET', path: /^\/health$/, run: () => [200, { data: { status: 'ok' } }, true] },
    // The description itself, not an envelope: no request_id in the body (the header still has it).
    { method: 'GET', path: /^\/openapi\.json$/, run: () => [200, description, false] },
  ];

  const routes = [
    {
      method: 'GET',
      path: /^\/me$/,
      run(org, { apiKey }) {
        return [
          200,
          {
            data: {
              organization: { id: stableId('org', org.id), object: 'organization', name: org.name ?? org.id },
              api_key: { id: stableId('key', apiKey), object: 'api_key', label: 'Contract tests', last4: apiKey.slice(-4) },
              rate_limits: { tier: tierOf(org), write_per_minute: org.tier.write, read_per_minute: org.tier.read },
            },
          },
        ];
      },
    },
    {
      method: 'GET',
      path: /^\/labels$/,
      run(org, { query }) {
        let limit = 25;
        if (query.has('limit')) {
          const text = query.get('limit');
          if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 100) throw new Refusal(400, 'invalid_request_error', 'invalid_limit', 'limit must be an integer from 1 to 100', 'limit');
          limit = Number(text);
        }
        let after;
        if (query.has('cursor')) after = unsign(query.get('cursor'), org);
        const all = [...labels.values()]
          .filter((l) => l.org === org && (!l.deleted || bug.has('deleted-label-listed')))
          .map((l) => l.label)
          .sort(newestFirst)
          .filter((l) => !after || newestFirst(l, { created_at: after.c, id: after.i }) > 0);
        const page = all.slice(0, limit);
        const hasMore = all.length > limit;
        return [200, { data: page, has_more: hasMore, next_cursor: hasMore ? sign({ o: org.id, c: page.at(-1).created_at, i: page.at(-1).id }) : null }];
      },
    },
    {
      method: 'POST',
      path: /^\/labels$/,
      body: true,
      run(org, { body }) {
        checkBody(body, { team_id: (v) => (typeof v === 'string' && codePoints(v) >= 1 && codePoints(v) <= 64) || (() => { throw invalid('team_id', 'team_id must be 1 to 64 characters'); })(), name: nameField, color: (v) => enumField('color', v, COLORS) }, ['name']);
        const team = resolveTeam(org, body);
        if (nameTaken(org, team, body.name)) throw invalid('name', `a label named "${body.name}" already exists in team ${team}`);
        return [201, { data: insertLabel(org, team, body.name, body.color ?? 'gray') }];
      },
    },
    {
      method: 'GET',
      path: /^\/labels\/([^/]+)$/,
      ids: [['id', LABEL_ID]],
      run: (org, { ids }) => [200, { data: ownLabel(org, ids[0], 'id') }],
    },
    {
      method: 'PATCH',
      path: /^\/labels\/([^/]+)$/,
      ids: [['id', LABEL_ID]],
      body: true,
      run(org, { ids, body }) {
        checkBody(body, { name: nameField, color: (v) => enumField('color', v, COLORS) }, []);
        if (Object.keys(body).length === 0) throw missing(undefined, 'send at least one of name, color');
        const label = ownLabel(org, ids[0], 'id');
        if (body.name !== undefined && nameTaken(org, label.team_id, body.name, label.id)) throw invalid('name', `a label named "${body.name}" already exists in team ${label.team_id}`);
        Object.assign(label, body.name !== undefined ? { name: body.name } : {}, body.color !== undefined ? { color: body.color } : {});
        if (!bug.has('updated-at-frozen')) label.updated_at = new Date().toISOString();
        return [200, { data: label }];
      },
    },
    {
      method: 'DELETE',
      path: /^\/labels\/([^/]+)$/,
      ids: [['id', LABEL_ID]],
      run(org, { ids }) {
        const label = ownLabel(org, ids[0], 'id');
        for (const c of contacts.values()) c.labels.delete(label.id);
        if (bug.has('deleted-label-listed')) labels.get(label.id).deleted = true;
        else labels.delete(label.id);
        return [200, { data: { id: label.id, object: 'label', deleted: true } }];
      },
    },
    {
      method: 'POST',
      path: /^\/contacts\/bulk_label$/,
      body: true,
      run(org, { body }) {
        checkBody(
          body,
          {
            contact_ids: (v) => {
              if (!Array.isArray(v) || v.length < 1 || v.length > 1000) throw invalid('contact_ids', 'contact_ids must be an array of 1 to 1000 contact ids');
              for (const id of v) idField('contact_ids', id, CONTACT_ID);
              if (new Set(v).size !== v.length) throw invalid('contact_ids', 'contact_ids must be distinct');
            },
            label_id: (v) => idField('label_id', v, LABEL_ID),
            operation: (v) => enumField('operation', v, ['attach', 'detach']),
          },
          ['contact_ids', 'label_id', 'operation'],
        );
        const found = labels.get(body.label_id);
        if (!found || found.org !== org || found.deleted) throw invalid('label_id', 'no label with this label_id');
        const counts = { applied: 0, skipped_cross_org: 0, skipped_team_mismatch: 0 };
        for (const id of body.contact_ids) {
          const c = contacts.get(id);
          if (!c || c.org !== org) counts.skipped_cross_org++;
          else if (c.team !== found.label.team_id) counts.skipped_team_mismatch++;
          else {
            counts.applied++;
            if (body.operation === 'attach') c.labels.add(body.label_id);
            else c.labels.delete(body.label_id);
          }
        }
        return [200, { data: counts }];
      },
    },
    {
      method: 'POST',
      path: /^\/contacts\/([^/]+)\/labels$/,
      ids: [['id', CONTACT_ID]],
      body: true,
      run(org, { ids, body }) {
        checkBody(body, { label_id: (v) => idField('label_id', v, LABEL_ID) }, ['label_id']);
        const contact = ownContact(org, ids[0]);
        const label = ownLabel(org, body.label_id, 'label_id');
        if (label.team_id !== contact.team) throw invalid('label_id', 'the label and the contact are in different teams');
        contact.labels.add(label.id);
        return [200, { data: { contact_id: ids[0], label_id: label.id, attached: true } }];
      },
    },
    {
      method: 'DELETE',
      path: /^\/contacts\/([^/]+)\/labels\/([^/]+)$/,
      ids: [
        ['id', CONTACT_ID],
        ['label_id', LABEL_ID],
      ],
      run(org, { ids }) {
        const contact = ownContact(org, ids[0]);
        const label = ownLabel(org, ids[1], 'label_id');
        contact.labels.delete(label.id);
        return [200, { data: { contact_id: ids[0], label_id: label.id, attached: false } }];
      },
    },
  ];

  async function readBody(req) {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  function parseBody(req, bytes) {
    if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) throw new Refusal(400, 'invalid_request_error', 'invalid_request', 'send the body as application/json');
    let text;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new Refusal(400, 'invalid_request_error', 'invalid_request', 'the body is not valid UTF-8');
    }
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Refusal(400, 'invalid_request_error', 'invalid_request', 'the body is not valid JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Refusal(400, 'invalid_request_error', 'invalid_request', 'the body must be a JSON object');
    return body;
  }

  async function handle(req) {
    // Read the body from the start (an answer sent before the body is read makes Node close the
    // connection under the client's next request); the checks below run before awaiting it, so
    // that an Idempotency-Key is taken the moment its request arrives.
    const received = readBody(req);
    const url = new URL(req.url, 'http://provider');
    const path = url.pathname.replace(/^\/v1/, '');
    const headers = { 'X-Request-Id': `req_${randomTail(26)}` };
    let org;
    const answer = (status, body, extra = {}) => {
      Object.assign(headers, extra);
      return { status, headers, text: JSON.stringify({ ...body, request_id: headers['X-Request-Id'] }) };
    };
    const refuse = (r) => answer(r.status, { error: { type: r.type, code: r.code, message: r.message, ...(r.param ? { param: r.param } : {}), request_id: headers['X-Request-Id'] } });
    try {
      const publicRoute = publicRoutes.find((r) => r.method === req.method && r.path.test(path));
      if (publicRoute) {
        await received.catch(() => {});
        const limit = take(`anonymous ${req.socket.remoteAddress}`, publicReads);
        Object.assign(headers, limit.headers);
        if (!limit.allowed) throw new Refusal(429, 'rate_limit_error', 'rate_limit_exceeded', 'too many requests: wait Retry-After seconds');
        const [status, body, enveloped] = publicRoute.run();
        return enveloped ? answer(status, body) : { status, headers, text: JSON.stringify(body) };
      }
      try {
        org = authenticate(req.headers.authorization);
      } catch (r) {
        // Unauthenticated calls draw from a bucket per client address; it reports, never refuses.
        Object.assign(headers, take(`anonymous ${req.socket.remoteAddress}`, publicReads).headers, { 'WWW-Authenticate': 'Bearer' });
        throw r;
      }
      const write = !['GET', 'HEAD'].includes(req.method);
      const limit = take(`${org.id} ${write ? 'write' : 'read'}`, write ? org.tier.write : org.tier.read);
      Object.assign(headers, limit.headers);
      if (!limit.allowed) throw new Refusal(429, 'rate_limit_error', 'rate_limit_exceeded', 'too many requests: wait Retry-After seconds');
      const route = routes.find((r) => r.method === req.method && r.path.test(path));
      if (!route) throw new Refusal(404, 'not_found', 'resource_not_found', `no operation ${req.method} ${path}`);
      const key = req.headers['idempotency-key'];
      const slot = `${org.id} ${key}`;
      const idempotent = route.method === 'POST' && key !== undefined;
      if (idempotent && (key.length < 1 || key.length > 255)) throw invalid('Idempotency-Key', 'Idempotency-Key must be 1 to 255 characters');
      if (idempotent && idempotency.get(slot) === 'in flight') throw new Refusal(409, 'conflict', 'idempotency_in_progress', 'a request with this Idempotency-Key is still in progress', 'Idempotency-Key');
      const stored = idempotent ? idempotency.get(slot) : undefined;
      if (idempotent && !stored) idempotency.set(slot, 'in flight');
      let fingerprint;
      try {
        const bytes = await received;
        fingerprint = `${req.method} ${path} ${bytes.toString('base64')}`;
        if (stored && stored.until > Date.now()) {
          if (stored.fingerprint !== fingerprint) throw new Refusal(422, 'invalid_request_error', 'idempotency_key_reuse', 'this Idempotency-Key was used with another request', 'Idempotency-Key');
          return { status: stored.status, headers: { ...headers, 'X-Request-Id': stored.requestId, 'Idempotent-Replayed': 'true' }, text: stored.text };
        }
        const match = route.path.exec(path);
        const ids = (route.ids ?? []).map(([param, pattern], i) => {
          const id = decodeURIComponent(match?.[i + 1] ?? '');
          idField(param, id, pattern);
          return id;
        });
        const body = route.body ? parseBody(req, bytes) : undefined;
        const apiKey = /^Bearer (.*)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
        const [status, data] = route.run(org, { ids, body, query: url.searchParams, apiKey });
        const outcome = answer(status, data, idempotent ? { 'Idempotent-Replayed': 'false' } : {});
        if (idempotent) idempotency.set(slot, { fingerprint, status, text: outcome.text, requestId: headers['X-Request-Id'], until: Date.now() + IDEMPOTENCY_TTL_MS });
        return outcome;
      } catch (r) {
        // A failed request leaves the key unused (the description's idempotency rules).
        if (idempotent && !stored) {
          if (bug.has('idempotency-key-kept-after-failure') && r instanceof Refusal) idempotency.set(slot, { fingerprint, status: r.status, text: refuse(r).text, requestId: headers['X-Request-Id'], until: Date.now() + IDEMPOTENCY_TTL_MS });
          else idempotency.delete(slot);
        }
        throw r;
      }
    } catch (r) {
      await received.catch(() => {});
      if (r instanceof Refusal) return refuse(r);
      return refuse(new Refusal(500, 'api_error', 'internal_error', `internal error: ${r.message}`));
    }
  }

  const server = createServer((req, res) => {
    handle(req).then(
      ({ status, headers, text }) => {
        res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
        res.end(text);
      },
      () => res.destroy(),
    );
  });
  // Idle connections stay open longer than clients keep them (undici: 4 s), as behind a load
  // balancer: a server closing first races the client's next request on that connection.
  server.keepAliveTimeout = 65_000;
  await /** @type {Promise<void>} */ (new Promise((resolve) => server.listen(0, '127.0.0.1', resolve)));
  const url = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}/v1`;
  return {
    url,
    stop: () =>
      /** @type {Promise<void>} */ (new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
