// The typed Kirim client: openapi-fetch over the generated `paths`, with the API key sent as a
// bearer token by middleware, so every call is typed from the description.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from '../generated/openapi.js';

export type { components, operations, paths };
export type Label = components['schemas']['Label'];
export type LabelColor = components['schemas']['LabelColor'];
export type ApiError = components['schemas']['ApiError'];
export type ErrorType = components['schemas']['ErrorType'];

export const DEFAULT_BASE_URL = 'https://api-kckit.kirim.chat/v1';

export interface KirimClientOptions {
  /** An organisation's API key, `kdv_live_…`. */
  apiKey: string;
  /** The server URL, with its `/v1` base path. Defaults to production. */
  baseUrl?: string;
  /** A fetch implementation, for tests or other runtimes. Defaults to the global fetch. */
  fetch?: typeof globalThis.fetch;
}

export type KirimClient = Client<paths, 'application/json'>;

/** Sets `Authorization: Bearer <key>` on every request. */
function bearerAuth(apiKey: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set('Authorization', `Bearer ${apiKey}`);
      return request;
    },
  };
}

export function createKirimClient({ apiKey, baseUrl = DEFAULT_BASE_URL, fetch }: KirimClientOptions): KirimClient {
  if (typeof apiKey !== 'string' || apiKey.length === 0) {
    throw new TypeError('createKirimClient: apiKey is required (an organisation key, kdv_live_…)');
  }
  const client = createClient<paths, 'application/json'>({ baseUrl: baseUrl.replace(/\/+$/, ''), ...(fetch ? { fetch } : {}) });
  client.use(bearerAuth(apiKey));
  return client;
}
