// The typed openapi-fetch client over the generated `paths`, with the transport beneath it.
// This is the raw layer: `Kirim` (resources.ts) builds its methods on it, and it stays
// reachable there as `kirim.raw`.
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/openapi.js';
import { KirimConfigError } from './errors.js';
import { idempotencyKey } from './idempotency.js';
import { bounded, retryPolicy, type RetryOptions, type RetryPolicy } from './retry-policy.js';
import { checkKey, createTransport, type ApiKey, type RetryEvent, type Transport, type TransportSettings } from './transport.js';

export const DEFAULT_BASE_URL = 'https://api-kckit.kirim.chat/v1';
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface KirimClientOptions {
  /** An organisation's API key, `kdv_live_…`, or an (async) function that returns it. */
  apiKey: ApiKey;
  /** The server URL, with its `/v1` base path. Defaults to production. */
  baseUrl?: string;
  /** A fetch implementation, for tests or other runtimes. Defaults to the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Time-out of each attempt, until the whole answer (headers and body) has arrived, in milliseconds. Default 30000. */
  timeout?: number;
  /** Retry policy, or `false` for none. */
  retry?: RetryOptions | false;
  /** Called before each retry (for logging: it carries no header, so never the key). */
  onRetry?: (event: RetryEvent) => void;
}

export type KirimClient = Client<paths, 'application/json'>;

export interface ClientParts {
  raw: KirimClient;
  transport: Transport;
  settings: TransportSettings;
}

export function buildClient(options: KirimClientOptions, defaultRetry: RetryPolicy | false): ClientParts {
  const { apiKey, baseUrl = DEFAULT_BASE_URL, fetch, timeout = DEFAULT_TIMEOUT_MS, retry, onRetry } = options ?? ({} as KirimClientOptions);
  if (typeof apiKey !== 'function') checkKey(apiKey);
  const settings: TransportSettings = { timeoutMs: bounded('timeout', timeout, 1), retry: retryPolicy(retry, defaultRetry), onRetry };
  const transport = createTransport(apiKey, settings, fetch);
  const raw = createClient<paths, 'application/json'>({ baseUrl: checkBaseUrl(baseUrl), fetch: (request) => transport(request) });
  raw.use(idempotencyKey);
  return { raw, transport, settings };
}

/** The base URL without its trailing slashes; an http(s) URL without credentials, or a KirimConfigError. */
function checkBaseUrl(baseUrl: unknown): string {
  const url = typeof baseUrl === 'string' && URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new KirimConfigError('baseUrl', 'baseUrl must be an absolute http(s) URL with the /v1 base path, such as https://api-kckit.kirim.chat/v1');
  }
  // fetch refuses such a URL with a message that quotes it; the key goes in apiKey anyway.
  if (url.username || url.password) throw new KirimConfigError('baseUrl', 'baseUrl must not hold credentials (user:password@): give the API key as apiKey');
  return (baseUrl as string).replace(/\/+$/, '');
}

/**
 * The plain typed client: openapi-fetch over `paths`, with the key, time-outs and idempotency
 * keys. It answers `{ data, error, response }` as openapi-fetch does and does not retry unless
 * `retry` is given, so that contract tests see every answer; `new Kirim()` retries by default.
 */
export function createKirimClient(options: KirimClientOptions): KirimClient {
  return buildClient(options, false).raw;
}
