// Stateless answers from the description's examples, chosen by Prism's own mocker (negotiator),
// with `Prefer: code=..., example=...` selecting a documented response as in stock Prism.
import { createRequire } from 'node:module';
import { invalidField } from './errors.mjs';

const require = createRequire(import.meta.url);
const mock = require('@stoplight/prism-http/dist/mocker/index.js').default;

const noop = () => {};
/** Prism's components want a pino-like logger; the mock logs nothing per request. */
const silentLogger = { info: noop, warn: noop, error: noop, debug: noop, trace: noop, fatal: noop, success: noop, child: () => silentLogger };

const preferError = (message) => invalidField('Prefer', message);

/** Parses `Prefer: code=404, example=label_not_found` into { code, example }. */
export function parsePrefer(header) {
  const prefer = {};
  if (!header) return prefer;
  for (const part of header.split(/[,;]/)) {
    const [key, ...value] = part.split('=');
    const name = key.trim().toLowerCase();
    const v = value.join('=').trim().replace(/^"(.*)"$/, '$1');
    if (name === 'code') prefer.code = v;
    else if (name === 'example') prefer.example = v;
  }
  return prefer;
}

/**
 * The stateless answer to a valid request: { status, body }. A code or example the operation
 * does not document is a 400 naming the `Prefer` header (stock Prism answers a 404 that looks
 * like a real one).
 */
export function mockResponse(op, prismOperation, request, prefer) {
  const code = prefer.code;
  // Own properties only: `code=constructor` must not find Object.prototype.constructor.
  if (code !== undefined && !Object.hasOwn(op.responses, code)) {
    throw preferError(`Prefer: code=${code} is not a documented response of ${op.operationId} (documented: ${op.statuses.join(', ')})`);
  }
  const chosen = code ?? String(op.successStatus);
  if (prefer.example !== undefined && !(Object.hasOwn(op.responses, chosen) && op.responses[chosen].exampleNames.includes(prefer.example))) {
    const names = op.responses[chosen]?.exampleNames ?? [];
    throw preferError(`Prefer: example=${prefer.example} is not an example of ${op.operationId} ${chosen} (examples: ${names.join(', ') || 'none'})`);
  }
  const config = { dynamic: false, code: code === undefined ? undefined : Number(code), exampleKey: prefer.example, mediaTypes: ['application/json'] };
  const result = mock({ resource: prismOperation, input: { data: request, validations: [] }, config })(silentLogger);
  if (result._tag === 'Left') throw new Error(`Prism's mocker failed for ${op.operationId}: ${result.left?.message ?? result.left}`);
  // Prism hands out the example object itself: copy it before the request id is written in.
  return { status: result.right.statusCode, body: structuredClone(result.right.body) };
}
