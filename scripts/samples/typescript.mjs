// The TypeScript sample: the same request through our own client (`createKirimClient` from
// src/index.ts), using only its public API. httpsnippet knows nothing of our client, so this
// is the one renderer we write; it is generic over operations, never per operation.
import { PRODUCTION_SERVER } from './request.mjs';

/** The specifier users import the client from: the package name. */
export const CLIENT_PACKAGE = '@kirim/openapi';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const INLINE_WIDTH = 72;

const quote = (s) => `'${JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;

/** A TypeScript literal of a JSON value: inline when it fits, else one entry a line. */
export function tsLiteral(value, indent = '') {
  if (typeof value === 'string') return quote(value);
  if (value === null || typeof value !== 'object') return String(value);
  const inner = `${indent}  `;
  const entries = Array.isArray(value)
    ? value.map((item) => [null, item])
    : Object.entries(value).map(([key, item]) => [IDENTIFIER.test(key) ? key : quote(key), item]);
  if (entries.length === 0) return Array.isArray(value) ? '[]' : '{}';
  const render = (at) => entries.map(([key, item]) => `${key === null ? '' : `${key}: `}${tsLiteral(item, at)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{ ', ' }'];
  const inline = `${open}${render(inner).join(', ')}${close}`;
  if (inline.length + indent.length <= INLINE_WIDTH && !inline.includes('\n')) return inline;
  return `${open.trim()}\n${render(inner).map((line) => `${inner}${line},`).join('\n')}\n${indent}${close.trim()}`;
}

/** Renders the sample request of one operation as a TypeScript program using our client. */
export function typescriptSample(request, { serverUrl, apiKey }) {
  const clientOptions = { apiKey, ...(serverUrl === PRODUCTION_SERVER ? {} : { baseUrl: serverUrl }) };
  const params = {};
  const group = (list) => Object.fromEntries(list.map(({ name, value }) => [name, value]));
  if (request.pathParams.length > 0) params.path = group(request.pathParams);
  if (request.query.length > 0) params.query = group(request.query);
  if (request.headers.length > 0) params.header = group(request.headers);
  const init = {};
  if (Object.keys(params).length > 0) init.params = params;
  if (request.body !== undefined) init.body = request.body;
  const args = [quote(request.path), ...(Object.keys(init).length > 0 ? [tsLiteral(init)] : [])].join(', ');
  return [
    `import { createKirimClient } from '${CLIENT_PACKAGE}';`,
    '',
    `const kirim = createKirimClient(${tsLiteral(clientOptions)});`,
    '',
    `const { data, error, response } = await kirim.${request.method}(${args});`,
    'if (error) throw new Error(`${response.status} ${error.error.code}: ${error.error.message}`);',
    'console.log(data);',
  ].join('\n');
}
