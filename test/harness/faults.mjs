// Mutant providers for `npm run mutants`: the real mock behind a layer that injects exactly one
// fault, to prove that the contract suite notices it. The layer is an HTTP proxy in front of a
// running mock (no mock file is changed): it streams each request through (so a request still in
// flight stays in flight) and lets the fault rewrite the request line or the answer.
import { createServer, request, Agent } from 'node:http';
import { ApiError, invalidField } from '../../mock/lib/errors.mjs';
import { idGenerator, timestamp } from '../../mock/lib/ids.mjs';

// What the faults invent, in the API's formats, from the mock's own helpers.
const newLabelId = idGenerator('lbl');
const newRequestId = idGenerator('req');
const json = (text) => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
const isLabelPath = (path) => /\/labels\/lbl_[^/]+$/.test(path) && !path.includes('/contacts/');

/**
 * The faults. Each has a name, what it breaks, and `request(req)` (may rewrite `req.url`) and/or
 * `response(exchange)` (may change `status`, `headers`, `body`; `exchange.send(method, path,
 * body)` reaches the mock directly). `state` is cleared on reset.
 */
export const faults = [
  {
    name: 'required-field-dropped',
    breaks: 'a label in a response has no created_at',
    response(x) {
      if (x.body?.data?.object === 'label') delete x.body.data.created_at;
    },
  },
  {
    name: 'wrong-type',
    breaks: 'bulk counts are strings',
    response(x) {
      if (x.path.endsWith('/bulk_label') && x.status === 200) x.body.data.applied = String(x.body.data.applied);
    },
  },
  {
    name: 'wrong-status',
    breaks: 'createLabel answers 200 instead of 201',
    response(x) {
      if (x.method === 'POST' && x.path.endsWith('/labels') && x.status === 201) x.status = 200;
    },
  },
  {
    name: 'wrong-error-code',
    breaks: 'limit out of range is invalid_field_value, not invalid_limit',
    response(x) {
      if (x.body?.error?.code === 'invalid_limit') x.body.error.code = 'invalid_field_value';
    },
  },
  {
    name: 'wrong-param',
    breaks: 'a missing required field names no param',
    response(x) {
      if (x.body?.error?.code === 'missing_required_field' && x.body.error.param === 'label_id') delete x.body.error.param;
    },
  },
  {
    name: 'no-request-id-header',
    breaks: 'a 404 has no X-Request-Id',
    response(x) {
      if (x.status === 404) delete x.headers['x-request-id'];
    },
  },
  {
    name: 'request-id-mismatch',
    breaks: 'a list body carries a request_id other than the header',
    response(x) {
      if (Array.isArray(x.body?.data)) x.body.request_id = newRequestId();
    },
  },
  {
    name: 'has-more-wrong',
    breaks: 'a page that is not the last says has_more: false',
    response(x) {
      if (Array.isArray(x.body?.data) && x.body.has_more) x.body.has_more = false;
    },
  },
  {
    name: 'limit-ignored',
    breaks: 'the list ignores limit (default page size)',
    request(req) {
      req.url = req.url.replace(/([?&])limit=\d+&?/, '$1');
    },
  },
  {
    name: 'label-repeated-across-pages',
    breaks: 'the next page repeats the last label of the previous one',
    response(x, state) {
      if (!Array.isArray(x.body?.data) || x.status !== 200) return;
      const cursor = new URLSearchParams(x.query).get('cursor');
      const previous = cursor && state.lastOfPage?.get(cursor);
      const last = x.body.data.at(-1);
      if (previous) x.body.data = [previous, ...x.body.data.slice(0, -1)];
      if (x.body.next_cursor) (state.lastOfPage ??= new Map()).set(x.body.next_cursor, last);
    },
  },
  {
    name: 'duplicate-names-accepted',
    breaks: 'a duplicate name in the team is created',
    response(x) {
      if (x.method !== 'POST' || !x.path.endsWith('/labels') || x.body?.error?.param !== 'name' || !/already exists/.test(x.body.error.message)) return;
      const sent = json(x.requestBody);
      const now = timestamp();
      x.status = 201;
      x.body = { data: { id: newLabelId(), object: 'label', name: sent.name, color: sent.color ?? 'gray', team_id: sent.team_id, created_at: now, updated_at: now }, request_id: x.body.error.request_id };
    },
  },
  {
    name: 'name-length-off-by-one',
    breaks: 'a name of exactly 50 characters is refused',
    response(x) {
      const sent = x.method === 'POST' && x.path.endsWith('/labels') ? json(x.requestBody) : undefined;
      if (typeof sent?.name === 'string' && [...sent.name].length === 50 && x.status === 201) {
        x.status = 400;
        x.body = invalidField('name', 'name must be at most 49 characters').body(x.body.request_id);
      }
    },
  },
  {
    name: 'attach-not-idempotent',
    breaks: 'attaching an attached label again is refused',
    response(x, state) {
      const attach = x.method === 'POST' && /\/contacts\/[^/]+\/labels$/.test(x.path);
      const detach = x.method === 'DELETE' && /\/contacts\/[^/]+\/labels\//.test(x.path);
      if (x.status !== 200 || !(attach || detach)) return;
      const pair = `${x.body.data.contact_id} ${x.body.data.label_id}`;
      state.attached ??= new Set();
      if (detach) return void state.attached.delete(pair);
      if (state.attached.has(pair)) {
        x.status = 400;
        x.body = invalidField('label_id', 'the label is already attached').body(x.body.request_id);
      } else state.attached.add(pair);
    },
  },
  {
    name: 'error-on-valid-input',
    breaks: 'bulk labelling answers 500 to a valid request',
    response(x) {
      if (x.path.endsWith('/bulk_label') && x.status === 200) {
        x.status = 500;
        x.body = new ApiError(500, 'api_error', 'internal_error', 'something broke').body(x.body.request_id);
      }
    },
  },
  {
    name: 'wrong-content-type',
    breaks: 'getLabel answers text/plain',
    response(x) {
      if (x.method === 'GET' && isLabelPath(x.path) && x.status === 200) x.headers['content-type'] = 'text/plain';
    },
  },
  {
    name: 'replay-creates-second-label',
    breaks: 'an idempotent replay of createLabel creates another label',
    async response(x) {
      if (x.method === 'POST' && x.path.endsWith('/labels') && x.headers['idempotent-replayed'] === 'true') {
        const sent = json(x.requestBody);
        await x.send('POST', x.path, { ...sent, name: `${sent.name} (2)`.slice(0, 50) });
      }
    },
  },
  {
    name: 'expired-key-reported-invalid',
    breaks: 'an expired key is invalid_api_key',
    response(x) {
      if (x.body?.error?.code === 'expired_api_key') x.body.error.code = 'invalid_api_key';
    },
  },
  {
    name: 'cross-team-attach-allowed',
    breaks: 'a label is attached to a contact of another team',
    response(x) {
      if (x.method === 'POST' && /\/contacts\/([^/]+)\/labels$/.test(x.path) && x.status === 400 && /same team/.test(x.body?.error?.message ?? '')) {
        const contact = /\/contacts\/([^/]+)\/labels$/.exec(x.path)?.[1];
        x.status = 200;
        x.body = { data: { contact_id: contact, label_id: json(x.requestBody).label_id, attached: true }, request_id: x.body.error.request_id };
      }
    },
  },
  {
    name: 'retry-after-too-short',
    breaks: 'Retry-After says 1 second while the window lasts longer',
    response(x) {
      if (x.status === 429) x.headers['retry-after'] = '1';
    },
  },
  {
    name: 'second-delete-succeeds',
    breaks: 'deleting a deleted label answers 200',
    response(x) {
      if (x.method === 'DELETE' && isLabelPath(x.path) && x.status === 404) {
        const id = x.path.split('/').at(-1);
        x.status = 200;
        x.body = { data: { id, object: 'label', deleted: true }, request_id: x.body.error.request_id };
      }
    },
  },
  {
    name: 'empty-patch-names-a-field',
    breaks: 'an empty PATCH names param "name"',
    response(x) {
      if (x.method === 'PATCH' && x.body?.error?.code === 'missing_required_field' && x.body.error.param === undefined) x.body.error.param = 'name';
    },
  },
];

