// One resource call: per-call settings beneath openapi-fetch, then the answer turned into a
// result or a thrown error. The resource classes only say which operation to call.
import { KirimApiError, KirimResponseError, type AttemptHistory } from './errors.js';
import { bounded, parseRetryAfter, retryPolicy, type RetryOptions } from './retry-policy.js';
import type { Transport, TransportSettings } from './transport.js';

export interface RequestOptions {
  /** Ends the call (and any wait between retries) when aborted; the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Time-out of each attempt in milliseconds, for this call. */
  timeout?: number;
  /** Retry policy for this call, or `false` for none. */
  retry?: RetryOptions | false;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

export interface IdempotentRequestOptions extends RequestOptions {
  /** Your own Idempotency-Key (at most 255 characters); by default the client makes one per call. */
  idempotencyKey?: string;
}

/** What openapi-fetch needs from a call: the fetch beneath it, the signal and the headers. */
export interface CallInit {
  fetch: (request: Request) => Promise<Response>;
  signal?: AbortSignal | undefined;
  headers?: Record<string, string> | undefined;
}

type Answer = { data?: unknown; error?: unknown; response: Response };

export interface Envelope<B> {
  body: B;
  requestId: string;
  response: Response;
}

/** An operation's documented success: its status, and what is wrong with a body's envelope (undefined when nothing). */
export interface Shape {
  status: number;
  check: (body: Record<string, unknown>) => string | undefined;
}

const oneResource = (body: Record<string, unknown>) => (isObject(body.data) && !Array.isArray(body.data) ? undefined : '`data` is not an object');

/** `200 { data: {...}, request_id }`: one resource. */
export const resource: Shape = { status: 200, check: oneResource };

/** `201 { data: {...}, request_id }`: a created resource (a create never resolves with another status). */
export const created: Shape = { status: 201, check: oneResource };

/** `200 { data: [...], has_more, next_cursor, request_id }`: a list page, next_cursor null exactly on the last page. */
export const listPage: Shape = {
  status: 200,
  check: (body) => {
    if (!Array.isArray(body.data)) return '`data` is not an array';
    if (typeof body.has_more !== 'boolean') return '`has_more` is not a boolean';
    if (body.has_more ? typeof body.next_cursor !== 'string' : body.next_cursor !== null) return '`next_cursor` does not agree with `has_more`';
    return undefined;
  },
};

/** Sends one call through openapi-fetch and gives its envelope, or throws a KirimError. */
export type Call = <B extends { request_id: string }>(send: (init: CallInit) => Promise<Answer>, options?: IdempotentRequestOptions, shape?: Shape) => Promise<Envelope<B>>;

export function createCall(transport: Transport, base: TransportSettings): Call {
  return async <B extends { request_id: string }>(send: (init: CallInit) => Promise<Answer>, options: IdempotentRequestOptions = {}, shape: Shape = resource) => {
    const { timeout, retry, idempotencyKey } = options;
    const settings =
      timeout === undefined && retry === undefined
        ? base
        : { ...base, timeoutMs: timeout === undefined ? base.timeoutMs : bounded('timeout', timeout, 1), retry: retryPolicy(retry, base.retry) };
    let sent: Request | undefined;
    let last: Response | undefined;
    const init: CallInit = {
      fetch: async (request) => {
        sent = request;
        return (last = await transport(request, settings));
      },
      signal: options.signal,
      headers: idempotencyKey === undefined ? options.headers : { ...options.headers, 'Idempotency-Key': idempotencyKey },
    };
    const secret = () => (sent ? transport.secret(sent) : undefined);
    let answer: Answer;
    try {
      answer = await send(init);
    } catch (error) {
      // openapi-fetch parses a success body as JSON and throws SyntaxError when it is not.
      if (error instanceof SyntaxError && last) throw new KirimResponseError(last.status, last.headers.get('X-Request-Id'), 'the body is not JSON', secret(), error);
      throw error;
    }
    const { data, error, response } = answer;
    const requestId = response.headers.get('X-Request-Id');
    if (!response.ok) throw toError(response, error, requestId, secret(), transport.history(response));
    const wrong =
      response.status !== shape.status
        ? `a ${response.status} answer where the API documents ${shape.status}`
        : !isObject(data)
          ? 'the body is not a JSON object'
          : typeof data.request_id !== 'string'
            ? 'no `request_id` in the body'
            : shape.check(data);
    if (wrong !== undefined) throw new KirimResponseError(response.status, requestId, wrong, secret());
    const body = data as B;
    return { body, requestId: requestId ?? body.request_id, response };
  };
}

function toError(response: Response, body: unknown, requestId: string | null, secret: string | undefined, history: AttemptHistory | undefined): Error {
  const envelope = isObject(body) ? body.error : undefined;
  if (isObject(envelope) && typeof envelope.type === 'string' && typeof envelope.code === 'string' && typeof envelope.message === 'string') {
    const retryAfter = response.status === 429 ? parseRetryAfter(response.headers.get('Retry-After')) : undefined;
    return new KirimApiError(response.status, envelope as never, requestId, retryAfter, secret, history);
  }
  const reason = typeof body === 'string' && body.length > 0 ? `body starts ${JSON.stringify(body.slice(0, 120))}` : 'no error envelope in the body';
  return new KirimResponseError(response.status, requestId, reason, secret);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
