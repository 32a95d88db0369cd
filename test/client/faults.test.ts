// Fault injection: the client against a local server that rate-limits, fails, cuts the
// connection, answers slowly or not in JSON. Every case asserts the attempts the server saw,
// the waits the client took, and that no error text carries the API key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KirimApiError, KirimConnectionError, KirimResponseError, KirimTimeoutError, isKirimError, type KirimOptions } from '../../src/index.js';
import { BASE_DELAY, KEY, LABEL, REQUEST_ID, apiError, clientOf, cut, errorText, json, rejection, startFaultServer, type FaultServer } from './fault-server.js';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

const client = (options: Partial<KirimOptions> = {}) => clientOf(server, options);

function gaps(): number[] {
  return server.seen.slice(1).map((r, i) => r.at - server.seen[i]!.at);
}

describe('retries', () => {
  it('429 with Retry-After: waits what the server asked, then succeeds', async () => {
    server.handle((_, res, n) => (n === 0 ? apiError(res, 429, 'rate_limit_error', 'rate_limit_exceeded', 'slow down', { 'Retry-After': '0.08' }) : json(res, 200, { data: LABEL, request_id: REQUEST_ID })));
    const { kirim, retries } = client();
    const { data } = await kirim.labels.get(LABEL.id);
    expect(data).toEqual(LABEL);
    expect(server.seen).toHaveLength(2);
    expect(retries).toEqual([expect.objectContaining({ attempt: 1, delayMs: 80, reason: 'status', status: 429 })]);
    expect(gaps()[0]).toBeGreaterThanOrEqual(78);
  });

  it('429 whose Retry-After is past the time budget: no retry, a rate_limit_error with retryAfterMs', async () => {
    server.handle((_, res) => apiError(res, 429, 'rate_limit_error', 'rate_limit_exceeded', 'slow down', { 'Retry-After': '12' }));
    const { kirim, retries } = client();
    const error = await rejection(kirim.labels.get(LABEL.id));
    expect(error).toBeInstanceOf(KirimApiError);
    expect(error).toMatchObject({ type: 'rate_limit_error', status: 429, code: 'rate_limit_exceeded', retryAfterMs: 12_000, requestId: REQUEST_ID });
    expect(server.seen).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it.each([502, 503, 504])('%i then 200: one retry after an exponential, jittered wait', async (status) => {
    server.handle((_, res, n) => (n === 0 ? apiError(res, status, 'api_error', 'internal_error', 'upstream') : json(res, 200, { data: LABEL, request_id: REQUEST_ID })));
    const { kirim, retries } = client();
    await kirim.labels.get(LABEL.id);
    expect(server.seen).toHaveLength(2);
    expect(retries).toHaveLength(1);
    expect(retries[0]!.delayMs).toBeGreaterThanOrEqual(BASE_DELAY / 2);
    expect(retries[0]!.delayMs).toBeLessThanOrEqual(BASE_DELAY);
    expect(gaps()[0]).toBeGreaterThanOrEqual(retries[0]!.delayMs - 2);
  });

  it('503 on every attempt: stops at maxAttempts with the waits doubling, then throws api_error', async () => {
    server.handle((_, res) => apiError(res, 503, 'api_error', 'internal_error', 'down'));
    const { kirim, retries } = client();
    const error = await rejection(kirim.labels.get(LABEL.id));
    expect(error).toMatchObject({ type: 'api_error', status: 503, requestId: REQUEST_ID });
    expect(server.seen).toHaveLength(3);
    expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
    expect(retries[1]!.delayMs).toBeGreaterThanOrEqual(BASE_DELAY);
    expect(retries[1]!.delayMs).toBeLessThanOrEqual(2 * BASE_DELAY);
  });

  it('does not retry a 500 or a 400', async () => {
    for (const status of [500, 400]) {
      server.handle((_, res) => apiError(res, status, status === 500 ? 'api_error' : 'invalid_request_error', 'x', 'no'));
      const { kirim } = client();
      await rejection(kirim.labels.get(LABEL.id));
      expect(server.seen).toHaveLength(1);
    }
  });

  it('connection reset on a GET: retried, then succeeds', async () => {
    server.handle((_, res, n) => (n === 0 ? cut(res) : json(res, 200, { data: LABEL, request_id: REQUEST_ID })));
    const { kirim, retries } = client();
    const { requestId } = await kirim.labels.get(LABEL.id);
    expect(requestId).toBe(REQUEST_ID);
    expect(server.seen).toHaveLength(2);
    expect(retries).toEqual([expect.objectContaining({ attempt: 1, reason: 'connection' })]);
  });

  it('connection reset on every attempt: a connection_error after maxAttempts', async () => {
    server.handle((_, res) => cut(res));
    const { kirim } = client();
    const error = await rejection(kirim.labels.get(LABEL.id));
    expect(error).toBeInstanceOf(KirimConnectionError);
    expect(error).toMatchObject({ type: 'connection_error', status: null, attempts: 3 });
    expect(server.seen).toHaveLength(3);
    expect(errorText(error)).not.toContain(KEY);
  });

  it('the raw openapi-fetch client shares the transport: retried, key set, openapi-fetch answer shape', async () => {
    server.handle((_, res, n) => (n === 0 ? apiError(res, 503, 'api_error', 'internal_error', 'down') : json(res, 200, { data: LABEL, request_id: REQUEST_ID })));
    const { kirim } = client();
    const { data, error } = await kirim.raw.GET('/labels/{id}', { params: { path: { id: LABEL.id } } });
    expect(error).toBeUndefined();
    expect(data?.data).toEqual(LABEL);
    expect(server.seen.map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`, `Bearer ${KEY}`]);
  });

  it('retry: false for one call makes one attempt', async () => {
    server.handle((_, res) => apiError(res, 503, 'api_error', 'internal_error', 'down'));
    const { kirim } = client();
    await rejection(kirim.labels.get(LABEL.id, { retry: false }));
    expect(server.seen).toHaveLength(1);
  });
});

describe('POST and idempotency', () => {
  /** A server that creates at most once per Idempotency-Key and replays the first answer. */
  function idempotentServer(fault: (n: number) => 'reset-after-create' | '503-after-create' | 'none') {
    const created: string[] = [];
    const answers = new Map<string, unknown>();
    server.handle((req, res, n) => {
      const key = String(req.headers['idempotency-key'] ?? '');
      const replay = answers.get(key);
      if (replay === undefined) {
        created.push(req.body);
        answers.set(key, { data: { ...LABEL, name: JSON.parse(req.body).name }, request_id: REQUEST_ID });
      }
      const kind = fault(n);
      if (kind === 'reset-after-create') return cut(res);
      if (kind === '503-after-create') return apiError(res, 503, 'api_error', 'internal_error', 'lost the answer');
      json(res, 201, answers.get(key), { 'Idempotent-Replayed': replay === undefined ? 'false' : 'true' });
    });
    return created;
  }

  it('connection reset after the server created: retried with the same key and body, created once', async () => {
    const created = idempotentServer((n) => (n === 0 ? 'reset-after-create' : 'none'));
    const { kirim } = client();
    const { data, response } = await kirim.labels.create({ name: 'Bug', color: 'red' });
    expect(data.name).toBe('Bug');
    expect(response.headers.get('Idempotent-Replayed')).toBe('true');
    expect(server.seen).toHaveLength(2);
    const [first, second] = server.seen;
    expect(first!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(second!.headers['idempotency-key']).toBe(first!.headers['idempotency-key']);
    expect(second!.body).toBe(first!.body);
    expect(JSON.parse(first!.body)).toEqual({ name: 'Bug', color: 'red' });
    expect(created).toHaveLength(1);
  });

  it('several calls under 503s: one creation per call, a new key per call', async () => {
    const created = idempotentServer((n) => (n % 2 === 0 ? '503-after-create' : 'none'));
    const { kirim } = client();
    for (const name of ['A', 'B', 'C']) await kirim.labels.create({ name });
    expect(server.seen).toHaveLength(6);
    expect(created.map((b) => JSON.parse(b).name)).toEqual(['A', 'B', 'C']);
    expect(new Set(server.seen.map((r) => r.headers['idempotency-key'])).size).toBe(3);
  });

  it('all three idempotent POSTs carry a key; a key of your own is used as given', async () => {
    server.handle((_, res) => json(res, 200, { data: { contact_id: 'ctc_01JB7Y2K8N4Q6S0T3V5W7X9Z1C', label_id: LABEL.id, attached: true }, request_id: REQUEST_ID }));
    const { kirim } = client();
    await kirim.contacts.attachLabel('ctc_01JB7Y2K8N4Q6S0T3V5W7X9Z1C', { label_id: LABEL.id }, { idempotencyKey: 'my-key-1' });
    expect(server.seen.map((r) => r.headers['idempotency-key'])).toEqual(['my-key-1']);
    server.handle((_, res) => json(res, 200, { data: { applied: 1, skipped_cross_org: 0, skipped_team_mismatch: 0 }, request_id: REQUEST_ID }));
    await kirim.contacts.bulkLabel({ contact_ids: ['ctc_01JB7Y2K8N4Q6S0T3V5W7X9Z1C'], label_id: LABEL.id, operation: 'attach' });
    expect(server.seen[0]!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.seen[0]!.url).toBe('/v1/contacts/bulk_label');
  });

  it('a POST without an Idempotency-Key is never retried', async () => {
    server.handle((_, res) => apiError(res, 503, 'api_error', 'internal_error', 'down'));
    const { kirim } = client();
    // Middleware runs after the client's own and removes the key: the transport must then send once.
    kirim.raw.use({ onRequest: ({ request }) => void request.headers.delete('Idempotency-Key') });
    await rejection(kirim.labels.create({ name: 'Bug' }));
    expect(server.seen).toHaveLength(1);
  });

  it('PATCH bodies are re-sent intact', async () => {
    server.handle((_, res, n) => (n === 0 ? cut(res) : json(res, 200, { data: LABEL, request_id: REQUEST_ID })));
    const { kirim } = client();
    await kirim.labels.update(LABEL.id, { name: 'Bug ✓ ünïcode', color: 'red' });
    expect(server.seen).toHaveLength(2);
    expect(server.seen[1]!.body).toBe(server.seen[0]!.body);
    expect(JSON.parse(server.seen[1]!.body)).toEqual({ name: 'Bug ✓ ünïcode', color: 'red' });
  });
});

describe('time-outs and aborts', () => {
  const slow = (ms: number) => (_: unknown, res: Parameters<typeof json>[0]) => void setTimeout(() => !res.destroyed && json(res, 200, { data: LABEL, request_id: REQUEST_ID }), ms);

  it('an answer slower than the time-out, every time: a timeout_error after maxAttempts', async () => {
    server.handle(slow(1_000));
    const { kirim, retries } = client({ timeout: 40 });
    const error = await rejection(kirim.labels.get(LABEL.id, { retry: { maxAttempts: 2, baseDelayMs: 1 } }));
    expect(error).toBeInstanceOf(KirimTimeoutError);
    expect(error).toMatchObject({ type: 'timeout_error', attempts: 2, timeoutMs: 40, status: null });
    expect(server.seen).toHaveLength(2);
    expect(retries.map((r) => r.reason)).toEqual(['timeout']);
  });

  it('a slow answer within the time-out succeeds at once', async () => {
    server.handle(slow(30));
    const { kirim, retries } = client({ timeout: 2_000 });
    await kirim.labels.get(LABEL.id);
    expect(server.seen).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it('aborting during the wait before a retry ends the call with the signal reason', async () => {
    server.handle((_, res) => apiError(res, 503, 'api_error', 'internal_error', 'down', { 'Retry-After': '2' }));
    const { kirim } = client();
    const controller = new AbortController();
    const pending = kirim.labels.get(LABEL.id, { signal: controller.signal });
    await expect.poll(() => server.seen.length).toBe(1);
    controller.abort();
    const error = await rejection(pending);
    expect((error as Error).name).toBe('AbortError');
    expect(isKirimError(error)).toBe(false);
    expect(server.seen).toHaveLength(1);
  });

  it('aborting an attempt in flight is not retried', async () => {
    server.handle(slow(1_000));
    const { kirim } = client();
    const error = await rejection(kirim.labels.get(LABEL.id, { signal: AbortSignal.timeout(30) }));
    expect((error as Error).name).toBe('TimeoutError');
    expect(server.seen).toHaveLength(1);
  });
});

describe('answers that are not the API JSON', () => {
  it('a 200 with an HTML body: invalid_response_error with the request id', async () => {
    server.handle((_, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html', 'X-Request-Id': REQUEST_ID });
      res.end('<html>maintenance</html>');
    });
    const { kirim } = client();
    const error = await rejection(kirim.labels.get(LABEL.id));
    expect(error).toBeInstanceOf(KirimResponseError);
    expect(error).toMatchObject({ type: 'invalid_response_error', status: 200, requestId: REQUEST_ID });
  });

  it('a 502 proxy page: retried, then invalid_response_error quoting the body', async () => {
    server.handle((_, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html>Bad Gateway</html>');
    });
    const { kirim } = client();
    const error = await rejection(kirim.labels.get(LABEL.id));
    expect(server.seen).toHaveLength(3);
    expect(error).toMatchObject({ type: 'invalid_response_error', status: 502, requestId: null });
    expect((error as Error).message).toContain('Bad Gateway');
  });

  it('a JSON 200 without data: invalid_response_error', async () => {
    server.handle((_, res) => json(res, 200, { ok: true }));
    const { kirim } = client();
    expect(await rejection(kirim.labels.get(LABEL.id))).toMatchObject({ type: 'invalid_response_error', status: 200 });
  });
});

describe('the API key', () => {
  it('is sent as a bearer token, from a string or an async provider called per call', async () => {
    server.handle((_, res) => json(res, 200, { data: LABEL, request_id: REQUEST_ID }));
    let calls = 0;
    const { kirim } = client({ apiKey: async () => (calls++, KEY) });
    await kirim.labels.get(LABEL.id);
    await kirim.labels.get(LABEL.id);
    expect(calls).toBe(2);
    expect(server.seen.map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`, `Bearer ${KEY}`]);
  });

  it('never appears in an API error, even when the server echoes it', async () => {
    const odd = 'not-a-kirim-shaped-key-123';
    // The server quotes the header and the bare token: the first is caught by its shape, the second only as the key in use.
    server.handle((req, res) => {
      const header = String(req.headers.authorization);
      apiError(res, 401, 'authentication_error', 'invalid_api_key', `${header} is revoked: ${header.slice('Bearer '.length)} no longer works`);
    });
    for (const apiKey of [KEY, odd, async () => odd]) {
      const { kirim } = client({ apiKey });
      const error = await rejection(kirim.labels.get(LABEL.id));
      expect(error).toMatchObject({ type: 'authentication_error', status: 401, code: 'invalid_api_key' });
      const text = errorText(error);
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(odd);
      expect(text).toContain('[redacted]');
    }
  });

  it('never appears in an API error when concurrent calls use different keys from a provider', async () => {
    // The server answers the first request last, so that the second call's key is the latest one
    // the client fetched when the first call's error is built.
    const keys = ['odd-key-A-not-kirim-shaped', 'odd-key-B-not-kirim-shaped'];
    server.handle(async (req, res, index) => {
      if (index === 0) await new Promise((r) => setTimeout(r, 50));
      const token = String(req.headers.authorization).slice('Bearer '.length);
      apiError(res, 401, 'authentication_error', 'invalid_api_key', `${token} is revoked`);
    });
    let next = 0;
    const { kirim } = client({ apiKey: async () => keys[next++ % 2]! });
    const errors = await Promise.all([rejection(kirim.labels.get(LABEL.id)), rejection(kirim.labels.get(LABEL.id))]);
    for (const error of errors) {
      const text = errorText(error);
      for (const key of keys) expect(text).not.toContain(key);
      expect(text).toContain('[redacted]');
    }
  });

  it('never appears in time-out, connection or response errors, nor in retry events', async () => {
    const { kirim, retries } = client({ timeout: 30 });
    server.handle((_, res) => void setTimeout(() => !res.destroyed && res.end(), 500));
    const timeout = await rejection(kirim.labels.get(LABEL.id, { retry: { maxAttempts: 2, baseDelayMs: 1 } }));
    server.handle((req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`upstream rejected ${req.headers.authorization}`);
    });
    // The time-out covers the body too: this answer must not race the 30 ms of the first call.
    const response = await rejection(kirim.labels.get(LABEL.id, { retry: false, timeout: 5_000 }));
    expect(response).toBeInstanceOf(KirimResponseError);
    for (const error of [timeout, response]) expect(errorText(error)).not.toContain(KEY);
    expect(JSON.stringify(retries)).not.toContain(KEY);
  });
});