export const faultByName = (name) => faults.find((f) => f.name === name);

/**
 * Puts `fault` in front of a running mock ({ url, reset, stop }); resolves { url, reset, stop }
 * of the layer. `fault: null` gives a transparent layer (the control run).
 */
export async function startFaultLayer(upstream, fault) {
  const origin = new URL(upstream.url);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let state = {};

  const forward = (method, path, headers, body) =>
    new Promise((resolve, reject) => {
      const req = request({ host: origin.hostname, port: origin.port, method, path, headers, agent }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: { ...res.headers }, text: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      if (typeof body === 'string') req.end(body);
      else body.pipe(req);
    });

  const server = createServer(async (req, res) => {
    try {
      fault?.request?.(req);
      const [path, query = ''] = (req.url ?? '').split('?');
      const sentChunks = [];
      req.on('data', (c) => sentChunks.push(c));
      const { host: _, ...headers } = req.headers;
      const answer = await forward(req.method, req.url, headers, req);
      const x = {
        method: req.method,
        path,
        query,
        requestHeaders: req.headers,
        requestBody: Buffer.concat(sentChunks).toString('utf8'),
        status: answer.status,
        headers: answer.headers,
        body: json(answer.text),
        // A side request of the fault itself: no Idempotency-Key, its own length.
        send: (method, p, body) => {
          const { 'content-length': _l, 'idempotency-key': _k, ...rest } = headers;
          return forward(method, p, { ...rest, 'content-type': 'application/json' }, JSON.stringify(body));
        },
      };
      const before = JSON.stringify(x.body);
      await fault?.response?.(x, state);
      const text = x.body === undefined ? answer.text : JSON.stringify(x.body) === before ? answer.text : JSON.stringify(x.body);
      const { 'content-length': __, 'transfer-encoding': ___, connection: ____, 'keep-alive': _____, ...out } = x.headers;
      res.writeHead(x.status, { ...out, 'content-length': Buffer.byteLength(text) });
      res.end(text);
    } catch (error) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`fault layer: ${error.message}`);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}${origin.pathname}`,
    port,
    reset: async () => {
      state = {};
      await upstream.reset();
    },
    stop: async () => {
      await new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      });
      agent.destroy();
      await upstream.stop();
    },
  };
}
