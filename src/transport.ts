// The fetch that openapi-fetch calls, beneath its middleware chain: it adds the key, runs each
// attempt (headers and body) under a time-out, and retries what is safe to retry. Middleware
// therefore runs once per call and never sees the key; the retries re-send the same bytes and
// the same Idempotency-Key. Redirects are not followed: a write, its body and its key go to the
// configured server or nowhere.
import { KirimConfigError, KirimConnectionError, KirimResponseError, KirimTimeoutError, type AttemptHistory } from './errors.js';
import { backoffDelay, isRetryableAnswer, parseRetryAfter, type RetryPolicy } from './retry-policy.js';

/** An organisation's API key (`kdv_live_…`), or a function that gives it (called once per call). */
export type ApiKey = string | (() => string | Promise<string>);

export interface RetryEvent {
  method: string;
  url: string;
  /** The attempt that failed, from 1. */
  attempt: number;
  /** The wait before the next attempt, in milliseconds. */
  delayMs: number;
  reason: 'status' | 'connection' | 'timeout';
  /** The status that was answered, when `reason` is `status`. */
  status?: number;
}

export interface TransportSettings {
  timeoutMs: number;
  retry: RetryPolicy | false;
  onRetry?: ((event: RetryEvent) => void) | undefined;
}

export interface Transport {
  (request: Request, settings?: TransportSettings): Promise<Response>;
  /** The key sent with this request, so that error messages can be cleaned of it. */
  secret(request: Request): string | undefined;
  /** How the attempts behind this answer went. */
  history(response: Response): AttemptHistory | undefined;
}

type Outcome =
  | { response: Response; bytes: ArrayBuffer }
  | { failure: 'connection'; cause: unknown; answeredStatus: number | undefined }
  | { failure: 'timeout'; budgetSpent: boolean };

/** Statuses whose Response may not carry a body. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** A key is sent in a header: only visible ASCII can be, and nothing else is a Kirim key. */
export function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0) throw new KirimConfigError('apiKey', 'apiKey is required: a key (kdv_live_…) or a function giving one');
  if (!/^[\x21-\x7e]+$/.test(key)) {
    throw new KirimConfigError('apiKey', 'apiKey has a space, control (CR, LF, NUL) or non-ASCII character: it cannot be sent as a header');
  }
  return key;
}

