// The one request a code sample makes for an operation, built from the description alone:
// path and query values from the parameters' examples, the body from the operation's first
// named request example, so every value matches its schema (ids match their patterns); an
// Idempotency-Key of the operation's own.
import { createHash } from 'node:crypto';
import { UserError } from '../lib/cli.mjs';
import { deref } from '../lib/openapi.mjs';

/** The client's default server (src/client.ts DEFAULT_BASE_URL): its samples need no baseUrl there. */
export const PRODUCTION_SERVER = 'https://api-kckit.kirim.chat/v1';

/** A well-formed key (`kdv_live_` + 24 URL-safe base64 characters) that says what to put there. */
export const SAMPLE_API_KEY = 'kdv_live_REPLACE_WITH_YOUR_KEY_00';

/**
 * A parameter appears in the sample when it is required, a header (Idempotency-Key: retries are
 * the case samples should teach), or has a default (the reader sees the knob, e.g. `limit`).
 * `cursor` has neither: a first call has no cursor.
 */
const shown = (parameter) => parameter.required || parameter.in === 'header' || parameter.schema?.default !== undefined;

/**
 * The Idempotency-Key of an operation's sample: a UUID v4 derived from the operationId, so that
 * each operation's sample has its own and the output stays deterministic. The header's one shared
 * example, copied into three POST samples, makes the second one answer `422 idempotency_key_reuse`
 * (the stateful mock showed it).
 */
export function idempotencyKeyOf(operationId) {
  const hex = createHash('sha256').update(`kirim-sample:${operationId}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function valueOf(document, parameter, where) {
  const schema = deref(document, parameter.schema ?? {});
  const value = parameter.example ?? schema.examples?.[0] ?? schema.default;
  if (value === undefined) throw new UserError(`samples: ${where} parameter "${parameter.name}" has no example, examples or default to show`);
  return value;
}

/**
 * The first named request example: the reference shows it first in the request panel, right
 * above the samples, so the two must agree (test/browser checks it). The description puts the
 * example that works everywhere first: createLabel's `in_team` (with `team_id`) works for
 * single- and multi-team organisations alike, where `minimal` fails for the latter.
 */
function firstRequestExample(document, operation, where) {
  if (!operation.requestBody) return undefined;
  const media = deref(document, operation.requestBody).content?.['application/json'];
  const first = Object.values(media?.examples ?? {})[0];
  const value = first === undefined ? media?.example : deref(document, first).value;
  if (value === undefined) throw new UserError(`samples: ${where} has a request body but no named example to send`);
  return value;
}

/**
 * The sample request of one operation: `{ operationId, method, path, pathParams, query, headers, body }`
 * with `url(serverUrl)` giving the full URL without the query string.
 */
export function sampleRequest(document, { path, method, operation, parameters }) {
  const where = `${method.toUpperCase()} ${path} (${operation.operationId})`;
  const pick = (location) =>
    parameters
      .filter((p) => p.in === location && shown(p))
      .map((p) => ({
        name: p.name,
        value: location === 'header' && p.name.toLowerCase() === 'idempotency-key' ? idempotencyKeyOf(operation.operationId) : valueOf(document, p, where),
      }));
  const pathParams = pick('path');
  const resolvedPath = path.replace(/\{([^}]+)\}/g, (_, name) => {
    const param = pathParams.find((p) => p.name === name);
    if (!param) throw new UserError(`samples: ${where} has no path parameter "${name}"`);
    return encodeURIComponent(String(param.value));
  });
  return {
    operationId: operation.operationId,
    method: method.toUpperCase(),
    path,
    pathParams,
    query: pick('query'),
    headers: pick('header'),
    body: firstRequestExample(document, operation, where),
    url: (serverUrl) => `${serverUrl.replace(/\/+$/, '')}${resolvedPath}`,
  };
}

/** The request as a HAR entry, the input of @readme/httpsnippet. */
export function toHar(request, { serverUrl, apiKey }) {
  const headers = [{ name: 'Authorization', value: `Bearer ${apiKey}` }, ...request.headers.map(({ name, value }) => ({ name, value: String(value) }))];
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
