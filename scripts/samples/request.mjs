// The one request a code sample makes for an operation, built from the description alone:
// path and query values from the parameters' examples, the body from the operation's first
// named request example (the one that works against the mock's seed with the README's key), so
// every value matches its schema, with an Idempotency-Key of the operation's own; no Authorization
// header for a public operation.
import { UserError } from '../lib/cli.mjs';
import { documentedRequest } from '../../lib/openapi.mjs';

/** The client's default server (src/client.ts DEFAULT_BASE_URL): its samples need no baseUrl there. */
export const PRODUCTION_SERVER = 'https://api-kckit.kirim.chat/v1';

/** A well-formed key (`kdv_live_` + 24 URL-safe base64 characters) that says what to put there. */
export const SAMPLE_API_KEY = 'kdv_live_REPLACE_WITH_YOUR_KEY_00';

/**
 * The sample request of one operation: `{ operationId, method, path, pathParams, query, headers, body }`
 * with `url(serverUrl)` giving the full URL without the query string.
 */
export function sampleRequest(document, op) {
  let request;
  try {
    request = documentedRequest(document, op);
  } catch (error) {
    throw new UserError(`samples: ${/** @type {Error} */ (error).message}`);
  }
  const list = (/** @type {Record<string, unknown>} */ values) => Object.entries(values).map(([name, value]) => ({ name, value }));
  const headers = list(request.headers);
  const resolvedPath = op.path.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(request.path[name] ?? ''));
  return {
    operationId: op.operationId,
    method: op.method.toUpperCase(),
    path: op.path,
    pathParams: list(request.path),
    query: list(request.query),
    headers,
    body: request.body,
    public: op.public,
    url: (/** @type {string} */ serverUrl) => `${serverUrl.replace(/\/+$/, '')}${resolvedPath}`,
  };
}

/** The request as a HAR entry, the input of @readme/httpsnippet. */
export function toHar(request, { serverUrl, apiKey }) {
  const auth = request.public ? [] : [{ name: 'Authorization', value: `Bearer ${apiKey}` }];
  const headers = [...auth, ...request.headers.map(({ name, value }) => ({ name, value: String(value) }))];
  // httpsnippet's HarRequest type demands `postData` even for a request without a body.
  /** @type {any} */
  const har = {
    method: request.method,
    url: request.url(serverUrl),
    httpVersion: 'HTTP/1.1',
    cookies: [],
    headers,
    queryString: request.query.map(({ name, value }) => ({ name, value: String(value) })),
    headersSize: -1,
    bodySize: -1,
  };
  if (request.body !== undefined) {
    headers.push({ name: 'Content-Type', value: 'application/json' });
    har.postData = { mimeType: 'application/json', text: JSON.stringify(request.body) };
  }
  return har;
}