export function createTransport(apiKey: ApiKey, defaults: TransportSettings, fetchImpl: typeof fetch = globalThis.fetch): Transport {
  // Per request, not per transport: a key provider may give concurrent calls different keys.
  const keysSent = new WeakMap<Request, string>();
  const histories = new WeakMap<Response, AttemptHistory>();

  async function send(request: Request, settings: TransportSettings = defaults): Promise<Response> {
    // An aborted signal stops the call before anything is sent (fetch's own rule).
    request.signal.throwIfAborted();
    const key = checkKey(typeof apiKey === 'string' ? apiKey : await apiKey());
    request.signal.throwIfAborted();
    keysSent.set(request, key);
    request.headers.set('Authorization', `Bearer ${key}`);

    // POST is retried only under an Idempotency-Key: the server then answers a repeat with the first result.
    const policy = settings.retry && (request.method !== 'POST' || request.headers.has('Idempotency-Key')) ? settings.retry : false;
    const body = request.body ? await request.arrayBuffer() : undefined;
    const started = Date.now();
    const deadline = policy ? started + policy.maxElapsedMs : Number.POSITIVE_INFINITY;
    let lost = false;

    for (let attempt = 1; ; attempt++) {
      const outcome = await attemptOnce(request, body, settings.timeoutMs, deadline);
      const delayMs = policy ? nextDelay(outcome, attempt, policy, deadline) : undefined;
      if (delayMs === undefined) return settle(outcome, request, key, { attempts: attempt, lost }, settings.timeoutMs, policy);
      lost ||= !('response' in outcome);
      settings.onRetry?.({
        method: request.method,
        url: request.url,
        attempt,
        delayMs,
        ...('response' in outcome ? { reason: 'status' as const, status: outcome.response.status } : { reason: outcome.failure }),
      });
      await sleep(delayMs, request.signal);
    }
  }

  /** One attempt, its body read in full under the same time-out and signal as its headers. */
  async function attemptOnce(request: Request, body: ArrayBuffer | undefined, timeoutMs: number, deadline: number): Promise<Outcome> {
    const left = deadline - Date.now();
    if (left <= 0) return { failure: 'timeout', budgetSpent: true };
    const budgetSpent = left < timeoutMs;
    const controller = new AbortController();
    const onAbort = () => controller.abort(request.signal.reason);
    request.signal.addEventListener('abort', onAbort);
    const timer = setTimeout(() => controller.abort(), Math.min(timeoutMs, left));
    let answered: Response | undefined;
    try {
      const init: RequestInit = { signal: controller.signal, redirect: 'manual' };
      // A copy per attempt: fetch may detach the buffer it was given.
      if (body !== undefined) init.body = body.slice(0);
      answered = await fetchImpl(request, init);
      const bytes = await answered.arrayBuffer();
      return { response: rebuild(answered, bytes), bytes };
    } catch (cause) {
      // The caller's own abort ends the call as fetch would end it: with the signal's reason.
      if (request.signal.aborted) throw request.signal.reason;
      if (controller.signal.aborted) return { failure: 'timeout', budgetSpent };
      return { failure: 'connection', cause, answeredStatus: answered?.status };
    } finally {
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
    }
  }

  function settle(outcome: Outcome, request: Request, key: string, history: AttemptHistory, timeoutMs: number, policy: RetryPolicy | false): Response {
    const { url } = request;
    if ('response' in outcome) {
      const { response } = outcome;
      if (response.status >= 300 && response.status < 400) throw redirected(response, url, key);
      histories.set(response, history);
      return response;
    }
    if (outcome.failure === 'timeout') throw new KirimTimeoutError(url, history.attempts, timeoutMs, outcome.budgetSpent && policy ? policy.maxElapsedMs : undefined);
    throw new KirimConnectionError(url, history.attempts, outcome.cause, key, outcome.answeredStatus);
  }

  return Object.assign(send, { secret: (request: Request) => keysSent.get(request), history: (response: Response) => histories.get(response) });
}

/** The answer again, over the bytes already read, so that openapi-fetch parses it as usual. */
function rebuild(answered: Response, bytes: ArrayBuffer): Response {
  const { status, statusText, headers } = answered;
  const response = new Response(NULL_BODY_STATUSES.has(status) ? null : bytes, { status, statusText, headers });
  Object.defineProperty(response, 'url', { value: answered.url });
  return response;
}

function redirected(response: Response, url: string, key: string): KirimResponseError {
  const location = response.headers.get('Location');
  const target = location === null ? 'no Location' : new URL(location, url).href;
  return new KirimResponseError(
    response.status,
    response.headers.get('X-Request-Id'),
    `a redirect to ${target}, not followed (a request and its key go to baseUrl only): set baseUrl to the URL that answers`,
    key,
  );
}

/** The wait before the next attempt, or undefined when this outcome is final. */
function nextDelay(outcome: Outcome, attempt: number, policy: RetryPolicy, deadline: number): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  let delay = backoffDelay(attempt, policy);
  if ('response' in outcome) {
    const { status, headers } = outcome.response;
    if (!isRetryableAnswer(status, () => errorCode(outcome.bytes))) return undefined;
    // The server's wait, but never less than the back-off: `Retry-After: 0` must not become a tight loop.
    delay = Math.max(delay, parseRetryAfter(headers.get('Retry-After')) ?? 0);
  }
  return Date.now() + delay >= deadline ? undefined : delay;
}

function errorCode(bytes: ArrayBuffer): string | undefined {
  try {
    const code = JSON.parse(new TextDecoder().decode(bytes))?.error?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
