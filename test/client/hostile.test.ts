// The client under hostile and careless answers and inputs (issue 12): aborts before and during
// the body, bodies that stall or break off, redirects, keys that cannot be a header, server text
// that echoes the key, retry edge cases and envelopes of the wrong shape. Each case failed
// before the fix it covers.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kirim, KirimConfigError, KirimConnectionError, KirimResponseError, KirimTimeoutError, isKirimError, type KirimOptions } from '../../src/index.js';
import { BASE_DELAY, KEY, LABEL, REQUEST_ID, apiError, clientOf, cut, errorText, json, rejection, startFaultServer, type FaultServer } from './fault-server.js';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

const client = (options: Partial<KirimOptions> = {}) => clientOf(server, options);

/** Headers now, then the body one byte every `everyMs`, or never when `bytes` is empty. */
function dribble(status: number, bytes: string, everyMs: number) {
  return (_: unknown, res: ServerResponse) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'X-Request-Id': REQUEST_ID });
    res.flushHeaders();
    let i = 0;
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer);
      if (i < bytes.length) res.write(bytes[i++]);
      if (i === bytes.length && bytes.length > 0) {
        clearInterval(timer);
        res.end();
      }
    }, everyMs);
    res.on('close', () => clearInterval(timer));
  };
}

/** Headers and half of the body, then the connection is cut. */
function cutMidBody(status: number, body: unknown) {
  return (_: unknown, res: ServerResponse) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'X-Request-Id': REQUEST_ID, 'Content-Length': String(text.length) });
    res.write(text.slice(0, text.length >> 1), () => setTimeout(() => cut(res), 10));
  };
}

describe('item 1: an already-aborted signal', () => {
  it('stops create, get and the raw client before anything is sent, with the signal reason', async () => {
    server.handle((_, res) => json(res, 201, { data: LABEL, request_id: REQUEST_ID }));
    const { kirim } = client();
    const reason = new Error('caller gave up');
    const signal = AbortSignal.abort(reason);
    expect(await rejection(kirim.labels.create({ name: 'Bug' }, { signal }))).toBe(reason);
    expect(await rejection(kirim.labels.get(LABEL.id, { signal }))).toBe(reason);
    expect(await rejection(kirim.raw.GET('/labels/{id}', { params: { path: { id: LABEL.id } }, signal }))).toBe(reason);
    expect(server.seen).toEqual([]);
  });
});

describe('item 2: timeout and signal cover the body', () => {
  it('a body that never ends: a timeout_error, retried like any time-out', async () => {
    server.handle(dribble(200, '', 1_000));
    const { kirim } = client({ timeout: 100 });
    const error = await rejection(kirim.labels.get(LABEL.id, { retry: { maxAttempts: 2, baseDelayMs: 1 } }));
    expect(error).toBeInstanceOf(KirimTimeoutError);
    expect(error).toMatchObject({ attempts: 2 });
  });

  it('a body sent a byte at a time, slower than the time-out: a timeout_error', async () => {
    server.handle(dribble(200, JSON.stringify({ data: LABEL, request_id: REQUEST_ID }), 50));
    const { kirim } = client({ timeout: 150, retry: false });
    expect(await rejection(kirim.labels.get(LABEL.id))).toBeInstanceOf(KirimTimeoutError);
  });

  it('aborting while the body arrives ends the call with the signal reason', async () => {
    server.handle(dribble(200, '', 1_000));
    const { kirim } = client();
    const controller = new AbortController();
    const pending = kirim.labels.get(LABEL.id, { signal: controller.signal });
    await expect.poll(() => server.seen.length).toBe(1);
    const reason = new Error('stop');
    setTimeout(() => controller.abort(reason), 50);
    expect(await rejection(pending)).toBe(reason);
  });
});

