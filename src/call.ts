// One resource call: per-call settings beneath openapi-fetch, then the answer turned into a
// result or a thrown error. The resource classes only say which operation to call.
import type { KirimClient } from './client.js';
import { checkTimeout } from './client.js';
import { KirimApiError, KirimResponseError } from './errors.js';
import { parseRetryAfter, retryPolicy, type RetryOptions } from './retry-policy.js';
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

export class Caller {
  constructor(
    readonly raw: KirimClient,
    private readonly transport: Transport,
    private readonly settings: TransportSettings,
  ) {}

  async call<B extends { request_id: string }>(send: (init: CallInit) => Promise<Answer>, options: IdempotentRequestOptions = {}): Promise<Envelope<B>> {
    const settings = this.settingsFor(options);
    let last: Response | undefined;
    const init: CallInit = {
      fetch: async (request) => (last = await this.transport(request, settings)),
      signal: options.signal,
      headers: options.idempotencyKey === undefined ? options.headers : { ...options.headers, 'Idempotency-Key': options.idempotencyKey },
    };
    let answer: Answer;
    try {
      answer = await send(init);
    } catch (error) {
      // openapi-fetch parses a success body as JSON and throws SyntaxError when it is not.
      if (error instanceof SyntaxError && last) throw new KirimResponseError(last.status, last.headers.get('X-Request-Id'), 'the body is not JSON', this.transport.secret(), error);
      throw error;
    }
    const { data, error, response } = answer;
    const headerId = response.headers.get('X-Request-Id');
    if (!response.ok) throw this.toError(response, error, headerId);
    if (!isObject(data) || !('data' in data)) throw new KirimResponseError(response.status, headerId, 'no `data` in the body', this.transport.secret());
    const body = data as B;
    return { body, requestId: headerId ?? body.request_id, response };
  }

  private settingsFor(options: RequestOptions): TransportSettings {
    if (options.timeout === undefined && options.retry === undefined) return this.settings;
    return {
      ...this.settings,
      timeoutMs: options.timeout === undefined ? this.settings.timeoutMs : checkTimeout(options.timeout),
      retry: options.retry === undefined ? this.settings.retry : retryPolicy(options.retry, this.settings.retry),
    };
  }

  private toError(response: Response, body: unknown, requestId: string | null): Error {
    const secret = this.transport.secret();
    const envelope = isObject(body) ? body.error : undefined;
    if (isObject(envelope) && typeof envelope.type === 'string' && typeof envelope.code === 'string' && typeof envelope.message === 'string') {
      const retryAfter = response.status === 429 ? parseRetryAfter(response.headers.get('Retry-After')) : undefined;
      return new KirimApiError(response.status, envelope as never, requestId, retryAfter, secret);
    }
    const reason = typeof body === 'string' && body.length > 0 ? `body starts ${JSON.stringify(body.slice(0, 120))}` : 'no error envelope in the body';
    return new KirimResponseError(response.status, requestId, reason, secret);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