describe('pagination', () => {
  const pages = [
    { data: [LABEL, { ...LABEL, id: 'lbl_01JCZ4V9Q8M3T5N7P2R6W0X1YB' }], has_more: true, next_cursor: 'c1', request_id: REQUEST_ID },
    { data: [{ ...LABEL, id: 'lbl_01JCZ4V9Q8M3T5N7P2R6W0X1YC' }], has_more: true, next_cursor: 'c2', request_id: REQUEST_ID },
    { data: [{ ...LABEL, id: 'lbl_01JCZ4V9Q8M3T5N7P2R6W0X1YD' }], has_more: false, next_cursor: null, request_id: REQUEST_ID },
  ];
  const byCursor = (req: { url: string }, res: Parameters<typeof json>[0]) => {
    const cursor = new URL(req.url, 'http://x').searchParams.get('cursor');
    json(res, 200, pages[cursor === null ? 0 : Number(cursor.slice(1))]);
  };

  it('for await walks every page, passing next_cursor back', async () => {
    server.handle(byCursor);
    const { kirim } = client();
    const ids: string[] = [];
    for await (const label of kirim.labels.list({ limit: 2 })) ids.push(label.id);
    expect(ids).toEqual(pages.flatMap((p) => p.data.map((l) => l.id)));
    expect(server.seen.map((r) => r.url)).toEqual(['/v1/labels?limit=2', '/v1/labels?limit=2&cursor=c1', '/v1/labels?limit=2&cursor=c2']);
  });

  it('pages() and page() give a page at a time, with has_more, next cursor and request id', async () => {
    server.handle(byCursor);
    const { kirim } = client();
    const seen = [];
    for await (const page of kirim.labels.list().pages()) seen.push([page.data.length, page.hasMore, page.nextCursor, page.requestId]);
    expect(seen).toEqual([
      [2, true, 'c1', REQUEST_ID],
      [1, true, 'c2', REQUEST_ID],
      [1, false, null, REQUEST_ID],
    ]);
    const page = await kirim.labels.page({ cursor: 'c2' });
    expect(page.data).toHaveLength(1);
  });

  it('stops early without fetching more pages; a stuck cursor is an error, not an endless loop', async () => {
    server.handle(byCursor);
    const { kirim } = client();
    for await (const label of kirim.labels.list()) if (label) break;
    expect(server.seen).toHaveLength(1);
    server.handle((_, res) => json(res, 200, { ...pages[0], next_cursor: 'same' }));
    const error = await rejection((async () => { for await (const _ of kirim.labels.list({ cursor: 'same' })) void _; })());
    expect(error).toMatchObject({ type: 'invalid_response_error' });
  });
});