describe('item 3: redirects', () => {
  let other: { url: string; seen: string[]; close: () => Promise<void> };
  beforeAll(async () => {
    const seen: string[] = [];
    const s = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers['idempotency-key'] ?? ''} ${req.headers.authorization ?? ''}`);
      json(res, 200, { data: LABEL, request_id: REQUEST_ID });
    });
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    other = {
      url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
      seen,
      close: () => new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve()))),
    };
  });
  afterAll(() => other.close());

  it.each([301, 302, 303, 307, 308])('%i on create: an error naming the redirect, sent once, nothing to the other origin', async (status) => {
    other.seen.length = 0;
    server.handle((_, res) => {
      res.writeHead(status, { Location: `${other.url}/v1/labels`, 'X-Request-Id': REQUEST_ID });
      res.end();
    });
    const { kirim } = client();
    const error = await rejection(kirim.labels.create({ name: 'Bug' }));
    expect(error).toBeInstanceOf(KirimResponseError);
    expect((error as Error).message).toContain(`${status}`);
    expect((error as Error).message).toContain(`${other.url}/v1/labels`);
    expect(server.seen).toHaveLength(1);
    expect(other.seen).toEqual([]);
  });

  it('a redirect on a GET is reported too, and its Location is shown without credentials', async () => {
    server.handle((_, res) => {
      res.writeHead(302, { Location: 'http://user:s3cret@127.0.0.1:1/v1/labels' });
      res.end();
    });
    const { kirim } = client();
    const error = await rejection(kirim.labels.get(LABEL.id));
    expect(error).toBeInstanceOf(KirimResponseError);
    expect(errorText(error)).not.toContain('s3cret');
    expect(server.seen).toHaveLength(1);
  });
});

describe('item 4: every failure is a Kirim error', () => {
  it('a GET body cut off mid-stream: a connection_error after the retries', async () => {
    server.handle(cutMidBody(200, { data: LABEL, request_id: REQUEST_ID }));
    const { kirim } = client();
    const error = await rejection(kirim.labels.get(LABEL.id));
    expect(error).toBeInstanceOf(KirimConnectionError);
    expect(server.seen).toHaveLength(3);
  });

  it('a POST cut after its 201 headers, not retried: the error says the label may exist', async () => {
    server.handle(cutMidBody(201, { data: LABEL, request_id: REQUEST_ID }));
    const { kirim } = client({ retry: false });
    const error = await rejection(kirim.labels.create({ name: 'Bug' }));
    expect(error).toBeInstanceOf(KirimConnectionError);
    expect(error).toMatchObject({ answeredStatus: 201 });
    expect((error as Error).message).toMatch(/may have been applied/);
  });

  it('a POST cut after its 201 headers is retried under its key and resolves with the replay', async () => {
    server.handle((req, res, n) => (n === 0 ? cutMidBody(201, { data: LABEL, request_id: REQUEST_ID })(req, res) : json(res, 201, { data: LABEL, request_id: REQUEST_ID })));
    const { kirim } = client();
    const { data } = await kirim.labels.create({ name: 'Bug' });
    expect(data).toEqual(LABEL);
    expect(server.seen[1]!.headers['idempotency-key']).toBe(server.seen[0]!.headers['idempotency-key']);
  });

  it('a list page with data: null is an invalid_response_error', async () => {
    server.handle((_, res) => json(res, 200, { data: null, has_more: false, next_cursor: null, request_id: REQUEST_ID }));
    const { kirim } = client();
    const error = await rejection((async () => { for await (const _ of kirim.labels.list()) void _; })());
    expect(error).toBeInstanceOf(KirimResponseError);
  });

  it.each([
    ['CR/LF', `${KEY}\r\nX-Evil: 1`],
    ['NUL', `${KEY}\0`],
    ['non-ASCII', `${KEY}é`],
  ])('an API key with %s: a config error that sends nothing and never shows the key', async (_, bad) => {
    server.handle((_, res) => json(res, 200, { data: LABEL, request_id: REQUEST_ID }));
    expect(() => new Kirim({ apiKey: bad })).toThrow(KirimConfigError);
    const { kirim } = client({ apiKey: async () => bad });
    const error = await rejection(kirim.labels.get(LABEL.id));
    expect(isKirimError(error)).toBe(true);
    expect(error).toMatchObject({ type: 'config_error', param: 'apiKey' });
    expect(errorText(error)).not.toContain(KEY);
    expect(server.seen).toEqual([]);
  });

  it('a baseUrl with user:password@ is refused, without the credentials in the message', () => {
    const error = (() => {
      try {
        new Kirim({ apiKey: KEY, baseUrl: 'http://user:pw-s3cret@127.0.0.1:1/v1' });
      } catch (e) {
        return e;
      }
    })();
    expect(isKirimError(error)).toBe(true);
    expect(error).toMatchObject({ type: 'config_error', param: 'baseUrl' });
    expect(errorText(error)).not.toContain('pw-s3cret');
  });
});

describe('item 5: the key is redacted everywhere', () => {
  it('in the type and request id copied from the server', async () => {
    server.handle((req, res) => {
      const token = String(req.headers.authorization).slice('Bearer '.length);
      res.writeHead(401, { 'Content-Type': 'application/json', 'X-Request-Id': `req_${token}` });
      res.end(JSON.stringify({ error: { type: `authentication_error ${token}`, code: 'invalid_api_key', message: 'no', request_id: `req_${token}` } }));
    });
    const odd = 'odd-key-not-kirim-shaped-1';
    const { kirim } = client({ apiKey: odd });
    const error = await rejection(kirim.labels.get(LABEL.id));
    expect(isKirimError(error)).toBe(true);
    expect(errorText(error)).not.toContain(odd);
  });

  it('in the stack and the cause chain', async () => {
    const odd = 'odd-key-not-kirim-shaped-2';
    const fetchThatQuotes: typeof fetch = async (input) => {
      const auth = (input as Request).headers.get('authorization');
      throw new TypeError('fetch failed', { cause: new Error(`socket refused ${auth}`, { cause: new Error(`deeper ${auth}`) }) });
    };
    const { kirim } = client({ apiKey: odd, fetch: fetchThatQuotes, retry: false });
    const error = await rejection(kirim.labels.get(LABEL.id));
    expect(error).toBeInstanceOf(KirimConnectionError);
    const text = errorText(error);
    expect(text).toContain('socket refused');
    expect(text).toContain('deeper');
    expect(text).not.toContain(odd);
  });
});

describe('item 6: retries', () => {
  it('Retry-After: 0 (or a past date) waits at least the back-off', async () => {
    for (const retryAfter of ['0', 'Mon, 02 Nov 2020 09:15:00 GMT']) {
      server.handle((_, res, n) => (n === 0 ? apiError(res, 429, 'rate_limit_error', 'rate_limit_exceeded', 'slow', { 'Retry-After': retryAfter }) : json(res, 200, { data: LABEL, request_id: REQUEST_ID })));
      const { kirim, retries } = client();
      await kirim.labels.get(LABEL.id);
      expect(retries).toHaveLength(1);
      expect(retries[0]!.delayMs).toBeGreaterThanOrEqual(BASE_DELAY / 2);
    }
  });

  it('409 idempotency_in_progress after a timed-out first attempt is retried with back-off', async () => {
    server.handle((_, res, n) => {
      if (n === 0) return void setTimeout(() => !res.destroyed && json(res, 201, { data: LABEL, request_id: REQUEST_ID }), 5_000);
      if (n === 1) return apiError(res, 409, 'conflict', 'idempotency_in_progress', 'still working');
      json(res, 201, { data: LABEL, request_id: REQUEST_ID }, { 'Idempotent-Replayed': 'true' });
    });
    const { kirim, retries } = client({ timeout: 400 });
    const { data } = await kirim.labels.create({ name: 'Bug' });
    expect(data).toEqual(LABEL);
    expect(retries.map((r) => r.reason)).toEqual(['timeout', 'status']);
    expect(retries[1]).toMatchObject({ status: 409 });
  });

  it('a DELETE whose lost attempt deleted: the 404 of the retry says the delete may have happened', async () => {
    server.handle((_, res, n) => (n === 0 ? cut(res) : apiError(res, 404, 'not_found', 'resource_not_found', 'no such label')));
    const { kirim } = client();
    const error = await rejection(kirim.labels.delete(LABEL.id));
    expect(error).toMatchObject({ type: 'not_found', status: 404, attempts: 2, afterLostAttempt: true });
    expect((error as Error).message).toMatch(/earlier attempt .* may have been applied: a 404 may mean it deleted/);
  });

  it('maxElapsedMs bounds the whole call, attempts included', async () => {
    server.handle((_, res) => void setTimeout(() => !res.destroyed && json(res, 200, { data: LABEL, request_id: REQUEST_ID }), 1_000));
    const { kirim } = client({ timeout: 5_000, retry: { maxElapsedMs: 150, baseDelayMs: 1 } });
    const error = await rejection(kirim.labels.get(LABEL.id));
    expect(error).toBeInstanceOf(KirimTimeoutError);
    expect((error as Error).message).toMatch(/maxElapsedMs/);
  });
});

describe('item 7: shapes', () => {
  it('a success whose data is not an object, or without request_id: invalid_response_error', async () => {
    const { kirim } = client();
    server.handle((_, res) => json(res, 200, { data: 'just a string', request_id: REQUEST_ID }));
    expect(await rejection(kirim.labels.get(LABEL.id))).toBeInstanceOf(KirimResponseError);
    server.handle((_, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ data: LABEL }));
    });
    expect(await rejection(kirim.labels.get(LABEL.id))).toBeInstanceOf(KirimResponseError);
    server.handle((_, res) => json(res, 200, { data: [LABEL], has_more: 'yes', next_cursor: null, request_id: REQUEST_ID }));
    expect(await rejection(kirim.labels.page())).toBeInstanceOf(KirimResponseError);
  });

  it('a create never resolves with an answer other than 201', async () => {
    const { kirim } = client();
    for (const status of [200, 202, 204]) {
      server.handle((_, res) => json(res, status, { data: LABEL, request_id: REQUEST_ID }));
      const error = await rejection(kirim.labels.create({ name: 'Bug' }));
      expect(error).toBeInstanceOf(KirimResponseError);
      expect(error).toMatchObject({ status });
    }
  });

  it('a paginator over cursors a, b, a stops with an error', async () => {
    server.handle((req, res) => {
      const cursor = new URL(req.url, 'http://x').searchParams.get('cursor');
      json(res, 200, { data: [LABEL], has_more: true, next_cursor: cursor === 'a' ? 'b' : 'a', request_id: REQUEST_ID });
    });
    const { kirim } = client();
    const error = await rejection((async () => { for await (const _ of kirim.labels.list()) void _; })());
    expect(error).toBeInstanceOf(KirimResponseError);
    expect((error as Error).message).toMatch(/repeated/);
    expect(server.seen).toHaveLength(3);
  });
});
