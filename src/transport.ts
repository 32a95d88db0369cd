// The fetch that openapi-fetch calls, beneath its middleware chain: it adds the key, runs each
// attempt under a time-out, and retries what is safe to retry. Middleware therefore runs once
// per call and never sees the key; the retries re-send the same bytes and the same
// Idempotency-Key.
import { KirimConnectionError, KirimTimeoutError } from './errors.js';
import { backoffDelay, isRetryableStatus, parseRetryAfter, type RetryPolicy } from './retry-policy.js';

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
}

type Outcome = { response: Response } | { failure: 'connection'; cause: unknown } | { failure: 'timeout' };

export function createTransport(apiKey: ApiKey, defaults: TransportSettings, fetchImpl: typeof fetch = globalThis.fetch): Transport {
  // Per request, not per transport: a key provider may give concurrent calls different keys.
  const keysSent = new WeakMap<Request, string>();

  async function send(request: Request, settings: TransportSettings = defaults): Promise<Response> {
    const key = typeof apiKey === 'string' ? apiKey : await apiKey();
    if (typeof key !== 'string' || key.length === 0) throw new TypeError('the apiKey function gave no key');
    keysSent.set(request, key);
    request.headers.set('Authorization', `Bearer ${key}`);

    // POST is retried only under an Idempotency-Key: the server then answers a repeat with the first result.
    const policy = settings.retry && (request.method !== 'POST' || request.headers.has('Idempotency-Key')) ? settings.retry : false;
    const body = policy && request.body ? await request.arrayBuffer() : undefined;
    const started = Date.now();

    for (let attempt = 1; ; attempt++) {
      const outcome = await attemptOnce(request, body, settings.timeoutMs);
      const delayMs = policy ? nextDelay(outcome, attempt, policy, started) : undefined;
      if (delayMs === undefined) return settle(outcome, request.url, attempt, settings.timeoutMs);
      settings.onRetry?.({
        method: request.method,
        url: request.url,
        attempt,
        delayMs,
        ...('response' in outcome ? { reason: 'status' as const, status: outcome.response.status } : { reason: outcome.failure }),
      });
      if ('response' in outcome) await outcome.response.body?.cancel();
      await sleep(delayMs, request.signal);
    }
  }

  async function attemptOnce(request: Request, body: ArrayBuffer | undefined, timeoutMs: number): Promise<Outcome> {
    const controller = new AbortController();
    const onAbort = () => controller.abort(request.signal.reason);
    request.signal.addEventListener('abort', onAbort);
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const init: RequestInit = { signal: controller.signal };
      if (body !== undefined) init.body = body;
      return { response: await fetchImpl(request, init) };
    } catch (cause) {
      // The caller's own abort ends the call as fetch would end it: with the signal's reason.
      if (request.signal.aborted) throw request.signal.reason;
      return controller.signal.aborted ? { failure: 'timeout' } : { failure: 'connection', cause };
    } finally {
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
    }
  }

  return Object.assign(send, { secret: (request: Request) => keysSent.get(request) });
}

/** The wait before the next attempt, or undefined when this outcome is final. */
function nextDelay(outcome: Outcome, attempt: number, policy: RetryPolicy, started: number): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  let delay: number;
  if ('response' in outcome) {
    if (!isRetryableStatus(outcome.response.status)) return undefined;
    delay = parseRetryAfter(outcome.response.headers.get('Retry-After')) ?? backoffDelay(attempt, policy);
  } else {
    delay = backoffDelay(attempt, policy);
  }
  return Date.now() + delay - started > policy.maxElapsedMs ? undefined : delay;
}

function settle(outcome: Outcome, url: string, attempts: number, timeoutMs: number): Response {
  if ('response' in outcome) return outcome.response;
  if (outcome.failure === 'timeout') throw new KirimTimeoutError(url, attempts, timeoutMs);
  throw new KirimConnectionError(url, attempts, outcome.cause);
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
